"""The session store: Django's database sessions with a hand-written load."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from gespreid.core.sessions import SessionStore


def test_round_trip(db):
    store = SessionStore()
    store["x"] = 41
    store.save()
    assert SessionStore(store.session_key).load() == {"x": 41}


def test_expired_unknown_and_malformed_keys_load_nothing(db):
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("a" * 32).load() == {}
    assert SessionStore("kort").load() == {}
    assert SessionStore("'; DROP TABLE django_session; --" + "x" * 10).load() == {}
    assert Session.objects.exists()


def test_logout_ends_the_session(member_client, school):
    from django.urls import reverse

    assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 200
    member_client.post(reverse("accounts:logout"))
    assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 302
