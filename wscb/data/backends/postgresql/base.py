"""Django's PostgreSQL backend, watched for writes (``wscb.data.changes``)."""

from django.db.backends.postgresql import base

from wscb.data.changes import WatchedConnection


class DatabaseWrapper(WatchedConnection, base.DatabaseWrapper):
    pass
