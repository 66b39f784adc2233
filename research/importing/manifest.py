"""Read an import manifest (CSV) into checked rows; no database or settings, so it is plain to test.

Problems are returned as codes with parameters; `research.importing.messages` words them in
the reader's language.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from research.access import AccessLevel

SEPARATOR = ";"
REQUIRED_COLUMNS = ("id", "title", "organisation", "published", "language", "type", "summary")
COLUMNS = (
    "id",
    "title",
    "organisation",
    "published",
    "language",
    "type",
    "design",
    "evidence",
    "approach",
    "themes",
    "tags",
    "region",
    "access",
    "edition",
    "authors",
    "summary",
    "files",
    "practices",
    "findings",
    "mechanism",
    "context",
    "implementation",
    "cost",
    "independent",
)
# What a study found for an outcome: `outcome:effect`, e.g. `violent-crime:positive`.
FINDING_SEPARATOR = ":"
YES_NO = {"yes": True, "oui": True, "no": False, "non": False}
EMMIE_COLUMNS = ("mechanism", "context", "implementation", "cost")
DEFAULTS = {"design": "not-applicable", "evidence": "unrated", "access": AccessLevel.PUBLIC.value}
LANGUAGES = ("fr", "en")
ACCESS_LEVELS = tuple(AccessLevel.values)
# The model's limits, so a row fails here with a reason rather than in the database.
MAX_LENGTHS = {"title": 255, "region": 120, "author": 200, "tag": 100}
MAX_SLUG_LENGTH = 200
SLUG_PREFIX = "import-"

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})-(\d{2}))?$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
AUTHOR_PATTERN = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<affiliation>[^()]*)\)$")


@dataclass(frozen=True)
class Problem:
    """What is wrong, as a message code and the values the message shows."""

    code: str
    params: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class RowProblem:
    line: int
    problem: Problem


class ManifestError(Exception):
    """The manifest as a whole cannot be read: nothing is imported."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class FileRef:
    """A file named by the manifest: as written there, and where it is on disk."""

    name: str
    path: Path

    @property
    def title(self) -> str:
        """The document's title: the file name without its extension, underscores as spaces."""
        stem = PurePosixPath(self.name).stem.replace("_", " ").strip()
        return (stem or PurePosixPath(self.name).name)[: MAX_LENGTHS["title"]]


@dataclass(frozen=True)
class FindingRef:
    outcome: str
    effect: str


@dataclass(frozen=True)
class ManifestRow:
    line: int
    source_id: str
    slug: str
    title: str
    organisation: str
    published: date
    language: str
    research_type: str
    design: str
    evidence: str
    approaches: tuple[str, ...]
    themes: tuple[str, ...]
    tags: tuple[str, ...]
    region: str
    access: str
    edition: int | None
    authors: tuple[Author, ...]
    summary: str
    files: tuple[FileRef, ...]
    practices: tuple[str, ...] = ()
    findings: tuple[FindingRef, ...] = ()
    # EMMIE fields, plain text from the manifest: column → text.
    emmie: Mapping[str, str] = field(default_factory=dict)
    independent: bool = False


