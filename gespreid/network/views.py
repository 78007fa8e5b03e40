import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import leader_required, member_required
from gespreid.core.exports import csv_row

from . import contacts, learning_link, measures, rounds
from .forms import AnswerForm, ContactFilterForm, ContactForm, RoundForm
from .models import OutsideContact, Question

ROUNDS_ON_PAGE = 20


def get_round_for_member(request, pk):
    return get_object_or_404(request.school.network_rounds.select_related("school", "school_year"), pk=pk)


def get_contact_for_member(request, pk):
    return get_object_or_404(request.school.outside_contacts.all(), pk=pk)


def _colour(request) -> str:
    return "rol" if request.GET.get("kleur") == "rol" else "bouw"


def _question(request, round_obj) -> str:
    q = request.GET.get("vraag", "")
    return q if q in round_obj.questions else ""


@member_required
def round_list(request):
    items = list(request.school.network_rounds.select_related("school_year")[:ROUNDS_ON_PAGE])
    mine = set(request.user.network_responses.filter(round__in=items).values_list("round_id", flat=True))
    for r in items:
        r.mine = r.pk in mine
    context = {
        "items": items,
        "open_round": rounds.open_round_of(request.school),
        "contact_count": request.school.outside_contacts.count(),
    }
    return render(request, "network/round_list.html", context)


