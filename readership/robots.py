"""Robots and machines, told by their user agent with COUNTER's maintained lists.

The lists ship in the `counter-robots` package (COUNTER's robots list and Make Data Count's
machines list). COUNTER's patterns are meant case-insensitively (`bot` catches `AhrefsBot`);
the package's own helper matches them case-sensitively, so they are compiled here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

LISTS = ("robot.txt", "machine.txt")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    data = files("counter_robots") / "data"
    patterns = [
        line
        for name in LISTS
        for line in (data / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def is_robot(user_agent: str | None) -> bool:
    """Whether a request with this User-Agent is a robot, crawler or script (an empty one is)."""
    return bool(_pattern().search(user_agent or ""))
