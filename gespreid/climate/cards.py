"""Home card, navigation and scheduled jobs of the climate app (registered in ClimateConfig.ready)."""

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core.audit import register_action_label
from gespreid.core.registry import Card, register_card, register_job, register_nav, register_school_setup

from . import pulse
from .models import Participation


def open_round_shows_if(school):
    return Exists(school.climate_rounds.filter(closed_at__isnull=True))


def open_round_card(request):
    """Open rounds I have not answered yet (2 queries); nothing when there are none."""
    school = request.school
    rounds = [r for r in school.climate_rounds.filter(closed_at__isnull=True).select_related("subject") if r.is_open]
    if not rounds:
        return None
    done = set(Participation.objects.filter(round__in=rounds, user=request.user).values_list("round_id", flat=True))
    todo = [r for r in rounds if r.pk not in done and pulse.may_answer(request.membership, r)]
    if not todo:
        return None
    return Card(
        _("Hoe is het klimaat?"),
        "climate/cards/open_round.html",
        {"rounds": todo},
        url=reverse("climate:overview", args=[school.slug]),
    )


AUDIT_LABELS = {
    "climate.round_create": _("Klimaatronde klaargezet"),
    "climate.round_update": _("Klimaatronde gewijzigd"),
    "climate.round_close": _("Klimaatronde gesloten"),
    "climate.feedback_share": _("Feedback gedeeld met het team"),
    "climate.feedback_unshare": _("Feedback niet meer gedeeld"),
    "climate.focus_add": _("Focuspunt vastgelegd"),
    "climate.focus_update": _("Focuspunt bijgewerkt"),
    "climate.settings": _("Instellingen klimaat gewijzigd"),
    "climate.statement_add": _("Stelling toegevoegd"),
    "climate.statement_toggle": _("Stelling aan- of uitgezet"),
}


def register():
    from .pulse import ensure_statements

    register_school_setup(ensure_statements, order=40)  # a new school starts with the default statements
    # Answering writes no audit entry at all: its time could be matched to the answers.
    for action, label in AUDIT_LABELS.items():
        register_action_label(action, label)
    register_card(open_round_card, order=22, school_shows_if=open_round_shows_if)
    register_nav(_("Klimaat"), "climate:overview", order=70)
    register_job("climate.send_reminders", pulse.send_reminders)
    register_job("climate.close_due_rounds", pulse.close_due_rounds)
