"""Marketing editors' and Medical reviewers' permissions and the "Medical review"
workflow (see editorial/roles.py)."""

from django.db import migrations

from editorial.roles import ensure_editorial_roles


def create_roles(apps, schema_editor):
    ensure_editorial_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("contact", "0002_admissions_and_marketing_groups"),
        ("articles", "0002_initial"),
        ("services", "0002_levels_of_care"),
        ("navigation", "0001_initial"),
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
