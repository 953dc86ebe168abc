"""Settings shared by every environment.

Safe for production by default: DEBUG is off, cookies are secure unless an
environment variable relaxes them, and nothing here holds a secret. Every value
that differs between machines comes from the environment (see .env.example).
"""

import os
from pathlib import Path

import dj_database_url

from evoke_site.release import current_release

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
# Names that show the default center though no site names them (loopback, for
# health checks); any other host must be a site's (core.middleware).
DEFAULT_SITE_HOSTNAMES = env_list("DEFAULT_SITE_HOSTNAMES", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A family whose form page was open too long sees the phone and a way back.
CSRF_FAILURE_VIEW = "contact.views.csrf_failure"

INSTALLED_APPS = [
    "core",
    "home",
    "articles",
    "people",
    "contact",
    "insurance",
    "navigation",
    "services",
    "locations",
    "standard_pages",
    "site_search",
    "seo",
    "editorial",
    "wordpress_import",
    "health_checks",
    "insights",
    # Before Wagtail's own apps: its admin views for translating pages and
    # snippets (and locales, in place of wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "two_factor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.AdminFrameAncestorsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RememberedRoutesMiddleware",
    "core.middleware.KnownCentersOnlyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address: /es/... is Spanish, everything else English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.security.PublicFieldLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "two_factor.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Brute-force protection for the admin login (django-axes): after
# AXES_FAILURE_LIMIT failed attempts for one username from one address, that
# pair is locked out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/account_locked.html"

# Everyone who can read inquiries signs in with a second factor (TOTP app).
TWO_FACTOR_FOR_INQUIRY_STAFF = env_bool("TWO_FACTOR_FOR_INQUIRY_STAFF", True)
OTP_TOTP_ISSUER = "Evoke Wellness website"

ROOT_URLCONF = "evoke_site.urls"
# Signed-out visits to staff pages (the second sign-in step) go to the admin login.
LOGIN_URL = "wagtailadmin_login"
WSGI_APPLICATION = "evoke_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.kept_parts.context_processor",
            ],
        },
    },
]

# The default is a SQLite file in the git-ignored data/ folder, so a fresh
# checkout runs with nothing installed; production and CI set DATABASE_URL.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
# English at today's addresses, Spanish under /es/ (evoke_site/urls.py); pages
# are translated in the admin with wagtail-localize.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's words and order; English as the site always showed them.
FORMAT_MODULE_PATH = ["core.formats"]
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: the SMTP backend by default; a silent mail server must never hang a
# request or a worker, hence the timeout.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Secure by default; dev.py relaxes these for plain-HTTP local serving.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# An address on a health site says what a visitor reads: other sites get none.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Public pages run no inline script and load nothing from another host. The
# Wagtail admin still needs inline scripts and styles; ContentSecurityPolicyMiddleware
# relaxes the policy for the admin path only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        # Nothing frames the site; core.security lets the admin frame previews.
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# The admin holds health information: a less guessable path can be set, and an
# idle session ends after SESSION_COOKIE_AGE seconds (renewed on every request).
WAGTAIL_ADMIN_PATH = os.environ.get("WAGTAIL_ADMIN_PATH", "admin/").strip("/") + "/"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True

# Every server process and command must see the same cache: it holds the
# content generation that retires kept pages (core.generation), rate limits and
# the error page's phone. REDIS_URL shares it between machines (production);
# without it, the processes of one machine share files under DATA_DIR.
# "generation" is the same store with its errors raised, so an outage is seen;
# "render_afresh" keeps nothing (parts of responses that must not be kept).
REDIS_URL = os.environ.get("REDIS_URL", "")
# Kept parts are made by one release of the code; see evoke_site/release.py.
RELEASE = current_release(BASE_DIR)


