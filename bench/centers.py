"""More centers for the benchmark: sites that share the first site's articles.

    python bench/centers.py N

Run by run.py (`--centers N`) with the server's environment, after the demo
content and the bulk articles. Makes sites until there are N (the demo's own
second center counts): center<k>.localhost, each with its own home page
under the root, an article index under it, and its own center details (a
distinct name and phone). Where the project has `core.centers.add_center`
(`manage.py add_center`), a center is made by it, with every demo program and
the contact and insurance pages a center has; otherwise as the demo makes the
first site (core/demo.py, articles/demo.py): a copy of the first home page,
an article index, and the first center's details and navigation copied.

Then every article of the first center appears on every other one as a
Wagtail alias under that center's article index, as the article library does
when an article is published with those centers ticked (articles/library.py):
`also_shown_at` is ticked too, where the model has it, so a publish during
the benchmark keeps the aliases rather than deleting them.

The aliases are made with Wagtail's `create_alias`, in one transaction a
center, and the centers in parallel, one process a core (each center is a
subtree of its own, so they never touch the same rows). Each center's search
index is written in bulk once its aliases are made (Wagtail's per-save
indexing recomputes the title length average over the whole index on every
save; see generate_articles.py). Idempotent: a center that exists is left as
it is, and an article it already shows is not aliased again.

Prints one JSON line: the N hosts in order (the default site's first), the
aliases made and the seconds they took, and the aliases there are.
"""

import concurrent.futures
import json
import multiprocessing
import os
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.signal_handlers import post_save_signal_handler  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage  # noqa: E402
from core.models import CenterSettings  # noqa: E402
from navigation.models import NavigationSettings  # noqa: E402
from site_search import vectors  # noqa: E402

try:
    from core.centers import add_center  # noqa: E402
    from services.demo import SERVICES  # noqa: E402
except ImportError:  # a project without it: made as the demo makes the first
    add_center = None


def details(k):
    name = f"Evoke Wellness at Center {k}"
    return {
        "name": name,
        "hostname": f"center{k}.localhost",
        # 555-01xx: numbers kept for fiction, each center its own.
        "phone": f"617.555.{100 + k:04d}",
        "address": f"{name}\nWaltham, MA 02451",
    }


def copy_setting(model, source_site, site, **changes):
    """`model`'s row of `source_site`, copied to `site` with `changes`."""
    if model.objects.filter(site=site).exists():
        return
    row = model.for_site(source_site)
    row.pk = None
    row._state.adding = True
    row.site = site
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()


def copy_first_center(k, first_site, root):
    """Site k as the demo makes the first: home page, article index, details
    and navigation."""
    center = details(k)
    name = center["name"]
    home = first_site.root_page.specific.copy(
        to=root,
        update_attrs={
            "title": name,
            "draft_title": name,
            "slug": f"center-{k}",
            "seo_title": "Addiction & Mental Health Treatment in Waltham, MA",
            "search_description": f"{name} treats addiction and co-occurring "
            "mental health conditions.",
        },
        copy_revisions=False,
        keep_live=True,
    )
    home.save_revision().publish()
    index = ArticleIndexPage(
        title="Articles",
        slug="articles",
        show_in_menus=True,
        search_description=f"Articles about addiction and recovery from {name}.",
        intro="<p>Plain-language articles about addiction, mental health and "
        "recovery, checked by our medical team.</p>",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    site = Site.objects.create(
        hostname=center["hostname"], port=80, root_page=home, site_name=name
    )
    copy_setting(
        CenterSettings,
        first_site,
        site,
        center_name=name,
        admissions_phone=center["phone"],
        address=center["address"],
    )
    copy_setting(NavigationSettings, first_site, site)
    return site


def make_center(k, first_site, root):
    """Site k (made once)."""
    site = Site.objects.filter(hostname=details(k)["hostname"]).first()
    if site is not None:
        return site
    started = time.perf_counter()
    with transaction.atomic():
        if add_center is None:
            site = copy_first_center(k, first_site, root)
        else:
            site = add_center(
                **details(k),
                programs=[slug for slug, *_ in SERVICES],
                log=lambda message: None,
            )
    print(
        f"  {site.hostname}: made in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
        flush=True,
    )
    return site


def alias_articles(article_ids, site_id):
    """Aliases of the articles under site `site_id`'s article index (those it
    has not yet), in one transaction, then indexed for search; returns how
    many were made. Runs in a process of its own."""
    started = time.perf_counter()
    site = Site.objects.select_related("root_page").get(pk=site_id)
    index = ArticleIndexPage.objects.child_of(site.root_page).get()
    shown = set(
        Page.objects.child_of(index)
        .exclude(alias_of=None)
        .values_list("alias_of_id", flat=True)
    )
    articles = ArticlePage.objects.filter(pk__in=set(article_ids) - shown)
    aliases = []
    with transaction.atomic():
        for article in articles.order_by("path").iterator(chunk_size=200):
            aliases.append(article.create_alias(parent=index, update_slug=None))
    search_backend = get_search_backend()
    for start in range(0, len(aliases), 500):
        batch = aliases[start : start + 500]
        search_backend.add_bulk(ArticlePage, batch)
        vectors.write_vectors(batch)
    print(
        f"  {site.hostname}: {len(aliases)} aliases in "
        f"{time.perf_counter() - started:.0f}s",
        file=sys.stderr,
        flush=True,
    )
    return len(aliases)


def main(total):
    first_site = Site.objects.get(is_default_site=True)
    first_index = ArticleIndexPage.objects.child_of(first_site.root_page).get()
    root = Page.get_first_root_node()
    # Centers there already (the demo's second), then new ones up to `total`.
    sites = list(Site.objects.exclude(pk=first_site.pk).order_by("pk"))[: total - 1]
    sites += [
        make_center(k, first_site, root) for k in range(len(sites) + 2, total + 1)
    ]
    articles = list(
        ArticlePage.objects.child_of(first_index)
        .filter(alias_of=None)
        .live()
        .order_by("path")
        .values_list("pk", flat=True)
    )
    # Indexed in bulk (alias_articles), not one save at a time.
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    post_save.disconnect(vectors.on_page_saved, sender=ArticlePage)
    started = time.perf_counter()
    made = 0
    if sites:
        # Forked processes must not share this one's database connection.
        connections.close_all()
        with concurrent.futures.ProcessPoolExecutor(
            min(os.cpu_count() or 1, len(sites)),
            mp_context=multiprocessing.get_context("fork"),
        ) as pool:
            made = sum(
                pool.map(
                    alias_articles,
                    [articles] * len(sites),
                    [site.pk for site in sites],
                )
            )
    alias_seconds = time.perf_counter() - started
    ticked = 0
    if hasattr(ArticlePage, "also_shown_at") and sites:
        # As an editor ticks the centers (articles.library): a publish keeps
        # each center's alias instead of deleting an unticked one.
        through = ArticlePage.also_shown_at.through
        ticked = len(
            through.objects.bulk_create(
                [
                    through(articlepage_id=article, site_id=site.pk)
                    for article in articles
                    for site in sites
                ],
                ignore_conflicts=True,
            )
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    hosts = [first_site.hostname] + [site.hostname for site in sites]
    print(
        json.dumps(
            {
                "hosts": hosts,
                "articles": len(articles),
                "aliases": made,
                "alias_seconds": round(alias_seconds, 1),
                "alias_pages": Page.objects.exclude(alias_of=None).count(),
                "ticked": ticked,
                "made_by": "core.centers.add_center" if add_center else "a copy",
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
