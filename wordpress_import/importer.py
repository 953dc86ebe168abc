"""Importing a read WordPress export (wxr.Export) into the site.

Order: categories, images, pages (parents first), posts, then the links that
pointed at a page imported later, then the old addresses of categories and
tags. Each WordPress object is imported in its own transaction: one that
fails is reported and rolled back whole, and the rest go on.

What it made is recorded in ImportedItem, by the WordPress id, so a second
run updates what changed in WordPress, leaves the unchanged alone, and never
touches a page, image or category edited here since it was imported.
"""

import datetime
import hashlib
import json
import logging
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage
from core.models import CenterSettings, SiteImage
from core.phone import to_e164
from people.models import Person
from standard_pages.models import StandardPage
from wordpress_import import body
from wordpress_import.models import ImportedItem
from wordpress_import.report import Report

logger = logging.getLogger(__name__)

# Bump when the mapping changes, so a re-run updates what older code made.
MAPPING_VERSION = 1
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[a-zA-Z0-9]+$)")
WP_QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag")
YOAST_VARIABLE = re.compile(r"%%([a-z_]+)%%")
SEPARATORS = " -–—|·:•»«~*"
SUMMARY_MAX = ArticlePage._meta.get_field("summary").max_length
INTRODUCTION_MAX = StandardPage._meta.get_field("introduction").max_length
HERO_CAPTION_MAX = ArticlePage._meta.get_field("hero_caption").max_length
TITLE_MAX = 255


class ItemError(Exception):
    """An object that cannot be imported; the message says why, for the report."""


def digest(value):
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, default=str).encode()
    ).hexdigest()


def parse_wp_date(value):
    """A WordPress GMT date as an aware datetime, None for WordPress's zero date."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError as exc:
        raise ItemError(f"Its date “{value[:40]}” is not a date.") from exc
    return moment.replace(tzinfo=datetime.UTC)


def old_path(url):
    """The path (and query) of an address, as Wagtail's redirects store it."""
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    return Redirect.normalise_path(path + (f"?{parts.query}" if parts.query else ""))