@leader_required
def round_create(request):
    form = RoundForm(request.POST or None, initial={"questions": [q.value for q in Question]})
    if request.method == "POST" and form.is_valid():
        if request.school_year is None:
            form.add_error(None, _("Er is geen schooljaar dat vandaag loopt; zet eerst het schooljaar klaar."))
        else:
            try:
                round_obj = rounds.open_round(request.user, request.school, request.school_year, **form.cleaned_data)
            except ValidationError as e:
                form.add_error(None, e.messages[0])
            else:
                messages.success(request, _("De ronde is geopend; het team heeft een bericht gekregen."))
                return redirect("network:round-detail", request.school.slug, round_obj.pk)
    return render(request, "network/round_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required
def round_detail(request, pk):
    round_obj = get_round_for_member(request, pk)
    context = {
        "round": round_obj,
        "response": round_obj.responses.filter(user=request.user).first(),
        "response_count": round_obj.responses.count(),
        "min_respondents": measures.MIN_RESPONDENTS,
    }
    if not round_obj.is_open:
        data = rounds.load(round_obj)
        context["shown"] = rounds.may_show(data)
        if context["shown"]:
            context.update(_results(request, round_obj, data))
    return render(request, "network/round_detail.html", context)


def _results(request, round_obj, data) -> dict:
    picture = rounds.cached_picture(round_obj, data)
    colour, question = _colour(request), _question(request, round_obj)
    result = {
        "picture": picture,
        "data": data,
        "svg": rounds.cached_svg(round_obj, data, colour, question),
        "colour": colour,
        "question": question,
        "questions": round_obj.question_list(),
        "bouw_table": _bouw_table(picture),
        "advice_by_area": learning_link.advice_counts(request.school, round_obj.school_year),
        "learning_available": learning_link.available(),
    }
    before = rounds.previous_round(round_obj)
    if before is not None:
        before_data = rounds.load(before)
        if rounds.may_show(before_data):
            result["previous"] = before
            result["change"] = measures.change(rounds.cached_picture(before, before_data), picture)
    return result


def _bouw_table(picture) -> dict:
    from gespreid.core.models import Bouw

    labels = [(b.value, b.label) for b in Bouw] + [("", _("geen of kleine bouw"))]
    present = {k for pair in picture.bouw_mixing for k in pair}
    labels = [(k, v) for k, v in labels if k in present]
    rows = [
        {"label": label, "cells": [picture.bouw_mixing.get((k, other), 0) for other, _l in labels]}
        for k, label in labels
    ]
    return {"rows": rows, "heads": [label for _k, label in labels]}


@member_required
def round_answer(request, pk):
    round_obj = get_round_for_member(request, pk)
    if not round_obj.is_open:
        messages.info(request, _("Deze ronde is gesloten; je kunt niet meer invullen."))
        return redirect("network:round-detail", request.school.slug, round_obj.pk)
    memberships = list(rounds.eligible_memberships(round_obj))
    response = round_obj.responses.filter(user=request.user).first()
    form = AnswerForm(
        request.POST or None,
        round_obj=round_obj,
        memberships=memberships,
        user=request.user,
        initial_answers=rounds.my_answers(round_obj, request.user),
        initial={"may_be_named": response.may_be_named if response else False},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rounds.save_response(round_obj, request.user, form.answers(), form.cleaned_data["may_be_named"])
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(
                request, _("Dank je wel, je antwoorden zijn opgeslagen. Je kunt ze aanpassen zolang de ronde loopt.")
            )
            return redirect("network:round-detail", request.school.slug, round_obj.pk)
    context = {"round": round_obj, "form": form, "response": response}
    return render(request, "network/round_answer.html", context, status=400 if form.errors else 200)


@leader_required
@require_POST
def round_close(request, pk):
    round_obj = get_round_for_member(request, pk)
    try:
        rounds.close_round(request.user, round_obj)
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, _("De ronde is gesloten."))
    return redirect("network:round-detail", request.school.slug, round_obj.pk)


def _closed_data(request, pk):
    round_obj = get_round_for_member(request, pk)
    if round_obj.is_open:
        raise PermissionDenied(_("De uitkomsten zijn er als de ronde gesloten is."))
    data = rounds.load(round_obj)
    if not rounds.may_show(data):
        raise PermissionDenied(_("Te weinig antwoorden om uitkomsten te tonen."))
    return round_obj, data


@member_required
def round_drawing(request, pk):
    round_obj, data = _closed_data(request, pk)
    svg = rounds.cached_svg(round_obj, data, _colour(request), _question(request, round_obj))
    response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="netwerk-{round_obj.pk}.svg"'
    return response


@member_required
def round_export(request, pk):
    """The team measures, and ties only between two people who both agreed to be named."""
    round_obj, data = _closed_data(request, pk)
    picture = rounds.cached_picture(round_obj, data)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netwerk-{round_obj.pk}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(csv_row([_("maat"), _("waarde")]))
    writer.writerow(csv_row([_("mensen"), picture.people]))
    writer.writerow(csv_row([_("ingevuld"), picture.respondents]))
    writer.writerow(csv_row([_("verbindingen"), picture.ties]))
    writer.writerow(csv_row([_("dichtheid"), f"{picture.density:.3f}"]))
    writer.writerow(csv_row([_("wederkerigheid"), f"{picture.reciprocity:.3f}"]))
    writer.writerow(csv_row([_("door niemand genoemd (aantal)"), picture.unnamed]))
    writer.writerow(csv_row([_("subgroepen"), len(picture.subgroup_sizes)]))
    if picture.advice_centralisation is not None:
        writer.writerow(csv_row([_("centralisatie van advies"), f"{picture.advice_centralisation:.3f}"]))
    writer.writerow([])
    writer.writerow(csv_row([_("vraag"), _("van"), _("naar"), _("hoe vaak")]))
    for question, source, target, frequency in rounds.named_pairs(round_obj, data):
        writer.writerow(csv_row([Question(question).label, source, target, frequency]))
    return response


@member_required
def contact_list(request):
    from gespreid.expertise.search import active_areas

    areas = list(active_areas(request.school))
    form = ContactFilterForm(request.GET or None, areas=areas)
    items = contacts.listing(request.school)
    if form.is_valid():
        data = form.cleaned_data
        items = contacts.filtered(request.school, data["q"].strip(), data["soort"], data["vak"])
    return render(request, "network/contact_list.html", {"items": list(items), "form": form})


@member_required
def contact_create(request):
    form = ContactForm(request.POST or None, school=request.school, instance=OutsideContact(school=request.school))
    if request.method == "POST" and form.is_valid():
        contacts.save_contact(request.user, form)
        messages.success(request, _("Het contact staat in de lijst."))
        return redirect("network:contact-list", request.school.slug)
    return render(request, "network/contact_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required
def contact_edit(request, pk):
    contact = get_contact_for_member(request, pk)
    form = ContactForm(request.POST or None, school=request.school, instance=contact)
    if request.method == "POST" and form.is_valid():
        contacts.save_contact(request.user, form)
        messages.success(request, _("Het contact is bijgewerkt."))
        return redirect("network:contact-list", request.school.slug)
    return render(
        request, "network/contact_form.html", {"form": form, "contact": contact}, status=400 if form.errors else 200
    )


@member_required
@require_POST
def contact_delete(request, pk):
    contact = get_contact_for_member(request, pk)
    if not (request.membership.can_manage or contact.added_by_id == request.user.pk):
        raise PermissionDenied(_("Alleen wie het contact toevoegde of de schoolleider mag het verwijderen."))
    contacts.delete_contact(request.user, contact)
    messages.success(request, _("Het contact is verwijderd."))
    return redirect("network:contact-list", request.school.slug)
