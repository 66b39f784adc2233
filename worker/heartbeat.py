"""The worker's heartbeat: its main loop writes the time every few seconds, /healthz reads it.

Written from the worker's event loop rather than a thread, so a worker that is stopped
(SIGSTOP), hung or dead stops beating and /healthz sees it go stale.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import bootsteps
from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from worker.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Rows of workers gone for this long (containers replaced under a new name) are removed.
FORGOTTEN_AFTER = timedelta(days=1)


def record_heartbeat(hostname: str) -> None:
    """Say that `hostname`'s main loop is turning; a database outage is logged, not raised."""
    try:
        WorkerHeartbeat.objects.update_or_create(
            hostname=hostname, defaults={"seen_at": timezone.now()}
        )
    except DatabaseError as error:
        logger.warning("heartbeat: not recorded, the database does not answer: %s", error)


def beat(hostname: str) -> None:
    """One beat from the worker's timer, on a fresh connection if the database dropped the old
    one (which would otherwise fail every later beat)."""
    close_old_connections()
    record_heartbeat(hostname)


def forget_departed_workers() -> None:
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGOTTEN_AFTER).delete()


def last_heartbeat() -> datetime | None:
    """When any worker was last seen turning; None if none ever was."""
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


class HeartbeatStep(bootsteps.StartStopStep):
    """A worker boot step: beat at start, then every WORKER_HEARTBEAT_SECONDS on its timer."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_entry = None

    def start(self, worker):
        try:
            forget_departed_workers()
        except DatabaseError as error:
            logger.warning("heartbeat: departed workers not removed: %s", error)
        beat(worker.hostname)
        self.timer_entry = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, beat, (worker.hostname,)
        )

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
