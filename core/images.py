"""Image renditions the templates ask for, named once.

A page that fetches its images with `images_with_renditions(...)` gets those
renditions in the same query; Wagtail then assumes any other filter does not
exist yet and generates it again on every request. So every filter a page's
templates use must be listed where that page prefetches.

Pictures are offered as AVIF and WebP (far fewer bytes than a JPEG of the
same look) with JPEG as the fallback, through Wagtail's `{% picture %}` tag:
`{% picture image fill-{400x225,800x450} format-{avif,webp,jpeg} ... %}` makes
every size in every format, which `in_picture_formats` lists the same way.
"""

from wagtail.images import get_image_model

# Best first; the last is the fallback every browser shows.
PICTURE_FORMATS = ("avif", "webp", "jpeg")


def in_picture_formats(*sizes):
    """The filter specs `{% picture %}` makes for `sizes` x PICTURE_FORMATS."""
    return tuple(
        f"{size}|format-{image_format}"
        for size in sizes
        for image_format in PICTURE_FORMATS
    )


# Listing cards (article index, related articles, program lists).
CARD_FILTERS = in_picture_formats("fill-400x225", "fill-800x450")
# The share card for Open Graph and Twitter: JPEG, which every crawler reads.
SHARE_FILTER = "fill-1200x630|format-jpeg"
# The wide image under a page's title (articles, programs), and its share card.
HERO_FILTERS = (
    *in_picture_formats("fill-640x360", "fill-1024x576", "fill-1600x900"),
    SHARE_FILTER,
)


# The home page's wide hero, with a taller crop for phones (home_page.html).
HOME_HERO_FILTERS = ("fill-1280x560", "fill-640x400", "fill-960x600", SHARE_FILTER)


def images_with_renditions(*filters):
    return get_image_model().objects.prefetch_renditions(*filters)
