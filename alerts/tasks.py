"""The digests' periodic task: a thin wrapper that beat runs every hour."""

from celery import shared_task

from alerts.digests import send_due_digests
from portal.task_queue import IDEMPOTENT


@shared_task(**IDEMPOTENT)
def send_digests_task() -> dict:
    """Send the digests due now; a rerun finds them claimed and sends nothing twice."""
    return send_due_digests().as_dict()
