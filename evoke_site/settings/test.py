"""Fast, deterministic settings for the test suite (DATABASE_URL still applies)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
# Any *.localhost passes Django's check, as in `make run`; only the sites'
# hostnames and these reach a page (core.middleware.KnownCentersOnlyMiddleware).
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", ".localhost"]
DEFAULT_SITE_HOSTNAMES = ["testserver", "localhost", "127.0.0.1"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# A fixed key (tests.tools.TEST_ENCRYPTION_KEY), so a server process a test
# starts reads what the test wrote; never used elsewhere.
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5ISE="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "data" / "test-media"  # noqa: F405
INSURANCE_CARD_ROOT = BASE_DIR / "data" / "test-private" / "insurance-cards"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Pinned to this process's memory whatever REDIS_URL says, so the suite never
# clears a real shared cache; the generation alias shares the default's store.
_local = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "evoke-tests",
}
CACHES = {
    "default": _local,
    "generation": _local,
    "render_afresh": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
WAGTAIL_REDIRECTS_FILE_STORAGE = "tmp_file"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"]},
}
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run inline so a test sees the notification it caused.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "inquiries": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Lockout is exercised by its own test with override_settings(AXES_ENABLED=True);
# Django's test client logs in without a request, which django-axes refuses.
AXES_ENABLED = False

# The second sign-in step for inquiry staff is exercised by its own tests
# (override_settings); the local demo admin signs in with a password only.
TWO_FACTOR_FOR_INQUIRY_STAFF = False
