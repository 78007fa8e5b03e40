"""Demo: requests and lesson visits at every stage, a shared reflection and a request from the other school."""

from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from . import advice, visits
from .models import Visit, VisitMoment

MARKER = "Hoe houd ik de instructie kort en krachtig in groep 6?"


def seed(demo):
    # The demo goes through the real domain functions; keep their e-mails out of the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _seed(demo)


def _moment(days, hour=10, group=5, subject="Rekenen"):
    start = timezone.localtime() + timedelta(days=days)
    return {
        "starts_at": start.replace(hour=hour, minute=30, second=0, microsecond=0),
        "minutes": 45,
        "class_group": group,
        "subject": subject,
    }


def _to_past(visit, days):
    """A visit made at today's date through the real functions, then moved back in time."""
    VisitMoment.objects.filter(pk=visit.moment_id).update(starts_at=timezone.now() - timedelta(days=days))
    visit.refresh_from_db()
    return visit


def _look_fors(school, title):
    kw = school.kijkwijzers.filter(title=title).first()
    items = list(kw.look_fors.all()[:3]) if kw else []
    return [(lf.text, lf) for lf in items] or [("Leerlingen krijgen denktijd.", None)]


def _seed(demo):
    school = demo.school
    if school.advice_requests.filter(question=MARKER).exists():
        return
    lid, tl, leider = demo.user("lid@demo.test"), demo.user("tl@demo.test"), demo.user("leider@demo.test")
    staff = [u for u in demo.staff[school.id] if u.pk not in (lid.pk, tl.pk, leider.pk)]
    areas = {a.key: a for a in school.expertise_areas.all()}

    def pick(*keys):
        return [areas[k] for k in keys if k in areas][:2] or list(areas.values())[:1]

    # Requests: open, in conversation, "niet nu", closed and shared, and one from the other school.
    advice.create_request(
        staff[0],
        school,
        lid,
        school,
        kind="advies",
        question="Jij werkt met coöperatieve werkvormen: welke werkt het best bij een onrustige groep 4?",
        context="Na de pauze is het onrustig; ik wil meer structuur zonder dat het saai wordt.",
        areas=pick("pedagogisch-klimaat", "gedragsproblemen"),
    )
    talk = advice.create_request(
        lid,
        school,
        tl,
        school,
        kind="advies",
        question=MARKER,
        context="Mijn instructie loopt vaak uit tot twintig minuten en de kinderen haken af.",
        areas=pick("lesontwerp", "coaching"),
        wish_date=timezone.localdate() + timedelta(days=14),
    )
    advice.answer(talk, tl, accept=True, word="Graag! Zullen we donderdag na schooltijd even zitten?")
    advice.add_message(talk, lid, "Donderdag past. Ik neem mijn lesplan van rekenen mee.")
    advice.add_message(talk, tl, "Mooi. Probeer alvast eens de instructie te klokken: waar gaat de tijd heen?")
    no = advice.create_request(
        tl,
        school,
        staff[1],
        school,
        kind="feedback",
        question="Wil je meekijken naar mijn plan voor de leesmotivatie-enquête?",
        areas=pick("begrijpend-lezen"),
    )
    advice.answer(no, staff[1], accept=False, word="Niet nu, na de toetsweek heb ik weer ruimte.")
    done = advice.create_request(
        staff[2],
        school,
        tl,
        school,
        kind="advies",
        question="Hoe geef ik feedback op schrijfopdrachten zonder dat ik alles rood maak?",
        areas=pick("taal-lezen", "feedback"),
    )
    advice.answer(done, tl, accept=True, word="Zeker.")
    advice.add_message(done, tl, "Kies per opdracht één doel en geef alleen daarop feedback: twee tops, één tip.")
    advice.close(
        done,
        staff[2],
        "Ik kies per schrijfopdracht één doel en geef twee tops en één tip. Na vier weken kijk ik of de teksten beter worden.",
    )
    advice.propose_share(done, staff[2], scope="team", what="opbrengst")
    advice.agree_share(done, tl)
    if len(demo.schools) > 1:
        other = demo.schools[1]
        asker = demo.accounts.get("anders@demo.test") or demo.staff[other.id][0]
        their = {a.key: a for a in other.expertise_areas.all()}
        keys = [a.key for a in pick("rekenen-wiskunde", "lesontwerp")]
        advice.create_request(
            asker,
            other,
            tl,
            school,
            kind="advies",
            question="Wij willen ook met een rekenmuur beginnen. Hoe hebben jullie dat aangepakt?",
            areas=[their[k] for k in keys if k in their],
        )

    # Visits: proposed, planned, happened (reflection to write), reflected and shared, called off.
    visits.create_visit(
        lid,
        school,
        tl,
        focus="Krijgen alle kinderen de kans om te antwoorden als ik een vraag stel?",
        moments=[_moment(5, 9, 6, "Taal"), _moment(7, 11, 6, "Rekenen")],
        look_fors=_look_fors(school, "Instructie"),
    )
    planned = visits.create_visit(
        tl,
        school,
        lid,
        focus="Weten de kinderen wat ze na de instructie zelfstandig gaan doen?",
        moments=[_moment(3, 10, 4, "Rekenen")],
        look_fors=_look_fors(school, "Differentiatie"),
    )
    visits.accept(planned, lid, planned.moments.first(), word="Leuk, ik kom!")
    happened = visits.create_visit(
        lid,
        school,
        staff[3],
        focus="Hoe reageren leerlingen op mijn feedback tijdens het zelfstandig werken?",
        moments=[_moment(1, 13, 6, "Begrijpend lezen")],
        look_fors=_look_fors(school, "Feedback aan leerlingen"),
    )
    visits.accept(happened, staff[3], happened.moments.first())
    _to_past(happened, 1)
    for lf in happened.look_fors.all()[:2]:
        visits.save_observation(
            happened, staff[3], lf, seen="gezien", note="Bij vier kinderen gezien: ze pasten hun antwoord aan."
        )
    shared = visits.create_visit(
        staff[4],
        school,
        tl,
        focus="Is de overgang van instructie naar zelfstandig werken rustig?",
        moments=[_moment(1, 10, 3, "Rekenen")],
        look_fors=_look_fors(school, "Klassenklimaat"),
    )
    visits.accept(shared, tl, shared.moments.first())
    _to_past(shared, 8)
    for lf in shared.look_fors.all():
        visits.save_observation(
            shared,
            tl,
            lf,
            seen="vraag",
            note="Overgang duurde vier minuten; drie kinderen wisten niet waar hun werk lag.",
        )
    visits.reflect(
        shared,
        staff[4],
        learned="De overgang kost meer tijd dan ik dacht; de kinderen wachten op mij.",
        will_try="Een vast stappenplan op het bord en de werkbakjes al op tafel vóór de instructie.",
    )
    visits.add_takeaway(shared, tl, "Ik ga in mijn groep ook de overgang timen.")
    visits.share(shared, staff[4], scope="team", what=Visit.ShareWhat.REFLECTION)
    off = visits.create_visit(
        staff[5],
        school,
        lid,
        focus="Stellen de kinderen elkaar vragen tijdens het samenwerken?",
        moments=[_moment(6, 9, 7, "Wereldoriëntatie")],
        look_fors=_look_fors(school, "Onderzoekend leren"),
    )
    visits.accept(off, lid, off.moments.first())
    visits.cancel(off, staff[5])
