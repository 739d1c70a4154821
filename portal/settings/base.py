"""Settings shared by every way of running the portal, read from the environment.

Defaults are the embedded set-up (SpatiaLite, Celery on the filesystem transport, mail to
files under var/), so that a fresh checkout runs without services.
"""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab

from portal.settings.env import (
    ConfigError,
    env_bool,
    env_broker,
    env_cache,
    env_database,
    env_email,
    env_int,
    env_list,
    env_path,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = env_path("PORTAL_VAR_DIR", Path("var"), base=BASE_DIR)

# A key for development only; production.py refuses to start with it.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://localhost:8000").rstrip("/")
PORTAL_CITY_NAME = env_str("PORTAL_CITY_NAME", "Lindenhafen")

INSTALLED_APPS = [
    # Portal apps first so that their templates and translations win.
    "portal.core",
    "portal.accounts",
    "portal.cms",
    "opendata.catalogue",
    "opendata.datastore",
    "opendata.harvest",
    "opendata.sensors",
    "participation.core",
    "participation.defects",
    "participation.defects.open311",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # APIs, maps, accounts
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.gis",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside whitenoise, so that static files carry the policy too (portal/core/csp.py).
    "portal.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that requests over the limit cost little (API paths only).
    "portal.core.ratelimit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.core.i18n.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's, which gives its views the request: staff enrol MFA before any page.
    "portal.accounts.middleware.StaffMfaRequiredMiddleware",
    "portal.accounts.middleware.LoginThrottleStatusMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "opendata.catalogue.history.ChangeContextMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Seconds any one statement may run (PostgreSQL; 0: no limit). The web server's entry point
# (portal/wsgi.py) sets 10 unless given, below gunicorn's 30 s worker timeout; workers and
# management commands (data-store loads, migrations) run without a limit unless given one.
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 0, minimum=0)
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"spatialite:///{VAR_DIR / 'portal.sqlite3'}",
        base=BASE_DIR,
        statement_timeout_seconds=DATABASE_STATEMENT_TIMEOUT,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (shared by web, worker and beat: a file cache when there is no Redis) --------------
CACHES = {"default": env_cache("CACHE_URL", f"filecache://{VAR_DIR / 'cache'}", base=BASE_DIR)}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "portal.accounts.adapter.PortalAccountAdapter"
# Failed logins (passwords and MFA codes): the 11th from one address within a minute, or the
# 6th for one account within five minutes, is refused with 429 (allauth's defaults, pinned).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
# Every login entrance leads to the account login (portal/urls.py); Wagtail's password reset
# is off, allauth's (rate-limited) one is the only one.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Staff (is_staff, superusers, anyone with Wagtail admin access) without a second factor are
# sent to MFA enrolment before any page (portal/accounts/middleware.py). The demo and the
# tests switch it off; the login page then says so.
PORTAL_STAFF_MFA_REQUIRED = env_bool("PORTAL_STAFF_MFA_REQUIRED", True)

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", Path("staticfiles"), base=BASE_DIR)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media", base=BASE_DIR)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = f"Smart City {PORTAL_CITY_NAME}"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "cms.PortalImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "docx", "xlsx", "odt", "ods", "txt", "zip", "json"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# No avatars from Gravatar: the admin would send a hash of every editor's e-mail address to
# a third party (and the admin's Content-Security-Policy loads images from HTTPS hosts).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Mail ------------------------------------------------------------------------------------
_email = env_email("EMAIL_URL", f"filemail://{VAR_DIR / 'mail'}", base=BASE_DIR)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# Seconds a worker waits for the mail server (requests never do: mails go through the jobs).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# An account mail (confirmation, password reset) not sent after this many hours is deleted:
# its links have expired by then (allauth's and Django's default: three days).
ACCOUNT_MAIL_MAX_AGE_HOURS = env_int("ACCOUNT_MAIL_MAX_AGE_HOURS", 72, minimum=1)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", f"Smart City {PORTAL_CITY_NAME} <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_STAFF_EMAIL = env_str("PORTAL_STAFF_EMAIL", "smartcity@localhost")

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env_broker("CELERY_BROKER_URL", "filesystem://")
# kombu waits for Redis without a timeout: a Redis that drops packets (paused, or behind a
# firewall) would hang every request that enqueues a job until gunicorn kills it. With these,
# jobs.enqueue gives up within seconds and the periodic sweep sends the job later. (The
# worker's own polling, BRPOP with a 1-s timeout, stays well inside them.)
REDIS_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 2.0, "socket_connect_timeout": 2.0}
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_BROKER_TRANSPORT_OPTIONS)
elif CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", f"file://{VAR_DIR / 'celery' / 'results'}")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request must not hang on a broker that is down: try briefly, then jobs.enqueue gives up
# and the periodic sweep sends the job later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
PORTAL_HEARTBEAT_SECONDS = env_int("PORTAL_HEARTBEAT_SECONDS", 30, minimum=5)
# Lets a monitor read /healthz/ready (Authorization: Bearer <token>) without a staff login;
# empty: staff only. /healthz itself (liveness) is public and names no backend.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN", "")
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "portal.core.tasks.heartbeat_task",
        "schedule": float(PORTAL_HEARTBEAT_SECONDS),
        "options": {"expires": PORTAL_HEARTBEAT_SECONDS},
    },
    "publish-scheduled-pages": {
        "task": "portal.cms.tasks.publish_scheduled_task",
        "schedule": 60.0,
    },
    "forward-pending-contact-messages": {
        "task": "portal.core.tasks.contact_messages_forward_pending_task",
        "schedule": 600.0,
    },
    "delete-expired-contact-messages": {
        "task": "portal.core.tasks.contact_messages_delete_expired_task",
        "schedule": crontab(hour=3, minute=17),
    },
    # Loads whose job the broker missed or whose worker died, and the tables they left.
    "datastore-sweep": {
        "task": "opendata.datastore.tasks.datastore_sweep_task",
        "schedule": crontab(minute="*/15"),
    },
    "harvest-active-sources": {
        "task": "opendata.harvest.tasks.harvest_sources_queue_active_task",
        "schedule": crontab(hour=2, minute=41),
    },
    # Pseudonym keys are per UTC day; hourly, so that the rotation never depends on the
    # beat's time zone (Europe/Berlin) and a missed run is caught up within the hour.
    "sensors-rotate-pseudonym-keys": {
        "task": "opendata.sensors.tasks.pseudonym_keys_rotate_task",
        "schedule": crontab(minute=1),
    },
    "sensors-delete-expired-raw-observations": {
        "task": "opendata.sensors.tasks.raw_observations_delete_expired_task",
        "schedule": crontab(hour=3, minute=37),
    },
    # One publication job per published datastream, for its closed windows: every five
    # minutes over the recent days, once a day over the whole raw retention (windows whose
    # readings came days late, late-reading counts of older releases).
    "sensors-publish-due": {
        "task": "opendata.sensors.tasks.publish_due_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 240},
    },
    "sensors-publish-deep": {
        "task": "opendata.sensors.tasks.publish_due_task",
        "schedule": crontab(hour=4, minute=7),
        "kwargs": {"deep": True},
        "options": {"expires": 3000},
    },
    # Thresholds and silent sensors: a clock notices silence, and once a minute is cheaper
    # than work on every ingested batch (opendata/sensors/alerts.py).
    "sensors-evaluate-alerts": {
        "task": "opendata.sensors.tasks.sensor_alerts_evaluate_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "sensors-check-device-tokens": {
        "task": "opendata.sensors.tasks.device_tokens_check_task",
        "schedule": crontab(hour=7, minute=3),
    },
    # Catalogue datasets of published streams and the running month's CSV file.
    "sensors-update-catalogue": {
        "task": "opendata.sensors.tasks.sensor_catalogue_update_task",
        "schedule": crontab(minute=23),
    },
    # Account mails (sign-up confirmations, password resets) whose job never ran.
    "accounts-send-pending-mails": {
        "task": "portal.accounts.tasks.account_mails_send_pending_task",
        "schedule": 600.0,
    },
    "accounts-warn-expiring-api-tokens": {
        "task": "portal.accounts.tasks.api_tokens_warn_expiring_task",
        "schedule": crontab(hour=6, minute=53),
    },
    # Defect reporter: mails whose job never ran, and contact data past its retention.
    "defects-send-pending-mails": {
        "task": "participation.defects.tasks.defect_mails_send_pending_task",
        "schedule": 600.0,
    },
    "defects-weekly-digests": {
        "task": "participation.defects.tasks.defect_digests_enqueue_task",
        "schedule": crontab(hour=7, minute=13),
    },
    # The statistics dataset in the catalogue gets each month's CSV once the month is over.
    "defects-statistics-dataset": {
        "task": "participation.defects.tasks.defect_statistics_dataset_update_task",
        "schedule": crontab(hour=4, minute=47),
    },
    "defects-delete-expired-contacts": {
        "task": "participation.defects.tasks.reporter_contacts_delete_expired_task",
        "schedule": crontab(hour=3, minute=27),
    },
}

