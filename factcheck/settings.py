"""Settings for the claim provenance tracker, read from environment variables.

Development defaults are safe to run on a laptop (SQLite, localhost only);
production must set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from factcheck.env import env_bool, env_database, env_int, env_list, env_rate, env_secret_key, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_secret_key("SECRET_KEY", debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

# Named as the author of our ClaimReview markup and in feeds.
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "").strip() or "Claim provenance tracker"

DATABASES = {"default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Pages run short queries that the planner may misjudge as costly; compiling one with JIT took up to a
    # second (bench/serve.py), far more than it saves.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", default=False
):
    # Django's psycopg pool: each process keeps its connections open and lends one to each request.
    # Persistent connections (CONN_MAX_AGE) are the pool's job then; Django refuses both at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", default=1, minimum=1),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", default=4, minimum=1),
        "timeout": 10,
    }
# A read replica: anonymous reads go there, writes and staff requests to the primary
# (factcheck/database_routers.py). Any PostgreSQL that streams from the primary will do.
DATABASE_REPLICA = bool(os.environ.get("DATABASE_REPLICA_URL", "").strip())
if DATABASE_REPLICA:
    DATABASES["replica"] = {
        **env_database("DATABASE_REPLICA_URL", default=""),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {})},
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["factcheck.database_routers.PrimaryReplicaRouter"]

INSTALLED_APPS = [
    "factcheck.admin_site.DeskAdminConfig",  # django.contrib.admin, home to the reviewer's desk
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "factcheck.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    *(["factcheck.database_routers.ReplicaReadsMiddleware"] if DATABASE_REPLICA else []),
    # Last, as django-axes asks: it answers a locked-out admin login with 429.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before passwords are checked
    "django.contrib.auth.backends.ModelBackend",
]
# Admin logins: after 5 failures for one username from one address, that pair is locked out for
# 15 minutes (429). Pairing the two keeps a guesser from locking a colleague out from elsewhere;
# the API's token endpoint has its own throttle (API_TOKEN_RATE).
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = "Too many failed logins: wait 15 minutes, then try again."

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "factcheck.context_processors.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["factcheck.formats"]  # one date format everywhere (factcheck/formats/en)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A long claim page with many quote inlines posts more fields than Django's default 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    # Plain HTTP is redirected to HTTPS and browsers are told to use HTTPS only, for a year by
    # default; set SECURE_SSL_REDIRECT=0 when the proxy redirects, SECURE_HSTS_SECONDS=0 to send no HSTS.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0

# Content-Security-Policy (django-csp): our own scripts, styles, fonts and images only, and inline
# scripts only with the request's nonce. The API documentation relaxes it (factcheck/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# A shared cache (Redis) when REDIS_URL is set, so that every server process counts the same API
# throttles and sees the same cached pages; otherwise each process keeps its own, as `make run` needs.
REDIS_URL = env_url("REDIS_URL", schemes={"redis", "rediss"})
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "factcheck.cache.RedisCache",  # Django's, without a client built per command
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factcheck",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each public claim's validator and page kept in the cache under a token that every change replaces
# (claims/validator_cache.py), so a 304 or a cached page makes no query. Only with a shared cache: a
# process's own cache would never hear of a change another process made. Not with a replica: a reader
# could keep, under the token a change just started, what the lagging replica still holds.
CACHE_VALIDATORS = bool(REDIS_URL) and not DATABASE_REPLICA

# Celery (factcheck/celery.py) runs background jobs: large ingestions, ClaimReview imports and exports.
# Without a broker, tasks run eagerly in the process that queues them, so the demo needs no Redis.
CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL", schemes={"redis", "rediss", "amqp", "amqps", "pyamqp"}, default=REDIS_URL
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
# Celery's own default is RabbitMQ on localhost; an eager setup must never reach for it.
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_IGNORE_RESULT = True  # a job's state lives in its row (claims.models.Job), not in Celery
CELERY_TASK_ACKS_LATE = True  # a job whose worker died is run again; every job is safe to repeat
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # jobs are long: a worker takes one at a time
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# A text larger than this is ingested in a background job: the API answers 202 with the job's address
# and the admin shows the job's progress. Smaller ones are ingested within the request.
INGEST_BACKGROUND_BYTES = env_int("INGEST_BACKGROUND_BYTES", default=200_000)
# A URL given alone is fetched and ingested by a background job when a broker runs them (the page's size
# is unknown until it is read); without one, within the request.
INGEST_URL_BACKGROUND = env_bool("INGEST_URL_BACKGROUND", default=not CELERY_TASK_ALWAYS_EAGER)

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "").strip() or BASE_DIR / "media")  # exports made by jobs
# Files the site serves as they were written in the background (the whole ClaimReview DataFeed): a
# directory the web servers and the Celery workers share.
EXPORT_ROOT = Path(os.environ.get("EXPORT_ROOT", "").strip() or MEDIA_ROOT / "exports")

API_MAX_BODY_BYTES = 1_000_000  # a claim with its longest explanation fits many times over
# The longest text ingested (a long report runs to a few hundred kilobytes); its API request may carry it.
INGEST_MAX_TEXT_BYTES = 5_000_000
# Room for the largest ingested text pasted into the admin or posted to the API, once it is escaped as
# form data or JSON (which can triple it). Other API requests keep API_MAX_BODY_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * INGEST_MAX_TEXT_BYTES

# Fetching pages for URL ingest and watching (sources/fetching.py). Private, loopback and link-local
# addresses are refused unless FETCH_ALLOW_PRIVATE is on (tests turn it on for their own server).
FETCH_ALLOW_PRIVATE = env_bool("FETCH_ALLOW_PRIVATE", default=False)
FETCH_USER_AGENT = (
    os.environ.get("FETCH_USER_AGENT", "").strip()
    or f"ClaimProvenanceTracker/1.0 (+fact-checking archive of {ORGANISATION_NAME})"
)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", default=10_000_000, minimum=1)
FETCH_CONNECT_TIMEOUT = env_int("FETCH_CONNECT_TIMEOUT", default=5, minimum=1)
FETCH_READ_TIMEOUT = env_int("FETCH_READ_TIMEOUT", default=10, minimum=1)
FETCH_TOTAL_TIMEOUT = env_int("FETCH_TOTAL_TIMEOUT", default=20, minimum=1)  # under gunicorn's 30 s
FETCH_MAX_REDIRECTS = 5
FETCH_HOST_DELAY = env_int("FETCH_HOST_DELAY", default=2)  # seconds between two requests to one host
FETCH_MAX_CRAWL_DELAY = 30  # a robots.txt Crawl-delay is honoured up to this many seconds

# Watching (claims/watching.py): every URL a published claim relies on is fetched again, hourly while
# the newest claim relying on it is under a week old, daily after; a beat task picks the due ones.
WATCH_NEW_CLAIM_DAYS = 7
WATCH_NEW_INTERVAL = timedelta(hours=1)
WATCH_INTERVAL = timedelta(days=1)
WATCH_BATCH = env_int("WATCH_BATCH", default=500, minimum=1)  # sources checked per run of the task
WATCH_CONCURRENCY = env_int(
    "WATCH_CONCURRENCY", default=4, minimum=1
)  # hosts fetched at once; one at a time each
FEED_REFRESH_MINUTES = env_int("FEED_REFRESH_MINUTES", default=10, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "watch-sources": {"task": "claims.tasks.watch_due_sources", "schedule": timedelta(minutes=5)},
    # Each DataFeed file is written again when what it holds changed (the endpoint also queues it).
    "refresh-claimreview-feeds": {
        "task": "claims.tasks.refresh_claimreview_feeds",
        "schedule": timedelta(minutes=FEED_REFRESH_MINUTES),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadPublishedOrStaffWrite"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "claims.api.filters.StrictOrderingFilter",
    ],
    # Quantities are numbers to a client (17, not "17.0000"); the schema says "number" too.
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.UpdatedCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.AnonThrottle",
        "claims.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_ANON_RATE", "120/minute"),
        "user": env_rate("API_USER_RATE", "600/minute"),
        "token": env_rate("API_TOKEN_RATE", "10/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# The site's own font stack (static/site.css): what the reader's system has, nothing downloaded.
SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
SPECTACULAR_SETTINGS = {
    "TITLE": "Claim provenance tracker API",
    "DESCRIPTION": (
        "Fact-checked claims, the sources that quote them, the words each used, conflicting accounts "
        "and ClaimReview. Anonymous clients read published data; staff write with a token."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",  # tag operations by resource: claims, quotes, …
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The reader's own fonts: Redoc would otherwise ask for Montserrat and Roboto, which no page here serves.
    "REDOC_UI_SETTINGS": {
        "theme": {
            "typography": {
                "fontFamily": SYSTEM_FONTS,
                "headings": {"fontFamily": SYSTEM_FONTS},
                "code": {
                    "fontFamily": 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace'
                },
            }
        }
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.refuse_unknown_fields",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ConflictStatusEnum": "claims.models.ConflictStatus",
        "ActorKindEnum": "sources.models.ActorKind",
        "SourceKindEnum": "sources.models.SourceKind",
        "SourceStatusEnum": "sources.models.SourceStatus",
        "ConflictKindEnum": "claims.models.ConflictKind",
        "CorrectionKindEnum": "claims.models.CorrectionKind",
        "CitationRelationEnum": "sources.models.CitationRelation",
        "QuoteStanceEnum": "claims.models.QuoteStance",
        "SuggestionStatusEnum": "claims.models.SuggestionStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
