"""The staff groups inquiries depend on, created by a data migration.

Admissions can see, work and export inquiries and edit the inquiry settings;
Marketing editors get into the Wagtail admin but never see an inquiry (their
page permissions come with the editorial workflow). Superusers see everything.
"""

from django.contrib.auth.management import create_permissions

ADMISSIONS = "Admissions"
MARKETING_EDITORS = "Marketing editors"

GROUP_PERMISSIONS = {
    ADMISSIONS: [
        ("contact", "inquiry", "view_inquiry"),
        ("contact", "inquiry", "change_inquiry"),
        ("contact", "inquiry", "export_inquiry"),
        ("contact", "inquirysettings", "change_inquirysettings"),
        ("wagtailadmin", "admin", "access_admin"),
    ],
    MARKETING_EDITORS: [("wagtailadmin", "admin", "access_admin")],
}


def ensure_staff_groups(apps):
    """Create both groups with their permissions; safe to run again.

    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    app_config = apps.get_app_config("contact")
    if getattr(app_config, "models_module", None) is None:
        # In a migration, permissions are normally created only after every
        # migration has run; these groups need the contact ones now.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    else:
        create_permissions(app_config, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, specs in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
                for app_label, model, codename in specs
            ]
        )
