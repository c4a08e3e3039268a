"""Generate synthetic data at scale for the benchmark: ``generate_scale_data --factor N``."""

import time

from django.core.management.base import BaseCommand

from bench import scale_data
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = (
        "Load the demo data and add N - 1 synthetic board-years shaped like the seed's year (see bench/scale_data.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=1, help="1 = the demo board-year; 10, 100, ...")
        parser.add_argument("--seed", type=int, default=2017, help="Random seed (the same seed gives the same data).")

    @scopes_disabled()  # synthetic data for every board
    def handle(self, *args, factor, seed, **options):
        shape = scale_data.shape_for(factor)
        self.stdout.write(f"Factor {factor}: {shape.boards} board(s) x {shape.years} year(s).")
        started = time.perf_counter()
        counts = scale_data.generate(factor=factor, seed=seed, stdout=self.stdout)
        total = sum(counts.values())
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{total:,} synthetic rows written in {elapsed:.1f} s."))
        for model, count in sorted(counts.items()):
            self.stdout.write(f"  {model:<22} {count:>10,}")
