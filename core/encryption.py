"""Health information encrypted at rest, with keys from the environment.

`cryptography`'s Fernet (AES-128-CBC with an HMAC-SHA256, a timestamp and a
random IV per value) does the cryptography; this module only chooses the keys
and wraps model fields and files in it. `FIELD_ENCRYPTION_KEYS` lists the keys,
newest first: values are written with the first and read with any, so a key is
rotated by putting a new one in front, running `manage.py reencrypt_fields`,
and then removing the old one.

An encrypted field cannot be searched or filtered on in the database (the same
text encrypts differently every time); only "is it empty" still works, because
an empty value is stored empty.
"""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class UnreadableValue(Exception):
    """A stored value that none of the configured keys opens."""


@cache
def _keyring():
    keys = [key for key in settings.FIELD_ENCRYPTION_KEYS if key]
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is not set: inquiries and insurance details "
            "are stored encrypted and need a key (manage.py new_encryption_key)."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes; manage.py new_encryption_key)."
        ) from error


def _forget_keys(*, setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEYS":
        _keyring.cache_clear()


setting_changed.connect(_forget_keys)


def check_keys():
    """Raise ImproperlyConfigured now, rather than on the first inquiry."""
    _keyring()


def new_key():
    return Fernet.generate_key().decode("ascii")


def encrypt_bytes(data: bytes) -> bytes:
    return _keyring().encrypt(data)


def decrypt_bytes(token: bytes, ttl=None) -> bytes:
    """`token` opened; with `ttl`, refused when encrypted more than ttl seconds ago."""
    return _with_any_key(lambda value: _keyring().decrypt(value, ttl=ttl), token)


def rotate_bytes(token: bytes) -> bytes:
    """The same value encrypted with the newest key."""
    return _with_any_key(_keyring().rotate, token)


def _with_any_key(operation, token):
    try:
        return operation(token)
    except InvalidToken as error:
        raise UnreadableValue(
            "A stored value could not be decrypted with any FIELD_ENCRYPTION_KEY."
        ) from error


def encrypt_text(value: str) -> str:
    if value in (None, ""):
        return value
    return encrypt_bytes(value.encode("utf-8")).decode("ascii")


def decrypt_text(value: str) -> str:
    if value in (None, ""):
        return value
    return decrypt_bytes(value.encode("ascii")).decode("utf-8")


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token; Python code sees the plain text.

    `max_length` is checked on the plain text (forms and validation), never on
    the column, which holds the longer token.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt_text(value)

    def get_lookup(self, lookup_name):
        # An encrypted value never equals, contains or sorts like its text;
        # "exact" is left for the empty value, which is stored empty.
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields():
    """(model, [field names]) for every model with encrypted fields."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if names:
            found.append((model, names))
    return found


# Apps that keep encrypted files register how to re-encrypt them (label →
# function returning how many files it re-encrypted), for reencrypt_fields.
_file_rotations = {}


def register_file_rotation(label, rotate):
    _file_rotations[label] = rotate


def reencrypt_files():
    return [(label, rotate()) for label, rotate in _file_rotations.items()]
