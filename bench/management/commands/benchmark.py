"""Run the benchmark (pages, import, PDF, HTTP under load) and write docs/benchmark.md."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import benchmark
from bench.database import Refused, throwaway_database
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = (
        "Benchmark the portal at growing data sizes on PostgreSQL, in a database it creates on the configured "
        "server and drops afterwards (never the configured database itself)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factors", default="1,10,100", help="Comma-separated data factors (default 1,10,100).")
        parser.add_argument("--quick", action="store_true", help="Fewer seconds and rows: for development only.")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmark.md"))
        parser.add_argument("--pages-only", action="store_true", help="Only the page timings (development).")
        parser.add_argument("--allow-sqlite", action="store_true", help="Run on SQLite anyway (not comparable).")
        parser.add_argument(
            "--i-understand-this-empties-the-database",
            dest="scratch",
            metavar="NAME",
            help="Run in this existing scratch database instead, and EMPTY it (never the configured one).",
        )

    @scopes_disabled()  # the benchmark generates every board's data; its page requests run in their own board scope
    def handle(self, *args, factors, quick, output, allow_sqlite, pages_only, scratch=None, **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (or use bin/benchmark).")
        try:
            factor_list = [int(part) for part in factors.split(",") if part.strip()]
        except ValueError:
            raise CommandError("--factors takes numbers separated by commas, e.g. 1,10") from None
        if not factor_list or min(factor_list) < 1:
            raise CommandError("--factors takes numbers of at least 1.")
        # The app servers it starts serve the hashed static files (bin/benchmark collects them too).
        call_command("collectstatic", interactive=False, verbosity=0)
        try:
            with throwaway_database(scratch=scratch, out=self.stdout.write):
                results = benchmark.run(
                    factors=factor_list,
                    runs=benchmark.RUNS,
                    load_seconds=4 if quick else 12,  # per page under load (the floor, the draft, the dashboard)
                    scale_out_seconds=5 if quick else 15,
                    import_rows=5_000 if quick else 100_000,
                    out=self.stdout.write,
                    pages_only=pages_only,
                    pdf_repeat=2 if quick else 9,
                )
        except Refused as refused:
            raise CommandError(str(refused)) from None
        text = benchmark.write(results, Path(output))
        self.stdout.write("")
        self.stdout.write(text)
        self.stdout.write(self.style.SUCCESS(f"Written to {output}"))
