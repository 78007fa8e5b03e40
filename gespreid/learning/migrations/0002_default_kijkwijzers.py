"""Schools that existed before the learning app get the default kijkwijzers (new schools get them via a signal)."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from gespreid.learning.kijkwijzers import DEFAULTS

    School = apps.get_model("core", "School")
    Kijkwijzer = apps.get_model("learning", "Kijkwijzer")
    LookFor = apps.get_model("learning", "LookFor")
    for school in School.objects.all():
        if Kijkwijzer.objects.filter(school=school).exists():
            continue
        for order, (title, description, items) in enumerate(DEFAULTS):
            kw = Kijkwijzer.objects.create(school=school, title=title, description=description, order=order)
            LookFor.objects.bulk_create([LookFor(kijkwijzer=kw, text=t, order=i) for i, t in enumerate(items)])


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
