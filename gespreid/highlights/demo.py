"""Demo highlights for the first demo school: pictures drawn by code (no downloads), a short film
made with PyAV, a published feed, a post waiting for the second moderator, one sent back and one
rejected with its reason. Idempotent: does nothing when the school already has highlights."""

import math
import random
from datetime import timedelta

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from . import media
from .models import Appreciation, Approval, HighlightSettings, Moderator, Post, PostMedia, Status

PALETTES = [
    ((31, 122, 90), (241, 196, 15)),
    ((41, 98, 168), (236, 112, 99)),
    ((142, 68, 173), (88, 214, 141)),
    ((211, 84, 0), (52, 152, 219)),
    ((22, 160, 133), (244, 208, 63)),
]

POSTS = [
    # (text, caption, status, days ago, photos)
    (
        "De werkgroep rekenen probeerde het nieuwe rekenspel uit in groep 5. De kinderen legden elkaar de strategieën uit!",
        "Rekenspel groep 5",
        Status.PUBLISHED,
        2,
        2,
    ),
    (
        "Onze leesbank is klaar: een hoek vol boeken die de kinderen zelf kozen. Na twee weken lezen ze al 20% langer.",
        "Leesbank",
        Status.PUBLISHED,
        6,
        1,
    ),
    (
        "PLG gedrag: de nieuwe afspraken voor de pauze hangen in elke klas. Zo ziet ons stappenplan eruit.",
        "Stappenplan pauze",
        Status.PUBLISHED,
        11,
        3,
    ),
    (
        "De moestuin is ingezaaid! Groep 3 meet elke week hoe hoog de bonen staan en zet het in een grafiek.",
        "Moestuin",
        Status.PUBLISHED,
        19,
        1,
    ),
    (
        "Studiemiddag feedback: we oefenden met de kijkwijzer. Dit zijn de drie tips die we allemaal meenemen.",
        "Kijkwijzer",
        Status.PUBLISHED,
        27,
        4,
    ),
]


def seed(demo):
    school = demo.school
    if Post.objects.filter(school=school).exists():
        return
    rng = random.Random(7)
    leader, tl, lid = demo.user("leider@demo.test"), demo.user("tl@demo.test"), demo.user("lid@demo.test")
    HighlightSettings.objects.get_or_create(school=school, defaults={"required_approvals": 2})
    for user in (leader, tl):
        Moderator.objects.get_or_create(school=school, user=user)
    staff = [u for u in demo.staff[school.id] if u.id not in {leader.id, tl.id}]
    priorities = list(school.priorities.filter(is_active=True).order_by("id"))
    groups = list(school.work_groups.order_by("id"))
    now = timezone.now()

    for index, (text, caption, _status, days, photos) in enumerate(POSTS):
        author = staff[(index * 3) % len(staff)] if index else lid
        files = [media._encode(drawing(caption, index * 10 + n)) for n in range(photos)]
        post = _post(school, author, text, files, now - timedelta(days=days), priorities, groups, index)
        _publish(post, [leader, tl], now - timedelta(days=days) + timedelta(hours=3))
        Appreciation.objects.bulk_create(
            [
                Appreciation(post=post, user=u)
                for u in rng.sample(demo.staff[school.id], k=min(len(demo.staff[school.id]), 3 + index * 2))
            ]
        )

    film = _demo_film()
    if film is not None:
        post = _post(
            school,
            staff[4 % len(staff)],
            "Onderzoekend leren: zo bouwden de kinderen van groep 7 hun windmolen. Een filmpje van 3 seconden.",
            [film],
            now - timedelta(days=4),
            priorities,
            groups,
            5,
        )
        _publish(post, [leader, tl], now - timedelta(days=4, hours=-2))

    waiting = _post(
        school,
        lid,
        "Groep 6 presenteerde hun onderzoek naar verkeersveiligheid aan de wijkagent. Trots!",
        [media._encode(drawing("Verkeersonderzoek", 90))],
        now - timedelta(hours=20),
        priorities,
        groups,
        6,
    )
    Approval.objects.create(post=waiting, moderator=tl, review_round=1)  # four eyes: one more approval needed

    rejected = _post(
        school,
        staff[2 % len(staff)],
        "Foto van de schoolreis naar de dierentuin.",
        [media._encode(drawing("Schoolreis", 95))],
        now - timedelta(days=8),
        priorities,
        groups,
        7,
    )
    rejected.status = Status.REJECTED
    rejected.moderator_note = "Mooie dag, maar dit gaat niet over onze ontwikkeling, en er staan kinderen herkenbaar op zonder dat duidelijk is of er toestemming is."
    rejected.save(update_fields=["status", "moderator_note"])

    back = _post(
        school,
        lid,
        "Nieuwe werkwijze spelling",
        [media._encode(drawing("Spelling", 97))],
        now - timedelta(days=3),
        priorities,
        groups,
        8,
    )
    back.status = Status.REVISION
    back.moderator_note = "Leuk! Kun je in twee zinnen vertellen wat er nieuw is en wat het oplevert?"
    back.save(update_fields=["status", "moderator_note"])


