"""Beat's readership tasks: thin wrappers around readership.aggregation."""

from celery import shared_task

from portal.task_queue import IDEMPOTENT
from readership import aggregation


@shared_task(**IDEMPOTENT)
def aggregate_readings_task() -> dict:
    """Move buffered readings and searches into the database and count them."""
    return aggregation.aggregate().as_dict()


@shared_task(**IDEMPOTENT)
def purge_readings_task() -> dict:
    """Forget raw readings after 30 days and unmet searches after 12 months."""
    return aggregation.purge()
