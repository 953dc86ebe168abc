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


def _find_permissions(Permission, specs):
    return [
        Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=codename,
        ).first()
        for app_label, model, codename in specs
    ]


def ensure_staff_groups(apps):
    """Create both groups with their permissions; safe to run again.

    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [spec for specs in GROUP_PERMISSIONS.values() for spec in specs]
    if None in _find_permissions(Permission, wanted):
        # In a migration, permissions are normally created only after every
        # migration has run; these groups need the contact ones now. (Only
        # when missing: creating them also empties the content-type cache.)
        app_config = apps.get_app_config("contact")
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if stub:
            app_config.models_module = None
    for name, specs in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_find_permissions(Permission, specs))
