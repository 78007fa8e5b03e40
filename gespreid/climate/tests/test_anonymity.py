"""Anonymity by construction: inspect the tables themselves, not only the pages."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models

from gespreid.climate import pulse
from gespreid.climate.models import Answer, Participation, PendingAnswer
from gespreid.core.models import AuditEntry, Membership, Notification

from .conftest import answer_all


def test_answer_table_holds_no_person_and_no_time(db):
    fields = {f.name: f for f in Answer._meta.get_fields() if getattr(f, "concrete", False)}
    assert set(fields) == {"id", "round", "statement", "score", "remark", "bouw"}
    assert isinstance(fields["id"], models.UUIDField)  # no autoincrement key that counts answers
    for f in fields.values():
        assert not isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        assert not (f.is_relation and f.related_model._meta.label == "accounts.User")
    # The same in the database itself: the columns of the real table.
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, Answer._meta.db_table)}
    assert columns == {"id", "round_id", "statement_id", "score", "remark", "bouw"}


def test_participation_holds_who_but_nothing_of_the_answer():
    columns = {f.column for f in Participation._meta.concrete_fields}
    assert columns == {"id", "round_id", "user_id"}
    pending = {f.column for f in PendingAnswer._meta.concrete_fields}
    assert pending == {"id", "round_id", "bouw", "scores"}


def test_answers_wait_until_five_of_a_bouw_then_a_shuffled_batch(pulse_round, climate_team):
    onderbouw = [u for u in climate_team if u.memberships.get().bouw == "onderbouw"]
    answer_all(pulse_round, onderbouw)
    assert Answer.objects.count() == 0 and PendingAnswer.objects.count() == 3
    middenbouw = [u for u in climate_team if u.memberships.get().bouw == "middenbouw"]
    answer_all(pulse_round, middenbouw)
    assert Answer.objects.count() == 0  # 3 + 3 waiting, but no bouw has five
    assert PendingAnswer.objects.count() == 6


def test_batch_of_five_written_with_no_link_to_people(school, pulse_round, make_member):
    people = [make_member(school, f"Bouwer {i}", bouw="bovenbouw") for i in range(5)]
    answer_all(pulse_round, people[:4])
    assert Answer.objects.count() == 0
    answer_all(pulse_round, people[4:])
    n = pulse_round.statements.count()
    assert Answer.objects.count() == 5 * n and PendingAnswer.objects.count() == 0
    names = {u.name for u in people} | {u.email for u in people}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Answer._meta.db_table}")
        rows = cursor.fetchall()
    assert len(rows) == 5 * n
    assert not any(str(v) in names for row in rows for v in row)


def test_stored_order_does_not_follow_the_order_of_answering(school, pulse_round, make_member):
    people = [make_member(school, f"P {i:02d}") for i in range(20)]
    answer_all(pulse_round, people, remark=lambda i: f"antwoord {i:02d}")
    pulse.close_round(None, pulse_round)
    first = pulse_round.statements.first()
    # The physical order of the table (rowid in SQLite, the heap order in PostgreSQL without ORDER BY).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT remark FROM {Answer._meta.db_table} WHERE statement_id = %s",
            [first.pk],
        )
        stored = [r[0] for r in cursor.fetchall()]
    assert sorted(stored) == [f"antwoord {i:02d}" for i in range(20)]
    assert stored != sorted(stored)  # 1 in 20! that a shuffle keeps the answering order
    # Nor does the key order.
    by_key = list(Answer.objects.filter(statement=first).order_by("id").values_list("remark", flat=True))
    assert by_key != sorted(by_key)


def test_close_keeps_bouw_only_for_groups_of_five(school, pulse_round, climate_team, make_member):
    extra = [make_member(school, f"Onder {i}", bouw="onderbouw") for i in range(3)]  # onderbouw: 6
    answer_all(pulse_round, climate_team + extra)
    pulse.close_round(None, pulse_round)
    labels = set(Answer.objects.values_list("bouw", flat=True))
    # onderbouw 6 stays; middenbouw 3 and bovenbouw 2 are hidden together (5) as ''.
    assert labels == {"onderbouw", ""}
    first = pulse_round.statements.first()
    counts = {b: Answer.objects.filter(statement=first, bouw=b).count() for b in labels}
    assert counts == {"onderbouw": 6, "": 5}


def test_close_with_one_small_bouw_hides_it_with_another(school, pulse_round, make_member):
    people = [make_member(school, f"O {i}", bouw="onderbouw") for i in range(7)]
    people += [make_member(school, f"B {i}", bouw="bovenbouw") for i in range(2)]
    answer_all(pulse_round, people)
    pulse.close_round(None, pulse_round)
    assert set(Answer.objects.values_list("bouw", flat=True)) == {""}


def test_answering_writes_no_audit_entry_and_no_notification(pulse_round, climate_team):
    audits, notes = AuditEntry.objects.count(), Notification.objects.count()
    answer_all(pulse_round, climate_team[:2])
    assert AuditEntry.objects.count() == audits
    assert Notification.objects.count() == notes


def test_answering_twice_is_refused_in_dutch(pulse_round, member):
    answer_all(pulse_round, [member])
    with pytest.raises(ValidationError, match="al ingevuld"):
        answer_all(pulse_round, [member])
    assert Participation.objects.filter(round=pulse_round).count() == 1
    assert PendingAnswer.objects.count() == 1


def test_a_round_of_another_person_leaves_no_trace_of_the_person(school, pulse_round, climate_team):
    answer_all(pulse_round, climate_team)
    pulse.close_round(None, pulse_round)
    membership_ids = set(Membership.objects.values_list("user_id", flat=True))
    user_cols = [f.column for f in Answer._meta.concrete_fields if f.column.endswith("user_id")]
    assert user_cols == [] and membership_ids
