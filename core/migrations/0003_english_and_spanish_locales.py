"""The site's two content languages (settings.LANGUAGES): English, which the
existing pages were created in under the code "en-us", and Spanish."""

from django.db import migrations


def english_and_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_center_credentials_and_call_steps"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(english_and_spanish, migrations.RunPython.noop)]
