"""Django's SQLite backend, remembering how it rewrote each SQL statement.

Django writes SQL with ``%s`` placeholders; Python's sqlite3 wants ``?``. The stock backend
rewrites every statement with a regular expression on every execution: ~9 µs for the 1 KB query
that every school page runs (``core.access.get_membership``), as much as SQLite needs to run it.
The same statements come back on every request, so the rewrite is remembered per statement text
(a pure function of that text; bounded). Everything else is Django's backend unchanged.
Selected in settings when ``DATABASE_URL`` is SQLite (the default).
"""

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=4096)
def _qmark(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
