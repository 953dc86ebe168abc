"""One article library for a group of centers.

An article is written, reviewed and published once, under the article index
of the center where it was written. Its editor ticks the other centers that
carry it (`ArticlePage.also_shown_at`); when it is published, each of those
centers' article indexes gets a Wagtail alias of it, and an unticked center's
alias is deleted. Wagtail keeps aliases in step from then on: publishing the
article republishes them with the same content and review line, unpublishing
it unpublishes them. Deleting the article deletes them too, rather than
leaving copies that no review would update.

An alias is a page of its center's tree, so that center's header, phone, menu,
listings, search, feeds and related articles show it with that center's
details; its canonical address is the article's own (seo_tags), and sitemaps
list only the article (seo.sitemap), so search engines see one page.
"""

import logging

from django.db.models.signals import pre_delete

from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Site
from wagtail.signals import page_published

from core import languages

logger = logging.getLogger(__name__)


def article_index_of(site, locale_id):
    """The article index a center's aliases in that language go under: its
    first live one (a Spanish article goes to the center's Spanish articles,
    and nowhere while the center has none)."""
    from articles.models import ArticleIndexPage

    return (
        ArticleIndexPage.objects.live()
        .filter(languages.in_site_in_every_language(site), locale_id=locale_id)
        .order_by("path")
        .first()
    )


def site_of(page):
    """The site whose tree holds `page`, in any of its languages, or None."""
    roots = [
        root
        for root in Site.get_site_root_paths()
        if page.url_path.startswith(root.root_path)
    ]
    if not roots:
        return None
    deepest = max(roots, key=lambda root: len(root.root_path))
    return Site.objects.get(pk=deepest.site_id)


def show_at_chosen_centers(article):
    """Give each ticked center an alias of `article` (live), and delete the
    aliases of the centers no longer ticked. Returns the aliases made."""
    own_site = site_of(article)
    wanted = {site.pk: site for site in article.also_shown_at.all()}
    if own_site is not None:
        wanted.pop(own_site.pk, None)
    made = []
    for alias in Page.objects.filter(alias_of=article):
        site = site_of(alias)
        if site is not None and wanted.pop(site.pk, None) is None:
            alias.specific.delete()
    for site in wanted.values():
        index = article_index_of(site, article.locale_id)
        if index is None:
            logger.warning(
                "Article %s is ticked for %s, which has no article index",
                article.pk,
                site,
            )
            continue
        slug = find_available_slug(index, article.slug)
        alias = article.create_alias(parent=index, update_slug=slug)
        # As Wagtail announces an alias it updates: the front cache and the
        # kept parts of that center's lists drop what no longer holds.
        page_published.send(
            sender=alias.specific_class, instance=alias, revision=None, alias=True
        )
        made.append(alias)
    return made


def on_published(sender, instance, alias=False, **kwargs):
    if alias or instance.alias_of_id is not None:
        return
    show_at_chosen_centers(instance)


def on_deleting(sender, instance, **kwargs):
    # Sent for the Page row and for the article's row: act once.
    if type(instance) is not instance.specific_class:
        return
    for alias in Page.objects.filter(alias_of=instance):
        alias.specific.delete()


def connect():
    from articles.models import ArticlePage

    page_published.connect(
        on_published, sender=ArticlePage, dispatch_uid="articles-library-published"
    )
    pre_delete.connect(
        on_deleting, sender=ArticlePage, dispatch_uid="articles-library-deleted"
    )
