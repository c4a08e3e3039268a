"""The portal's database backends: Django's PostgreSQL and SQLite backends with the data-version
watcher of ``wscb.data.changes`` (an execute wrapper, and hooks at commit and rollback).

The settings choose them for ``DATABASE_URL``'s engine (``wscb.data.backends.postgresql``,
``wscb.data.backends.sqlite3``); ``connection.vendor`` stays ``postgresql`` / ``sqlite``.
"""
