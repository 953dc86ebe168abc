"""Production: insists on what it needs and names anything missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import env_bool, env_list


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required in production "
            f"(see .env.example)."
        )
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
# Inquiries and insurance details are encrypted with it (core.encryption).
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in require_env("FIELD_ENCRYPTION_KEY").split(",") if key.strip()
]
try:
    for _key in FIELD_ENCRYPTION_KEYS:
        Fernet(_key)
except ValueError:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY holds a value that is not a Fernet key "
        "(python manage.py new_encryption_key prints one)."
    ) from None
# Web workers, the task worker and cron commands must share one cache, or a
# change made by one is not seen by the others (core.generation). On a single
# machine, ONE_MACHINE=true shares a file cache under DATA_DIR instead.
if not REDIS_URL and not env_bool("ONE_MACHINE", False):  # noqa: F405
    raise ImproperlyConfigured(
        "The REDIS_URL environment variable is required in production, so every "
        "server process shares the cache (or set ONE_MACHINE=true when every "
        "process runs on this one machine; see .env.example)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Notification mail leaves encrypted: STARTTLS unless EMAIL_USE_SSL is chosen.
# Only EMAIL_ALLOW_PLAINTEXT=true (a relay on the same host) turns both off.
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = not EMAIL_USE_SSL and env_bool("EMAIL_USE_TLS", True)
if not (EMAIL_USE_TLS or EMAIL_USE_SSL) and not env_bool("EMAIL_ALLOW_PLAINTEXT"):
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS=false would send notification mail unencrypted: set "
        "EMAIL_USE_SSL=true, or EMAIL_ALLOW_PLAINTEXT=true for a relay on this "
        "host (see .env.example)."
    )
