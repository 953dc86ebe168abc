from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from wagtail.models import Page


class PageSearchVectors(models.Model):
    """What ranks a page in site search on PostgreSQL, beside Wagtail's index.

    Wagtail's index keys its entries by text, so joining them to pages casts
    every page id, and its body vectors are read to rank each match. Here the
    key is the page's own, and the heading (the fields whose `search_fields`
    carry a boost: title and summary) is a vector of its own, small enough to
    rank thousands of matches without reading any body. Written from the page's
    live row whenever a searchable page is saved (site_search/vectors.py).
    """

    page = models.OneToOneField(
        Page, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    heading = SearchVectorField()
    body = SearchVectorField()

    class Meta:
        indexes = [
            GinIndex(fields=["heading"], name="site_search_heading_gin"),
            GinIndex(fields=["body"], name="site_search_body_gin"),
        ]
        verbose_name = "page's search vectors"
        verbose_name_plural = "pages' search vectors"

    def __str__(self):
        return f"Search vectors of page {self.page_id}"
