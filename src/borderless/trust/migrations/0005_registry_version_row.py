from django.db import migrations


def make_the_row(apps, schema_editor):
    """The registry's version row exists from the start, so brand changes only ever move it (an UPDATE, whose
    row lock orders concurrent changes): no first change has to create it."""
    apps.get_model("trust", "RegistryVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("trust", "0004_registry_version")]

    operations = [migrations.RunPython(make_the_row, migrations.RunPython.noop)]
