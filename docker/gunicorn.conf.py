"""gunicorn's configuration in the image: sizes from the environment, logs to stdout."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Inside the container; docker-compose.yml decides what the host publishes.
bind = "0.0.0.0:8000"
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# The server's concurrency is its workers and threads. A pool of BLAS threads per worker on top
# (numpy's matrix products: a query's embedding, the scan of the passage vectors) makes the
# workers fight over the cores: at 100,000 items on 2 cores, 4 clients, hybrid search answered
# in 391 ms at p95 with the default pools and 221 ms with one thread each (README, "Performance").
# Set here, before any worker imports numpy; the environment may still choose another number.
for _pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The container's file system may be read-only: heartbeat files in memory.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn's documented choice in containers)
# No access log: the application writes one JSON line per request (passerelle.request),
# without the query string, where gunicorn's would repeat it in another format with it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
