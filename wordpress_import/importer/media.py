"""Attachments into the image library, and images for a body."""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.images import ImageFile

from core.models import SiteImage
from wordpress_import.importer.base import (
    IMAGE_EXTENSIONS,
    MAPPING_VERSION,
    ItemError,
    digest,
    sha1,
)


class MediaMixin:
    """Part of Importer: image attachments from --uploads into SiteImage."""

    def import_attachment(self, item, notes):
        files = self.attachment_files(item)
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
        if outcome == "created" or image.get_file_hash() != sha1(content):
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
