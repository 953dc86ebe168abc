"""Which center's inquiries a staff member sees, and who hears about them.

Each inquiry records the center (Wagtail site) it was sent to. A center's
admissions team is the group named in that site's Settings → Inquiries; its
members see, export, are assigned and are emailed that center's inquiries
only. Holders of `contact.view_every_center` (the Admissions group,
group-wide admissions managers) and superusers see every center's, with a
center filter. A center without a team is handled by the Admissions group.

Every view of inquiries (the inbox, its export, an inquiry's page and its
follow-up form, card photos, the dashboard panel, the admissions report)
starts from `inquiries_for(user)`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from wagtail.models import Site

from contact.groups import ADMISSIONS, CENTER_TEAM_PERMISSIONS
from contact.models import Inquiry, InquirySettings
from core.permissions import find_permissions

EVERY_CENTER = "contact.view_every_center"


def sees_every_center(user):
    return user.is_active and (user.is_superuser or user.has_perm(EVERY_CENTER))


def center_ids_for(user):
    """The ids of the sites whose inquiries `user` sees, or None for every one."""
    if sees_every_center(user):
        return None
    if not user.is_active or not user.has_perm("contact.view_inquiry"):
        return set()
    return set(
        InquirySettings.objects.filter(
            admissions_team__in=user.groups.all()
        ).values_list("site_id", flat=True)
    )


def inquiries_for(user, queryset=None):
    """`queryset` (all inquiries by default) narrowed to those `user` may see."""
    if queryset is None:
        queryset = Inquiry.objects.all()
    center_ids = center_ids_for(user)
    if center_ids is None:
        return queryset
    return queryset.filter(center_id__in=center_ids)


def centers_for(user):
    """The sites `user` sees inquiries of, for the center filters."""
    center_ids = center_ids_for(user)
    sites = Site.objects.order_by("site_name", "hostname")
    return sites if center_ids is None else sites.filter(pk__in=center_ids)


def team_of(site):
    """The admissions team group of `site`, or None (the Admissions group's)."""
    if site is None:
        return None
    return InquirySettings.for_site(site).admissions_team


def staff_for(site=None):
    """Active users who handle `site`'s inquiries: its team, or the Admissions
    group when it has none; with `site=None`, every center's staff. Superusers
    and group-wide admissions can be assigned anywhere."""
    teams = Q(groups__name=ADMISSIONS) | Q(is_superuser=True)
    if site is None:
        team_ids = InquirySettings.objects.exclude(admissions_team=None).values(
            "admissions_team"
        )
        teams |= Q(groups__in=team_ids)
    elif (team := team_of(site)) is not None:
        teams |= Q(groups=team)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(teams)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def people_told_about(site):
    """Who is emailed about `site`'s inquiries: its team's members, or the
    Admissions group's when it has no team (not superusers)."""
    team = team_of(site)
    users = get_user_model().objects.filter(is_active=True)
    if team is not None:
        users = users.filter(groups=team)
    else:
        users = users.filter(groups__name=ADMISSIONS)
    return sorted({user.email for user in users if user.email})


def ensure_admissions_team(site, name=None):
    """Give `site` an admissions team group with the inquiry permissions (not
    the inquiry settings, which name the teams), unless it has one."""
    settings = InquirySettings.for_site(site)
    if settings.admissions_team is not None:
        return settings.admissions_team
    from django.apps import apps
    from django.contrib.auth.models import Permission

    from core.permissions import ensure_permissions_exist

    ensure_permissions_exist(apps, CENTER_TEAM_PERMISSIONS)
    group, _ = Group.objects.get_or_create(
        name=name or f"Admissions at {site.site_name or site.hostname}"
    )
    group.permissions.add(*find_permissions(Permission, CENTER_TEAM_PERMISSIONS))
    settings.admissions_team = group
    settings.save(update_fields=["admissions_team"])
    return group
