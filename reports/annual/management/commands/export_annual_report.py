"""Write a board's annual report for a year as HTML, PDF or Word, for automation.

python manage.py export_annual_report 2016/17 --format pdf --output report.pdf [--board WSCB]
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.models import Board
from reports.annual import outputs
from reports.annual.assembly import build_report
from wscb.periods import ReportingYear
from wscb.scoping import board_scope


class Command(BaseCommand):
    help = "Export the annual report of a board for a reporting year as html, pdf or docx."

    def add_arguments(self, parser):
        parser.add_argument("year", help='The reporting year, e.g. "2016/17".')
        parser.add_argument("--format", dest="fmt", choices=["html", "pdf", "docx"], default="pdf")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--board", help="The board's short name; may be left out when there is only one.")

    def handle(self, *args, year, fmt, output, board=None, **options):
        try:
            reporting_year = ReportingYear.from_label(year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        chosen = self._board(board)
        started = time.perf_counter()
        with board_scope(chosen):  # the command works for one board, as a page of that board would
            report = build_report(board=chosen, year=reporting_year)
            if fmt == "pdf":
                content, pages = outputs.render_pdf(report)
                summary = f"{pages} pages"
            elif fmt == "docx":
                content = outputs.render_docx(report)
                summary = "Word document"
            else:
                content = outputs.render_html(report).encode()
                summary = "HTML document"
        elapsed = time.perf_counter() - started
        Path(output).write_bytes(content)
        missing = len(report.missing_sections)
        self.stdout.write(
            f"Wrote {output}: {summary}, {len(content):,} bytes, assembled and rendered in {elapsed:.1f} s; "
            f"{missing} section(s) not yet available."
        )

    def _board(self, short_name):
        boards = Board.objects.filter(is_active=True)
        if short_name:
            board = boards.filter(short_name__iexact=short_name).first()
            if board is None:
                raise CommandError(f"No active board with the short name {short_name!r}.")
            return board
        found = list(boards[:2])
        if len(found) != 1:
            raise CommandError("There is more than one board (or none): name one with --board SHORT_NAME.")
        return found[0]
