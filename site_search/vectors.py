"""Keeping each searchable page's search vectors (PageSearchVectors) current.

Built by Wagtail's own indexer (modelsearch's ObjectIndexer: the same text,
weights and text search configuration as Wagtail's index), from the page's
row in the database, which holds the live version (a draft lives in its
revision): a saved draft never changes what search finds. Written whenever a
searchable page is saved, and after every `migrate` for any live page that has
none yet (a database from before this table, or pages bulk-loaded without
signals). Only on PostgreSQL, where results.py ranks with them.
"""

from django.db import connection
from django.db.models.signals import post_migrate, post_save

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from site_search.models import PageSearchVectors


def heading_and_body(indexer):
    """(heading, body) vectors: the heading holds the title (weight A) and the
    fields `search_fields` boost (the summary, weight B); the body is Wagtail's
    (every field but the title)."""
    texts = [(indexer.obj.title, "A")]
    for search_field in indexer.search_fields:
        # Wagtail boosts the title too; it is in the heading already.
        if search_field.field_name != "title" and getattr(search_field, "boost", 0):
            for _field, _weight, value in indexer.prepare_field(
                indexer.obj, search_field
            ):
                texts.append((value, "B"))
    return indexer.as_vector(texts), indexer.body


# PostgreSQL's text search configuration for each content language; others
# use the search backend's (English).
SEARCH_CONFIGS = {"es": "spanish"}


def search_config_for(language_code):
    return SEARCH_CONFIGS.get(language_code) or get_search_backend().config


def write_vectors(pages):
    """Write the vectors of `pages` (specific instances, as saved)."""
    if connection.vendor != "postgresql" or not pages:
        return
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer

    backend = get_search_backend()
    locales = Locale.objects.in_bulk()
    rows = []
    for page in pages:
        indexer = ObjectIndexer(page, backend)
        # Stemmed as its language is (a Spanish page: "adicciones" → "adicci").
        indexer.config = search_config_for(locales[page.locale_id].language_code)
        heading, body = heading_and_body(indexer)
        rows.append(PageSearchVectors(page_id=page.pk, heading=heading, body=body))
    PageSearchVectors.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["heading", "body"],
    )


def on_page_saved(sender, instance, raw=False, **kwargs):
    if raw or connection.vendor != "postgresql":
        return
    # Read back as Wagtail's indexer does: the row holds the live version.
    write_vectors([sender.objects.get(pk=instance.pk)])


def fill_missing(**kwargs):
    from site_search.results import searchable_models

    if connection.vendor != "postgresql":
        return
    written = False
    for model in searchable_models():
        missing = model.objects.live().exclude(
            pk__in=PageSearchVectors.objects.values("page_id")
        )
        while batch := list(missing[:200]):
            write_vectors(batch)
            written = True
    if written:
        # Until the planner has statistics it takes every word for rare and
        # reads all matches of a common one (4 ms against 22 at 10,000 pages).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PageSearchVectors._meta.db_table}")


def connect(app_config):
    from site_search.results import searchable_models

    for model in searchable_models():
        post_save.connect(on_page_saved, sender=model)
    post_migrate.connect(fill_missing, sender=app_config)
