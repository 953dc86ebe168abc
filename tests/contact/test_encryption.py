"""A copy of the database is no copy of what families wrote: messages and notes
are stored encrypted (core.encryption), and the key can be rotated."""

import importlib
import io
import logging
import types

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

import pytest
from cryptography.fernet import Fernet

from contact.models import Inquiry, InquiryNote
from core import encryption
from evoke_site.settings.base import shared_caches
from tests.privacy import files_holding, tables_holding

from .conftest import form_data, make_inquiry

pytestmark = pytest.mark.django_db

CANARY = "Canary-7f3a9c opioids since May"
NOTE_CANARY = "Canary-note-51e2 mother called back"


def raw_value(model, field, pk):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(field)} FROM {quote(model._meta.db_table)} "  # noqa: S608
            "WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def file_cache(tmp_path):
    """The shared cache as production keeps it without Redis: files we can read."""
    folder = tmp_path / "cache"
    with override_settings(CACHES=shared_caches("", folder)):
        yield folder


def test_what_a_family_writes_is_stored_nowhere_in_plain_text(
    client,
    contact_page,
    admissions_user,
    file_cache,
    caplog,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    # The notification queued in the database, as in production.
    with (
        override_settings(
            TASKS={
                **settings.TASKS,
                "inquiries": {"BACKEND": "django_tasks_db.DatabaseBackend"},
            }
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/contact/", form_data(message=CANARY))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()

    client.force_login(admissions_user)
    edit = client.post(
        reverse("inquiries:edit", args=[inquiry.pk]),
        {"status": "contacted", "assigned_to": "", "new_note": NOTE_CANARY},
    )
    assert edit.status_code == 302
    detail = client.get(reverse("inquiries:inspect", args=[inquiry.pk]))
    # Admissions read both, decrypted...
    assert CANARY in detail.content.decode()
    assert NOTE_CANARY in detail.content.decode()

    # ...and nothing else holds either in the clear.
    for canary in (CANARY, NOTE_CANARY):
        assert tables_holding(canary) == []
        assert files_holding(canary, file_cache, settings.MEDIA_ROOT) == []
        assert canary not in caplog.text
        assert all(canary not in message.body for message in mail.outbox)
    assert raw_value(Inquiry, "message", inquiry.pk).startswith("gAAAA")


def test_an_empty_message_stays_empty_and_findable():
    inquiry = make_inquiry(message="")
    assert raw_value(Inquiry, "message", inquiry.pk) == ""
    assert Inquiry.objects.filter(message="").get() == inquiry


def test_the_inbox_still_searches_names_with_messages_encrypted(
    client, admissions_user
):
    make_inquiry(name="Robin Okafor", message="about my son")
    client.force_login(admissions_user)
    response = client.get(reverse("inquiries:index"), {"q": "Okafor"})
    assert response.status_code == 200
    assert "Robin Okafor" in response.content.decode()
    # A word of a message finds nothing, and breaks nothing.
    response = client.get(reverse("inquiries:index"), {"q": "son"})
    assert response.status_code == 200


def test_a_key_is_rotated_without_losing_a_message():
    old_key, new_key = settings.FIELD_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    inquiry = make_inquiry(message=CANARY)
    note = InquiryNote.objects.create(inquiry=inquiry, text=NOTE_CANARY)
    before = raw_value(Inquiry, "message", inquiry.pk)

    # The new key in front: old values still read, new ones use it.
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        assert Inquiry.objects.get().message == CANARY
        call_command("reencrypt_fields", stdout=io.StringIO())
    after = raw_value(Inquiry, "message", inquiry.pk)
    assert after != before

    # The old key removed: everything still reads.
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        assert Inquiry.objects.get().message == CANARY
        assert InquiryNote.objects.get(pk=note.pk).text == NOTE_CANARY
    # And the old key alone no longer opens it.
    with pytest.raises(encryption.UnreadableValue):
        Inquiry.objects.get()


def test_the_migration_encrypts_messages_stored_before_it():
    inquiry = make_inquiry(message="")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(Inquiry._meta.db_table)} SET message = %s "  # noqa: S608
            "WHERE id = %s",
            ["written before encryption", inquiry.pk],
        )
    migration = importlib.import_module(
        "contact.migrations.0007_encrypt_message_and_notes"
    )
    migration.encrypt_stored_values(apps, types.SimpleNamespace(connection=connection))
    assert raw_value(Inquiry, "message", inquiry.pk).startswith("gAAAA")
    assert Inquiry.objects.get().message == "written before encryption"


def test_without_a_key_nothing_is_stored_unencrypted():
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[]),
        pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"),
        transaction.atomic(),
    ):
        make_inquiry(message=CANARY)
    assert tables_holding(CANARY) == []


def test_new_encryption_key_writes_a_private_file_once(tmp_path):
    key_file = tmp_path / "data" / "field-encryption.key"
    call_command("new_encryption_key", into=key_file, stdout=io.StringIO())
    key = key_file.read_text().strip()
    Fernet(key)  # a real Fernet key
    assert key_file.stat().st_mode & 0o077 == 0
    call_command("new_encryption_key", into=key_file, stdout=io.StringIO())
    assert key_file.read_text().strip() == key
