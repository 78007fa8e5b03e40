from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override
from django.views.decorators.http import require_POST

from gespreid.core.access import board_admin_required, leader_required
from gespreid.core.models import Bouw, Function
from gespreid.core.notify import mail_subject
from gespreid.core.team import fte_text
from gespreid.core.uploads import upload_limit

from . import invitations as inv
from . import team_import
from .forms import ImportForm, InviteForm, LoginForm, SetPasswordForm, SignInMethodForm
from .throttle import allow_reset_mail


class LoginView(auth_views.LoginView):
    """E-mail and password through allauth's login form (throttled by django-axes); allauth finishes the
    login, so its second-factor stage asks for a code or security key from whoever has set one up."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # allauth's public LoginForm.login(): records the password step and runs its login stages.
        return form.login(self.request, redirect_url=self.get_success_url())

    def get_context_data(self, **kwargs):
        from .signin import sign_in_providers

        return {**super().get_context_data(**kwargs), "providers": sign_in_providers(self.request)}


login = LoginView.as_view()

password_set = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_set.html",
    success_url=reverse_lazy("core:start"),
    post_reset_login=True,
    post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
)

BACKEND = "django.contrib.auth.backends.ModelBackend"


class PasswordForgotForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_lazy("E-mailadres"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Through the outbox (always at once), in the person's language."""
        from django.template import loader

        from gespreid.core import outbox

        user = context.get("user")
        with override(getattr(user, "language", None) or "nl"):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        outbox.queue(to_email, mail_subject(subject), body, kind="password", language=getattr(user, "language", None))

    def save(self, *args, request=None, **kwargs):
        """Send the reset mail unless this address or IP asked too often (the page answers the same)."""
        ip = request.META.get("REMOTE_ADDR") if request is not None else None
        if allow_reset_mail(self.cleaned_data["email"], ip):
            super().save(*args, request=request, **kwargs)


# The same answer whether or not the address is known (no way to find out who has an account).
password_forgot = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_forgot.html",
    email_template_name="accounts/password_forgot_email.txt",
    subject_template_name="accounts/password_forgot_subject.txt",
    form_class=PasswordForgotForm,
    success_url=reverse_lazy("accounts:password-forgot-sent"),
    extra_email_context={"site_url": settings.SITE_URL},
)
password_forgot_sent = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_forgot_sent.html")


def get_invitation_for_member(request, pk):
    return get_object_or_404(request.school.invitations.all(), pk=pk)


def get_import_for_member(request, pk):
    return get_object_or_404(
        request.school.team_imports.filter(uploaded_by=request.user, confirmed_at__isnull=True), pk=pk
    )


@leader_required
def invite_list(request):
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inv.create_invitation(request.user, request.school, **form.cleaned_data)
        except inv.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("accounts:invite-list", request.school.slug)
    pending = request.school.invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True).select_related(
        "invited_by"
    )
    return render(
        request, "accounts/invite_list.html", {"form": form, "pending": pending}, status=400 if form.errors else 200
    )


@leader_required
@require_POST
def invite_resend(request, pk):
    invitation = get_invitation_for_member(request, pk)
    try:
        inv.resend_invitation(request.user, invitation)
        messages.success(
            request, _("De uitnodiging is opnieuw verstuurd naar %(email)s.") % {"email": invitation.email}
        )
    except inv.InvitationError as error:
        messages.error(request, str(error))
    return redirect("accounts:invite-list", request.school.slug)


@leader_required
@require_POST
def invite_cancel(request, pk):
    invitation = get_invitation_for_member(request, pk)
    try:
        inv.cancel_invitation(request.user, invitation)
        messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    except inv.InvitationError as error:
        messages.error(request, str(error))
    return redirect("accounts:invite-list", request.school.slug)


