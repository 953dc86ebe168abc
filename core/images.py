"""Image renditions the templates ask for, named once.

A page that fetches its images with `images_with_renditions(...)` gets those
renditions in the same query; Wagtail then assumes any other filter does not
exist yet and generates it again on every request. So every filter a page's
templates use must be listed where that page prefetches.
"""

from wagtail.images import get_image_model

# Listing cards (article index, related articles, program lists).
CARD_FILTERS = ("fill-400x225", "fill-800x450")
# The share card for Open Graph and Twitter.
SHARE_FILTER = "fill-1200x630"


def images_with_renditions(*filters):
    return get_image_model().objects.prefetch_renditions(*filters)
