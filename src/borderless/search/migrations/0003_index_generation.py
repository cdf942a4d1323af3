from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("search", "IndexGeneration").objects.create(pk=1, value=1)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_product_facts")]
    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
