from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core import school_cache
from gespreid.core.access import leader_required, member_required, pick_year
from gespreid.core.models import Bouw
from gespreid.core.params import query_choice, search_text

from . import matrix, profiles, rounds, search, taxonomy
from .forms import AreaForm, DomainForm, EntryForm, RenameAreaForm, RoundForm, SearchForm, SettingsForm, SuggestionForm
from .models import Acquired, Level, Suggestion

LEVEL_OPTIONS = [(str(v), label) for v, label in Level.choices]
ACQUIRED_OPTIONS = list(Acquired.choices)


# --- access helpers -------------------------------------------------------------------------


def get_person_for_member(request, user_id):
    return get_object_or_404(request.school.memberships.select_related("user"), user_id=user_id, is_active=True).user


def get_area_for_member(request, pk):
    return get_object_or_404(request.school.expertise_areas.select_related("school"), pk=pk)


def get_suggestion_for_member(request, pk):
    """Only the person a suggestion is for can act on it; for anyone else it does not exist."""
    mine = request.school.expertise_suggestions.filter(user=request.user, status=Suggestion.Status.OPEN)
    return get_object_or_404(mine.select_related("area", "school", "school_year", "user", "suggested_by"), pk=pk)


def get_round_for_member(request, pk):
    return get_object_or_404(request.school.inventory_rounds.select_related("school", "school_year"), pk=pk)


def _no_year(request):
    return render(request, "expertise/no_year.html", status=200)


# --- my profile -----------------------------------------------------------------------------


def _profile_context(request, year, error_row=None):
    previous = year.previous() if year else None
    groups = profiles.profile_groups(request.user, request.school, year, previous)
    if error_row is not None:
        for _domain, rows in groups:
            for row in rows:
                if row.area.id == error_row.area.id:
                    row.form = error_row.form
    profile = profiles.profile_for(request.user, request.school, year)
    has_entries = any(row.entry for _d, rows in groups for row in rows)
    return {
        "groups": groups,
        "year": year,
        "previous": previous,
        "profile": profile,
        "settings_form": SettingsForm(
            initial={
                "qualities": profile.qualities if profile else "",
                "ambition": profile.ambition if profile else "",
                "visible_to_board": profile.visible_to_board if profile else True,
            }
        ),
        "can_copy": previous is not None and previous.expertise_entries.filter(user=request.user).exists(),
        "has_entries": has_entries,
        "suggestions": request.school.expertise_suggestions.filter(
            user=request.user, status=Suggestion.Status.OPEN, school_year=year
        ).select_related("area", "suggested_by"),
        "round": rounds.open_round(request.school),
        "level_options": LEVEL_OPTIONS,
        "acquired_options": ACQUIRED_OPTIONS,
        "years": request.school.years.all(),
    }


@member_required
def profile_mine(request):
    year = pick_year(request)
    if year is None:
        return _no_year(request)
    if year != request.school_year:
        return redirect(
            f"{reverse('expertise:profile-detail', args=[request.school.slug, request.user.id])}?jaar={year.id}"
        )
    return render(request, "expertise/profile_mine.html", _profile_context(request, year))


