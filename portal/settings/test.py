"""Settings for the test suite: the same stack, with eager Celery and fast hashing."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_str

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
# A worker process started by the worker tests keeps the mail and cache of the environment,
# so that the test can see what it did from outside.
if not env_bool("PORTAL_WORKER_PROCESS", False):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LOG_FORMAT = "text"
LOGGING["handlers"]["console"]["formatter"] = "text"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The live server's request threads must not keep connections open: the test database is
# dropped at the end of the session.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The worker tests run a real Celery worker against the test database, which therefore has
# to be a file on SQLite (an in-memory database is invisible to another process).
if DATABASES["default"]["ENGINE"].endswith("spatialite"):  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    # PORTAL_TEST_DB lets two suites run side by side on one checkout.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / env_str("PORTAL_TEST_DB", "test-portal.sqlite3"))  # noqa: F405
    }
# Every test request comes from 127.0.0.1 into one cache: the rate-limit tests set their own.
API_RATE_LIMIT_ANON = None
API_RATE_LIMIT_TOKEN = None
# Staff personas log in without MFA, as in the demo; the MFA tests switch it on.
PORTAL_STAFF_MFA_REQUIRED = False
API_RATE_LIMIT_DEVICE = None
CONTACT_SUBMIT_RATE = None
CATALOGUE_PREVIEW_PAGE_RATE = None
# The harvest tests serve their sources from this machine.
HARVEST_ALLOW_PRIVATE_HOSTS = True
# The demo city's back-fill of simulated sensor readings: one day keeps the session seed fast.
SENSOR_DEMO_BACKFILL_DAYS = 1
