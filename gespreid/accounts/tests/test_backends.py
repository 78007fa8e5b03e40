"""The login backend: e-mail and password; the per-request user load."""

from gespreid.accounts.backends import EmailBackend


def test_get_user_returns_the_same_as_the_orm(member, django_user_model):
    loaded = EmailBackend().get_user(member.pk)
    fresh = django_user_model.objects.get(pk=member.pk)
    for field in django_user_model._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded.date_joined.tzinfo is not None and loaded._state.adding is False


def test_get_user_refuses_unknown_inactive_and_malformed(member, django_user_model):
    backend = EmailBackend()
    assert backend.get_user(999999) is None
    assert backend.get_user("geen-getal") is None
    django_user_model.objects.filter(pk=member.pk).update(is_active=False)
    assert backend.get_user(member.pk) is None


def test_saving_a_loaded_user_updates_not_inserts(member, django_user_model):
    user = EmailBackend().get_user(member.pk)
    user.name = "Mila de Lid"
    user.save()
    assert django_user_model.objects.get(pk=member.pk).name == "Mila de Lid"
    assert django_user_model.objects.count() == 1
