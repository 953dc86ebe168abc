"""Helpers for tests that need a program from the machine (a browser, Varnish)."""

import json
import os
import shutil
import socket

import pytest

# The key the test settings encrypt with, for server processes a test starts.
TEST_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5ISE="


def content_types_first(snapshot):
    """The snapshot with content types first, for restoring it in that order.

    Signal receivers run as each object is restored and some look content
    types up, creating any they cannot find: restored later, the snapshot's
    own would then clash with those.
    """
    objects = json.loads(snapshot)
    objects.sort(key=lambda item: item["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(condition, message):
    """Skip on a developer's machine, fail in CI: CI must never pass by skipping."""
    if condition:
        return
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_program(path, install_hint):
    found = shutil.which(path) or (os.path.exists(path) and path)
    require(bool(found), f"{path} is needed for this test: {install_hint}")
    return found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_page_tree_root():
    """The tree root and the locales, which a transactional test's flush removes."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Locale, Page

    # A flush re-creates content types under new ids; forget the cached old ones.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="es")
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
