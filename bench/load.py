"""Replays requests against a server, from 1 or more concurrent clients, timing each one."""

from __future__ import annotations

import http.client
import queue
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Timings:
    milliseconds: list[float] = field(default_factory=list)
    # Per request (in the order given), the JSON answer's total, from the last round.
    totals: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def replay(base_url: str, paths: list[str], *, concurrency: int, rounds: int) -> Timings:
    """Every path `rounds` times, `concurrency` clients each sending one request at a time."""
    work: queue.Queue = queue.Queue()
    for _ in range(rounds):
        for position, path in enumerate(paths):
            work.put((position, path))
    timings, lock = Timings(), threading.Lock()
    clients = [
        threading.Thread(target=_client, args=(base_url, work, timings, lock))
        for _ in range(concurrency)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return timings


def _client(base_url: str, work: queue.Queue, timings: Timings, lock: threading.Lock) -> None:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    while True:
        try:
            position, path = work.get_nowait()
        except queue.Empty:
            break
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept-Language": "fr"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            connection.close()  # a dropped keep-alive connection: reconnect for the next one
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            with lock:
                timings.errors.append(f"{path}: {error}")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            if response.status != 200:
                timings.errors.append(f"{path}: HTTP {response.status}")
                continue
            timings.milliseconds.append(elapsed)
            if response.getheader("Content-Type", "").startswith("application/json"):
                timings.totals[position] = _total(body)
    connection.close()


def _total(body: bytes) -> int:
    import json

    return json.loads(body)["total"]