@dataclass
class Manifest:
    rows: list[ManifestRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def failed_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


def page_slug(source_id: str) -> str:
    """The page slug an id maps to: ASCII, lower case, hyphens; stable across imports."""
    ascii_text = unicodedata.normalize("NFKD", source_id).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return f"{SLUG_PREFIX}{words}" if words else ""


def split_values(cell: str) -> tuple[str, ...]:
    """A multi-value cell: `;`-separated, trimmed, empties and repeats dropped, order kept."""
    values = (value.strip() for value in cell.split(SEPARATOR))
    return tuple(dict.fromkeys(value for value in values if value))


def parse_manifest(
    data: bytes, *, base_dir: Path, known: Mapping[str, Collection[str]]
) -> Manifest:
    """Check every row; `known` lists the slugs of each vocabulary and of organisations."""
    # Not str.splitlines(): it also breaks at form feeds and U+2028, which are not new lines.
    reader = csv.reader(io.StringIO(decode(data), newline=""), strict=True)
    header = read_header(reader)
    manifest = Manifest()
    checker = RowChecker(base_dir=base_dir, known=known)
    first_lines: dict[str, int] = {}
    for line, cells in records(reader):
        if not any(cell.strip() for cell in cells):
            continue
        problems: list[Problem] = []
        if len(cells) > len(header):
            problems.append(
                Problem("too_many_cells", {"count": len(cells), "expected": len(header)})
            )
        values = dict(zip(header, cells, strict=False))
        row = checker.check(line, values, problems)
        if row is not None and row.slug in first_lines:
            first = first_lines[row.slug]
            problems.append(Problem("duplicate_id", {"value": row.source_id, "line": first}))
        manifest.problems.extend(RowProblem(line, problem) for problem in problems)
        if row is not None and not problems:
            first_lines[row.slug] = line
            manifest.rows.append(row)
        elif row is not None:
            first_lines.setdefault(row.slug, line)
    return manifest


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ManifestError(Problem("not_utf8", {"line": line})) from None


def read_header(reader) -> list[str]:
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ManifestError(Problem("bad_csv", {"line": 1, "detail": str(error)})) from None
    if not header or not any(cell.strip() for cell in header):
        raise ManifestError(Problem("empty", {}))
    names = [cell.strip().lower() for cell in header]
    expected = ", ".join(COLUMNS)
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        columns = ", ".join(f'"{name}"' for name in unknown)
        raise ManifestError(Problem("unknown_columns", {"columns": columns, "expected": expected}))
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ManifestError(Problem("repeated_columns", {"columns": ", ".join(repeated)}))
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        required = ", ".join(REQUIRED_COLUMNS)
        raise ManifestError(
            Problem("missing_columns", {"columns": ", ".join(missing), "required": required})
        )
    return names


def records(reader) -> Iterator[tuple[int, list[str]]]:
    """Each record with the physical line it starts on (a quoted cell may span lines)."""
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ManifestError(Problem("bad_csv", {"line": line, "detail": str(error)})) from None
        yield line, cells


class RowChecker:
    """Turns one record's cells into a `ManifestRow`, noting each problem on the way."""

    def __init__(self, *, base_dir: Path, known: Mapping[str, Collection[str]]):
        self.base_dir = base_dir
        self.root = base_dir.resolve()
        self.known = known

    def check(self, line: int, values: Mapping[str, str], problems: list[Problem]):
        cell = {name: (values.get(name) or "").replace("\r\n", "\n").strip() for name in COLUMNS}
        for name in REQUIRED_COLUMNS:
            if not cell[name]:
                problems.append(Problem("missing_value", {"column": name}))
        for name, default in DEFAULTS.items():
            cell[name] = cell[name] or default
        slug = self.check_id(cell["id"], problems)
        self.check_length("title", cell["title"], problems)
        self.check_length("region", cell["region"], problems)
        row = ManifestRow(
            line=line,
            source_id=cell["id"],
            slug=slug,
            title=cell["title"],
            organisation=self.slug_in("organisation", "organisation", cell, problems),
            published=self.check_date(cell["published"], problems),
            language=self.choice("language", LANGUAGES, cell, problems),
            research_type=self.slug_in("type", "type", cell, problems),
            design=self.slug_in("design", "design", cell, problems),
            evidence=self.slug_in("evidence", "evidence", cell, problems),
            approaches=self.slugs_in("approach", "approach", cell, problems),
            themes=self.slugs_in("theme", "themes", cell, problems),
            tags=self.check_tags(cell["tags"], problems),
            region=cell["region"],
            access=self.choice("access", ACCESS_LEVELS, cell, problems),
            edition=self.check_edition(cell["edition"], problems),
            authors=self.check_authors(cell["authors"], problems),
            summary=cell["summary"],
            files=self.check_files(cell["files"], problems),
            practices=self.slugs_in("practice", "practices", cell, problems),
            findings=self.check_findings(cell["findings"], problems),
            emmie={name: cell[name] for name in EMMIE_COLUMNS if cell[name]},
            independent=self.check_yes_no("independent", cell, problems),
        )
        return row if cell["id"] and slug else None

    def check_id(self, source_id: str, problems: list[Problem]) -> str:
        if not source_id:
            return ""
        slug = page_slug(source_id)
        if not slug:
            problems.append(Problem("bad_id", {"value": source_id}))
        elif len(slug) > MAX_SLUG_LENGTH:
            problems.append(Problem("too_long", {"column": "id", "limit": MAX_SLUG_LENGTH}))
        return slug

    def check_length(self, column: str, value: str, problems: list[Problem]) -> None:
        limit = MAX_LENGTHS[column]
        if len(value) > limit:
            problems.append(Problem("too_long", {"column": column, "limit": limit}))

    def check_date(self, value: str, problems: list[Problem]) -> date:
        match = DATE_PATTERN.match(value)
        try:
            if match is None:
                raise ValueError(value)
            year, month, day = match.groups()
            return date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            if value:
                problems.append(Problem("bad_date", {"value": value}))
            return date.min

    def choice(self, column: str, choices, cell, problems: list[Problem]) -> str:
        value = cell[column].lower()
        if value and value not in choices:
            problems.append(
                Problem(
                    "bad_choice",
                    {"column": column, "value": cell[column], "choices": ", ".join(choices)},
                )
            )
        return value

    def slug_in(self, kind: str, column: str, cell, problems: list[Problem]) -> str:
        value = cell[column]
        if value:
            self.check_known(kind, column, value, problems)
        return value

    def slugs_in(self, kind: str, column: str, cell, problems: list[Problem]) -> tuple[str, ...]:
        values = split_values(cell[column])
        for value in values:
            self.check_known(kind, column, value, problems)
        return values

    def check_known(self, kind: str, column: str, value: str, problems: list[Problem]) -> None:
        known = self.known.get(kind, ())
        if value not in known:
            params = {"column": column, "value": value, "known": ", ".join(sorted(known))}
            problems.append(Problem(f"unknown_{kind}", params))

    def check_findings(self, cell: str, problems: list[Problem]) -> tuple[FindingRef, ...]:
        findings = []
        for value in split_values(cell):
            outcome, separator, effect = (
                part.strip() for part in value.partition(FINDING_SEPARATOR)
            )
            if not (separator and outcome and effect):
                problems.append(Problem("bad_finding", {"value": value}))
                continue
            self.check_known("outcome", "findings", outcome, problems)
            self.check_known("effect", "findings", effect, problems)
            findings.append(FindingRef(outcome, effect))
        return tuple(findings)

    def check_yes_no(self, column: str, cell, problems: list[Problem]) -> bool:
        value = cell[column].lower()
        if value and value not in YES_NO:
            problems.append(
                Problem(
                    "bad_choice", {"column": column, "value": cell[column], "choices": "yes, no"}
                )
            )
        return YES_NO.get(value, False)

    def check_tags(self, cell: str, problems: list[Problem]) -> tuple[str, ...]:
        tags = split_values(cell)
        for tag in tags:
            if len(tag) > MAX_LENGTHS["tag"]:
                problems.append(
                    Problem("too_long", {"column": "tags", "limit": MAX_LENGTHS["tag"]})
                )
        return tags

    def check_edition(self, value: str, problems: list[Problem]) -> int | None:
        if not value:
            return None
        if not YEAR_PATTERN.match(value):
            problems.append(Problem("bad_edition", {"value": value}))
            return None
        self.check_known("edition", "edition", value, problems)
        return int(value)

    def check_authors(self, cell: str, problems: list[Problem]) -> tuple[Author, ...]:
        authors = []
        for value in split_values(cell):
            match = AUTHOR_PATTERN.match(value)
            author = Author(match["name"], match["affiliation"].strip()) if match else Author(value)
            if not author.name:
                problems.append(Problem("bad_author", {"value": value}))
            elif max(len(author.name), len(author.affiliation)) > MAX_LENGTHS["author"]:
                problems.append(
                    Problem("too_long", {"column": "authors", "limit": MAX_LENGTHS["author"]})
                )
            authors.append(author)
        return tuple(authors)

    def check_files(self, cell: str, problems: list[Problem]) -> tuple[FileRef, ...]:
        files = []
        for name in split_values(cell):
            path = self.resolve(name)
            if path is None:
                problems.append(Problem("file_outside", {"path": name}))
            elif not path.exists():
                problems.append(Problem("file_not_found", {"path": name}))
            elif not path.is_file():
                problems.append(Problem("not_a_file", {"path": name}))
            else:
                files.append(FileRef(name=name, path=path))
        return tuple(files)

    def resolve(self, name: str) -> Path | None:
        """Where a listed file is, or None if the name leaves the manifest's folder."""
        for flavour in (PurePosixPath(name), PureWindowsPath(name)):
            if flavour.is_absolute() or flavour.drive or flavour.root or ".." in flavour.parts:
                return None
        path = (self.base_dir / name).resolve()
        # A symbolic link could still lead outside, so check where the name really points.
        if not path.is_relative_to(self.root):
            return None
        return path
