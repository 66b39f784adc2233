"""The site's own task: the reconcile of every pipeline stage, which beat runs every minute."""

import logging

from celery import shared_task

from portal.reconcile import reconcile
from portal.task_queue import BROKER_ERRORS, BROKER_RETRY_POLICY, IDEMPOTENT

logger = logging.getLogger(__name__)


@shared_task(**IDEMPOTENT)
def reconcile_task() -> dict:
    """Queue owed extractions, send pending index changes and repair the index."""
    return reconcile().as_dict()


def request_reconcile() -> bool:
    """Ask a worker to run the reconcile now; False (logged) if the broker is unreachable."""
    try:
        reconcile_task.apply_async(retry_policy=BROKER_RETRY_POLICY)
    except BROKER_ERRORS:
        logger.exception("reconcile: broker unreachable, the periodic run will do it")
        return False
    return True
