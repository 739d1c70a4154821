"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
# Every query of a web request ends within 10 s (PostgreSQL), well before gunicorn kills the
# worker after 30 s; the worker processes keep running long loads without this limit.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10")
application = get_wsgi_application()
