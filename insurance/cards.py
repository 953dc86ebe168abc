"""Photos of insurance cards: checked, decoded safely, re-encoded, encrypted.

A photo is refused with a message (never a 500 or a memory spike) when it is
over the size limit, not an image, not JPEG/PNG/WebP/HEIC, or has more pixels
than a phone camera makes (read from its header, before decoding, so a
decompression bomb is never decoded). What is kept is a new JPEG of the pixels
only: EXIF (GPS position, camera, time) and every other metadata block are left
behind, and the orientation is applied first so the card stays upright.
"""

import io
import os
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from core import encryption
from insurance.models import card_storage

register_heif_opener()

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
# Big enough to read every digit on a card, small enough to view quickly.
LONGEST_SIDE = 2400
NOT_A_PHOTO = _(
    "This file is not a photo we can open. Choose a JPEG, PNG, HEIC or WebP "
    "picture of the card, or leave it out and we will ask for the details."
)

TOO_MANY_PIXELS = _(
    "This picture has more pixels than a phone camera makes, so we cannot open "
    "it safely. Take a new photo of the card, or leave it out."
)


def readable_jpeg(upload):
    """The upload as clean JPEG bytes, or ValidationError saying what to do."""
    if upload.size > settings.INSURANCE_CARD_MAX_BYTES:
        megabytes = settings.INSURANCE_CARD_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _(
                "This photo is larger than %(megabytes)d MB. Take it again at a "
                "lower resolution, or leave it out and we will ask for the details."
            ),
            code="too_large",
            params={"megabytes": megabytes},
        )
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns of a possible bomb and decodes anyway; here it refuses.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
            width, height = image.size
            if width * height > settings.INSURANCE_CARD_MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_A_PHOTO, code="format")
            if image.format == "JPEG":
                # Decodes at a fraction of the size where it can: far less memory.
                image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(NOT_A_PHOTO, code="unreadable") from error
    output = io.BytesIO()
    # No exif= and no info carried over: the new file holds pixels only.
    image.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


def store(jpeg_bytes):
    """Save the photo encrypted; returns its name in the card storage."""
    name = f"{uuid.uuid4().hex}.jpg.enc"
    return card_storage().save(name, ContentFile(encryption.encrypt_bytes(jpeg_bytes)))


def read(name):
    """The photo's JPEG bytes, decrypted."""
    with card_storage().open(name, "rb") as file:
        return encryption.decrypt_bytes(file.read())


def delete(*names):
    storage = card_storage()
    for name in names:
        if name:
            storage.delete(name)


def reencrypt_all():
    """Every stored photo encrypted again with the newest key; how many."""
    storage = card_storage()
    count = 0
    try:
        _folders, names = storage.listdir("")
    except FileNotFoundError:
        return 0
    for name in names:
        with storage.open(name, "rb") as file:
            token = file.read()
        rotated = encryption.rotate_bytes(token)
        # Written beside and moved over, so a crash never leaves half a file.
        path = storage.path(name)
        temporary = f"{path}.rotating"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(rotated)
        os.replace(temporary, path)
        count += 1
    return count
