"""Runs Python or manage.py in a new process on the production settings, as a deployment
starts them: the environment of this one, less what the caller removes, plus what it gives."""

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def on_production_settings(
    arguments: list[str], *, without: Iterable[str] = (), timeout: int = 120, **environment
) -> subprocess.CompletedProcess:
    removed = set(without)
    env = {k: v for k, v in os.environ.items() if k not in removed}
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
