"""Marketing editors also word the levels of care and delete their own wrong
uploads (see editorial/roles.py)."""

from django.db import migrations

from editorial.roles import ensure_editorial_roles


def update_roles(apps, schema_editor):
    ensure_editorial_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_editorial_roles_and_medical_review")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
