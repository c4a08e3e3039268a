"""python manage.py restore DIR: replace the database and uploaded files with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wscb.ops.backup import BackupError, backup_read_manifest, backup_restore, table_counts
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "Restore a backup made by 'manage.py backup': this REPLACES the database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup directory.")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    @scopes_disabled()  # a restore replaces every board
    def handle(self, *args, source, no_input=False, **options):
        try:
            manifest = backup_read_manifest(Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not no_input:
            answer = input(
                f"Replace ALL data and uploaded files with the backup of {manifest['created_at']}? Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            backup_restore(source=Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = table_counts()
        mismatched = sorted(table for table, rows in manifest["tables"].items() if counts.get(table) != rows)
        if mismatched:
            raise CommandError(f"Restored, but row counts differ from the backup for: {', '.join(mismatched)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {source}: {len(counts)} tables, {sum(counts.values())} rows, {len(manifest['media'])} files."
            )
        )
