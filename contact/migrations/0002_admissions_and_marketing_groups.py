"""The two staff groups the inbox depends on.

Admissions can see, work and export inquiries and edit the inquiry settings;
Marketing editors get into the Wagtail admin but never see an inquiry (their
page permissions come with the editorial workflow). Superusers see everything.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMISSIONS_PERMISSIONS = [
    ("contact", "inquiry", "view_inquiry"),
    ("contact", "inquiry", "change_inquiry"),
    ("contact", "inquiry", "export_inquiry"),
    ("contact", "inquirysettings", "change_inquirysettings"),
    ("wagtailadmin", "admin", "access_admin"),
]
MARKETING_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after every migration has run; these
    # groups need the contact app's permissions now.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(specs):
        return [
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
            for app_label, model, codename in specs
        ]

    admissions, _ = Group.objects.get_or_create(name="Admissions")
    admissions.permissions.add(*permissions(ADMISSIONS_PERMISSIONS))
    marketing, _ = Group.objects.get_or_create(name="Marketing editors")
    marketing.permissions.add(*permissions(MARKETING_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
