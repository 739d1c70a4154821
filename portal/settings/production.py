"""Production: refuses to start without real secrets; HTTPS behind a reverse proxy."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DEV_SECRET_KEY
from portal.settings.env import ConfigError, env_bool, env_int, env_str

SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ConfigError("SECRET_KEY must be a random value of at least 50 characters in production.")
if not env_str("ALLOWED_HOSTS", ""):
    raise ConfigError("The environment variable ALLOWED_HOSTS must be set in production.")

if HEALTHZ_TOKEN and len(HEALTHZ_TOKEN) < 32:  # noqa: F405
    raise ConfigError("HEALTHZ_TOKEN must be a random value of at least 32 characters.")

DEBUG = False
# The reverse proxy terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# HSTS preloading binds the city's whole domain for years; its owner opts in with
# SECURE_HSTS_PRELOAD=true once submitted, so the deploy check's reminder is silenced here.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
