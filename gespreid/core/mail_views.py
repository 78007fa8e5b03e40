"""Pages around the outbox and the background work.

- /accounts/e-mail/: the person chooses per kind of message how they get it;
- /accounts/e-mail/uit/<token>/: the List-Unsubscribe link (no login; the token is signed);
- /beheer/mail/ and /beheer/taken/: the platform administrator sees mails and jobs that keep failing;
- /<school>/achtergrond/<pk>/: the progress of a job the person started (polled by htmx).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import outbox, scheduler
from .access import member_required
from .models import BackgroundJob, MailMode, MailPreference


class MailSettingsForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = dict(MailPreference.objects.filter(user=user).values_list("kind", "mode"))
        for kind, label in outbox.KINDS.items():
            # Not required: a kind the post leaves out keeps its choice (each app adds a kind of its own).
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=MailMode.choices, initial=chosen.get(kind, MailMode.IMMEDIATE), required=False
            )


@login_required
def mail_settings(request):
    form = MailSettingsForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        for kind, mode in form.cleaned_data.items():
            if mode:
                outbox.set_mode(request.user, kind, mode)
        messages.success(request, _("Je keuzes voor e-mail zijn bewaard."))
        return redirect("core:mail-settings")
    return render(request, "core/mail_settings.html", {"form": form}, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail programs POST without a CSRF token; the token is signed
def mail_unsubscribe(request, token):
    found = outbox.read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if user is None:
        return render(request, "core/mail_unsubscribe.html", {"invalid": True}, status=404)
    kind = found[1]
    label = outbox.KINDS.get(kind, kind)
    if request.method == "POST":
        outbox.set_mode(user, kind, MailMode.APP)
        return render(request, "core/mail_unsubscribe.html", {"done": True, "label": label})
    return render(request, "core/mail_unsubscribe.html", {"label": label})


def _platform_admin(request):
    if not request.user.is_staff:
        raise Http404("Alleen voor de beheerder van het platform.")


@login_required
def mail_failed(request):
    _platform_admin(request)
    context = {"failed": outbox.failed_mails()[:200], "waiting": outbox.pending_count()}
    return render(request, "core/setup/mail_failed.html", context)


@login_required
@require_POST
def mail_retry(request, pk):
    _platform_admin(request)
    row = get_object_or_404(outbox.failed_mails(), pk=pk)
    outbox.retry_failed(row)
    messages.success(request, _("De e-mail aan %(to)s wordt opnieuw verstuurd.") % {"to": row.to})
    return redirect("setup:mail-failed")


@login_required
def jobs_failed(request):
    _platform_admin(request)
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    context = {
        "runs": scheduler.failed_runs()[:100],
        "jobs": BackgroundJob.objects.filter(status="failed").select_related("school")[:100],
        "tasks": DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[:100],
    }
    return render(request, "core/setup/jobs_failed.html", context)


def get_job_for_member(request, pk):
    return get_object_or_404(request.school.background_jobs.all(), pk=pk)


@member_required
def job_status(request, pk):
    job = get_job_for_member(request, pk)
    response = render(request, "core/job_status.html", {"job": job})
    if job.is_finished and request.htmx:
        response["HX-Refresh"] = "true"  # the page shows the result it now has
    return response
