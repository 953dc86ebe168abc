"""Posts into article pages, pages into standard pages."""

import logging
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from taggit.models import Tag

from articles.models import ArticlePage
from standard_pages.models import StandardPage
from wordpress_import import content
from wordpress_import.importer.base import (
    HERO_CAPTION_MAX,
    INTRODUCTION_MAX,
    MAPPING_VERSION,
    SEPARATORS,
    SUMMARY_MAX,
    TITLE_MAX,
    YOAST_VARIABLE,
    ItemError,
    digest,
    parse_wp_date,
)

logger = logging.getLogger(__name__)


class PagesMixin:
    """Part of Importer: posts into ArticlePage, pages into StandardPage."""

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
        return content.Context(
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
        pieces = content.content_to_pieces(item.content, context)
        stream = content.pieces_to_stream(
            pieces,
            context,
            lambda index: content.block_id(self.source, item.wp_id, index),
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
        title = " ".join(content.plain_text(item.title).split())
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
        fields["introduction"] = content.plain_text(item.excerpt)[:INTRODUCTION_MAX]
        fields["body"] = stream
        return self.save_page(item, StandardPage, parent, fields, {}, notes)

    def import_post(self, item, notes):
        if not self.importable(item):
            return "skipped"
        fields = self.common_fields(item, notes)
        pieces, stream = self.map_body(item, notes)
        summary = content.summary_from(item.excerpt, pieces, SUMMARY_MAX)
        if not content.plain_text(item.excerpt):
            notes.append("No excerpt: the summary was taken from the first paragraph.")
        elif len(content.plain_text(item.excerpt)) > SUMMARY_MAX:
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