@member_required
@require_POST
def entry_save(request):
    """Save one row of my own profile (htmx: answer the row; without JavaScript: back to the page)."""
    year = request.school_year
    if year is None:
        return _no_year(request)
    form = EntryForm(request.POST, school=request.school)
    if not form.is_valid():
        area = form.cleaned_data.get("area") if hasattr(form, "cleaned_data") else None
        if area is None:
            # Unknown or retired area: nothing to show a row for; say so clearly.
            text = " ".join(str(e) for e in form.errors.get("area", [])) or _(
                "Dit vakgebied bestaat niet op jullie school."
            )
            if request.htmx:
                return HttpResponse(format_html('<p class="error" role="alert">{}</p>', text))
            messages.error(request, text)
            return redirect("expertise:profile-mine", request.school.slug)
        row = profiles.Row(area=area, entry=None, form=form)
        if request.htmx:
            return render(request, "expertise/profile_mine.html#row", _row_context(request, row))
        context = _profile_context(request, year, error_row=row)
        context["error_area"] = area
        return render(request, "expertise/profile_mine.html", context, status=400)
    area = form.cleaned_data["area"]
    entry = profiles.save_entry(request.user, request.school, year, area, form.cleaned_data)
    if request.htmx:
        row = profiles.Row(area=area, entry=entry, saved=True)
        row.previous = (
            year.previous() and year.previous().expertise_entries.filter(user=request.user, area=area).first()
        )
        return render(request, "expertise/profile_mine.html#row", _row_context(request, row))
    messages.success(request, _("Opgeslagen: %(area)s.") % {"area": area.name})
    return redirect(f"{reverse('expertise:profile-mine', args=[request.school.slug])}#vak-{area.id}")


def _row_context(request, row):
    return {"row": row, "level_options": LEVEL_OPTIONS, "acquired_options": ACQUIRED_OPTIONS, "school": request.school}


@member_required
@require_POST
def settings_save(request):
    if request.school_year is None:
        return _no_year(request)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        context = _profile_context(request, request.school_year)
        context["settings_form"] = form
        return render(request, "expertise/profile_mine.html", context, status=400)
    profiles.save_settings(
        request.user,
        request.school,
        request.school_year,
        form.cleaned_data["qualities"],
        form.cleaned_data["visible_to_board"],
        ambition=form.cleaned_data["ambition"],
    )
    messages.success(request, _("Je kwaliteiten en keuzes zijn opgeslagen."))
    return redirect("expertise:profile-mine", request.school.slug)


@member_required
@require_POST
def profile_confirm(request):
    if request.school_year is None:
        return _no_year(request)
    profiles.confirm(request.user, request.school, request.school_year)
    messages.success(request, _("Dank je! Je profiel staat als bijgewerkt voor dit schooljaar."))
    return redirect("expertise:profile-mine", request.school.slug)


@member_required
@require_POST
def profile_copy(request):
    year = request.school_year
    previous = year.previous() if year else None
    if previous is None:
        messages.error(request, _("Er is geen vorig schooljaar om over te nemen."))
        return redirect("expertise:profile-mine", request.school.slug)
    copied = profiles.copy_forward(request.user, request.school, previous, year)
    messages.success(request, _("%(n)s regels van vorig jaar overgenomen. Kijk ze even na.") % {"n": copied})
    return redirect("expertise:profile-mine", request.school.slug)


@member_required
@require_POST
def suggestion_accept(request, pk):
    suggestion = get_suggestion_for_member(request, pk)
    profiles.accept(suggestion)
    messages.success(request, _("Overgenomen in je profiel: %(area)s.") % {"area": suggestion.area.name})
    return redirect("expertise:profile-mine", request.school.slug)


@member_required
@require_POST
def suggestion_decline(request, pk):
    suggestion = get_suggestion_for_member(request, pk)
    profiles.decline(suggestion)
    messages.success(request, _("Voorstel niet overgenomen."))
    return redirect("expertise:profile-mine", request.school.slug)


# --- the team's qualities (read only) -------------------------------------------------------


@member_required
def team_qualities(request):
    """Kwaliteiten van het team: every colleague's own words on one page; the ambition for leaders only."""
    year = pick_year(request)
    if year is None:
        return _no_year(request)
    bouw = query_choice(request, "bouw", Bouw.values)
    can_manage = request.membership.can_manage
    rows = profiles.team_qualities(request.school, year, bouw=bouw, with_ambition=can_manage)
    context = {
        "rows": rows,
        "year": year,
        "years": request.school.years.all(),
        "bouw": bouw,
        "bouw_choices": Bouw.choices,
        "show_ambition": can_manage,
        "written": sum(1 for r in rows if r.qualities),
    }
    return render(request, "expertise/team_qualities.html", context)


