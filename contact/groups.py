"""The staff groups inquiries depend on, created by a data migration.

Admissions can see, work and export inquiries and edit the inquiry settings;
Marketing editors get into the Wagtail admin but never see an inquiry (their
page permissions come with the editorial workflow). Superusers see everything.
"""

from core.permissions import ensure_permissions_exist, find_permissions

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
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions_exist(
        apps, [spec for specs in GROUP_PERMISSIONS.values() for spec in specs]
    )
    for name, specs in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*find_permissions(Permission, specs))
