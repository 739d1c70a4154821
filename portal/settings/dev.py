"""The embedded default: a developer's or evaluator's machine, no services."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
# Demo logins are printed by `make run`; mails land in var/mail, so verification is easy.
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
# The demo's staff personas log in with their password alone; the login page says so.
# Production requires MFA of staff (base.py).
PORTAL_STAFF_MFA_REQUIRED = env_bool("PORTAL_STAFF_MFA_REQUIRED", False)