# --- someone's profile (read only) ----------------------------------------------------------


@member_required
def profile_detail(request, user_id):
    # The person is school data like the rest of the page: kept (a 404 is not).
    person = school_cache.cached_value(
        request, "expertise-person", lambda: get_person_for_member(request, user_id), user_id
    )
    year = pick_year(request)
    is_me = person == request.user
    # What the viewer may see depends on who views: the ambition only the person and the leaders.
    relation = "ik" if is_me else "leider" if request.membership.can_manage else "lid"
    content = school_cache.cached_html(
        request,
        "expertise-profile",
        lambda: _profile_content(request, person, year, is_me),
        person.pk,
        year.pk if year else "-",
        relation,
    )
    context = {"person": person, "year": year, "content": content}
    if request.membership.can_manage and not is_me and year == request.school_year and year is not None:
        context["suggestion_form"] = SuggestionForm(school=request.school)
    return render(request, "expertise/profile_detail.html", context)


def _profile_content(request, person, year, is_me) -> str:
    """A person's profile below its title: years, qualities, ambition, expertise (kept rendered by the view)."""
    previous = year.previous() if year else None
    groups = profiles.profile_groups(person, request.school, year, previous, include_retired=True) if year else []
    groups = [(d, [r for r in rows if r.entry or r.previous]) for d, rows in groups]
    context = {
        "school": request.school,
        "school_year": request.school_year,
        "person": person,
        "year": year,
        "previous": previous,
        "groups": [(d, rows) for d, rows in groups if rows],
        "profile": profiles.profile_for(person, request.school, year) if year else None,
        "years": request.school.years.all(),
        "is_me": is_me,
        "show_ambition": is_me or request.membership.can_manage,
    }
    return render_to_string("expertise/_profile_expertise.html", context)


@leader_required
@require_POST
def suggestion_create(request, user_id):
    person = get_person_for_member(request, user_id)
    if person == request.user:
        raise PermissionDenied
    if request.school_year is None:
        return _no_year(request)
    form = SuggestionForm(request.POST, school=request.school)
    if form.is_valid():
        data = form.cleaned_data
        if request.school.expertise_suggestions.filter(
            user=person, area=data["area"], school_year=request.school_year, status=Suggestion.Status.OPEN
        ).exists():
            messages.error(request, _("Er staat al een voorstel over dit vakgebied open."))
        else:
            try:
                profiles.suggest(
                    request.user,
                    person,
                    request.school,
                    request.school_year,
                    data["area"],
                    data["level"],
                    data["wants_growth"],
                    data["note"],
                )
            except IntegrityError:  # a double click: the first one won
                messages.error(request, _("Er staat al een voorstel over dit vakgebied open."))
            else:
                messages.success(request, _("Je voorstel is verstuurd. %(name)s beslist zelf.") % {"name": person.name})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("expertise:profile-detail", request.school.slug, person.id)


# --- the team's picture ---------------------------------------------------------------------


@member_required
def matrix_view(request):
    year = pick_year(request)
    domains = school_cache.cached_value(
        request, "expertise-domains", lambda: list(request.school.expertise_domains.all())
    )
    domain_key = search_text(request.GET.get("domein"), 60)
    if domain_key not in {d.key for d in domains}:
        domain_key = ""  # an unknown filter shows everything
    beamer = request.GET.get("beamer") == "1"
    role = "leider" if request.membership.can_manage else "lid"
    content = school_cache.cached_html(
        request,
        "expertise-matrix",
        lambda: _matrix_content(request, year, domains, domain_key, beamer),
        year.pk if year else "-",
        domain_key or "-",
        "beamer" if beamer else "gewoon",
        role,
    )
    return render(request, "expertise/matrix.html", {"content": content, "year": year})


