"""Every page type carries the search and sharing fields (seo.models.SeoMixin)."""

from wagtail.models import Page, get_page_models

from articles.models import ArticlePage

PROMOTE_FIELDS = {
    "seo_title",
    "search_description",
    "share_image",
    "canonical_url",
    "noindex",
}


def site_page_types():
    return [model for model in get_page_models() if model is not Page]


def test_every_page_type_has_the_search_and_sharing_fields_on_its_form():
    page_types = site_page_types()
    assert ArticlePage in page_types

    for model in page_types:
        form_fields = set(model.get_edit_handler().get_form_class().base_fields)
        missing = PROMOTE_FIELDS - form_fields
        assert not missing, f"{model.__name__} lacks {sorted(missing)}"
