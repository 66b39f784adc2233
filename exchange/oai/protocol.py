"""The OAI-PMH 2.0 request grammar: verbs, their arguments, dates and error codes (plain Python)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

# verb → (required arguments, optional arguments); resumptionToken is exclusive where allowed.
VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
}
RESUMABLE = frozenset({"ListSets", "ListIdentifiers", "ListRecords"})

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    """An error the protocol names: `code` is one of its error codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class OaiRequest:
    verb: str
    arguments: Mapping[str, str]
    # Inclusive bounds on record datestamps, as aware UTC datetimes.
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def parse_request(params: Mapping[str, Sequence[str]]) -> OaiRequest:
    """Check the verb and its arguments; OaiError carries the protocol's code for what is wrong."""
    verbs = list(params.get("verb", ()))
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    repeated = sorted(name for name, values in params.items() if len(values) > 1)
    if repeated:
        raise OaiError("badArgument", f"The argument {repeated[0]!r} is repeated.")
    arguments = {name: values[0] for name, values in params.items() if name != "verb"}
    required, optional = VERBS[verb]
    if "resumptionToken" in arguments and verb in RESUMABLE:
        if len(arguments) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return OaiRequest(verb, arguments)
    unknown = sorted(set(arguments) - required - optional)
    if unknown:
        raise OaiError("badArgument", f"{verb} does not take the argument {unknown[0]!r}.")
    missing = sorted(required - set(arguments))
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument {missing[0]!r}.")
    start, end = _date_range(arguments.get("from"), arguments.get("until"))
    return OaiRequest(verb, arguments, start, end)


def _date_range(
    start: str | None, end: str | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    if start and end and len(start) != len(end):
        raise OaiError("badArgument", "from and until must have the same granularity.")
    first = _parse_datestamp(start, "from", end_of_day=False) if start is not None else None
    last = _parse_datestamp(end, "until", end_of_day=True) if end is not None else None
    if first and last and first > last:
        raise OaiError("badArgument", "from must not come after until.")
    return first, last


def _parse_datestamp(text: str, name: str, *, end_of_day: bool) -> datetime.datetime:
    try:
        if _SECOND.fullmatch(text):
            moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
            return moment.replace(tzinfo=datetime.UTC)
        if _DAY.fullmatch(text):
            day = datetime.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            return day + datetime.timedelta(days=1, microseconds=-1) if end_of_day else day
    except ValueError:
        pass
    raise OaiError("badArgument", f"{name} must be a date such as 2024-05-31 or {GRANULARITY}.")


def format_datestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_metadata_prefix(prefix: str | None) -> None:
    if prefix is not None and prefix != METADATA_PREFIX:
        raise OaiError(
            "cannotDisseminateFormat", f"Only {METADATA_PREFIX} is offered, not {prefix!r}."
        )
