"""One beat at a time: a second one on the same schedule refuses to start, an orphan's lock
goes with it."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from worker.beat import BeatAlreadyRunning, hold_beat_lock

ROOT = Path(__file__).resolve().parents[2]
HOLD_THE_LOCK = (
    "import sys, time; from worker.beat import hold_beat_lock;"
    "held = hold_beat_lock(sys.argv[1]); print('held', flush=True); time.sleep(600)"
)


@pytest.mark.slow
def test_a_second_beat_on_the_same_schedule_does_not_start(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    lock = hold_beat_lock(str(schedule))  # the first beat, here
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PASSERELLE_VAR_DIR": str(tmp_path),
    }
    try:
        second = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "worker", "beat", f"--schedule={schedule}"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        lock.close()
    assert second.returncode != 0
    assert f"Another beat (pid {os.getpid()}) runs the schedule" in second.stdout + second.stderr


def test_a_beat_killed_outright_leaves_no_lock_behind(tmp_path):
    schedule = str(tmp_path / "celerybeat-schedule")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, schedule], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BeatAlreadyRunning, match=f"pid {holder.pid}"):
            hold_beat_lock(schedule)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    hold_beat_lock(schedule).close()  # the lock went with the killed process