def shared_caches(redis_url, file_dir, release=""):
    if redis_url:
        redis = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "evoke",
            # Redis answers in a millisecond; a host that drops packets must
            # not hold a page view for seconds. While the generation cannot be
            # read, nothing kept is looked up (core.generation), leaving a few
            # calls (rate limits, Wagtail's own) to time out.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
        }
        default = {
            **redis,
            "KEY_PREFIX": f"evoke:{release}",
            # An outage degrades to cache misses, never errors.
            "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        }
        generation = {
            **redis,
            "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": False},
        }
    else:
        generation = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(file_dir),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
        default = {**generation, "KEY_PREFIX": release}
    return {
        "default": default,
        "generation": generation,
        "render_afresh": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


CACHES = shared_caches(REDIS_URL, DATA_DIR / "cache", RELEASE)

# LOG_FORMAT=json gives one JSON object per line for a log collector. Inquiry
# contents are never logged: views log events and ids, never form data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
            },
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    # Exception messages can quote what a visitor sent (a refused cell value, a
    # row's key): every record is written with its traceback but not its messages.
    "filters": {
        "withhold_messages": {"()": "core.log_filters.WithholdExceptionMessages"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
            "filters": ["withhold_messages"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (a DEBUG-only console, mail to ADMINS with the
        # traceback) are replaced by the filtered console above.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # The task framework logs every task start and finish at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

# Background tasks (django-tasks). "default" stays the immediate backend Wagtail
# uses when TASKS is unset, so Wagtail's own housekeeping (reference index, focal
# points) keeps running inline. "inquiries" stores admissions notifications in
# the database for `manage.py db_worker --backend inquiries` to send, so a slow or
# broken mail server never touches the visitor's request.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "inquiries": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Contact inquiries: health information, kept only as long as needed.
# Keys for the health information encrypted at rest (core.encryption), newest
# first: FIELD_ENCRYPTION_KEY=new,old while `manage.py reencrypt_fields` runs.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY")
INQUIRY_RETENTION_DAYS = int(os.environ.get("INQUIRY_RETENTION_DAYS", "730"))
# Insurance card photos: encrypted files outside MEDIA_ROOT (never served by a
# URL of their own), deleted by purge_inquiries after this many days.
INSURANCE_CARD_ROOT = Path(
    os.environ.get("INSURANCE_CARD_ROOT", DATA_DIR / "private" / "insurance-cards")
)
INSURANCE_CARD_RETENTION_DAYS = int(
    os.environ.get("INSURANCE_CARD_RETENTION_DAYS", "30")
)
INSURANCE_CARD_MAX_BYTES = 10 * 1024 * 1024
# A phone camera's photo is 12 to 50 megapixels; more is refused before decoding.
INSURANCE_CARD_MAX_PIXELS = 60_000_000
# Inquiries stored from one address per window (seconds) before the form asks
# them to wait (a 429 that keeps their answers). Forms sent back with mistakes
# never count; one address can be a whole mobile network or office.
INQUIRY_RATE_LIMIT = (
    int(os.environ.get("INQUIRY_RATE_LIMIT_POSTS", "20")),
    int(os.environ.get("INQUIRY_RATE_LIMIT_SECONDS", "600")),
)
# A person needs at least this long to fill the form; faster posts are bots.
INQUIRY_MIN_FILL_SECONDS = 3
# How many proxies in front of the app append to X-Forwarded-For (1 behind the
# compose Varnish, 2 with a TLS terminator before it). The rate limit then counts
# each visitor, not the proxy; 0 trusts only the direct peer address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# The front cache (Varnish, deploy/varnish/default.vcl): Wagtail purges pages
# there when they change. Unset, nothing is purged (no front cache in use).
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Evoke Wellness at Waltham")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No public "forgotten password" form: a handful of staff accounts, each behind
# a second factor, are reset by a superuser (Settings → Users) or with
# `manage.py changepassword`. An open reset form only lets anyone fill staff
# inboxes and probe which addresses have accounts.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No avatars fetched from a third party: staff identities stay on this site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
# A bulk redirect import is uploaded in one request and confirmed in the next,
# which may reach another web server: with REDIS_URL the file waits in the
# shared cache rather than in one server's temporary folder.
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache" if REDIS_URL else "tmp_file"
