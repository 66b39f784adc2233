"""Ids read from URLs and identifiers: a number larger than any database stores names nothing.

Passed to a query, such a number fails in the database driver (a 500) instead of finding
nothing (a 404).
"""

from __future__ import annotations

# The largest id any supported database stores (a signed 64-bit integer).
MAX_DATABASE_ID = 2**63 - 1


def database_id(text: str) -> int | None:
    """The id `text` spells in ASCII digits, or None if it spells none a database could hold."""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_DATABASE_ID else None


class DatabaseIdConverter:
    """`<database_id:name>` in a URL pattern: a path naming no possible id does not match."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = database_id(value)
        if number is None:
            raise ValueError(f"{value} is not a database id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
