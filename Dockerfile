# syntax=docker/dockerfile:1
# Passerelle's application image: the web server (gunicorn, the default command), and the
# Celery worker and beat with another command. See README "Production" and docker-compose.yml.

# The Python the locks are compiled with (`make lock` runs on the lowest supported, 3.11).
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# --- Dependencies, in a virtual environment copied into the final image ---------------------
FROM base AS dependencies
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /build
# Only the production lock: the dependency layer is rebuilt when the dependencies change, not
# on every source change. Exact versions with their hashes (`make lock`), no dev tools; the
# project itself is not installed, since the code runs from /app (templates, static and
# locale/ live beside the packages, not inside them).
COPY requirements-production.lock ./
RUN pip install --require-hashes -r requirements-production.lock

# --- Application -----------------------------------------------------------------------------
FROM base AS app
RUN groupadd --system --gid 10001 passerelle \
    && useradd --system --uid 10001 --gid passerelle --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin passerelle
COPY --from=dependencies /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=portal.settings.production
WORKDIR /app
# The code belongs to root: the running user can read it, not change it.
COPY . /app
# The catalogues, compiled with Babel (no GNU gettext), and the static files, collected once
# here. collectstatic needs the production settings to load; the dummy SECRET_KEY and
# ALLOWED_HOSTS exist only for this command and are not part of the image's environment.
RUN pybabel compile --domain django --directory locale --statistics \
    && SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput --verbosity 0 \
    && chmod 0755 docker/entrypoint.sh \
    && mkdir -p var/media var/search-index var/beat \
    && chown passerelle:passerelle var var/media var/search-index var/beat

USER passerelle
# Uploaded files and the embedded engine's index outlive the container.
VOLUME ["/app/var/media", "/app/var/search-index"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["python", "/app/docker/healthcheck.py"]
# migrate (and the demo when LOAD_DEMO_DATA=1) before gunicorn; other commands run as given.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "/app/docker/gunicorn.conf.py", "portal.wsgi:application"]
