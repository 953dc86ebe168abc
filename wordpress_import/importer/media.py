"""Attachments into the image and document libraries, and images for a body."""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model

from core.models import SiteImage
from wordpress_import.importer.base import (
    IMAGE_EXTENSIONS,
    MAPPING_VERSION,
    ItemError,
    digest,
    sha1,
)


class MediaMixin:
    """Part of Importer: attachments from --uploads into SiteImage (images) and
    Wagtail documents (PDFs and the other files the document library takes)."""

    def attachment_path(self, item, notes):
        """The attachment's file in the uploads folder, or None (noted)."""
        files = self.attachment_files(item)
        if not files:
            raise ItemError("It names no file.")
        name = files[0]
        extension = Path(name).suffix.lower()
        if extension not in IMAGE_EXTENSIONS and extension.lstrip(".") not in (
            document_extensions()
        ):
            notes.append(
                f"Files of type {extension or '(none)'} have no library here; "
                "not imported."
            )
            return None
        if self.uploads is None:
            notes.append("Not imported: no uploads folder was given (--uploads).")
            return None
        path = (self.uploads / name).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            raise ItemError(f"Its file {name} is not in the uploads folder.")
        return path

    def import_attachment(self, item, notes):
        path = self.attachment_path(item, notes)
        if path is None:
            return "skipped"
        if path.suffix.lower() not in IMAGE_EXTENSIONS:
            return self.import_document(item, path, notes)
        name = path.name
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
        if outcome == "created" or image.get_file_hash() != sha1(content):
            with path.open("rb") as file:
                image.file = ImageFile(file, name=name)
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

    def import_document(self, item, path, notes):
        content = path.read_bytes()
        values = {
            "title": (item.title or path.stem)[:255],
            "file": hashlib.sha256(content).hexdigest(),
        }
        fingerprint = digest([MAPPING_VERSION, values])
        record = self.record("attachment", item.wp_id)
        document = record.document if record else None
        if record and document is None:
            notes.append("Deleted here since the import; not made again.")
            return "skipped"
        if document is not None:
            if digest([document.title]) != record.state:
                notes.append("Edited here since the import; left as it is.")
                return "skipped"
            if record.fingerprint == fingerprint:
                return "skipped"
            outcome = "updated"
        else:
            document = get_document_model()()
            outcome = "created"
        document.title = values["title"]
        with path.open("rb") as file:
            document.file = File(file, name=path.name)
            document.save()
        self.saved_files.append(document.file.name)
        self.save_record(
            "attachment",
            item.wp_id,
            document=document,
            fingerprint=fingerprint,
            state=digest([document.title]),
        )
        return outcome

    def document_for_attachment(self, attachment_id):
        record = self.record("attachment", attachment_id)
        return record.document if record and record.document_id else None


def document_extensions():
    """What the document library accepts (WAGTAILDOCS_EXTENSIONS), or any."""
    return {
        extension.lower()
        for extension in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        or [
            "pdf",
            "doc",
            "docx",
            "xls",
            "xlsx",
            "ppt",
            "pptx",
            "odt",
            "rtf",
            "txt",
            "csv",
        ]
    }
