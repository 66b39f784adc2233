"""The evidence map as a file: the grid as CSV for spreadsheets, and as an SVG image for reports.

Both read the same parameters as the page and the API (rows, organisation, region, years,
local) and show the viewer's own cells (research.evidence), labels in the page's language.
In the image every cell says its number and verdict in words; the colour only repeats them.
"""

from __future__ import annotations

import csv
import io
from xml.sax.saxutils import escape, quoteattr

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from exchange.exports import spreadsheet_cell
from research.access import viewer_for
from research.evidence import Cell
from search.evidence_pages import MapGrid, map_grid
from search.query import SearchError

FILE_NAME = "passerelle-evidence-map"


def cell_text(cell: Cell | None) -> str:
    """ "3 findings: Works", or "" for a gap."""
    if cell is None:
        return ""
    count = cell.findings
    return ngettext("%(count)d finding: %(verdict)s", "%(count)d findings: %(verdict)s", count) % {
        "count": count,
        "verdict": cell.verdict_label,
    }


@require_GET
@cache_control(private=True)
def evidence_map_csv(request: HttpRequest) -> HttpResponse:
    """One line per row, one column per outcome; an empty cell is a research gap."""
    grid = _grid_or_refusal(request)
    if isinstance(grid, HttpResponse):
        return grid
    output = io.StringIO()
    output.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(output)
    writer.writerow([spreadsheet_cell(grid.rows_label), *(label for _v, label in grid.columns)])
    for row in grid.grid:
        cells = [cell_text(entry["cell"]) for entry in row["cells"]]
        writer.writerow([spreadsheet_cell(row["label"]), *cells])
    return _attachment(output.getvalue(), "text/csv; charset=utf-8", "csv")


# -- the image ----------------------------------------------------------------------------------

ROW_HEADER_WIDTH = 300
COLUMN_WIDTH = 118
HEADER_HEIGHT = 150
ROW_HEIGHT = 46
MARGIN = 16
TITLE_HEIGHT = 54
FOOTER_HEIGHT = 40
# Room on the right for the last column's slanted label.
HEADER_OVERHANG = 120
ROW_LABEL_CHARS = 46
LINE_CHARS = 19
FILL = {
    "works": "#e3f4e7",
    "promising": "#eef6ff",
    "does-not-work": "#fde7e7",
    "unknown": "#f1f1f1",
}
STROKE = "#c9ced6"


@require_GET
@cache_control(private=True)
def evidence_map_svg(request: HttpRequest) -> HttpResponse:
    grid = _grid_or_refusal(request)
    if isinstance(grid, HttpResponse):
        return grid
    return _attachment(render_svg(grid), "image/svg+xml; charset=utf-8", "svg")


def render_svg(grid: MapGrid) -> str:
    """The grid drawn as SVG: a titled, described image whose cells carry their words."""
    width = 2 * MARGIN + ROW_HEADER_WIDTH + COLUMN_WIDTH * len(grid.columns) + HEADER_OVERHANG
    top = MARGIN + TITLE_HEIGHT + HEADER_HEIGHT
    height = top + ROW_HEIGHT * len(grid.grid) + FOOTER_HEIGHT + MARGIN
    title = _("Evidence map: what works, for which outcome")
    description = _(
        "Rows: %(rows)s; columns: outcomes measured. Each cell gives the number of findings of "
        "the studies you may see and their verdict by the Maryland rule; an empty cell is a "
        "research gap."
    ) % {"rows": grid.rows_label}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="map-title map-desc" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1b1f24">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN + 20}" font-size="18" font-weight="bold">'
        f"{escape(title)}</text>",
        f'<text x="{MARGIN}" y="{MARGIN + 42}">{escape(_scope_summary(grid))}</text>',
    ]
    left = MARGIN + ROW_HEADER_WIDTH
    parts.append(
        f'<text x="{MARGIN}" y="{top - 8}" font-weight="bold">{escape(grid.rows_label)}</text>'
    )
    for number, (_value, label) in enumerate(grid.columns):
        x = left + number * COLUMN_WIDTH + COLUMN_WIDTH / 2
        parts.append(
            f'<text transform="translate({x:.0f},{top - 8}) rotate(-45)">{escape(label)}</text>'
        )
    for position, row in enumerate(grid.grid):
        y = top + position * ROW_HEIGHT
        parts.append(_row_header(row["label"], y))
        for number, entry in enumerate(row["cells"]):
            parts.append(_cell(entry["cell"], left + number * COLUMN_WIDTH, y))
    legend = _(
        "The colour only repeats the verdict written in each cell. Verdicts follow the Maryland "
        "rule, over the studies at SMS 3 or more."
    )
    parts.append(f'<text x="{MARGIN}" y="{height - MARGIN - 8}">{escape(legend)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _row_header(label: str, y: int) -> str:
    shown = label if len(label) <= ROW_LABEL_CHARS else label[: ROW_LABEL_CHARS - 1] + "…"
    return (
        f"<g><title>{escape(label)}</title>"
        f'<rect x="{MARGIN}" y="{y}" width="{ROW_HEADER_WIDTH}" height="{ROW_HEIGHT}" '
        f'fill="#f5f7fa" stroke="{STROKE}"/>'
        f'<text x="{MARGIN + 6}" y="{y + ROW_HEIGHT / 2 + 4:.0f}">{escape(shown)}</text></g>'
    )


def _cell(cell: Cell | None, x: int, y: int) -> str:
    fill = FILL[cell.verdict] if cell is not None else "#ffffff"
    shape = (
        f'<rect x="{x}" y="{y}" width="{COLUMN_WIDTH}" height="{ROW_HEIGHT}" fill="{fill}" '
        f'stroke="{STROKE}"/>'
    )
    if cell is None:
        return shape
    count = cell.findings
    lines = [
        ngettext("%(count)d finding", "%(count)d findings", count) % {"count": count},
        *_wrapped(cell.verdict_label),
    ]
    texts = "".join(
        f'<text x="{x + 6}" y="{y + 15 + 13 * number}"'
        f"{' font-weight=' + quoteattr('bold') if number else ''}>{escape(line)}</text>"
        for number, line in enumerate(lines[:3])
    )
    return f"<g>{shape}{texts}</g>"


def _wrapped(text: str) -> list[str]:
    """At most two lines of about LINE_CHARS characters, cut between words."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > LINE_CHARS:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines[:2]


def _scope_summary(grid: MapGrid) -> str:
    """Which studies the grid counts, in words."""
    scope = grid.scope
    parts = []
    if scope.organisations:
        parts.append(_("organisations: %(values)s") % {"values": ", ".join(scope.organisations)})
    if scope.regions:
        parts.append(_("regions: %(values)s") % {"values": ", ".join(scope.regions)})
    if scope.year_from is not None:
        parts.append(_("from %(year)d") % {"year": scope.year_from})
    if scope.year_to is not None:
        parts.append(_("until %(year)d") % {"year": scope.year_to})
    if scope.local_only:
        parts.append(_("evaluated in Québec or Ontario"))
    if not parts:
        return _("Every study you may see.")
    return _("Studies counted: %(scope)s.") % {"scope": "; ".join(parts)}


# -- shared -------------------------------------------------------------------------------------


def _grid_or_refusal(request: HttpRequest) -> MapGrid | HttpResponse:
    try:
        return map_grid(viewer_for(request.user), request.GET)
    except SearchError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")


def _attachment(content: str, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}.{extension}"'
    return response
