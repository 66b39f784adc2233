"""Index folders under SEARCH_INDEX_DIR and the CURRENT pointer that names the live one.

A rebuild writes a whole new folder, then replaces CURRENT with os.replace, which is atomic:
every reader sees either the old folder or the new one. Readers compare CURRENT with the folder
they have open before each search and reopen when it changed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

POINTER_NAME = "CURRENT"
FOLDER_PREFIX = "index-"
# tantivy's IndexWriter holds an flock on this file in the index folder while it is open.
WRITER_LOCK_NAME = ".tantivy-writer.lock"
# Writers hold the lock for one batch; held longer than this, a writer is stuck.
WRITER_LOCK_PATIENCE_SECONDS = 1.0


class IndexFolders:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def current(self) -> str | None:
        """Name of the live index folder, or None before the first index exists."""
        try:
            name = (self.root / POINTER_NAME).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def path(self, name: str) -> Path:
        return self.root / name

    def new_folder(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        # Names sort by creation time, which remove_older_than relies on.
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        name = f"{FOLDER_PREFIX}{stamp}-{uuid.uuid4().hex[:8]}"
        self.path(name).mkdir()
        return name

    def point_to(self, name: str) -> None:
        """Make `name` the live folder in one atomic step."""
        pointer = self.root / POINTER_NAME
        staged = self.root / f"{POINTER_NAME}.{uuid.uuid4().hex}.tmp"
        with staged.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staged, pointer)

    def remove_older_than(self, keep: str) -> None:
        """Delete superseded folders; processes that still have one open keep reading it (mmap).

        Newer folders are left alone: they may be another rebuild still under way.
        """
        for folder in self.root.glob(f"{FOLDER_PREFIX}*"):
            if folder.name < keep and folder.is_dir():
                shutil.rmtree(folder)

    def remove(self, name: str) -> None:
        shutil.rmtree(self.path(name))

    @contextlib.contextmanager
    def pointer_lock(self):
        """Serialise pointer changes between processes (first creation, rebuild switch)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".pointer.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write_obstacle(self, name: str) -> str:
        """Why the folder `name` cannot take a write now (not writable, writer lock held); ""."""
        path = self.path(name)
        try:
            with tempfile.TemporaryFile(dir=path):
                pass
            with (path / WRITER_LOCK_NAME).open("a") as lock:
                if not _lock_frees_within(lock, WRITER_LOCK_PATIENCE_SECONDS):
                    return f"another process holds the writer lock of {path}"
        except OSError as error:
            return f"{path} cannot be written: {error.strerror}"
        return ""


def _lock_frees_within(handle, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        else:
            fcntl.flock(handle, fcntl.LOCK_UN)
            return True