class Importer:
    def __init__(
        self,
        export,
        *,
        site,
        uploads=None,
        as_drafts=False,
        article_index=None,
        report=None,
        progress=None,
    ):
        self.export = export
        self.site = site
        self.uploads = Path(uploads).resolve() if uploads else None
        self.as_drafts = as_drafts
        self.report = report or Report()
        self.progress = progress or (lambda: None)
        self.source = export.source
        self.root = site.root_page.specific
        self.article_index = article_index or (
            ArticleIndexPage.objects.descendant_of(self.root).order_by("path").first()
        )
        center = CenterSettings.for_site(site)
        try:
            self.admissions_phone = to_e164(center.admissions_phone)
        except ValidationError:
            self.admissions_phone = ""
        self.by_id = {item.wp_id: item for item in export.items if not item.error}
        self.reusable = {
            item.wp_id: item.content for item in export.items_of("wp_block")
        }
        self.records = {
            (record.wp_type, record.wp_id): record
            for record in ImportedItem.objects.filter(source=self.source)
        }
        self.by_path = {}
        self.attachments_by_file = {}
        self.categories = {term.slug: term for term in export.categories}
        self._index_addresses()
        self.pending = set()  # items whose links wait for a page imported later
        self._current_pending = False
        # Counts made inside an item's transaction, kept only if it commits.
        self._counts = []
        # Image files written, which a dry run's rollback does not remove.
        self.saved_files = []

    # --- Addresses --------------------------------------------------------

    def _is_own(self, url):
        host = urlsplit(url).netloc.lower()
        return not host or host in self.export.hosts

    def _index_addresses(self):
        for item in self.by_id.values():
            for url in (item.link, item.guid):
                if url and self._is_own(url) and "/wp-content/uploads/" not in url:
                    self.by_path.setdefault(old_path(url), item.wp_id)
            if item.post_type == "attachment":
                for name in self._attachment_files(item):
                    self.attachments_by_file[name] = item.wp_id

    def _attachment_files(self, item):
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
        if not url or not self._is_own(url):
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

    def record(self, wp_type, wp_id):
        return self.records.get((wp_type, str(wp_id)))

    def save_record(self, wp_type, wp_id, **fields):
        record, _created = ImportedItem.objects.update_or_create(
            source=self.source, wp_type=wp_type, wp_id=str(wp_id), defaults=fields
        )
        self.records[(wp_type, str(wp_id))] = record
        return record

    def page_for(self, item):
        record = self.record(item.post_type, item.wp_id)
        return record.page if record and record.page_id else None

    # --- Running ------------------------------------------------------------

    @property
    def total(self):
        return len(self.export.categories) + len(
            self.export.items_of("attachment", "page", "post")
        )

    def run(self):
        for item in self.export.items:
            if item.error:
                self.report.count(item.post_type or "item", "failed")
                self.report.add(
                    "failed", item.post_type, item.wp_id, item.title, item.error
                )
        self.import_categories()
        for item in self.export.items_of("attachment"):
            self.each(item, self.import_attachment)
        for item in self.ordered_pages():
            self.each(item, self.import_page)
        if self.export.items_of("post") and self.article_index is None:
            for item in self.export.items_of("post"):
                self.report.count("post", "failed")
                self.report.add(
                    "failed",
                    "post",
                    item.wp_id,
                    item.title,
                    "The site has no article index page to put posts under: "
                    "add one, then import again.",
                )
        elif self.article_index is not None:
            for item in self.export.items_of("post"):
                self.each(item, self.import_post)
        self.resolve_pending()
        self.import_archive_redirects()
        self.note_left_out()
        return self.report

    def each(self, item, method):
        """Import one item in its own transaction: all of it, or none of it."""
        if item.error:
            return
        self._current_pending = False
        self._counts = []
        notes = []
        try:
            with transaction.atomic():
                outcome = method(item, notes)
        except ItemError as exc:
            self._fail(item, str(exc))
        except ValidationError as exc:
            self._fail(item, "Not valid here: " + "; ".join(exc.messages)[:300])
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the rest
            # The traceback goes to the log; its message stays out of it and
            # of the report, as it may quote the post (core/log_filters.py).
            logger.error(
                "WordPress %s %s failed to import",
                item.post_type,
                item.wp_id,
                exc_info=True,
            )
            self._fail(item, f"Unexpected error ({type(exc).__name__}).")
        else:
            self.report.count(item.post_type, outcome)
            for wp_type, counted in self._counts:
                self.report.count(wp_type, counted)
            for note in notes:
                self.report.warning(item.post_type, item.wp_id, item.title, note)
            if self._current_pending:
                self.pending.add(item.wp_id)
        finally:
            self.progress()

    def _fail(self, item, message):
        self.report.count(item.post_type, "failed")
        self.report.add("failed", item.post_type, item.wp_id, item.title, message)

    def note_left_out(self):
        for item in self.export.items:
            if item.post_type in {"attachment", "page", "post", "wp_block", ""}:
                continue
            self.report.count(item.post_type, "skipped")
            self.report.add(
                "skipped",
                item.post_type,
                item.wp_id,
                item.title,
                f"WordPress {item.post_type} items have no match here.",
            )
        comments = sum(item.comment_count for item in self.export.items)
        if comments:
            self.report.warning(
                "post",
                "",
                "",
                f"{comments} comments were not imported: the site has no comments.",
            )

    # --- Categories and authors -----------------------------------------------

    def import_categories(self):
        terms = list(self.export.categories)
        done = set()
        # Parents first; a term whose parent is missing goes after the rest.
        ordered = []
        while terms:
            progressed = False
            for term in list(terms):
                if not term.parent_slug or term.parent_slug in done:
                    ordered.append(term)
                    done.add(term.slug)
                    terms.remove(term)
                    progressed = True
            if not progressed:
                ordered += terms
                break
        for term in ordered:
            self._current_pending = False
            notes = []
            try:
                with transaction.atomic():
                    outcome = self.import_category(term, notes)
            except ValidationError as exc:
                outcome = None
                self.report.count("category", "failed")
                self.report.add(
                    "failed",
                    "category",
                    term.term_id,
                    term.name,
                    "; ".join(exc.messages),
                )
            if outcome:
                self.report.count("category", outcome)
            for note in notes:
                self.report.warning("category", term.term_id, term.name, note)
            self.progress()

    def top_category(self, term):
        """The slug of the top-level ancestor of a category term."""
        seen = set()
        while term.parent_slug and term.parent_slug in self.categories:
            if term.slug in seen:
                break
            seen.add(term.slug)
            term = self.categories[term.parent_slug]
        return term.slug

    def category_for(self, slug):
        record = self.record("category", slug)
        return record.category if record and record.category_id else None

    def import_category(self, term, notes):
        if term.slug == "uncategorized":
            notes.append("WordPress's “Uncategorized” was not made a category.")
            return "skipped"
        parent = None
        if term.parent_slug:
            top = self.top_category(term)
            parent_slug = term.parent_slug
            if top != term.parent_slug:
                notes.append(
                    "Categories here are two levels deep: filed under its "
                    "top-level category."
                )
                parent_slug = top
            parent = self.category_for(parent_slug)
        values = {
            "name": term.name[:80],
            "slug": slugify(unquote(term.slug))[:80] or f"category-{term.term_id}",
            "parent_id": parent.pk if parent else None,
            "description": body.plain_text(term.description)[:400],
        }
        fingerprint = digest([MAPPING_VERSION, values])
        record = self.record("category", term.slug)
        category = record.category if record else None
        if record and category is None:
            notes.append("Deleted here since the import; not made again.")
            return "skipped"
        if category is not None:
            if self._category_state(category) != record.state:
                notes.append("Edited here since the import; left as it is.")
                return "skipped"
            if record.fingerprint == fingerprint:
                return "skipped"
            outcome = "updated"
        else:
            category = ArticleCategory.objects.filter(slug=values["slug"]).first()
            if category is not None:
                # The site already has it: used as it is.
                self.save_record(
                    "category",
                    term.slug,
                    category=category,
                    fingerprint=fingerprint,
                    state=self._category_state(category),
                )
                return "skipped"
            category = ArticleCategory()
            outcome = "created"
        for key, value in values.items():
            setattr(category, key, value)
        category.full_clean()
        category.save()
        self.save_record(
            "category",
            term.slug,
            category=category,
            fingerprint=fingerprint,
            state=self._category_state(category),
        )
        return outcome

    @staticmethod
    def _category_state(category):
        return digest(
            [category.name, category.slug, category.parent_id, category.description]
        )

    def person_for(self, login, notes):
        author = self.export.authors.get(login)
        name = author.name if author else ""
        if not name:
            notes.append(
                "Its WordPress author has no display name; imported without an author."
            )
            return None
        record = self.record("author", login)
        if record:
            return record.person
        person = Person.objects.filter(name=name).order_by("pk").first()
        if person is None:
            person = Person.objects.create(name=name[:120])
            self._counts.append(("author", "created"))
        else:
            self._counts.append(("author", "skipped"))
        self.save_record("author", login, person=person)
        return person

    # --- Images -------------------------------------------------------------

    def import_attachment(self, item, notes):
        files = self._attachment_files(item)
        if not files:
            raise ItemError("It names no file.")
        name = files[0]
        if Path(name).suffix.lower() not in IMAGE_EXTENSIONS:
            notes.append("Only images are imported; this file was not.")
            return "skipped"
        if self.uploads is None:
            notes.append("Not imported: no uploads folder was given (--uploads).")
            return "skipped"
        path = (self.uploads / name).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            raise ItemError(f"Its file {name} is not in the uploads folder.")
        content = path.read_bytes()
        alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
        values = {
            "title": (item.title or Path(name).stem)[:255],
            "description": alt,
            "file": hashlib.sha256(content).hexdigest(),
        }
        if not alt:
            notes.append(
                "No alt text in WordPress: describe the image in Images (or "
                "tick “decorative”)."
            )
        fingerprint = digest([MAPPING_VERSION, values])
        record = self.record("attachment", item.wp_id)
        image = record.image if record else None
        if record and image is None:
            notes.append("Deleted here since the import; not made again.")
            return "skipped"
        if image is not None:
            if self._image_state(image) != record.state:
                notes.append("Edited here since the import; left as it is.")
                return "skipped"
            if record.fingerprint == fingerprint:
                return "skipped"
            outcome = "updated"
        else:
            image = SiteImage()
            outcome = "created"
        image.title = values["title"]
        image.description = values["description"]
        if outcome == "created" or image.get_file_hash() != _sha1(content):
            with path.open("rb") as file:
                image.file = ImageFile(file, name=path.name)
                image.save()
            self.saved_files.append(image.file.name)
            image.renditions.all().delete()
        else:
            image.save()
        self.save_record(
            "attachment",
            item.wp_id,
            image=image,
            fingerprint=fingerprint,
            state=self._image_state(image),
        )
        return outcome

    @staticmethod
    def _image_state(image):
        return digest([image.title, image.description, image.is_decorative])

    def image_for_attachment(self, attachment_id):
        record = self.record("attachment", attachment_id)
        return record.image if record and record.image_id else None

    def find_image(self, notes):
        def find(attachment_id, src):
            item = self.by_id.get(attachment_id) if attachment_id else None
            if item is None or item.post_type != "attachment":
                item = self.target_of(src) if src else None
            if item is None or item.post_type != "attachment":
                where = urlsplit(src).netloc if src else ""
                notes.append(
                    f"An image{' from ' + where if where else ''} is not among the "
                    "export's media and was left out."
                )
                return None
            image = self.image_for_attachment(item.wp_id)
            if image is None:
                notes.append(
                    f"An image (attachment {item.wp_id}) was not imported and was "
                    "left out."
                )
                return None
            alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
            return image.pk, alt or image.description, " ".join(item.excerpt.split())

        return find

    # --- Links --------------------------------------------------------------

    def find_link(self, notes):
        def find(href):
            if href.startswith("#") or not self._is_own(href):
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

    # --- Pages and posts --------------------------------------------------------

    def importable(self, item):
        return item.post_type in {"post", "page"} and item.status not in {
            "trash",
            "auto-draft",
            "inherit",
        }

    def ordered_pages(self):
        pages = self.export.items_of("page")
        ids = {item.wp_id for item in pages}

        def depth(item, seen=()):
            if item.parent_id in ids and item.parent_id not in seen:
                return 1 + depth(self.by_id[item.parent_id], (*seen, item.wp_id))
            return 0

        return sorted(
            pages, key=lambda item: (depth(item), item.menu_order, item.wp_id)
        )

    def context_for(self, item, notes):
        return body.Context(
            find_image=self.find_image(notes),
            find_link=self.find_link(notes),
            admissions_phone=self.admissions_phone,
            reusable_blocks=self.reusable,
            attached_ids=[
                other.wp_id
                for other in self.export.items_of("attachment")
                if other.parent_id == item.wp_id
            ],
        )

    def map_body(self, item, notes):
        context = self.context_for(item, notes)
        pieces = body.content_to_pieces(item.content, context)
        stream = body.pieces_to_stream(
            pieces,
            context,
            lambda index: body.block_id(self.source, item.wp_id, index),
        )
        notes += [note for note in context.notes if note not in notes]
        return pieces, stream

    def seo_fields(self, item, title, notes):
        meta = item.meta

        def yoast(value):
            value = value or ""
            unknown = set()

            def variable(match):
                name = match[1]
                if name == "title":
                    return title
                if name not in {"sep", "sitename", "page", "sitedesc"}:
                    unknown.add(name)
                return " "

            text = " ".join(YOAST_VARIABLE.sub(variable, value).split())
            text = text.strip(SEPARATORS)
            for name in sorted(unknown):
                notes.append(f"Yoast's %%{name}%% has no match here and was left out.")
            return text

        seo_title = yoast(meta.get("_yoast_wpseo_title"))
        if seo_title == title:
            seo_title = ""
        canonical = (meta.get("_yoast_wpseo_canonical") or "").strip()
        if canonical:
            try:
                URLValidator()(canonical)
            except ValidationError:
                notes.append(
                    "Its Yoast canonical address is not a full address; left out."
                )
                canonical = ""
        return {
            "seo_title": seo_title[:255],
            "search_description": yoast(meta.get("_yoast_wpseo_metadesc")),
            "canonical_url": canonical[:200],
            "noindex": (meta.get("_yoast_wpseo_meta-robots-noindex") or "") == "1",
        }

    def common_fields(self, item, notes):
        title = " ".join(body.plain_text(item.title).split())
        if not title:
            raise ItemError("It has no title.")
        if len(title) > TITLE_MAX:
            raise ItemError(f"Its title is longer than {TITLE_MAX} characters.")
        slug = (
            slugify(unquote(item.slug), allow_unicode=True)[:255]
            or slugify(title, allow_unicode=True)[:255]
        )
        if not slug:
            raise ItemError(
                "It has no address (slug) and none can be made from its title."
            )
        published = parse_wp_date(item.date_gmt)
        if published is None and item.status == "publish":
            published = parse_wp_date(item.date)
        modified = parse_wp_date(item.modified_gmt) if published else None
        live = item.status == "publish"
        if item.status == "private":
            notes.append("Private in WordPress: imported as a draft.")
        elif item.status == "future":
            notes.append("Scheduled in WordPress: imported as a draft.")
        if item.password:
            live = False
            notes.append("Password-protected in WordPress: imported as a draft.")
        if item.comment_count:
            notes.append(f"{item.comment_count} comments were not imported.")
        return {
            "title": title,
            "slug": slug,
            "first_published_at": published,
            "live": live and not self.as_drafts,
            "was_live": live,
            "modified": modified,
            **self.seo_fields(item, title, notes),
        }

    def import_page(self, item, notes):
        if not self.importable(item):
            return "skipped"
        fields = self.common_fields(item, notes)
        _pieces, stream = self.map_body(item, notes)
        parent = self.root
        if item.parent_id:
            parent_item = self.by_id.get(item.parent_id)
            parent_page = self.page_for(parent_item) if parent_item else None
            if parent_page is not None:
                parent = parent_page.specific
            else:
                notes.append(
                    "Its WordPress parent page was not imported: placed at the top."
                )
        fields["introduction"] = body.plain_text(item.excerpt)[:INTRODUCTION_MAX]
        fields["body"] = stream
        return self.save_page(item, StandardPage, parent, fields, {}, notes)

    def import_post(self, item, notes):
        if not self.importable(item):
            return "skipped"
        fields = self.common_fields(item, notes)
        pieces, stream = self.map_body(item, notes)
        summary = body.summary_from(item.excerpt, pieces, SUMMARY_MAX)
        if not body.plain_text(item.excerpt):
            notes.append("No excerpt: the summary was taken from the first paragraph.")
        elif len(body.plain_text(item.excerpt)) > SUMMARY_MAX:
            notes.append(
                f"The excerpt was cut to {SUMMARY_MAX} characters for the summary."
            )
        if not summary:
            summary = fields["title"]
        hero = None
        hero_caption = ""
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail.isdigit():
            hero = self.image_for_attachment(int(thumbnail))
            attachment = self.by_id.get(int(thumbnail))
            if hero is None:
                notes.append("Its featured image was not imported; no hero image.")
            elif attachment is not None:
                hero_caption = " ".join(attachment.excerpt.split())[:HERO_CAPTION_MAX]
        categories = []
        tags = []
        for taxonomy, slug, name in item.terms:
            if taxonomy == "category":
                category = self.category_for(slug)
                if category is not None:
                    categories.append(category.pk)
            elif taxonomy == "post_tag" and name.strip():
                tags.append(name.strip()[:100])
        for name in set(tags):
            if not Tag.objects.filter(name=name).exists():
                self._counts.append(("tag", "created"))
        person = self.person_for(item.creator, notes)
        fields.update(
            summary=summary,
            body=stream,
            hero_image_id=hero.pk if hero else None,
            hero_caption=hero_caption,
            author_id=person.pk if person else None,
        )
        relations = {"categories": sorted(set(categories)), "tags": sorted(set(tags))}
        return self.save_page(
            item, ArticlePage, self.article_index, fields, relations, notes
        )

    def save_page(self, item, model, parent, fields, relations, notes):
        live = fields.pop("live")
        was_live = fields.pop("was_live")
        modified = fields.pop("modified")
        fingerprint = digest([MAPPING_VERSION, fields, relations, live])
        record = self.record(item.post_type, item.wp_id)
        page = record.page.specific if record and record.page_id else None
        if record and page is None:
            notes.append("Deleted here since the import; not made again.")
            return "skipped"
        if page is not None:
            if str(page.latest_revision_id) != record.state:
                notes.append("Edited here since the import; left as it is.")
                self.redirects_for(item, page, was_live, notes)
                return "skipped"
            if record.fingerprint == fingerprint:
                self.redirects_for(item, page, was_live, notes)
                return "skipped"
            outcome = "updated"
        else:
            page = model(live=False, has_unpublished_changes=True)
            outcome = "created"
        fields["slug"] = self.free_slug(parent, fields["slug"], page, notes)
        for key, value in fields.items():
            setattr(page, key, value)
        if outcome == "created":
            parent.add_child(instance=page)
        else:
            page.full_clean()
        if "categories" in relations:
            # Kept with the revision; written to the page when it is published.
            page.categories.set(relations["categories"])
            page.tags.set(relations["tags"])
        revision = page.save_revision(log_action=True, clean=True)
        if live:
            revision.publish(log_action=True)
            if modified and fields["first_published_at"]:
                # "Updated" under an article shows when it last changed in
                # WordPress, not the day it was imported.
                type(page).objects.filter(pk=page.pk).update(
                    last_published_at=max(modified, fields["first_published_at"])
                )
            page.refresh_from_db()
        self.save_record(
            item.post_type,
            item.wp_id,
            page=page,
            fingerprint=fingerprint,
            state=str(revision.pk),
        )
        self.redirects_for(item, page, was_live, notes)
        return outcome

    def free_slug(self, parent, slug, page, notes):
        siblings = (
            parent.get_children().exclude(pk=page.pk)
            if page.pk
            else parent.get_children()
        )
        taken = set(
            siblings.filter(slug__startswith=slug).values_list("slug", flat=True)
        )
        if slug not in taken:
            return slug
        number = 2
        while f"{slug}-{number}" in taken:
            number += 1
        notes.append(f"The address “{slug}” was taken here: it is “{slug}-{number}”.")
        return f"{slug}-{number}"

    def resolve_pending(self):
        """Links to pages imported after the page that links to them."""
        for wp_id in sorted(self.pending):
            item = self.by_id[wp_id]
            method = self.import_page if item.post_type == "page" else self.import_post
            record = self.record(item.post_type, wp_id)
            if record is None or record.page_id is None:
                continue
            try:
                with transaction.atomic():
                    method(item, [])
            except Exception:  # noqa: BLE001 - the page itself was imported
                logger.error(
                    "WordPress %s %s: its links could not be updated",
                    item.post_type,
                    wp_id,
                    exc_info=True,
                )
                self.report.warning(
                    item.post_type,
                    wp_id,
                    item.title,
                    "Its links to pages imported after it still use the old "
                    "addresses (which redirect).",
                )

    # --- Redirects ------------------------------------------------------------

    def old_paths(self, item):
        paths = []
        for url in (item.link, item.guid):
            if url and self._is_own(url) and "/wp-content/uploads/" not in url:
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
        notes = []
        self._counts = []
        with transaction.atomic():
            for term in self.export.categories if self.article_index else []:
                category = self.category_for(term.slug)
                if category is None:
                    continue
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
                for path in (
                    "/category/" + "/".join(chain) + "/",
                    f"/?cat={term.term_id}",
                ):
                    self.add_redirect(
                        Redirect.normalise_path(path),
                        notes,
                        page=self.article_index,
                        route=route,
                    )
            tagged = {
                slug
                for item in self.export.items_of("post")
                for taxonomy, slug, _name in item.terms
                if taxonomy == "post_tag" and self.page_for(item) is not None
            }
            for term in self.export.tags if self.article_index else []:
                if term.slug not in tagged:
                    continue
                route = self.article_index.reverse_subpage(
                    "articles_with_tag", args=[slugify(term.name)]
                )
                for path in (f"/tag/{term.slug}/", f"/?tag={term.slug}"):
                    self.add_redirect(
                        Redirect.normalise_path(path),
                        notes,
                        page=self.article_index,
                        route=route,
                    )
            self.attachment_redirects(notes)
        for wp_type, counted in self._counts:
            self.report.count(wp_type, counted)
        for note in notes:
            self.report.warning("redirect", "", "", note)

    def attachment_redirects(self, notes):
        """An image's attachment page goes to the post it was in (or to the
        image), and its files in wp-content/uploads to the image's file."""
        for item in self.export.items_of("attachment"):
            image = self.image_for_attachment(item.wp_id)
            if image is None:
                continue
            parent = self.by_id.get(item.parent_id)
            page = self.page_for(parent) if parent is not None else None
            if page is not None and parent.status != "publish":
                page = None
            for path in self.old_paths(item):
                if page is not None:
                    self.add_redirect(path, notes, page=page)
                else:
                    self.add_redirect(path, notes, link=image.file.url)
            for name in self._attachment_files(item):
                self.add_redirect(
                    Redirect.normalise_path(f"/wp-content/uploads/{name}"),
                    notes,
                    link=image.file.url,
                )


def _sha1(content):
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()
