"""The import's problems in words, in the active language."""

from django.utils.translation import gettext as _

from research.importing.manifest import Problem, RowProblem


def describe(problem: Problem) -> str:
    params = dict(problem.params)
    templates = {
        "not_utf8": _("The manifest is not UTF-8 text (line %(line)s)."),
        "bad_csv": _("The manifest is not readable CSV from line %(line)s: %(detail)s."),
        "empty": _("The manifest is empty: it needs a header row naming its columns."),
        "unknown_columns": _(
            "Unknown column(s) in the header: %(columns)s. Expected columns: %(expected)s."
        ),
        "repeated_columns": _("Column(s) named more than once in the header: %(columns)s."),
        "missing_columns": _(
            "Required column(s) missing from the header: %(columns)s. "
            "Required columns: %(required)s."
        ),
        "missing_value": _('missing value in required column "%(column)s"'),
        "too_many_cells": _("the row has %(count)s cells but the header has %(expected)s"),
        "bad_id": _('id "%(value)s" has no letters or digits to build a page address from'),
        "too_long": _('column "%(column)s" is longer than %(limit)s characters'),
        "duplicate_id": _('duplicate id "%(value)s", already used on line %(line)s'),
        "bad_date": _('bad date "%(value)s" in column "published" (expected YYYY-MM-DD or YYYY)'),
        "bad_choice": _('"%(value)s" is not a valid %(column)s (expected one of: %(choices)s)'),
        "unknown_organisation": _('unknown organisation slug "%(value)s" (known: %(known)s)'),
        "unknown_type": _('unknown type "%(value)s" (known: %(known)s)'),
        "unknown_design": _('unknown study design "%(value)s" (known: %(known)s)'),
        "unknown_evidence": _('unknown evidence level "%(value)s" (known: %(known)s)'),
        "unknown_approach": _('unknown approach "%(value)s" (known: %(known)s)'),
        "unknown_theme": _('unknown theme "%(value)s" (known: %(known)s)'),
        "unknown_practice": _('unknown practice "%(value)s" (known: %(known)s)'),
        "unknown_outcome": _('unknown outcome "%(value)s" (known: %(known)s)'),
        "unknown_effect": _('unknown effect "%(value)s" (known: %(known)s)'),
        "bad_finding": _(
            'finding "%(value)s" is not an outcome:effect pair (for example violent-crime:positive)'
        ),
        "unknown_edition": _('no Rencontre edition for the year "%(value)s" (known: %(known)s)'),
        "bad_edition": _('edition "%(value)s" is not a 4-digit year'),
        "bad_author": _('author "%(value)s" has no name'),
        "file_not_found": _('file not found "%(path)s"'),
        "not_a_file": _('"%(path)s" is not a file'),
        "file_outside": _(
            'file path "%(path)s" refused: it must be relative and stay inside '
            "the manifest's folder"
        ),
    }
    return templates[problem.code] % params


def describe_row(row_problem: RowProblem) -> str:
    return _("Line %(line)s: %(reason)s") % {
        "line": row_problem.line,
        "reason": describe(row_problem.problem),
    }
