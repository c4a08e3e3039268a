"""Operations: backups and restores, the retention schedule, and their management commands."""
