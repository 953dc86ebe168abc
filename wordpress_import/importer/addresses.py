"""Which WordPress object an address of the old site names, and what a link
to it becomes here."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect

from wordpress_import.importer.base import (
    SIZE_SUFFIX,
    old_path,
)


class AddressesMixin:
    """Part of Importer: the old site's addresses (the export's links, ?p= ids, uploads files) of each WordPress object."""

    def is_own(self, url):
        host = urlsplit(url).netloc.lower()
        return not host or host in self.export.hosts

    def index_addresses(self):
        for item in self.by_id.values():
            for url in (item.link, item.guid):
                if url and self.is_own(url) and "/wp-content/uploads/" not in url:
                    self.by_path.setdefault(old_path(url), item.wp_id)
            if item.post_type == "attachment":
                for name in self.attachment_files(item):
                    self.attachments_by_file[name] = item.wp_id

    def attachment_files(self, item):
        """The uploads paths of an attachment: the original and its sizes."""
        attached = item.meta.get("_wp_attached_file", "")
        if not attached and item.attachment_url:
            attached = urlsplit(item.attachment_url).path.split("/wp-content/uploads/")[
                -1
            ]
        if not attached:
            return []
        names = [attached]
        folder = attached.rsplit("/", 1)[0] + "/" if "/" in attached else ""
        names += [
            folder + size
            for size in re.findall(
                r's:4:"file";s:\d+:"([^"/]+)"',
                item.meta.get("_wp_attachment_metadata", ""),
            )
        ]
        return names

    def target_of(self, url):
        """The WordPress item an address of the old site points to, or None."""
        if not url or not self.is_own(url):
            return None
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        for key in ("p", "page_id", "attachment_id"):
            if query.get(key, [""])[0].isdigit():
                return self.by_id.get(int(query[key][0]))
        path = unquote(parts.path)
        if "/wp-content/uploads/" in path:
            name = path.split("/wp-content/uploads/", 1)[1]
            wp_id = self.attachments_by_file.get(name) or self.attachments_by_file.get(
                SIZE_SUFFIX.sub("", name)
            )
            return self.by_id.get(wp_id)
        wp_id = self.by_path.get(Redirect.normalise_path(path or "/"))
        return self.by_id.get(wp_id)

    def find_link(self, notes):
        def find(href):
            if href.startswith("#") or not self.is_own(href):
                return None
            if href.startswith(("mailto:", "tel:")):
                return None
            parts = urlsplit(href)
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            item = self.target_of(href)
            if item is not None and item.post_type in {"post", "page"}:
                page = self.page_for(item)
                if page is not None:
                    # Rich text links to a page by id; a section link keeps
                    # the old address, which redirects.
                    if not fragment:
                        return {"linktype": "page", "id": str(page.pk)}
                elif self.importable(item):
                    self._current_pending = True
                return {"href": old_path(href) + fragment}
            if item is not None and item.post_type == "attachment":
                document = self.document_for_attachment(item.wp_id)
                if document is not None:
                    return {"linktype": "document", "id": str(document.pk)}
                image = self.image_for_attachment(item.wp_id)
                if image is not None:
                    return {"href": image.file.url}
            category = self.category_route(parts.path)
            if category:
                return {"href": category}
            path = old_path(href)
            if path != "/":
                notes.append(
                    f"A link to {path[:120]} on the old site matches nothing "
                    "imported; it was kept as it is."
                )
            return {"href": path + fragment}

        return find

    def category_route(self, path):
        """The new address of an old category or tag list, or None."""
        if self.article_index is None:
            return None
        parts = [part for part in unquote(path).split("/") if part]
        if len(parts) >= 2 and parts[0] == "category":
            category = self.category_for(parts[-1])
            if category:
                return self.article_index.url + self.article_index.reverse_subpage(
                    "articles_in_category", args=[category.slug]
                )
        if len(parts) == 2 and parts[0] == "tag":
            return self.article_index.url + self.article_index.reverse_subpage(
                "articles_with_tag", args=[slugify(parts[1])]
            )
        return None
