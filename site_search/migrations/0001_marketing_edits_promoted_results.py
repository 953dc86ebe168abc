"""Marketing editors choose the promoted search results (Settings → Promoted
search results); the group itself is created by the contact app."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROMOTION_PERMISSIONS = [
    "add_searchpromotion",
    "change_searchpromotion",
    "delete_searchpromotion",
]


def grant_promotions(apps, schema_editor):
    # Permissions are normally created after every migration has run.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    marketing, _ = Group.objects.get_or_create(name="Marketing editors")
    marketing.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions",
            codename__in=PROMOTION_PERMISSIONS,
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_admissions_and_marketing_groups"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant_promotions, migrations.RunPython.noop)]
