# The site as one image for every app service in docker-compose.yml (web,
# worker, scheduler): dependencies and static files are built in, so a start
# needs neither the package index nor a writable source folder.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=evoke_site.settings.production \
    MEDIA_ROOT=/app/data/media

WORKDIR /app
RUN useradd --create-home --uid 10001 evoke

# Requirements first, so a code change reuses the installed layer.
COPY requirements.txt ./
RUN python -m venv /venv && pip install -r requirements.txt

COPY . .
# Production settings insist on secrets and a shared cache; none is used
# to collect static files, so throwaway values stand in at build time.
RUN SECRET_KEY=collectstatic-only ONE_MACHINE=true \
    FIELD_ENCRYPTION_KEY=Y29sbGVjdHN0YXRpYy1vbmx5LW5ldmVyLXVzZWQhISE= \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/data/media /app/data/private \
    && chown -R evoke:evoke /app/data

USER evoke
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "evoke_site.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--access-logfile", "-"]
