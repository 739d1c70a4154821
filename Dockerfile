# UNTESTED here (no container engine on the development machines); see docker-compose.yml.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin libsqlite3-mod-spatialite gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
RUN python manage.py compilemessages --ignore=.venv -v 0
ENV DJANGO_SETTINGS_MODULE=portal.settings.production
EXPOSE 8000
