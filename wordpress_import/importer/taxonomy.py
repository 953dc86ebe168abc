"""Categories and authors."""

from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from articles.models import ArticleCategory
from people.models import Person
from wordpress_import import content
from wordpress_import.importer.base import (
    MAPPING_VERSION,
    digest,
)


class TaxonomyMixin:
    """Part of Importer: WordPress categories into ArticleCategory (two levels), authors into Person."""

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
            "description": content.plain_text(term.description)[:400],
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
