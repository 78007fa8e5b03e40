"""The demo data: drawn pictures, a film, every state, and idempotent."""

from django.core.files.storage import default_storage

from gespreid.core.demo_data import build_core
from gespreid.highlights import demo
from gespreid.highlights.models import Post, PostMedia, Status


def test_demo_seeds_every_state_with_generated_media_and_is_idempotent(db):
    core = build_core("demo-wachtwoord-42")
    demo.seed(core)
    posts = Post.objects.filter(school=core.school)
    statuses = set(posts.values_list("status", flat=True))
    assert {Status.PUBLISHED, Status.PENDING, Status.REJECTED, Status.REVISION} <= statuses
    assert posts.get(status=Status.REJECTED).moderator_note
    assert posts.filter(status=Status.PUBLISHED).count() >= 5
    items = PostMedia.objects.filter(post__school=core.school)
    assert items.filter(kind="foto").count() >= 5 and all(default_storage.exists(m.file) for m in items)
    count = posts.count()
    demo.seed(core)
    assert Post.objects.filter(school=core.school).count() == count
