"""The staff groups inquiries depend on, created by data migrations.

Admissions can see, work and export every center's inquiries and edit the
inquiry settings; a center's own admissions team (Settings → Inquiries of its
site, contact.centers) gets CENTER_TEAM_PERMISSIONS and sees only its center's;
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
        ("contact", "inquiry", "view_every_center"),
        ("contact", "inquirysettings", "change_inquirysettings"),
        ("wagtailadmin", "admin", "access_admin"),
    ],
    MARKETING_EDITORS: [("wagtailadmin", "admin", "access_admin")],
}


# Not the inquiry settings: those name each center's team.
CENTER_TEAM_PERMISSIONS = [
    ("contact", "inquiry", "view_inquiry"),
    ("contact", "inquiry", "change_inquiry"),
    ("contact", "inquiry", "export_inquiry"),
    ("wagtailadmin", "admin", "access_admin"),
]


def ensure_staff_groups(apps):
    """Create both groups with their permissions; safe to run again.

    `apps` is a migration's historical registry or `django.apps.apps`. A
    permission the registry's models do not define yet (an early migration) is
    left for the migration that adds it, which runs this again.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions_exist(
        apps, [spec for specs in GROUP_PERMISSIONS.values() for spec in specs]
    )
    for name, specs in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        found = find_permissions(Permission, specs)
        group.permissions.add(*[permission for permission in found if permission])
