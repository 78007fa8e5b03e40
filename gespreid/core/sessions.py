"""Django's database sessions, with the per-request load done by one plain SQL statement.

Every page behind a login loads the session first. Django's version builds an ORM query for
that on every request; the statement never changes, so it is written out once here. Saving,
deleting and expiry stay exactly Django's (``SESSION_ENGINE = "gespreid.core.sessions"``).
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if not self.session_key:  # None after Django rejected a malformed key
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        q = connection.ops.quote_name
        sql = (
            f"SELECT {q('session_data')} FROM {q(model._meta.db_table)} "
            f"WHERE {q('session_key')} = %s AND {q('expire_date')} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
