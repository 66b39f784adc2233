"""Checks behind /healthz: is each part the portal needs reachable and working right now?"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from research.models import ExtractionStatus, ResearchDocument
from search.backends import get_search_backend
from search.embedding import semantic_problem
from search.models import IndexChange
from worker.celery import app
from worker.heartbeat import last_heartbeat

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
# The index answers searches but cannot take changes (folder not writable, writer lock held).
READ_ONLY = "read-only"
# Work has waited longer than HEALTH_BACKLOG_SECONDS.
DELAYED = "delayed"
# Not known yet, which is no failure: no worker has started since the database was made (a
# web container starts before its worker), or the database does not answer (named there).
UNKNOWN = "unknown"
# Search answers, by words only: the embedding model failed to load (search.embedding). The
# portal works, so this is no failure: a load balancer must not take every node out.
DEGRADED = "degraded"
HEALTHY = {OK, UNKNOWN, DEGRADED}


def check_database(alias: str = "default") -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health: database unreachable: %s", error)
        return UNAVAILABLE
    return OK


def check_search() -> str:
    try:
        health = get_search_backend().health()
    except Exception as error:  # any engine fault means "unavailable", logged with its cause
        logger.warning("health: search engine unreachable: %s", error)
        return UNAVAILABLE
    if not health.ok:
        logger.warning("health: search engine unhealthy: %s", health.detail)
        return UNAVAILABLE
    if not health.writable:
        logger.warning("health: search index cannot be written: %s", health.detail)
        return READ_ONLY
    problem = semantic_problem()
    if problem:
        logger.warning("health: search by meaning unavailable: %s", problem)
        return DEGRADED
    return OK


def check_broker() -> str:
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # kombu raises transport-specific errors; all mean unreachable
        logger.warning("health: broker unreachable: %s", error)
        return UNAVAILABLE
    return OK


def check_worker() -> str:
    """A worker's heartbeat is younger than HEALTH_WORKER_SECONDS."""
    try:
        seen_at = last_heartbeat()
    except DatabaseError:
        return UNKNOWN
    if seen_at is None:
        return UNKNOWN
    age = (timezone.now() - seen_at).total_seconds()
    if age > settings.HEALTH_WORKER_SECONDS:
        logger.warning("health: no worker seen for %.0f s", age)
        return UNAVAILABLE
    return OK


def check_backlog() -> str:
    """No index change or extraction has waited longer than HEALTH_BACKLOG_SECONDS."""
    since = timezone.now() - timedelta(seconds=settings.HEALTH_BACKLOG_SECONDS)
    try:
        changes = IndexChange.objects.filter(done_at__isnull=True, created_at__lt=since)
        documents = ResearchDocument.objects.filter(
            status=ExtractionStatus.PENDING, queued_at__lt=since
        ) | ResearchDocument.objects.filter(
            status=ExtractionStatus.PROCESSING, processing_started_at__lt=since
        )
        late = changes.count(), documents.count()
    except DatabaseError:
        return UNKNOWN
    if any(late):
        logger.warning("health: %d index changes and %d extractions waiting late", *late)
        return DELAYED
    return OK


def system_health() -> dict[str, str]:
    parts = {"database": check_database(), "search": check_search(), "broker": check_broker()}
    # Tasks run inside the request when eager (the test settings): no worker, no queue.
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        parts.update(worker=check_worker(), backlog=check_backlog())
    status = OK if all(value in HEALTHY for value in parts.values()) else UNAVAILABLE
    return {"status": status, **parts}
