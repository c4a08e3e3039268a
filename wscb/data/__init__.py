"""Data plumbing every app uses: spreadsheet imports and exports, uploaded files, batched reads,
versioned updates (edit conflicts) and the SQLite busy page."""
