"""School highlights: posts with photos or a film, moderated before they reach the team's feed."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX = 500
MAX_PHOTOS = 4


class HighlightSettings(models.Model):
    """Per school: how many different moderators must approve a post before it is published."""

    school = models.OneToOneField("core.School", on_delete=models.CASCADE, related_name="highlight_settings")
    required_approvals = models.PositiveSmallIntegerField(
        _("goedkeuringen nodig"),
        choices=[(1, _("Eén moderator")), (2, _("Twee verschillende moderatoren (vier ogen)"))],
        default=2,
    )

    class Meta:
        verbose_name = _("instellingen highlights")

    def __str__(self):
        return f"{self.school_id}: {self.required_approvals}"


class Moderator(models.Model):
    """A person the school named to judge highlight posts (a school usually names two)."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="highlight_moderators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__name"]
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="one_moderator_role_per_school")]
        verbose_name = _("moderator")
        verbose_name_plural = _("moderatoren")

    def __str__(self):
        return f"{self.user_id} @ {self.school_id}"


class Status(models.TextChoices):
    PENDING = "wacht", _("Wacht op moderatie")
    REVISION = "aanpassen", _("Terug voor aanpassing")
    REJECTED = "afgewezen", _("Afgewezen")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    REMOVED = "offline", _("Offline gehaald")


class Post(models.Model):
    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="highlight_posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="highlight_posts")
    text = models.TextField(_("tekst"), max_length=TEXT_MAX)
    alt_text = models.CharField(_("beschrijving van het beeld"), max_length=200, blank=True)
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="highlight_posts",
        verbose_name=_("speerpunt"),
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="highlight_posts",
        verbose_name=_("werkgroep"),
    )
    consent_confirmed_at = models.DateTimeField(_("beeldtoestemming bevestigd op"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    review_round = models.PositiveSmallIntegerField(default=1)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    moderator_note = models.CharField(_("toelichting van de moderator"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["school", "status", "-published_at"]),
            models.Index(fields=["school", "status", "submitted_at"]),
        ]
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")

    def __str__(self):
        return self.text[:60]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def media_processing(self) -> bool:
        """A worker still processes one of its photos or its film (reads the prefetched media)."""
        return any(item.state == "verwerken" for item in self.media.all())


class MediaKind(models.TextChoices):
    IMAGE = "foto", _("Foto")
    FILM = "film", _("Film")


class MediaState(models.TextChoices):
    PROCESSING = "verwerken", _("Wordt verwerkt")
    READY = "klaar", _("Klaar")
    FAILED = "mislukt", _("Verwerken mislukt")


class PostMedia(models.Model):
    """One photo or film of a post. Files have random names and are only served through a view.

    A film and a large photo are processed by a worker (``highlights.processing``): until then
    ``source`` holds the upload as it came in (never served), ``file`` is empty and the state is
    *processing*; a worker that keeps failing leaves it *failed* with ``error`` for the author.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=MediaKind.choices)
    file = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    poster = models.CharField(max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size_bytes = models.PositiveBigIntegerField(default=0)
    duration_seconds = models.FloatField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(max_length=10, choices=MediaState.choices, default=MediaState.READY)
    source = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.kind} {self.key}"

    @property
    def is_film(self) -> bool:
        return self.kind == MediaKind.FILM

    @property
    def is_ready(self) -> bool:
        return self.state == MediaState.READY

    @property
    def is_processing(self) -> bool:
        return self.state == MediaState.PROCESSING

    @property
    def is_failed(self) -> bool:
        return self.state == MediaState.FAILED


class Approval(models.Model):
    """One moderator's approval of one review round of a post (four eyes: two different people)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approvals")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    review_round = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "moderator", "review_round"], name="one_approval_per_round")
        ]

    def __str__(self):
        return f"{self.moderator_id} -> {self.post_id} ({self.review_round})"


class Appreciation(models.Model):
    """A colleague's "mooi!": one per person per post, nothing more."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="appreciations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_appreciation_per_person")]

    def __str__(self):
        return f"{self.user_id} -> {self.post_id}"