# --- Defect reporter -------------------------------------------------------------------------
# Reporters' contact data (e-mail, name, phone) is deleted this many days after closing.
DEFECTS_CONTACT_RETENTION_DAYS = env_int("DEFECTS_CONTACT_RETENTION_DAYS", 90, minimum=1)
# The response promise: a first public answer within this many working days (Mon-Fri).
DEFECTS_RESPONSE_PROMISE_WORKING_DAYS = env_int(
    "DEFECTS_RESPONSE_PROMISE_WORKING_DAYS", 3, minimum=1
)
# Public holidays that are no working days for the promise: ISO country-subdivision (DE-HE
# for Hessen) as the `holidays` package knows it, or "off" (every Monday to Friday counts).
DEFECTS_PUBLIC_HOLIDAYS = env_str("DEFECTS_PUBLIC_HOLIDAYS", "DE-HE")
# Web form posts per client address: <requests>/<seconds>, or off.
DEFECTS_SUBMIT_RATE = env_str("DEFECTS_SUBMIT_RATE", "10/600")
# Open311: the jurisdiction_id this server answers to; empty: any (and none) is accepted.
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", "")

# --- MQTT (sensors push here in production) ---------------------------------------------------
MQTT_URL = env_str("MQTT_URL", "")
# The broker address SensorThings clients subscribe to (no credentials); shown in the STA
# service root's serverSettings when set. Empty: the MQTT extension is not announced there.
STA_MQTT_PUBLIC_URL = env_str("STA_MQTT_PUBLIC_URL", "")
# Devices publish to <root>/<token prefix>/observations (opendata/sensors/ingestion/mqtt.py).
MQTT_TOPIC_ROOT = env_str("MQTT_TOPIC_ROOT", "lindenhafen/sensors")
# Fixed, so that the broker keeps our session (and queues readings) while we are down.
MQTT_CLIENT_ID = env_str("MQTT_CLIENT_ID", "lindenhafen-portal-ingest")
MQTT_BATCH_MESSAGES = env_int("MQTT_BATCH_MESSAGES", 500, minimum=1)
MQTT_BATCH_MILLISECONDS = env_int("MQTT_BATCH_MILLISECONDS", 200, minimum=1)

