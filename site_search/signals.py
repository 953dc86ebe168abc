"""Cached search answers are retired whenever what a search may find changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from site_search.results import forget_cached_results


def forget_when_a_page_goes(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_cached_results()


def register():
    # Published, withdrawn (also when a page expires), moved or deleted pages,
    # and pages made private or public again.
    page_published.connect(forget_cached_results, dispatch_uid="site_search_publish")
    page_unpublished.connect(
        forget_cached_results, dispatch_uid="site_search_unpublish"
    )
    post_page_move.connect(forget_cached_results, dispatch_uid="site_search_move")
    post_delete.connect(forget_when_a_page_goes, dispatch_uid="site_search_delete")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_cached_results,
            sender=PageViewRestriction,
            dispatch_uid=f"site_search_restriction_{signal is post_save}",
        )
