"""python manage.py backup --output DIR: the database and uploaded files, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wscb.ops.backup import BackupError, backup_create
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's backup API) and MEDIA_ROOT into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="A new (or empty) directory to write the backup to.")

    @scopes_disabled()  # a backup holds every board
    def handle(self, *args, output, **options):
        try:
            manifest = backup_create(output=Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['media'])} uploaded files."
            )
        )
        if manifest["media_changed_during_backup"]:
            self.stdout.write(f"Files that changed while copying: {', '.join(manifest['media_changed_during_backup'])}")
