from django.db import migrations


def load_categories(apps, schema_editor):
    from borderless.catalog.categories import CATEGORIES

    Category = apps.get_model("catalog", "Category")
    for position, spec in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name_en": spec.name_en,
                "name_zh": spec.name_zh,
                "typical_hs_code": spec.typical_hs_code,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load_categories, migrations.RunPython.noop)]
