"""python manage.py data_changed [--board ID]: after writing records outside Django (``psql`` by hand,
another program), make every board's kept pages again (or one board's), so none shows the old
figures (``wscb.data.changes``). Writes through the portal, the back office, imports and migrations
need nothing: they move the data versions themselves."""

from django.core.management.base import BaseCommand, CommandError

from wscb.data.changes import BOARD_MODEL, mark_changed


class Command(BaseCommand):
    help = "Move the data versions after records were changed outside Django, so kept pages are made again."

    def add_arguments(self, parser):
        parser.add_argument("--board", type=int, help="Only this board's id (default: every board).")

    def handle(self, *args, board=None, **options):
        from django.apps import apps

        if board is not None and not apps.get_model(BOARD_MODEL).objects.filter(pk=board).exists():
            raise CommandError(f"There is no board with id {board}.")
        mark_changed(board_id=board)
        self.stdout.write(
            "Every board's pages will be made again." if board is None else f"Board {board}'s pages will be made again."
        )
