"""Django settings, read from environment variables with defaults that run on one machine."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
_source_root = PACKAGE_DIR.parent.parent
PROJECT_DIR = _source_root if (_source_root / "pyproject.toml").exists() else Path.cwd()
VAR_DIR = Path(os.environ.get("BORDERLESS_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
# The plain-Python parts (imported FX rates) find the same folder.
os.environ.setdefault("BORDERLESS_VAR_DIR", str(VAR_DIR))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_flag("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "ninja",  # its static files: the API docs load Swagger UI from here, not from a CDN
    "borderless.events",
    "borderless.accounts",
    "borderless.catalog",
    "borderless.orders",
    "borderless.search",
    "borderless.ledger",
    "borderless.payments",
    "borderless.payouts",
    "borderless.trust",
    "borderless.insights",
    "borderless.customs",
    "borderless.logistics",
    "borderless.translation",
    "borderless.conversations",
    "borderless.reviews",
    "borderless.notifications",
    "borderless.promotions",
    "borderless.fleet",
    "huey.contrib.djhuey",
    "borderless.web",
]

# Session, CSRF, authentication, messages, htmx and lockout run for browsers; a bearer-token API call skips
# them (borderless.api.middleware). Axes looks for its own class by name; ours is a subclass of it.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "borderless.fleet.middleware.ReplicaReadMiddleware",
    "borderless.api.body.ApiBodyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "borderless.api.middleware.CSPMiddleware",
    "borderless.api.middleware.SessionMiddleware",
    "borderless.web.middleware.AudienceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "borderless.api.middleware.CsrfViewMiddleware",
    "borderless.api.middleware.AuthenticationMiddleware",
    "borderless.api.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "borderless.api.middleware.HtmxMiddleware",
    "borderless.api.middleware.AxesMiddleware",
]

ROOT_URLCONF = "borderless.urls"
WSGI_APPLICATION = "borderless.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'borderless.sqlite3'}")
PREPARED_STATEMENTS = os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"


def _database(url: str) -> dict:
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        _postgres_options(database.setdefault("OPTIONS", {}))
    return database


def _postgres_options(options: dict) -> None:
    # The planner's default random_page_cost (4) prices a random read as on spinning disks and so prefers
    # sequential scans of whole tables to index scans (search skipped its GIN index); 1.1 fits SSDs and data
    # in memory. Set per connection so one machine needs no server configuration; a server setting of the
    # same name in the URL's `options` wins.
    options["options"] = ("-c random_page_cost=1.1 " + options.get("options", "")).strip()
    # Parameters bound on the server, and a statement run twice on a connection prepared there (psycopg
    # keeps the 100 most used per connection): PostgreSQL then plans the hot statements once per connection
    # instead of on every call, which halved its CPU per checkout (ADR 0404). Django leaves both off for
    # connection poolers that cannot carry prepared statements; DATABASE_PREPARED_STATEMENTS=0 does the same.
    # Behind PgBouncer in transaction mode (deploy/pgbouncer.ini) they must be off: the start-up check
    # (fleet/checks.py) refuses the combination.
    if PREPARED_STATEMENTS:
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", 2)
    # A dead server is found in seconds, not at the operating system's TCP time-out.
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))


DATABASES = {"default": _database(DATABASE_URL)}
# Read replicas (ADR 1102): DATABASE_REPLICA_URL names one or more, comma-separated. Storefront and report
# pages read from one of them (borderless.fleet.router) unless the replica lags by more than
# REPLICA_MAX_LAG_SECONDS or the visitor wrote something it has not replayed yet (pinned to the primary for
# REPLICA_PIN_SECONDS at most). REPLICA_READ_HEADER names the response header telling which database read.
REPLICA_URLS = [u.strip() for u in os.environ.get("DATABASE_REPLICA_URL", "").split(",") if u.strip()]
REPLICA_DATABASES = []
for _number, _url in enumerate(REPLICA_URLS, start=1):
    DATABASES[f"replica{_number}"] = _database(_url)
    DATABASES[f"replica{_number}"]["TEST"] = {"MIRROR": "default"}
    REPLICA_DATABASES.append(f"replica{_number}")
REPLICA_PIN_SECONDS = float(os.environ.get("REPLICA_PIN_SECONDS", "30"))
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
REPLICA_LAG_CHECK_SECONDS = float(os.environ.get("REPLICA_LAG_CHECK_SECONDS", "1"))
REPLICA_READ_HEADER = os.environ.get("REPLICA_READ_HEADER", "X-Borderless-Read")
# Pages whose reads may come from a replica: path prefixes ("/" alone is the home page only).
REPLICA_READ_PATHS = [
    p.strip()
    for p in os.environ.get(
        "REPLICA_READ_PATHS",
        "/,/search/,/c/,/p/,/s/,/orders/,/api/v1/products,/api/v1/categories,/api/v1/search,"
        "/api/v1/orders,/seller/insights/,/ops/insights/,/ops/reports/",
    ).split(",")
    if p.strip()
]
# PgBouncer's admin console (postgres://user@host:port/pgbouncer): checked at start-up against
# DATABASE_PREPARED_STATEMENTS.
PGBOUNCER_ADMIN_URL = os.environ.get("PGBOUNCER_ADMIN_URL", "")
# Reports read from a replica when REPORTS_DATABASE_URL names one; otherwise from the primary.
if os.environ.get("REPORTS_DATABASE_URL"):
    DATABASES["reports"] = dj_database_url.parse(os.environ["REPORTS_DATABASE_URL"], conn_max_age=60)
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
    REPORTS_DATABASE = "reports"
    DATABASE_ROUTERS = ["borderless.insights.routers.ReportsReplicaRouter"]
else:
    REPORTS_DATABASE = "default"
    DATABASE_ROUTERS = []
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["borderless.fleet.router.ReplicaRouter", *DATABASE_ROUTERS]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Several deployments (or test runs) may share one Redis: each keeps its keys under its own prefix.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    # Per process; room for the search result and product pages of ADR 203 (about 10 kB each).
    LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
    CACHES = {"default": {"BACKEND": LOCMEM, "OPTIONS": {"MAX_ENTRIES": 2000}}}

# Background work (Huey): SQLite storage in var/ on one machine, Redis when REDIS_URL is set. Tests switch
# the queue to immediate mode (tasks run in the caller) unless they start a real consumer.
HUEY = {
    "name": os.environ.get("HUEY_NAME", "borderless"),
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "immediate": env_flag("HUEY_IMMEDIATE"),
    "utc": True,
    "consumer": {
        "workers": int(os.environ.get("WORKER_THREADS", "2")),
        "worker_type": "thread",
        # Off on workers of a fleet (WORKER_PERIODIC=0): `borderless scheduler` is their clock. Either way a
        # periodic job runs once per period (borderless.fleet.jobs, ADR 1101).
        "periodic": env_flag("WORKER_PERIODIC", True),
        "check_worker_health": True,
    },
    **({"url": REDIS_URL} if REDIS_URL else {"filename": str(VAR_DIR / "huey.sqlite3")}),
}

# Payments: the built-in sandbox provider unless told otherwise. Webhooks are signed with this secret.
PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "sandbox")


def _kept_secret(variable: str) -> str:
    """The environment's value, else a random secret kept in VAR_DIR (made on first use)."""
    if secret := os.environ.get(variable):
        return secret
    secret_file = VAR_DIR / variable.lower()
    if not secret_file.exists():
        secret_file.write_text(secrets.token_hex(32))
        secret_file.chmod(0o600)
    return secret_file.read_text().strip()


