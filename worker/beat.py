"""Celery beat that refuses to run beside another beat on the same schedule."""

from __future__ import annotations

import fcntl
import logging
import os

from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)


class BeatAlreadyRunning(SystemExit):
    """Another beat holds the schedule's lock; this one stops rather than run tasks twice."""


def hold_beat_lock(schedule_filename: str):
    """Lock `<schedule>.lock` for this process's life and write our pid in it; the open file.

    The lock goes with the process, whatever kills it, so a stale file never blocks a restart.
    """
    handle = open(f"{schedule_filename}.lock", "a+")  # noqa: SIM115 (held until the process ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise BeatAlreadyRunning(
            f"Another beat (pid {holder}) runs the schedule {schedule_filename}; not starting."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


class SingleBeatScheduler(PersistentScheduler):
    def setup_schedule(self):
        try:
            self.lock_file = hold_beat_lock(self.schedule_filename)
        except BeatAlreadyRunning as refusal:
            logger.error("beat: %s", refusal)
            raise
        super().setup_schedule()
