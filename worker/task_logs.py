"""One structured log line per Celery task run: name, id, outcome and duration.

Never the arguments or the result: ids are harmless, but a task's data is not for logs.
"""

import logging
import time

from celery.signals import task_failure, task_postrun, task_prerun, task_retry

logger = logging.getLogger("passerelle.task")
_started: dict[str, float] = {}


def task_started(task_id=None, task=None, **kwargs) -> None:
    _started[task_id] = time.monotonic()


def task_finished(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started.pop(task_id, None)
    duration = round((time.monotonic() - started) * 1000, 1) if started else None
    level = logging.INFO if state in ("SUCCESS", "RETRY") else logging.WARNING
    logger.log(
        level,
        "task %s %s",
        task.name if task else "?",
        state,
        extra={
            "event": "task",
            "task": task.name if task else None,
            "task_id": task_id,
            "state": state,
            "duration_ms": duration,
        },
    )


def task_failed(task_id=None, exception=None, sender=None, **kwargs) -> None:
    # The exception's type only: its message may quote what the task was working on.
    logger.error(
        "task %s failed: %s",
        sender.name if sender else "?",
        type(exception).__name__,
        extra={"event": "task_failed", "task_id": task_id, "error": type(exception).__name__},
    )


def task_retried(request=None, reason=None, sender=None, **kwargs) -> None:
    logger.warning(
        "task %s retried",
        sender.name if sender else "?",
        extra={"event": "task_retry", "task_id": getattr(request, "id", None)},
    )


def connect_signal_handlers() -> None:
    task_prerun.connect(task_started, dispatch_uid="passerelle-task-started", weak=False)
    task_postrun.connect(task_finished, dispatch_uid="passerelle-task-finished", weak=False)
    task_failure.connect(task_failed, dispatch_uid="passerelle-task-failed", weak=False)
    task_retry.connect(task_retried, dispatch_uid="passerelle-task-retried", weak=False)