def _matrix_content(request, year, domains, domain_key, beamer) -> str:
    """The matrix below the page's title: filters, legend and the table (kept rendered by the view)."""
    all_areas = matrix.areas_for(request.school)
    pages = matrix.beamer_pages(all_areas, domain_key) if beamer else None
    if pages is not None:
        domain_key = pages.domain.key  # the beamer shows one domain per page when they do not fit side by side
    data = matrix.build(request.school, year, domain_key or None, areas=all_areas)
    base = reverse("expertise:profile-detail", args=[request.school.slug, 0])[: -len("0/")]
    context = {
        **data,
        "school": request.school,
        "pages": pages,
        "body": matrix.body_html(data["people"], lambda uid: f"{base}{uid}/", _("wil zich hierin ontwikkelen")),
        "year": year,
        "years": request.school.years.all(),
        "all_domains": domains,
        "domain_key": domain_key,
        "beamer": beamer,
        "level_options": LEVEL_OPTIONS,
    }
    return render_to_string("expertise/_matrix_content.html", context)


@member_required
def matrix_export(request):
    year = pick_year(request)
    data = matrix.build(request.school, year)
    labels = {
        "year": _("Schooljaar"),
        "name": _("Naam"),
        "legend": _("Legenda"),
        "grow": _("wil zich hierin ontwikkelen"),
    }
    content = matrix.export_xlsx(request.school, year, data, labels)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="expertise-{request.school.slug}-{year or ""}.xlsx"'
    return response


@member_required
def palette_view(request):
    year = pick_year(request)
    return render(
        request,
        "expertise/palette.html",
        {
            "groups": matrix.palette(request.school, year, year.previous() if year else None),
            "year": year,
            "years": request.school.years.all(),
            "level_options": LEVEL_OPTIONS,
        },
    )


@member_required
def search_view(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "searched": False, "areas": search.active_areas(request.school)}
    board_allowed = request.school.board.allow_cross_school_search
    context["board_allowed"] = board_allowed
    if request.GET and form.is_valid():
        query = search.parse(form.cleaned_data["q"])
        area_key = form.cleaned_data["vak"]
        areas = (
            [a for a in context["areas"] if a.key == area_key]
            if area_key
            else search.matching_areas(query, context["areas"])
        )
        if not area_key and query.is_empty:
            context["problem"] = _(
                "Typ een woord om op te zoeken, bijvoorbeeld 'rekenen' of 'gedrag', of kies een vakgebied."
            )
        else:
            year = request.school_year
            context.update(
                searched=True,
                query=query,
                matched=areas,
                hits=search.search_school(request.school, year, areas),
                quality_hits=[] if area_key else search.search_qualities(request.school, year, query),
            )
            if form.cleaned_data["bestuur"] and board_allowed:
                context["board_hits"] = search.search_board(request.school, {a.key for a in areas})
                context["board_searched"] = True
        if query.truncated:
            context["truncated"] = _("Je zoekvraag was erg lang; we hebben op de eerste %(n)s tekens gezocht.") % {
                "n": search.MAX_QUERY
            }
    return render(request, "expertise/search.html", context)


# --- taxonomy -------------------------------------------------------------------------------


def _taxonomy_context(request, **forms):
    domains = list(request.school.expertise_domains.all())
    areas = list(request.school.expertise_areas.all())
    by_domain = {d.id: [] for d in domains}
    for area in areas:
        by_domain.setdefault(area.domain_id, []).append(area)
    return {
        "domains": [(d, by_domain[d.id]) for d in domains],
        "area_form": forms.get("area_form") or AreaForm(school=request.school),
        "domain_form": forms.get("domain_form") or DomainForm(school=request.school),
        "rename_errors": forms.get("rename_errors", {}),
    }


@leader_required
def taxonomy_view(request):
    return render(request, "expertise/taxonomy.html", _taxonomy_context(request))


@leader_required
@require_POST
def area_create(request):
    form = AreaForm(request.POST, school=request.school)
    if not form.is_valid():
        return render(request, "expertise/taxonomy.html", _taxonomy_context(request, area_form=form), status=400)
    area = taxonomy.add_area(request.user, request.school, form.cleaned_data["domain"], form.cleaned_data["name"])
    messages.success(request, _("Vakgebied '%(name)s' toegevoegd.") % {"name": area.name})
    return redirect("expertise:taxonomy", request.school.slug)


