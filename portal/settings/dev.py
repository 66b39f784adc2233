"""Local development: `make run` uses these."""

import secrets

from portal.env import env_str

from .base import *  # noqa: F403
from .base import VAR_DIR


def _local_secret_key() -> str:
    """A random key generated once and kept under var/, so sessions survive restarts."""
    path = VAR_DIR / "secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = True
SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
# `make run` is read by a person: plain lines unless LOG_FORMAT=json asks for production's.
LOGGING["handlers"]["console"]["formatter"] = (  # noqa: F405
    "json" if env_str("LOG_FORMAT") == "json" else "plain"
)
