"""Setting up a board: boards, schools, school years and the first school leader.

Every write goes through one function here: the change and its audit entry in one transaction.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from .apps import MAIL_KIND
from .audit import record
from .models import (
    Board,
    BoardMembership,
    School,
    SchoolYear,
    school_year_bounds,
    school_year_start,
)
from .notify import mail_subject, notify
from .registry import set_up_school


class SetupError(Exception):
    pass


def password_link(user) -> str:
    from django.conf import settings

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.SITE_URL + reverse("accounts:password-set", args=[uid, default_token_generator.make_token(user)])


def _mail_new_admin(user, board) -> None:

    with override("nl"):
        subject = _("Je bent beheerder van %(board)s in Gespreid") % {"board": board.name}
        body = _(
            "Beste %(name)s,\n\nJe bent beheerder van %(board)s in Gespreid. Kies via deze link een wachtwoord:\n\n%(url)s\n"
        ) % {"name": user.name, "board": board.name, "url": password_link(user)}
    from . import outbox

    outbox.queue(user.email, mail_subject(subject), body, kind="password", language="nl")


def create_board(actor, *, name: str, slug: str, admin_name: str, admin_email: str) -> Board:
    """A platform administrator creates a board and names its first board administrator."""
    User = get_user_model()
    with transaction.atomic():
        board = Board.objects.create(name=name, slug=slug)
        admin = User.objects.filter(email__iexact=admin_email).first()
        new_account = admin is None
        if new_account:
            admin = User.objects.create_user(email=admin_email, name=admin_name, password=None)
        BoardMembership.objects.create(user=admin, board=board, is_board_member=True, is_admin=True)
        record(actor, "core.board_create", board=board, target=board, summary=f"{name} ({admin_email})")
        if new_account:
            _mail_new_admin(admin, board)
        elif admin.has_usable_password() is False:
            _mail_new_admin(admin, board)
    return board


def ensure_year(school: School, start_year: int) -> tuple[SchoolYear, bool]:
    starts_on, ends_on = school_year_bounds(start_year)
    return SchoolYear.objects.get_or_create(school=school, starts_on=starts_on, defaults={"ends_on": ends_on})


def create_school(actor, board: Board, *, name, brin, town, slug, leader_name="", leader_email="") -> School:
    """A board administrator adds a school with its current school year, and invites the first leader."""
    try:
        with transaction.atomic():
            school = School(board=board, name=name, brin=brin, town=town, slug=slug)
            school.full_clean()
            school.save()
            set_up_school(school)  # every app's defaults (expertise areas, then the common tasks)
            year, _created = ensure_year(school, school_year_start(timezone.localdate()))
            record(actor, "core.school_create", school=school, target=school, summary=f"{name} ({brin}, {town})")
            if leader_email:
                invite_leader(actor, school, name=leader_name, email=leader_email)
    except ValidationError as error:
        raise SetupError(" ".join(error.messages)) from None
    except IntegrityError:
        raise SetupError(_("Deze school bestaat al (webadres of BRIN-nummer is al in gebruik).")) from None
    return school


SCHOOL_DETAILS = ("name", "brin", "town")


def update_school(actor, school: School, *, name: str, brin: str, town: str) -> list[str]:
    """A board administrator changes a school's name, BRIN number or town; the web address never changes.

    Returns the fields that changed; when none did, nothing is saved or audited. In one transaction:
    the change and its audit entry.
    """
    wanted = {"name": name, "brin": brin, "town": town}
    changed = [field for field in SCHOOL_DETAILS if getattr(school, field) != wanted[field]]
    if not changed:
        return []
    before = {field: getattr(school, field) for field in changed}
    with override("nl"):
        labels = {field: str(School._meta.get_field(field).verbose_name) for field in changed}
    summary = "; ".join(f"{labels[field]}: {before[field]} → {wanted[field]}" for field in changed)
    try:
        with transaction.atomic():
            for field in changed:
                setattr(school, field, wanted[field])
            school.full_clean(exclude=["board", "slug"])
            school.save(update_fields=changed)
            record(actor, "core.school_update", school=school, target=school, summary=summary)
    except (ValidationError, IntegrityError) as error:
        for field, value in before.items():
            setattr(school, field, value)
        if isinstance(error, ValidationError):
            raise SetupError(" ".join(error.messages)) from None
        raise SetupError(_("Er is al een school met dit BRIN-nummer.")) from None
    return changed


def invite_leader(actor, school: School, *, name: str, email: str):
    """Invite a school's leader. A board administrator may invite themself (an interim leader is real),
    but in the open: the school's team is told and the audit log shows it (the board otherwise sees
    aggregates only)."""
    from gespreid.accounts.invitations import InvitationError, create_invitation
    from gespreid.accounts.lockout import normalise_email
    from gespreid.core.models import Function

    with transaction.atomic():
        try:
            invitation, _token = create_invitation(
                actor, school, email=email, name=name, function=Function.DIRECTOR, is_leader=True, is_admin=True
            )
        except InvitationError as error:
            raise SetupError(str(error)) from None
        if normalise_email(email) == normalise_email(getattr(actor, "email", "")):
            record(actor, "core.board_self_invite", school=school, target=invitation, summary=f"{actor} <{email}>")
            team = [m.user for m in school.memberships.filter(is_active=True).select_related("user")]
            notify(
                school,
                team,
                _(
                    "%(name)s, beheerder van het bestuur, heeft zichzelf uitgenodigd als schoolleider van %(school)s. "
                    "Na het aannemen kan %(name)s alles in de school zien, zoals een schoolleider."
                )
                % {"name": actor, "school": school.name},
                reverse("core:team", args=[school.slug]),
                kind=MAIL_KIND,
            )
    return invitation


def next_start_year(today=None) -> int:
    """The school year to prepare: the coming one (from 1 August)."""
    return school_year_start(today or timezone.localdate()) + 1


def prepare_next_year(actor, schools, start_year: int | None = None) -> list[SchoolYear]:
    """Create the next school year (1 Aug – 31 Jul) for each school that does not have it yet."""
    start_year = start_year or next_start_year()
    made = []
    with transaction.atomic():
        for school in schools:
            year, created = ensure_year(school, start_year)
            if created:
                made.append(year)
                record(actor, "core.year_prepare", school=school, target=year, summary=str(year))
    return made
