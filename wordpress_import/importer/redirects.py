"""301s from every old address WordPress answered to the new pages."""

from django.db import transaction
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect

from wordpress_import.importer.base import old_path


class RedirectsMixin:
    """Part of Importer: permanent redirects, editable under Settings → Redirects."""

    def old_paths(self, item):
        paths = []
        for url in (item.link, item.guid):
            if url and self.is_own(url) and "/wp-content/uploads/" not in url:
                paths.append(old_path(url))
        key = "page_id" if item.post_type == "page" else "p"
        if item.post_type == "attachment":
            key = "attachment_id"
        paths.append(Redirect.normalise_path(f"/?{key}={item.wp_id}"))
        return list(dict.fromkeys(paths))

    def redirects_for(self, item, page, was_live, notes):
        if not was_live:
            return
        new = Redirect.normalise_path(page.url or "")
        for path in self.old_paths(item):
            if path != new:
                self.add_redirect(path, notes, page=page)

    def add_redirect(self, path, notes, page=None, link="", route=""):
        route = Redirect.normalise_page_route_path(route) if route else ""
        if len(path) > 255:
            notes.append("An old address longer than 255 characters has no redirect.")
            return
        existing = Redirect.objects.filter(site=self.site, old_path=path).first()
        if existing is None:
            Redirect.objects.create(
                site=self.site,
                old_path=path,
                is_permanent=True,
                redirect_page=page,
                redirect_page_route_path=route,
                redirect_link=link,
            )
            self._counts.append(("redirect", "created"))
            return
        if (
            existing.redirect_page_id == (page.pk if page else None)
            and existing.redirect_link == link
            and existing.redirect_page_route_path == route
        ):
            self._counts.append(("redirect", "skipped"))
            return
        notes.append(f"A redirect from {path[:120]} already exists here; it was kept.")
        self._counts.append(("redirect", "skipped"))

    def import_archive_redirects(self):
        """Old addresses of category, tag and attachment pages and files."""
        self._counts = []
        notes = []  # (wp_type, wp_id, title, note)
        with transaction.atomic():
            for term in self.export.categories if self.article_index else []:
                self.category_redirects(term, notes)
            tagged = {
                slug
                for item in self.export.items_of("post")
                for taxonomy, slug, _name in item.terms
                if taxonomy == "post_tag" and self.page_for(item) is not None
            }
            for term in self.export.tags if self.article_index else []:
                if term.slug in tagged:
                    self.tag_redirects(term, notes)
            for item in self.export.items_of("attachment"):
                self.attachment_redirects(item, notes)
        for wp_type, counted in self._counts:
            self.report.count(wp_type, counted)
        for wp_type, wp_id, title, note in notes:
            self.report.warning(wp_type, wp_id, title, note)

    def category_redirects(self, term, notes):
        category = self.category_for(term.slug)
        if category is None:
            return
        # WordPress's category addresses name every parent: /category/a/b/.
        chain = [term.slug]
        current = term
        while current.parent_slug and current.parent_slug in self.categories:
            current = self.categories[current.parent_slug]
            if current.slug in chain:
                break
            chain.insert(0, current.slug)
        route = self.article_index.reverse_subpage(
            "articles_in_category", args=[category.slug]
        )
        found = []
        for path in ("/category/" + "/".join(chain) + "/", f"/?cat={term.term_id}"):
            self.add_redirect(
                Redirect.normalise_path(path),
                found,
                page=self.article_index,
                route=route,
            )
        notes += [("category", term.term_id, term.name, note) for note in found]

    def tag_redirects(self, term, notes):
        route = self.article_index.reverse_subpage(
            "articles_with_tag", args=[slugify(term.name)]
        )
        found = []
        for path in (f"/tag/{term.slug}/", f"/?tag={term.slug}"):
            self.add_redirect(
                Redirect.normalise_path(path),
                found,
                page=self.article_index,
                route=route,
            )
        notes += [("tag", term.term_id, term.name, note) for note in found]

    def attachment_redirects(self, item, notes):
        """An attachment's page goes to the post it was in (or to its file),
        and its files in wp-content/uploads to the image or document here."""
        image = self.image_for_attachment(item.wp_id)
        document = self.document_for_attachment(item.wp_id)
        if image is None and document is None:
            return
        file_url = image.file.url if image is not None else document.url
        parent = self.by_id.get(item.parent_id)
        page = self.page_for(parent) if parent is not None else None
        if page is not None and parent.status != "publish":
            page = None
        found = []
        for path in self.old_paths(item):
            if page is not None:
                self.add_redirect(path, found, page=page)
            else:
                self.add_redirect(path, found, link=file_url)
        for name in self.attachment_files(item):
            self.add_redirect(
                Redirect.normalise_path(f"/wp-content/uploads/{name}"),
                found,
                link=file_url,
            )
        notes += [("attachment", item.wp_id, item.title, note) for note in found]