def invitation_accept(request, token):
    """The link from the e-mail: choose a password (new person) or accept while logged in."""
    try:
        invitation = inv.find_invitation(token)
    except inv.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
    user = inv.existing_user(invitation)
    needs_password = user is None or not user.has_usable_password()
    context = {"invitation": invitation, "invited_school": invitation.school}
    if not needs_password:
        # An existing account: the person logs in as that account and accepts.
        if not request.user.is_authenticated:
            context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
            return render(request, "accounts/invitation_login.html", context)
        if request.user.pk != user.pk:
            context["wrong_user"] = True
            return render(request, "accounts/invitation_login.html", context, status=403)
        if request.method == "POST":
            return _accepted(request, invitation, user=request.user)
        return render(request, "accounts/invitation_join.html", context)
    form = SetPasswordForm(
        request.POST if request.method == "POST" else None, name=invitation.name, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        return _accepted(request, invitation, password=form.cleaned_data["password1"])
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context, status=400 if form.errors else 200)


def _accepted(request, invitation, **kwargs):
    try:
        user, membership = inv.accept_invitation(invitation, **kwargs)
    except inv.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
    if request.user.pk != user.pk:  # not logged in, or logged in as someone else on a shared computer
        auth_login(request, user, backend=BACKEND)
    messages.success(request, _("Welkom bij %(school)s!") % {"school": membership.school.name})
    return redirect("core:home", membership.school.slug)


@leader_required
@upload_limit(team_import.MAX_BYTES)
def import_upload(request):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > team_import.MAX_BYTES:
            form.add_error("file", _("Het bestand is te groot (meer dan 2 MB)."))
        else:
            try:
                prepared = team_import.prepare_import(request.user, request.school, upload.name, upload.read())
            except team_import.ImportError_ as error:
                form.add_error("file", str(error))
            else:
                return redirect("accounts:import-preview", request.school.slug, prepared.pk)
    context = {"form": form, "max_rows": team_import.MAX_ROWS}
    return render(request, "accounts/import_upload.html", context, status=400 if form.errors else 200)


@leader_required
def import_preview(request, pk):
    prepared = get_import_for_member(request, pk)
    labels, bouwen = dict(Function.choices), dict(Bouw.choices)
    rows = [
        {
            **row,
            "function": labels.get(row["function"], row["function"]),
            "fte": fte_text(row["fte"]),
            "bouw": bouwen.get(row.get("bouw", ""), ""),
        }
        for row in prepared.rows
    ]
    return render(request, "accounts/import_preview.html", {"prepared": prepared, "rows": rows})


@leader_required
@require_POST
def import_confirm(request, pk):
    prepared = get_import_for_member(request, pk)
    if not prepared.rows:
        messages.error(request, _("Er staat geen enkele goede regel in dit bestand; er is niets ingelezen."))
        return redirect("accounts:import-upload", request.school.slug)
    try:
        counts = team_import.confirm_import(request.user, prepared)
    except team_import.ImportError_ as error:
        messages.error(request, str(error))
        return redirect("accounts:import-upload", request.school.slug)
    messages.success(
        request,
        _(
            "%(invited)s mensen kregen een uitnodiging. Wie die aanneemt, staat daarna in het team; "
            "open uitnodigingen staan bij Uitnodigingen."
        )
        % counts,
    )
    return redirect("accounts:invite-list", request.school.slug)


def get_sign_in_method_for_board(request, pk):
    return get_object_or_404(request.board.sign_in_methods.all(), pk=pk)


@board_admin_required
def sign_in_methods(request):
    """The board's administrator chooses how its people may sign in (besides e-mail and password)."""
    from . import signin

    providers = signin.available_providers(request)
    form = SignInMethodForm(request.POST if request.method == "POST" else None, providers=providers)
    if request.method == "POST" and form.is_valid():
        signin.save_method(request.user, request.board, **form.cleaned_data)
        messages.success(request, _("Bewaard. Mensen van dit bestuur kunnen zo inloggen."))
        return redirect("accounts:sign-in-methods", request.board.slug)
    names = dict(providers)
    methods = [(m, names.get(m.provider, m.provider)) for m in request.board.sign_in_methods.order_by("provider")]
    context = {"board": request.board, "form": form, "methods": methods, "providers": providers}
    return render(request, "accounts/sign_in_methods.html", context, status=400 if form.errors else 200)


@board_admin_required
@require_POST
def sign_in_method_delete(request, pk):
    from . import signin

    signin.delete_method(request.user, get_sign_in_method_for_board(request, pk))
    messages.success(request, _("Deze manier van inloggen staat uit."))
    return redirect("accounts:sign-in-methods", request.board.slug)