# Which group and priority each demo post is about (by index above, then film, waiting, rejected, sent back):
# words matched in the group's name and the priority's title, so a reading post never lands on arithmetic.
TOPICS = {
    0: ("rekenen", None),
    1: ("leesplezier", "begrijpend lezen"),
    3: (None, "duurzaamheid"),
    4: ("feedback", "eigenaarschap"),
    5: (None, "duurzaamheid"),
    6: (None, "eigenaarschap"),
}


def _match(items, words, attr):
    return next((x for x in items if words and words in getattr(x, attr).lower()), None)


def _post(school, author, text, files, when, priorities, groups, index):
    group_words, priority_words = TOPICS.get(index, (None, None))
    group = _match(groups, group_words, "name")
    priority = (group.priority if group and group.priority_id else None) or _match(priorities, priority_words, "title")
    post = Post.objects.create(
        school=school,
        author=author,
        text=text,
        priority=priority,
        group=group,
        consent_confirmed_at=when,
        submitted_at=when,
        alt_text="Een tekening gemaakt door de demo: gekleurde vormen met een titel.",
    )
    Post.objects.filter(pk=post.pk).update(created_at=when)
    for position, clean in enumerate(files):
        name, poster = media.store(clean)
        PostMedia.objects.create(
            post=post,
            kind=clean.kind,
            file=name,
            poster=poster,
            content_type=clean.content_type,
            width=clean.width,
            height=clean.height,
            size_bytes=media.default_storage.size(name),
            duration_seconds=clean.duration,
            position=position,
        )
    return post


def _publish(post, moderators, when):
    Approval.objects.bulk_create([Approval(post=post, moderator=m, review_round=1) for m in moderators])
    post.status, post.published_at = Status.PUBLISHED, when
    post.save(update_fields=["status", "published_at"])


def drawing(caption: str, seed: int, size=(1200, 900)) -> Image.Image:
    """A cheerful abstract picture with a caption, drawn by code (no people, so no consent needed)."""
    rng = random.Random(seed)
    first, second = PALETTES[seed % len(PALETTES)]
    image = Image.linear_gradient("L").resize(size)
    image = Image.merge(
        "RGB", [image.point(lambda v, a=a, b=b: a + (b - a) * v // 255) for a, b in zip(first, second, strict=True)]
    )
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(14):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(30, 160)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256), 120)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    try:
        font = ImageFont.load_default(size=72)
    except TypeError:  # an old Pillow without scalable default font
        font = ImageFont.load_default()
    draw.rectangle((0, size[1] - 150, size[0], size[1]), fill=(255, 255, 255, 200))
    draw.text((40, size[1] - 120), caption, fill=(30, 30, 30), font=font)
    return image


def _demo_film():
    """Three seconds of a turning windmill, encoded with PyAV; None when no H.264 encoder is present."""
    import io

    import av
    import numpy
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    try:
        with av.open(buffer, "w", format="mp4") as out:
            stream = out.add_stream("libx264", rate=15)
            stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
            for i in range(45):
                frame = drawing("Windmolen", 3, size=(320, 240))
                draw = ImageDraw.Draw(frame)
                for blade in range(4):
                    angle = i * 0.15 + blade * math.pi / 2
                    draw.line(
                        (160, 110, 160 + 80 * math.cos(angle), 110 + 80 * math.sin(angle)),
                        fill=(255, 255, 255),
                        width=8,
                    )
                video = av.VideoFrame.from_ndarray(numpy.asarray(frame), format="rgb24")
                for packet in stream.encode(video):
                    out.mux(packet)
            for packet in stream.encode():
                out.mux(packet)
        return media.clean_film(SimpleUploadedFile("windmolen.mp4", buffer.getvalue(), "video/mp4"))
    except Exception:  # no encoder in this FFmpeg build: the demo simply has no film
        return None
