"""Permissions named as (app_label, model, codename), for the data migrations
that give staff groups their permissions."""

from django.contrib.auth.management import create_permissions


def find_permissions(Permission, specs):
    """The Permission for each spec, in order; None where it does not exist yet."""
    found = {
        (p.content_type.app_label, p.content_type.model, p.codename): p
        for p in Permission.objects.filter(
            content_type__app_label__in={app for app, _, _ in specs},
            codename__in={codename for _, _, codename in specs},
        ).select_related("content_type")
    }
    return [found.get(spec) for spec in specs]


def ensure_permissions_exist(apps, specs):
    """Create the missing permissions of the apps that `specs` name.

    In a migration, permissions are normally created only after every
    migration has run; a group made by a data migration needs them now. (Only
    where missing: creating them also empties the content-type cache.)
    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    Permission = apps.get_model("auth", "Permission")
    for app_label in sorted({app for app, _, _ in specs}):
        app_specs = [spec for spec in specs if spec[0] == app_label]
        if None not in find_permissions(Permission, app_specs):
            continue
        app_config = apps.get_app_config(app_label)
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if stub:
            app_config.models_module = None
