"""Team import: every bad row with its reason in a preview; nothing written until confirmed; then all at once."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gespreid.accounts.models import Invitation, TeamImport
from gespreid.accounts.team_import import MAX_ROWS, ImportError_, check_rows, read_rows
from gespreid.core.models import AuditEntry, Membership

GOOD = "naam;e-mail;functie;fte\nAnna Appel;anna@linde.test;Leerkracht;0,8\nBen Bos;ben@linde.test;IB'er;1\n"


def upload(client, school, content: bytes, name="team.csv"):
    return client.post(
        reverse("accounts:import-upload", args=[school.slug]), {"file": SimpleUploadedFile(name, content)}
    )


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_preview_lists_every_bad_row_and_writes_nothing(leader_client, school, member, django_user_model):
    content = (
        "Naam;E-mail;Functie;FTE\n"
        "Anna Appel;anna@linde.test;Leerkracht;0,8\n"
        "Bad Mail;geen-adres;Leerkracht;1\n"
        "Anna Twee;ANNA@linde.test;Leerkracht;1\n"
        f"Mila Lid;{member.email};Leerkracht;1\n"
        "Te Veel;teveel@linde.test;Leerkracht;1,5\n"
        "Kok;kok@linde.test;Kok;1\n"
        ";leeg@linde.test;;\n"
    ).encode()
    users_before = django_user_model.objects.count()
    response = upload(leader_client, school, content)
    assert response.status_code == 302
    preview = leader_client.get(response["Location"])
    html = preview.content.decode()
    for reason in (
        "ongeldig e-mailadres",
        "staat dubbel in het bestand (ook op regel 2)",
        "hoort al bij het team",
        "de fte moet tussen 0 en 1,2 liggen",
        "onbekende functie &#x27;Kok&#x27;",
        "naam ontbreekt",
    ):
        assert reason in html, reason
    assert "Bevestig: 1 persoon inlezen" in html
    assert '<td>Leerkracht</td><td class="num">0,8</td>' in html
    prepared = TeamImport.objects.get()
    assert [p["line"] for p in prepared.problems] == [3, 4, 5, 6, 7, 8]
    assert django_user_model.objects.count() == users_before
    assert not Invitation.objects.exists()


def test_confirm_invites_all_good_rows_in_one_go(
    leader_client, school, leader, django_capture_on_commit_callbacks, django_user_model
):
    users_before = django_user_model.objects.count()
    response = upload(leader_client, school, GOOD.encode())
    pk = TeamImport.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(reverse("accounts:import-confirm", args=[school.slug, pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:invite-list", args=[school.slug])
    anna = Invitation.objects.get(school=school, email="anna@linde.test")
    ben = Invitation.objects.get(school=school, email="ben@linde.test")
    assert (anna.fte, anna.function) == (Decimal("0.80"), "leerkracht")
    assert (ben.fte, ben.function) == (Decimal("1.00"), "ib")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@linde.test", "ben@linde.test"]
    assert AuditEntry.objects.filter(action="accounts.team_import").exists()
    # Nobody joins (and no account is made) before accepting.
    assert django_user_model.objects.count() == users_before
    assert Membership.objects.filter(school=school).count() == 1
    html = leader_client.get(response["Location"]).content.decode()
    assert "anna@linde.test" in html and "2 mensen kregen een uitnodiging" in html
    # Confirming again is not possible (404: the import is done).
    assert leader_client.post(reverse("accounts:import-confirm", args=[school.slug, pk])).status_code == 404


def test_imported_person_accepts_the_invitation(leader_client, school, django_capture_on_commit_callbacks):
    import re

    from django.test import Client

    upload(leader_client, school, GOOD.encode())
    with django_capture_on_commit_callbacks(execute=True):
        leader_client.post(reverse("accounts:import-confirm", args=[school.slug, TeamImport.objects.get().pk]))
    message = next(m for m in mail.outbox if m.to == ["anna@linde.test"])
    token = re.search(r"/uitnodiging/([^/\s]+)/", message.body).group(1)
    anon = Client()
    url = reverse("accounts:invitation-accept", args=[token])
    response = anon.post(url, {"password1": "Rode-tulpen-bloeien-9", "password2": "Rode-tulpen-bloeien-9"})
    assert response.status_code == 302 and response["Location"] == reverse("core:home", args=[school.slug])
    assert Membership.objects.filter(school=school, user__email="anna@linde.test").count() == 1


def test_an_existing_account_is_invited_not_added_and_the_message_does_not_tell(
    leader_client, school, outsider, other_school, django_capture_on_commit_callbacks
):
    """Issue 13.7: no school adds someone with an account without their consent, and nobody learns who has one."""
    rows = f"naam,email,function,fte\nOtto Buiten,{outsider.email.upper()},teacher,0.5\nNina Nieuw,nina@linde.test,teacher,1\n"
    upload(leader_client, school, rows.encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(
            reverse("accounts:import-confirm", args=[school.slug, TeamImport.objects.get().pk]), follow=True
        )
    assert not Membership.objects.filter(user=outsider, school=school).exists()
    assert Membership.objects.get(user=outsider, school=other_school).is_active
    invitation = Invitation.objects.get(school=school, email=outsider.email)
    assert invitation.fte == Decimal("0.50")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([outsider.email, "nina@linde.test"])
    html = response.content.decode()
    assert "2 mensen kregen een uitnodiging" in html and "account" not in html.lower().split("<main")[-1]
    # The outsider accepts while logged in, and only then joins.
    from gespreid.accounts import invitations as inv

    inv.accept_invitation(invitation, user=outsider)
    assert Membership.objects.get(user=outsider, school=school).fte == Decimal("0.50")


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeffnaam;e-mail;functie;fte\nJosé Ærø;jose@linde.test;leerkracht;0,6\n".encode(),  # UTF-8 with BOM
        "naam;e-mail;functie;fte\nJosé Ærø;jose@linde.test;leerkracht;0,6\n".encode("cp1252"),  # Dutch Excel
        "naam;e-mail;functie;fte\r\nJosé Ærø;jose@linde.test;leerkracht;0,6\r\n".encode("latin-1"),
        'name,email,function,fte\n"José Ærø",jose@linde.test,Teacher,0.6\n'.encode(),
        "Naam\tE-mailadres\tFunctie\tFte\nJosé Ærø\tjose@linde.test\tleerkracht\t0,6\n".encode(),
    ],
)
def test_encodings_and_delimiters(school, raw):
    good, problems = check_rows(school, read_rows("team.csv", raw))
    assert problems == []
    assert good == [
        {
            "name": "José Ærø",
            "email": "jose@linde.test",
            "function": "leerkracht",
            "fte": "0.60",
            "class_group": "",
            "bouw": "",
        }
    ]


def test_xlsx(leader_client, school):
    content = xlsx(
        [
            ["Naam", "E-mail", "Functie", "Fte", "Groep", "Bouw"],
            ["Anna Appel", "anna@linde.test", "Leerkracht", 0.8, 3, "middenbouw"],
            ["Fout", "fout@", None, 2, None, None],
        ]
    )
    response = upload(leader_client, school, content, name="team.xlsx")
    assert response.status_code == 302
    prepared = TeamImport.objects.get()
    assert prepared.rows == [
        {
            "name": "Anna Appel",
            "email": "anna@linde.test",
            "function": "leerkracht",
            "fte": "0.80",
            "class_group": "3",  # a number in the sheet
            "bouw": "middenbouw",
        }
    ]
    assert prepared.problems[0]["line"] == 3 and len(prepared.problems[0]["reasons"]) == 2


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "team.csv", "Kies een bestand"),
        (b"\n\n", "team.csv", "Het bestand is leeg"),
        (b"naam;e-mail;functie;fte\n", "team.csv", "alleen kolomnamen"),
        (b"Anna Appel;anna@linde.test;Leerkracht;0,8\n", "team.csv", "moet de kolomnamen bevatten"),
        (b"naam;e-mail;leeftijd\nAnna;anna@linde.test;40\n", "team.csv", "Onbekende kolom: &#x27;leeftijd&#x27;"),
        (b"naam;naam;e-mail\nA;B;a@b.test\n", "team.csv", "twee keer"),
        (b"PK\x03\x04 kapot", "team.xlsx", "niet te openen"),
        (b"\xd0\xcf\x11\xe0 oud excel", "team.xls", "Gebruik .xlsx of .csv"),
    ],
)
def test_broken_files_get_a_dutch_message_and_change_nothing(leader_client, school, content, name, message):
    if content:
        response = upload(leader_client, school, content, name)
    else:
        response = leader_client.post(reverse("accounts:import-upload", args=[school.slug]), {})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TeamImport.objects.exists()


def test_ten_thousand_rows_are_refused_quickly_with_the_cap(leader_client, school):
    rows = "naam;e-mail;functie;fte\n" + "".join(f"Persoon {i};p{i}@linde.test;leerkracht;1\n" for i in range(10000))
    response = upload(leader_client, school, rows.encode())
    assert response.status_code == 400
    assert f"maximaal {MAX_ROWS} mensen" in response.content.decode()
    assert not TeamImport.objects.exists()


def test_the_cap_itself_is_accepted_and_confirmed(leader_client, school, django_assert_max_num_queries):
    rows = "naam;e-mail;functie;fte\n" + "".join(
        f"Persoon {i};p{i}@linde.test;leerkracht;0,5\n" for i in range(MAX_ROWS)
    )
    assert upload(leader_client, school, rows.encode()).status_code == 302
    prepared = TeamImport.objects.get()
    assert len(prepared.rows) == MAX_ROWS and prepared.problems == []
    assert leader_client.get(reverse("accounts:import-preview", args=[school.slug, prepared.pk])).status_code == 200
    leader_client.post(reverse("accounts:import-confirm", args=[school.slug, prepared.pk]))
    assert Invitation.objects.filter(school=school).count() == MAX_ROWS


def test_unterminated_quote_becomes_a_bad_row(school):
    good, problems = check_rows(school, read_rows("t.csv", b'naam,e-mail\nBea,bea@x.test\n"Anna,anna@x.test\n'))
    assert [g["email"] for g in good] == ["bea@x.test"] and problems[0]["line"] == 3


def test_xlsx_with_too_many_rows(school):
    content = xlsx([["naam", "e-mail"]] + [[f"P{i}", f"p{i}@x.test"] for i in range(MAX_ROWS + 5)])
    with pytest.raises(ImportError_, match="maximaal"):
        check_rows(school, read_rows("t.xlsx", content))


def test_only_bad_rows_cannot_be_confirmed(leader_client, school):
    upload(leader_client, school, b"naam;e-mail\nA;geen-mail\n")
    prepared = TeamImport.objects.get()
    html = leader_client.get(reverse("accounts:import-preview", args=[school.slug, prepared.pk])).content.decode()
    assert "geen enkele goede regel" in html
    response = leader_client.post(reverse("accounts:import-confirm", args=[school.slug, prepared.pk]), follow=True)
    assert "er is niets ingelezen" in response.content.decode()
    assert Membership.objects.filter(school=school).count() == 1


def test_someone_elses_import_cannot_be_confirmed(leader_client, school, make_member, other_school):
    from django.test import Client

    upload(leader_client, school, GOOD.encode())
    prepared = TeamImport.objects.get()
    second_leader = make_member(school, "Tweede Leider", is_leader=True)
    client = Client()
    client.force_login(second_leader)
    assert client.post(reverse("accounts:import-confirm", args=[school.slug, prepared.pk])).status_code == 404
    other_leader = make_member(other_school, "Andere Leider", is_leader=True)
    client.force_login(other_leader)
    assert client.get(reverse("accounts:import-preview", args=[other_school.slug, prepared.pk])).status_code == 404
    assert Membership.objects.filter(school=school).count() == 2


def test_members_may_not_import(member_client, school):
    assert member_client.get(reverse("accounts:import-upload", args=[school.slug])).status_code == 403
    assert upload(member_client, school, GOOD.encode()).status_code == 403
    assert not TeamImport.objects.exists()


def test_import_is_all_or_nothing(leader_client, school, monkeypatch):
    upload(leader_client, school, GOOD.encode())
    prepared = TeamImport.objects.get()
    import gespreid.accounts.team_import as ti

    def boom(*args, **kwargs):
        raise RuntimeError("mail server weg")

    monkeypatch.setattr(ti, "record", boom)
    with pytest.raises(RuntimeError):
        leader_client.post(reverse("accounts:import-confirm", args=[school.slug, prepared.pk]))
    assert not Invitation.objects.exists()
    assert TeamImport.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "content, message",
    [
        (b"naam;e-mail\n" + b"x" * (2 * 1024 * 1024 + 10), "te groot"),
        (bytes(range(256)) * 20, "kolomnamen"),
        (b"naam;e-mail\n" + b'"' + b"x" * 200_000 + b'";a@b.test\n', "niet te lezen"),
    ],
)
def test_garbage_files_never_crash(leader_client, school, content, message):
    response = upload(leader_client, school, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not TeamImport.objects.exists()


def test_control_characters_are_dropped(school):
    good, problems = check_rows(school, read_rows("t.csv", b"naam;e-mail\nAn\x00na\x07;anna@x.test\n"))
    assert good[0]["name"] == "Anna" and problems == []


def test_group_and_bouw_are_checked_in_the_preview_and_reach_the_membership(
    leader_client, school, django_capture_on_commit_callbacks
):
    """Issue 20: groep and bouw columns; every bad one shown before anything is written; accepted into the team."""
    import re

    from django.test import Client

    content = (
        b"naam;e-mail;functie;fte;groep;bouw\n"
        b"Anna Appel;anna@linde.test;Leerkracht;0,8;groep 1-2;Onderbouw\n"
        b"Ben Bos;ben@linde.test;IB'er;1;;\n"
        b"Cas Negen;cas@linde.test;Leerkracht;1;9;bovenbouw\n"
        b"Dirk Kelder;dirk@linde.test;Leerkracht;1;5;kelder\n"
    )
    response = upload(leader_client, school, content)
    html = leader_client.get(response["Location"]).content.decode()
    assert "groep &#x27;9&#x27;: een groep loopt van 1 tot en met 8" in html
    assert "bouw &#x27;kelder&#x27;: kies onderbouw, middenbouw of bovenbouw" in html
    assert '<td class="num">0,8</td><td>1/2</td><td>Onderbouw</td>' in html
    assert "Bevestig: 2 mensen inlezen" in html
    prepared = TeamImport.objects.get()
    assert [p["line"] for p in prepared.problems] == [4, 5]
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        leader_client.post(reverse("accounts:import-confirm", args=[school.slug, prepared.pk]))
    anna = Invitation.objects.get(email="anna@linde.test")
    assert (anna.class_group, anna.bouw) == ("1/2", "onderbouw")
    message = next(m for m in mail.outbox if m.to == ["anna@linde.test"])
    token = re.search(r"/uitnodiging/([^/\s]+)/", message.body).group(1)
    Client().post(
        reverse("accounts:invitation-accept", args=[token]),
        {"password1": "Rode-tulpen-bloeien-9", "password2": "Rode-tulpen-bloeien-9"},
    )
    m = Membership.objects.get(school=school, user__email="anna@linde.test")
    assert (m.class_group, m.bouw, m.fte) == ("1/2", "onderbouw", Decimal("0.80"))


def test_the_upload_page_shows_a_sample_with_group_and_bouw(leader_client, school):
    html = leader_client.get(reverse("accounts:import-upload", args=[school.slug])).content.decode()
    assert "naam;e-mail;functie;fte;groep;bouw" in html and ";1/2;onderbouw" in html
