"""`python manage.py import_research MANIFEST.csv [--wait]`: publish research items in bulk."""

import textwrap
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from research.batch import Lookups
from research.importing.manifest import ManifestError, parse_manifest
from research.importing.messages import describe, describe_row
from research.importing.waiting import wait_for_documents
from research.importing.writer import Outcome, import_row, research_index
from research.models import ExtractionStatus

_HELP_ITEMS = gettext_lazy(
    "Create or update published research items from a CSV manifest (UTF-8, header row).\n"
    "\n"
    "Required columns: id, title, organisation, published, language, type, summary.\n"
    "Optional columns: design (default not-applicable), evidence (default unrated), "
    "approach, themes, tags, region, access (public, community or organisation; default "
    "public), edition, authors, files.\n"
    "\n"
    "id is the source's stable identifier: importing it again updates the same item. "
    "organisation, type, design, evidence, approach and themes take slugs. published is "
    "YYYY-MM-DD or YYYY (January 1). language is fr or en. Multi-value cells (approach, "
    "themes, tags, authors, files) are separated by ';'. An author is 'Name (Affiliation)' "
    "or 'Name'. Files are paths relative to the manifest's folder; each becomes a document, "
    "replaced only when its content changes.\n"
    "\n"
    "edition is the year of a Rencontre edition that exists on the site.\n"
    "\n"
    "A bad row is reported with its line number and reason while the good rows import; the "
    "exit status is non-zero if any row failed."
)
_HELP_EVIDENCE = gettext_lazy(
    "What a study found, optional columns: practices (practice slugs, ';'-separated), "
    "findings (outcome:effect pairs, ';'-separated, e.g. "
    "violent-crime:positive;trust-legitimacy:no-effect), mechanism, context, implementation "
    "and cost (plain text; a blank line starts a paragraph), independent (yes or no)."
)
HELP = format_lazy("{}\n\n{}", _HELP_ITEMS, _HELP_EVIDENCE)


class ParagraphHelpFormatter(DjangoHelpFormatter):
    """Wraps the description paragraph by paragraph instead of running them together."""

    def _fill_text(self, text, width, indent):
        return "\n".join(
            textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent)
            for paragraph in text.splitlines()
        )


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)
        parser.formatter_class = ParagraphHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path, help=_("Path to the CSV manifest."))
        parser.add_argument(
            "--wait",
            action="store_true",
            help=_("Return once every file this run stored has been through text extraction."),
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=600.0,
            help=_("With --wait: give up after this many seconds (default 600)."),
        )

    def handle(self, *args, **options):
        index = research_index()
        if index is None:
            raise CommandError(
                _("There is no research index page to publish under: create one first.")
            )
        lookups = Lookups()
        manifest = self.read_manifest(options["manifest"], lookups)
        for problem in manifest.problems:
            self.stderr.write(describe_row(problem))
        counts, stored = self.import_rows(index, manifest.rows, lookups, options["verbosity"])
        failed = counts["failed"] + len(manifest.failed_lines)
        self.stdout.write(
            _(
                "Research items: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(failed)s failed."
            )
            % {
                "created": counts[Outcome.CREATED],
                "updated": counts[Outcome.UPDATED],
                "unchanged": counts[Outcome.UNCHANGED],
                "failed": failed,
            }
        )
        errors = self.wait(stored, options["timeout"]) if options["wait"] else []
        if failed:
            errors.append(
                ngettext(
                    "%(count)s row failed; see the messages above.",
                    "%(count)s rows failed; see the messages above.",
                    failed,
                )
                % {"count": failed}
            )
        if errors:
            raise CommandError(" ".join(errors))

    def read_manifest(self, path: Path, lookups: Lookups):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read the manifest %(path)s: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from error
        try:
            return parse_manifest(data, base_dir=path.parent, known=lookups.known())
        except ManifestError as error:
            raise CommandError(describe(error.problem)) from error

    def import_rows(self, index, rows, lookups, verbosity):
        """Import each row in its own transaction; a failing row does not stop the others."""
        counts, stored = Counter(), []
        for row in rows:
            try:
                result = import_row(index, row, lookups)
            except (ValidationError, OSError) as error:
                counts["failed"] += 1
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                self.stderr.write(
                    _("Line %(line)s: %(reason)s") % {"line": row.line, "reason": reason}
                )
                continue
            counts[result.outcome] += 1
            stored += [document.pk for document in result.documents]
            if verbosity >= 2:
                self.stdout.write(
                    _("Line %(line)s: %(outcome)s %(url)s")
                    % {"line": row.line, "outcome": result.outcome, "url": result.page.url_path}
                )
        return counts, stored

    def wait(self, ids, timeout) -> list[str]:
        """Wait for extraction of the stored files; the reasons to fail, if any."""
        if not ids:
            self.stdout.write(_("No files to wait for."))
            return []
        tty = self.stdout.isatty()

        def show(done, total):
            if tty:
                self.stdout.write(
                    "\r" + _("%(done)s/%(total)s files processed") % {"done": done, "total": total},
                    ending="",
                )
                self.stdout.flush()

        result = wait_for_documents(ids, timeout=timeout, on_progress=show)
        if tty:
            self.stdout.write("")
        labels = dict(ExtractionStatus.choices)
        self.stdout.write(
            _("Files: %(counts)s.")
            % {
                "counts": ", ".join(
                    f"{count} {labels.get(status, status)}".lower()
                    for status, count in result.counts.items()
                )
            }
        )
        for document in result.unsuccessful:
            self.stdout.write(
                _("%(status)s: %(title)s (document %(pk)s): %(reason)s")
                % {
                    "status": labels[document.status],
                    "title": document.title,
                    "pk": document.pk,
                    "reason": document.reason or _("no reason recorded"),
                }
            )
        if result.finished:
            return []
        return [
            _(
                "Timed out after %(seconds)s s: %(waiting)s of %(total)s files are still pending "
                "or processing. Is a Celery worker running?"
            )
            % {"seconds": f"{timeout:g}", "waiting": result.waiting, "total": len(ids)}
        ]
