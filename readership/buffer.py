"""Readings and unmet searches, kept in the process's memory and written out in batches.

A request only appends a small record to a deque (no lookup, no I/O): it never waits for a
count. A daemon thread in each process (started at the first record, again after a fork)
writes the batch every READERSHIP_FLUSH_SECONDS: robots are dropped there, the client's address
and user agent become a keyed hash that changes every day, and the rows go to a Redis list when
READERSHIP_REDIS_URL is set (the beat task moves them into the database) or straight into the
database's raw tables otherwise (SQLite and the filesystem broker need no other server).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import redis
from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.crypto import salted_hmac

from readership.models import PendingSearch, ReadingEvent
from readership.robots import is_robot
from research.access import Viewer, visible_items_attaching

logger = logging.getLogger(__name__)

# Past this many records waiting, the oldest are dropped (a stalled writer must not grow
# without bound); the loss is logged.
MAX_WAITING = 50_000
REDIS_KEY = "passerelle:readership:events"


@dataclass(frozen=True)
class Reading:
    """A page view (`item_id`) or a download (`document` seen by `viewer`),."""

    kind: str
    audience: str
    address: str
    user_agent: str
    item_id: int | None = None
    document: Any = None
    viewer: Viewer | None = None
    at: datetime = field(default_factory=timezone.now)


@dataclass(frozen=True)
class Search:
    query: str
    parameters: str
    language: str
    user_agent: str
    at: datetime = field(default_factory=timezone.now)


_waiting: deque = deque(maxlen=MAX_WAITING)
_flusher: dict[str, Any] = {"pid": None}
_dropped = [0]
_flush_lock = threading.Lock()


def record(event: Reading | Search) -> None:
    """Keep `event` for the next batch; the calling request does nothing else."""
    if len(_waiting) == MAX_WAITING:
        _dropped[0] += 1  # said once per batch (flush), not once per request
    _waiting.append(event)
    _ensure_flusher()


def discard() -> None:
    """Forget what waits (tests start from nothing)."""
    _waiting.clear()
    _dropped[0] = 0


def flush() -> int:
    """Write what waits; the number of records written (robots left out)."""
    with _flush_lock:
        events = []
        while _waiting:
            try:
                events.append(_waiting.popleft())
            except IndexError:
                break
        if _dropped[0]:
            logger.warning("readership: %d records dropped, the writer fell behind", _dropped[0])
            _dropped[0] = 0
        if not events:
            return 0
        readings, searches = rows_of(events)
        write_rows(readings, searches)
        return len(readings) + len(searches)


def rows_of(events) -> tuple[list[dict], list[dict]]:
    """The rows to store: robots dropped, the client's address and user agent hashed."""
    readings, searches = [], []
    for event in events:
        if is_robot(event.user_agent):
            continue
        day = timezone.localdate(event.at)
        if isinstance(event, Search):
            searches.append(
                {
                    "uid": uuid.uuid4().hex,
                    "day": day.isoformat(),
                    "query": event.query,
                    "parameters": event.parameters,
                    "language": event.language,
                }
            )
            continue
        for item_id in _items_read(event):
            readings.append(
                {
                    "uid": uuid.uuid4().hex,
                    "occurred_at": event.at.isoformat(),
                    "day": day.isoformat(),
                    "item_id": item_id,
                    "kind": event.kind,
                    "audience": event.audience,
                    "client_key": client_key(day.isoformat(), event, item_id),
                }
            )
    return readings, searches


def _items_read(event: Reading) -> list[int]:
    if event.document is None:
        return [event.item_id]
    # A file counts for each live item showing it that its reader may see.
    return [item.pk for item in visible_items_attaching(event.document, event.viewer)]


def client_key(day: str, event: Reading, item_id: int) -> str:
    """Who clicked, as far as double-clicks go: the same for one client and item on one day,
    unreadable without the site's secret, and unlinkable from one day to the next."""
    value = f"{day}|{event.address}|{event.user_agent}|{item_id}"
    return salted_hmac("readership.client", value, algorithm="sha256").hexdigest()[:32]


def write_rows(readings: list[dict], searches: list[dict]) -> None:
    """To Redis when configured (the beat moves them on), else into the raw tables."""
    if not readings and not searches:
        return
    if settings.READERSHIP_REDIS_URL:
        messages = [json.dumps({"reading": row}) for row in readings]
        messages += [json.dumps({"search": row}) for row in searches]
        redis_client().rpush(REDIS_KEY, *messages)
    else:
        store_rows(readings, searches)


def store_rows(readings: list[dict], searches: list[dict]) -> None:
    """Insert raw rows; a row already stored (a batch moved twice) is skipped."""
    ReadingEvent.objects.bulk_create(
        [
            ReadingEvent(**{**row, "occurred_at": datetime.fromisoformat(row["occurred_at"])})
            for row in readings
        ],
        ignore_conflicts=True,
    )
    PendingSearch.objects.bulk_create(
        [PendingSearch(**row) for row in searches], ignore_conflicts=True
    )


_redis: dict[str, Any] = {}


def redis_client() -> redis.Redis:
    url = settings.READERSHIP_REDIS_URL
    if _redis.get("url") != url:
        _redis.update(
            url=url,
            client=redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5),
        )
    return _redis["client"]


def _ensure_flusher() -> None:
    interval = settings.READERSHIP_FLUSH_SECONDS
    if interval <= 0 or _flusher["pid"] == os.getpid():
        return
    with _flush_lock:
        if _flusher["pid"] == os.getpid():
            return
        _flusher["pid"] = os.getpid()  # a forked child starts its own
        thread = threading.Thread(
            target=_flush_forever, args=(interval,), name="readership-flush", daemon=True
        )
        thread.start()
        atexit.register(flush_safely)


def _flush_forever(interval: float) -> None:
    while True:
        time.sleep(interval)
        flush_safely()


def flush_safely() -> None:
    """flush(), logging what was lost if the database or Redis refused the batch."""
    close_old_connections()
    try:
        flush()
    except (DatabaseError, redis.RedisError, OSError) as error:
        logger.error("readership: a batch of counts was lost: %s", error)
    except Exception:
        # The thread must outlive a bug in one batch; the bug is logged with its traceback.
        logger.exception("readership: a batch of counts was lost")
    finally:
        close_old_connections()
