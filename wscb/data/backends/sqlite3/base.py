"""Django's SQLite backend, watched for writes (``wscb.data.changes``).

One difference: an INSERT sent outside a transaction does not ask for its new row back with
``RETURNING`` (Django then reads the new id with ``last_insert_rowid()``, as it did before SQLite
3.35). The watcher runs such a statement inside a transaction of its own so that the data
version moves in the same commit, and SQLite refuses to commit while a statement still has rows
to hand back. Inside a transaction (``bulk_create`` always is) ``RETURNING`` is used as usual.
"""

from django.db.backends.sqlite3 import base, features

from wscb.data.changes import WatchedConnection


class DatabaseFeatures(features.DatabaseFeatures):
    @property
    def can_return_columns_from_insert(self):
        return base.Database.sqlite_version_info >= (3, 35) and not self.connection.get_autocommit()


class DatabaseWrapper(WatchedConnection, base.DatabaseWrapper):
    features_class = DatabaseFeatures
