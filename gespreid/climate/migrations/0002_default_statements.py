from django.db import migrations


def forwards(apps, schema_editor):
    """Schools that existed before the climate app get the default statements."""
    from gespreid.climate.pulse import DEFAULT_STATEMENTS

    School = apps.get_model("core", "School")
    Statement = apps.get_model("climate", "Statement")
    have = set(Statement.objects.values_list("school_id", flat=True))
    Statement.objects.bulk_create(
        [
            Statement(school_id=school_id, kind=kind, code=code, text=text, position=i)
            for school_id in School.objects.exclude(pk__in=have).values_list("pk", flat=True)
            for kind, items in DEFAULT_STATEMENTS.items()
            for i, (code, text) in enumerate(items)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("climate", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