SANDBOX_WEBHOOK_SECRET = _kept_secret("SANDBOX_WEBHOOK_SECRET")
# Carriers' tracking events (logistics): signed as the payment webhooks are (payments/signing.py).
CARRIER_WEBHOOK_SECRET = _kept_secret("CARRIER_WEBHOOK_SECRET")
SANDBOX_WEBHOOK_URL = os.environ.get("SANDBOX_WEBHOOK_URL", "")  # empty: delivered inside the worker
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "60"))

# Notices (borderless.notifications). E-mail through Django's backends: EMAIL_BACKEND names one (SMTP with
# EMAIL_HOST and the rest); by default each message is written as a file under VAR_DIR/mail.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Borderless <notices@borderless.invalid>")
NOTICE_MAIL_DOMAIN = os.environ.get("NOTICE_MAIL_DOMAIN", "notices.borderless.invalid")  # in Message-IDs
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")  # named in e-mails
SMS_PROVIDER = os.environ.get("SMS_PROVIDER", "sandbox")  # the sandbox records in VAR_DIR/sms
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "Borderless")

# Stripe (PAYMENT_PROVIDER=stripe; docs/adr/0502): the secret key, the webhook endpoint's signing secrets
# (comma-separated: during a rotation both the old and the new secret are accepted), and the API's address
# (tests point it at a local server). Payment methods offered on the PaymentIntent, in CNY.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRETS = [
    s.strip() for s in os.environ.get("STRIPE_WEBHOOK_SECRETS", "").split(",") if s.strip()
]
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_PAYMENT_METHOD_TYPES = [
    s.strip()
    for s in os.environ.get("STRIPE_PAYMENT_METHOD_TYPES", "card,alipay,wechat_pay").split(",")
    if s.strip()
]
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "20"))
STRIPE_MAX_NETWORK_RETRIES = int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "2"))
STRIPE_WEBHOOK_TOLERANCE_SECONDS = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE_SECONDS", "300"))