# --- Maps ------------------------------------------------------------------------------------
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str(
    "MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (50.955, 8.615),
    "DEFAULT_ZOOM": 12,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 19,
    "TILES": [("Karte", MAP_TILE_URL, {"attribution": MAP_ATTRIBUTION, "maxZoom": 19})],
    "RESET_VIEW": False,
}

# --- Sensors -------------------------------------------------------------------------------------
# Raw readings (never public) are deleted after this many days.
SENSOR_RAW_RETENTION_DAYS = env_int("SENSOR_RAW_RETENTION_DAYS", 30, minimum=1)
# A window is published this long after it closed (readings still on their way get in).
SENSOR_PUBLICATION_GRACE_SECONDS = env_int("SENSOR_PUBLICATION_GRACE_SECONDS", 120, minimum=0)
# A publication's cut-off lags its clock by this; ingestion rolls back a batch that would
# commit later than half of it after it was stamped received (sensors/ingestion/write.py).
SENSOR_INGEST_SETTLE_SECONDS = env_int("SENSOR_INGEST_SETTLE_SECONDS", 30, minimum=2)
# The sweep every five minutes reads the windows of the UTC days this far back; a daily deep
# sweep reads the whole raw retention.
SENSOR_PUBLICATION_LOOKBACK_HOURS = env_int("SENSOR_PUBLICATION_LOOKBACK_HOURS", 48, minimum=1)
# H3 resolution of the cells person-derived streams are published on (8: about 0.7 km²).
SENSOR_PUBLICATION_H3_RESOLUTION = env_int("SENSOR_PUBLICATION_H3_RESOLUTION", 8, minimum=5)
# Recorded in each release's provenance; empty: `git describe`, else the package version.
SENSOR_CODE_VERSION = env_str("SENSOR_CODE_VERSION", "")
# An open sensor alert closes once the value is back this fraction of the threshold inside
# its limit (0.05: five percent), so that a value wavering at the limit does not flap.
SENSOR_ALERT_HYSTERESIS = 0.05
# Device tokens never expire. After a rotation the previous token keeps working this many
# days; staff are mailed about devices silent this many days, and about devices still using
# a previous token that ends within this many days (opendata/sensors/tokens.py).
DEVICE_TOKEN_ROTATION_OVERLAP_DAYS = env_int("DEVICE_TOKEN_ROTATION_OVERLAP_DAYS", 30, minimum=1)
DEVICE_TOKEN_UNUSED_ALERT_DAYS = env_int("DEVICE_TOKEN_UNUSED_ALERT_DAYS", 30, minimum=1)
DEVICE_TOKEN_PREVIOUS_ALERT_DAYS = env_int("DEVICE_TOKEN_PREVIOUS_ALERT_DAYS", 7, minimum=1)
# seed_demo back-fills this many days of simulated readings (0: none).
SENSOR_DEMO_BACKFILL_DAYS = env_int("SENSOR_DEMO_BACKFILL_DAYS", 7, minimum=0)
# The simulator's water gauges rise above their warning level on this percentage of days.
SENSOR_SIMULATION_FLOOD_PERCENT = env_int("SENSOR_SIMULATION_FLOOD_PERCENT", 15, minimum=0)

