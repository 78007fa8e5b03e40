"""What the privacy functions do per kind of data: the one place to read (and extend) the rules.

- ``PERSONAL``: rows about the person themselves. Erasing a leaver deletes them. Everything else that
  points to the person (a proposal they wrote, a response, a role in last year's plan) is the school's
  record: it stays, with the person replaced by an anonymous "voormalig teamlid".
- ``FILES``: files on disk that belong to a person's rows: part of their export, deleted with the rows.
- ``RETENTION``: how long a school keeps each kind of data by default, and why (docs/privacy.md shows
  this table); a school may choose other terms on its retention page.

A new app adds its models here (this app may import every other one; none imports this one).
Anonymous answers (innovation check-ins, climate pulses) hold no person and are never touched.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

PERSONAL = {
    "core.notification",
    "expertise.profile",
    "expertise.expertiseentry",
    "expertise.suggestion",
    "groups.groupmember",
    "innovations.checkinparticipation",  # only there to prevent answering twice; the answers stay anonymous
    "climate.participation",  # likewise: who took part in a pulse, never what they answered
    "work.budget",
    "work.preference",
    "work.exclusion",
    "highlights.post",  # photos of the person's class: they go with the person
    "highlights.appreciation",
    "highlights.moderator",
    "accounts.teamimport",
    "network.response",  # who answered a network round, and whether they may be named
    "network.tie",  # their answers, and colleagues' answers naming them
    # development (issue 15): the POP (its goals and activities go with it), self-assessments, own notes
    "development.developmentplan",
    "development.selfassessment",
    "development.privatenote",
    "work.calendarfeed",
}

# Foreign keys a person's export does not follow: rows that point to them but are someone else's answer
# (who named whom in a network survey is shown only to the team, and only with consent).
# A leader's export does not hold the activities they accepted or the dagdelen they planned for others.
EXPORT_SKIP = {"network.tie.target", "development.activity.decided_by", "work.dagdeel.created_by"}

# Rows that reach the person through one of their own rows (a POP's goals and activities): exported with it.
EXPORT_CHILDREN = {"development.developmentplan": ("goals", "activities")}

# model label -> (lookup from the row to its owner, the row it belongs to ("" = itself), fields with a file name)
FILES = {
    "highlights.postmedia": ("post__author", "post", ("file", "poster", "source")),
    "groups.cycleentry": ("author", "", ("file",)),
    "learning.advicerequest": ("asker", "", ("attachment",)),
}


@dataclass(frozen=True)
class Retention:
    key: str
    label: str
    months: int
    reason: str
    model: str  # app_label.ModelName
    school_lookup: str  # from the model to its school
    date_field: str
    extra: dict  # further filter, e.g. only closed or removed rows


RETENTION = [
    Retention(
        "notifications", _("Meldingen"), 12, _("Een melding is na een schooljaar niet meer nodig."),
        "core.Notification", "school", "created_at", {},
    ),
    Retention(
        "audit", _("Logboek"), 60, _("Wie wat veranderde blijft vijf jaar na te gaan, zoals bij andere schoolbesluiten."),
        "core.AuditEntry", "school", "created_at", {},
    ),
    Retention(
        "team_imports", _("Ingelezen teambestanden"), 3, _("Na het inlezen staan de mensen in het team; het bestand is dan niet meer nodig."),
        "accounts.TeamImport", "school", "created_at", {},
    ),
    Retention(
        "invitations", _("Uitnodigingen"), 12, _("Een gebruikte of verlopen uitnodiging heeft na een jaar geen doel meer."),
        "accounts.Invitation", "school", "created_at", {},
    ),
    Retention(
        "highlights_removed", _("Afgewezen of offline gehaalde highlights"), 12,
        _("Wat niet (meer) gepubliceerd is, bewaren we niet langer dan een jaar."),
        "highlights.Post", "school", "created_at", {"status__in": ["afgewezen", "offline"]},
    ),
    Retention(
        "expertise_old_years", _("Expertiseprofielen van vroegere schooljaren"), 36,
        _("Drie jaar terugkijken is genoeg om groei te zien."),
        "expertise.Profile", "school", "school_year__ends_on", {},
    ),
    Retention(
        "learning", _("Adviesvragen en lesbezoeken"), 24,
        _("Leren van elkaar gaat over nu; na twee schooljaren is een vraag of bezoek niet meer nodig."),
        "learning.AdviceRequest", "school", "created_at", {},
    ),
    Retention(
        "learning", _("Adviesvragen en lesbezoeken"), 24, "",
        "learning.Visit", "school", "created_at", {},
    ),
    Retention(
        "climate_rounds", _("Klimaatpeilingen en feedbackrondes"), 60,
        _("Vijf jaar is genoeg voor een trend; oudere rondes zeggen weinig over het team van nu."),
        "climate.Round", "school", "closed_at", {},
    ),
    Retention(
        "network_rounds", _("Netwerkpeilingen"), 60,
        _("Een netwerk verandert met het team; na vijf jaar zegt een oude peiling weinig."),
        "network.Round", "school", "closed_at", {},
    ),
    Retention(
        "expertise_old_years", _("Expertiseprofielen van vroegere schooljaren"), 36, "",
        "expertise.ExpertiseEntry", "school", "school_year__ends_on", {},
    ),
]  # fmt: skip


def cutoff(now, months: int):
    return now - timedelta(days=round(months * 30.44))