# China customs (CN-C7..C10): the gateway that takes the CEB messages, and the platform's registration codes
# there. The defaults are the sandbox's placeholders; production sets the codes customs issued.
CUSTOMS_GATEWAY = os.environ.get("CUSTOMS_GATEWAY", "sandbox")
CUSTOMS_EBP_CODE = os.environ.get("CUSTOMS_EBP_CODE", "31209BL001")  # the platform (e-commerce platform)
CUSTOMS_EBP_NAME = os.environ.get("CUSTOMS_EBP_NAME", "Borderless")
CUSTOMS_EBC_CODE = os.environ.get("CUSTOMS_EBC_CODE", "31209BL002")  # the sellers' registered agent
CUSTOMS_EBC_NAME = os.environ.get("CUSTOMS_EBC_NAME", "Borderless Trade Agent")
CUSTOMS_PAY_CODE = os.environ.get("CUSTOMS_PAY_CODE", "31209BL003")  # the payment company
CUSTOMS_PAY_NAME = os.environ.get("CUSTOMS_PAY_NAME", "Borderless Sandbox Pay")
CUSTOMS_CODE = os.environ.get("CUSTOMS_CODE", "2244")  # the customs office that clears the parcels
CUSTOMS_PORT_CODE = os.environ.get("CUSTOMS_PORT_CODE", "2244")  # the port of entry
# The sandbox customs answers a release or hold this long after accepting an inventory list, and ends a
# hold this long after it began (seconds).
CUSTOMS_SANDBOX_VERDICT_SECONDS = int(os.environ.get("CUSTOMS_SANDBOX_VERDICT_SECONDS", "60"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Login throttling, per account and per address, each on its own.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Both the login form and the API pass the email address as `username` to authenticate().
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# Behind nginx: the proxies whose X-Forwarded-For names the visitor (accounts/addresses.py), comma-separated.
TRUSTED_PROXIES = frozenset(a.strip() for a in os.environ.get("TRUSTED_PROXIES", "").split(",") if a.strip())
AXES_CLIENT_IP_CALLABLE = "borderless.accounts.addresses.client_address"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "borderless_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files only their parties may read (notice evidence): never served under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# Media on S3-compatible storage (ADR 1103) when MEDIA_S3_BUCKET names a bucket; the local disk otherwise.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            "file_overwrite": False,
            # Product images are public; a custom domain (a CDN) may serve them instead of the bucket.
            "querystring_auth": env_flag("MEDIA_S3_SIGNED_URLS"),
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_CSV_BYTES = 2 * 1024 * 1024
# Shop-export import: fetch product images from private or loopback addresses too (off: only public hosts).
IMPORT_IMAGES_FROM_PRIVATE_HOSTS = env_flag("IMPORT_IMAGES_FROM_PRIVATE_HOSTS")
MAX_BRAND_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_MESSAGE_ATTACHMENT_BYTES = 5 * 1024 * 1024

# Security headers; HSTS and secure cookies only when served over HTTPS.
HTTPS = env_flag("HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Prices: the platform's FX margin in basis points, shown apart from the reference rate.
FX_MARGIN_BPS = int(os.environ.get("FX_MARGIN_BPS", "0"))
# How long a rendered page of search results may be reused (0: never). Any listing change ends it sooner.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60"))

# Escrow and payouts (ADRs 601-602): auto-confirmation window after delivery, commission per category
# (fractions; categories not listed use payouts.rules.COMMISSION_RATES, then the default), payout rail.
ESCROW_AUTO_CONFIRM_DAYS = int(os.environ.get("ESCROW_AUTO_CONFIRM_DAYS", "10"))
# Handling time (logistics.handling): ship within N business days of payment; refunded after G more.
HANDLING_BUSINESS_DAYS = int(os.environ.get("HANDLING_BUSINESS_DAYS", "3"))
HANDLING_GRACE_BUSINESS_DAYS = int(os.environ.get("HANDLING_GRACE_BUSINESS_DAYS", "2"))
PLATFORM_COMMISSION_DEFAULT = os.environ.get("PLATFORM_COMMISSION_DEFAULT", "0.08")
PLATFORM_COMMISSION_RATES: dict[str, str] = {}
PAYOUT_PROVIDER = os.environ.get("PAYOUT_PROVIDER", "sandbox_bank")
# The payout run's period (payouts.run_payouts); a seller is still paid once per UTC day at most.
PAYOUT_RUN_MINUTES = int(os.environ.get("PAYOUT_RUN_MINUTES", "60"))

# Periodic jobs in a fleet (ADR 1101): this process's name in the job-run table, and a period overriding
# every job's own (seconds; 0: each job's own). The fleet test shortens the periods so a day fits a minute.
NODE_NAME = os.environ.get("NODE_NAME", "")
JOB_PERIOD_SECONDS = int(os.environ.get("JOB_PERIOD_SECONDS", "0"))
SCHEDULER_TICK_SECONDS = float(os.environ.get("SCHEDULER_TICK_SECONDS", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The task consumer gives Huey's logger a handler of its own; do not print each line twice.
    "loggers": {"huey": {"propagate": False}},
}