@leader_required
@require_POST
def domain_create(request):
    form = DomainForm(request.POST, school=request.school)
    if not form.is_valid():
        return render(request, "expertise/taxonomy.html", _taxonomy_context(request, domain_form=form), status=400)
    domain = taxonomy.add_domain(request.user, request.school, form.cleaned_data["name"])
    messages.success(request, _("Domein '%(name)s' toegevoegd.") % {"name": domain.name})
    return redirect("expertise:taxonomy", request.school.slug)


@leader_required
@require_POST
def area_rename(request, pk):
    area = get_area_for_member(request, pk)
    form = RenameAreaForm(request.POST, area=area)
    if not form.is_valid():
        errors = {area.id: form.errors["name"]}
        return render(request, "expertise/taxonomy.html", _taxonomy_context(request, rename_errors=errors), status=400)
    taxonomy.rename_area(request.user, area, form.cleaned_data["name"])
    messages.success(request, _("Naam gewijzigd in '%(name)s'. Ieders gegevens blijven bewaard.") % {"name": area.name})
    return redirect("expertise:taxonomy", request.school.slug)


@leader_required
@require_POST
def area_retire(request, pk):
    area = get_area_for_member(request, pk)
    if area.retired_at is None:
        taxonomy.retire_area(request.user, area)
    messages.success(
        request, _("'%(name)s' is niet meer te kiezen. Wat mensen al invulden, blijft bewaard.") % {"name": area.name}
    )
    return redirect("expertise:taxonomy", request.school.slug)


@leader_required
@require_POST
def area_restore(request, pk):
    area = get_area_for_member(request, pk)
    if area.retired_at is not None:
        taxonomy.restore_area(request.user, area)
    messages.success(request, _("'%(name)s' is weer in gebruik.") % {"name": area.name})
    return redirect("expertise:taxonomy", request.school.slug)


# --- inventory round ------------------------------------------------------------------------


@member_required
def round_detail(request):
    inventory = (
        rounds.open_round(request.school) or request.school.inventory_rounds.select_related("school_year").first()
    )
    context = {"round": inventory}
    if inventory is not None:
        context["progress"] = rounds.progress(inventory)
        context["me_done"] = request.user.id in rounds.updated_user_ids(inventory)
        if not inventory.is_open:
            context["palette"] = matrix.palette(request.school, inventory.school_year, inventory.school_year.previous())
            context["level_options"] = LEVEL_OPTIONS
    return render(request, "expertise/round_detail.html", context)


@leader_required
def round_start(request):
    if request.school_year is None:
        return _no_year(request)
    if rounds.open_round(request.school) is not None:
        messages.error(request, _("Er loopt al een ronde. Sluit die eerst."))
        return redirect("expertise:round-detail", request.school.slug)
    form = RoundForm(request.POST or None, year=request.school_year)
    if request.method == "POST" and form.is_valid():
        try:
            rounds.start_round(
                request.user,
                request.school,
                request.school_year,
                form.cleaned_data["deadline"],
                form.cleaned_data["message"],
            )
        except IntegrityError:  # a double click: the first one started the round
            messages.error(request, _("Er loopt al een ronde. Sluit die eerst."))
        else:
            messages.success(request, _("De ronde is gestart. Iedereen heeft een melding gekregen."))
        return redirect("expertise:round-detail", request.school.slug)
    return render(request, "expertise/round_start.html", {"form": form}, status=400 if form.is_bound else 200)


@leader_required
@require_POST
def round_close(request, pk):
    inventory = get_round_for_member(request, pk)
    rounds.close_round(request.user, inventory)
    messages.success(request, _("De ronde is gesloten. Hieronder staat het nieuwe beeld van het team."))
    return redirect("expertise:round-detail", request.school.slug)
