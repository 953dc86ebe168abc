"""What `make run` uses: local HTTP, a fixed throwaway key, mail to the console."""

from .base import *  # noqa: F403
from .base import DATA_DIR, FIELD_ENCRYPTION_KEYS, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
# Each demo center has a *.localhost name (browsers and curl resolve them to
# the loopback address); waltham.localhost shows the default center as
# 127.0.0.1 does.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost")
DEFAULT_SITE_HOSTNAMES = env_list(
    "DEFAULT_SITE_HOSTNAMES", "localhost,127.0.0.1,[::1],waltham.localhost"
)
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The second sign-in step for inquiry staff is exercised by its own tests
# (override_settings); the local demo admin signs in with a password only.
TWO_FACTOR_FOR_INQUIRY_STAFF = False

# `make run` writes a development key here (manage.py new_encryption_key) once;
# it stays with the local database it encrypts.
DEV_ENCRYPTION_KEY_FILE = DATA_DIR / "field-encryption.key"
if not FIELD_ENCRYPTION_KEYS and DEV_ENCRYPTION_KEY_FILE.exists():
    FIELD_ENCRYPTION_KEYS = [DEV_ENCRYPTION_KEY_FILE.read_text().strip()]
