"""Featured cards on the demo home page, once the pages they point to exist."""

from wagtail.models import Page

# (url path below the home page, card heading or "" for the page title)
FEATURED = [
    ("treatment-programs/heroin-rehab/", ""),
    ("treatment-programs/dual-diagnosis-treatment/", ""),
    ("waltham/", "Our center in Waltham"),
    ("articles/how-heroin-can-lead-to-depression/", ""),
]


def load(site, log):
    home = site.root_page.specific
    if home.featured:
        return  # an editor's choice is never overwritten
    base = home.url_path
    pages = {
        page.url_path: page
        for page in Page.objects.live().filter(
            url_path__in=[base + path for path, _ in FEATURED]
        )
    }
    blocks = [
        ("featured_page", {"page": pages[base + path], "heading": heading, "text": ""})
        for path, heading in FEATURED
        if base + path in pages
    ]
    if blocks:
        home.featured = blocks
        home.save_revision().publish()
        log(f"Featured {len(blocks)} pages on the home page")