# --- Harvesting ------------------------------------------------------------------------------
# Harvest sources in private networks are refused unless this is on (tests, closed networks).
HARVEST_ALLOW_PRIVATE_HOSTS = env_bool("HARVEST_ALLOW_PRIVATE_HOSTS", False)

# --- APIs ------------------------------------------------------------------------------------
# Rate limits on the API paths: <requests>/<seconds> or off (portal/core/ratelimit.py).
from portal.core.ratelimit import (  # noqa: E402
    RATE_LIMIT_DOCS,
    parse_proxy_networks,
    parse_rate,
    rate_from_env,
)

API_RATE_LIMIT_ANON = rate_from_env("API_RATE_LIMIT_ANON", "600/60")
API_RATE_LIMIT_TOKEN = rate_from_env("API_RATE_LIMIT_TOKEN", "6000/60")
# Per sensor device (its token): a device sends a batch a minute, more while catching up.
API_RATE_LIMIT_DEVICE = rate_from_env("API_RATE_LIMIT_DEVICE", "120/60")
# Checked here so that a malformed value stops the start, not the first citizen's report.
parse_rate("DEFECTS_SUBMIT_RATE", DEFECTS_SUBMIT_RATE)
# Personal API tokens expire after this many days unless made for less; their owners are
# mailed this many days before (portal/accounts/services.py).
API_TOKEN_DEFAULT_EXPIRY_DAYS = env_int("API_TOKEN_DEFAULT_EXPIRY_DAYS", 365, minimum=1)
API_TOKEN_EXPIRY_WARNING_DAYS = env_int("API_TOKEN_EXPIRY_WARNING_DAYS", 14, minimum=1)
# Per client address: messages sent through the contact form, and preview pages past the
# first of a dataset's CSV or GeoJSON file (each reads the file up to that page).
CONTACT_SUBMIT_RATE = rate_from_env("CONTACT_SUBMIT_RATE", "5/600")
CATALOGUE_PREVIEW_PAGE_RATE = rate_from_env("CATALOGUE_PREVIEW_PAGE_RATE", "60/60")
# Behind a reverse proxy: how many proxies append to X-Forwarded-For, and the addresses the
# nearest one connects from. The header is believed only on connections from those.
API_RATE_LIMIT_TRUSTED_PROXIES = env_int("API_RATE_LIMIT_TRUSTED_PROXIES", 0, minimum=0)
API_RATE_LIMIT_PROXY_ADDRESSES = parse_proxy_networks(
    "API_RATE_LIMIT_PROXY_ADDRESSES",
    env_list("API_RATE_LIMIT_PROXY_ADDRESSES", ["127.0.0.1", "::1"]),
)
if API_RATE_LIMIT_TRUSTED_PROXIES and not API_RATE_LIMIT_PROXY_ADDRESSES:
    raise ConfigError(
        "API_RATE_LIMIT_TRUSTED_PROXIES is set but API_RATE_LIMIT_PROXY_ADDRESSES is empty: "
        "name the addresses the reverse proxy connects from."
    )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"Smart City {PORTAL_CITY_NAME} API",
    "DESCRIPTION": "Open APIs of the Smart-City portal: open data, defect reports, sensors.\n"
    + RATE_LIMIT_DOCS,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["portal.api_schema.exclude_wagtail_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api_schema.add_rate_limit_responses",
    ],
}

# --- Security defaults that hold everywhere ------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

SILENCED_SYSTEM_CHECKS = [
    # GDAL < 3.9 on Debian 12 is supported by Django 5.2 but warned about.
    "gis.W001",
    # Wagtail's live preview shows the page in a same-origin frame: SAMEORIGIN, not DENY.
    "security.W019",
]

# --- Logging: one JSON object per line, ready for a log collector -----------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)-7s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"level": "INFO"},
        # Wagtail logs every page save and its background tasks at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
