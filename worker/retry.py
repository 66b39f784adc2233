"""Which errors are worth retrying, and how long to wait: exponential backoff with jitter."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from search.backends import SearchUnavailable

# Engine, broker or database unreachable for now; anything else is a bug or a bad input and
# retrying would only repeat it.
TRANSIENT_ERRORS = (
    SearchUnavailable,
    BrokerOperationalError,
    DatabaseOperationalError,
    DatabaseInterfaceError,
    ConnectionError,
    TimeoutError,
)
TRANSIENT_HTTP_STATUSES = frozenset({429, 503})
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_ERRORS):
        return True
    return _http_status(error) in TRANSIENT_HTTP_STATUSES


def _http_status(error: BaseException) -> int | None:
    for candidate in (error, getattr(error, "response", None), getattr(error, "meta", None)):
        for name in ("status_code", "status"):
            value = getattr(candidate, name, None)
            if isinstance(value, int):
                return value
    return None


def backoff_seconds(retries: int, *, rand=random.random) -> float:
    """Wait before retry number `retries` + 1: doubling from 2 s up to 5 min, half of it random.

    The random half spreads the retries of many tasks that failed at the same moment.
    """
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**retries)
    return ceiling / 2 + rand() * ceiling / 2


@contextlib.contextmanager
def retrying_transient(task) -> Iterator[None]:
    """Inside a bound task: retry transient errors with backoff, up to task.max_retries."""
    try:
        yield
    except Exception as error:
        if is_transient(error) and task.request.retries < task.max_retries:
            raise task.retry(exc=error, countdown=backoff_seconds(task.request.retries)) from error
        raise
