from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import leader_required

from . import personal_data
from .forms import EraseForm, RetentionForm


@login_required
def my_data(request):
    """What Gespreid holds about me, and the download (a POST: the download is written to the log)."""
    if request.method == "POST":
        response = HttpResponse(personal_data.export_zip(request.user), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-gespreid.zip"'
        return response
    data = personal_data.export_person(request.user)
    return render(request, "privacy/my_data.html", {"data": data})


@leader_required
def former_members(request):
    former = request.school.memberships.filter(is_active=False).select_related("user").order_by("user__name")
    return render(request, "privacy/former_members.html", {"former": former, "form": EraseForm()})


@leader_required
@require_POST
def member_erase(request, pk):
    membership = get_object_or_404(request.school.memberships.select_related("user"), pk=pk)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return redirect("privacy:former-members", request.school.slug)
    try:
        counts = personal_data.erase_member(request.user, membership)
    except personal_data.PrivacyError as error:
        messages.error(request, str(error))
        return redirect("privacy:former-members", request.school.slug)
    messages.success(
        request,
        _("De gegevens zijn gewist: %(deleted)s rijen weg, %(kept)s rijen blijven anoniem bij de school.")
        % {"deleted": counts["gewist"], "kept": counts["geanonimiseerd"]},
    )
    return redirect("privacy:former-members", request.school.slug)


@leader_required
def retention_edit(request):
    form = RetentionForm(request.school, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data.set_terms(request.user, request.school, form.cleaned_data)
        messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
        return redirect("privacy:retention-edit", request.school.slug)
    return render(request, "privacy/retention_edit.html", {"form": form}, status=400 if form.errors else 200)
