"""What every task sender and task of the site shares: broker failures and retries.

Extraction (worker) and indexing (search) both send tasks and both retry the same outages,
so the policy lives here, below both, rather than in either.
"""

from django.conf import settings
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

# An editor's request waits for the broker at most this long; one quick retry covers a blip.
BROKER_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
# Sending a task failed because the broker is unreachable: the reconcile sends it later.
BROKER_ERRORS = (BrokerOperationalError, OSError)

# Broker or database unreachable for now; anything else is a bug or a bad input and
# retrying would only repeat it. A task adds its own engine's outage to these.
TRANSIENT_ERRORS = (
    BrokerOperationalError,
    DatabaseOperationalError,
    DatabaseInterfaceError,
    ConnectionError,
    TimeoutError,
)

# Celery's own retry: waits doubling from 2 s up to 5 min, each drawn at random below its
# ceiling so tasks that failed together do not all come back at the same moment.
RETRY_OPTIONS = {
    "retry_backoff": 2,
    "retry_backoff_max": settings.TASK_LONGEST_COUNTDOWN_SECONDS,
    "retry_jitter": True,
    "max_retries": 5,
}
# A rerun writes the same or nothing, so these are acknowledged only once done and requeued
# if their worker dies: a SIGKILL loses no work.
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
