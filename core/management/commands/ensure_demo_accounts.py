import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from contact.centers import team_of
from contact.groups import ADMISSIONS, MARKETING_EDITORS
from core.demo import COHASSET
from editorial.roles import MEDICAL_REVIEWERS
from people.models import Person

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "evoke-demo-admin"  # noqa: S105 - local demo only; printed to the user

# (username, first and last name, group, what the role lets a person try)
ROLES = [
    (
        "editor",
        ("Erin", "Cole"),
        MARKETING_EDITORS,
        "writes and publishes pages, sends articles and programs to medical review",
    ),
    (
        "reviewer",
        ("Jordan", "Ellis"),
        MEDICAL_REVIEWERS,
        "approves articles and programs, signed as the demo's medical director",
    ),
    (
        "admissions",
        ("Sam", "Ortiz"),
        ADMISSIONS,
        "reads, follows up and exports the inquiries of every center",
    ),
]
# (username, first and last name, hostname of the center whose admissions team
# the account joins): it sees that center's inquiries only (contact.centers).
CENTER_TEAMS = [("cohasset", ("Riley", "Chen"), COHASSET["hostname"])]


class Command(BaseCommand):
    help = (
        "Create the local demo's accounts if missing: a superuser (ADMIN_USERNAME / "
        "ADMIN_PASSWORD, else the printed defaults) and one account per staff role, "
        "all with that password. Refused unless DEBUG is on: never in production."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts are for a local demo (DEBUG on) only. On a real site "
                "use `manage.py createsuperuser` and add staff in the admin."
            )
        username = os.environ.get("ADMIN_USERNAME", DEFAULT_USERNAME)
        password = os.environ.get("ADMIN_PASSWORD", DEFAULT_PASSWORD)
        try:
            # The same rules as a password set in the admin.
            validate_password(password, get_user_model()(username=username))
        except ValidationError as exc:
            raise CommandError(
                "ADMIN_PASSWORD is too weak: " + " ".join(exc.messages)
            ) from exc

        accounts = [(username, None, ("", ""), "superuser: everything")]
        accounts += [
            (role, group, names, f"{group}: {what}")
            for role, names, group, what in ROLES
        ]
        accounts += self.center_team_accounts()
        self.stdout.write(
            self.style.SUCCESS(
                "Admin sign-in: http://127.0.0.1:8000/admin/  "
                f"password for each account: {password}"
            )
        )
        for name, group, names, what in accounts:
            user, created = self.account(name, password, group, names)
            if group == MEDICAL_REVIEWERS:
                self.sign_as_demo_reviewer(user)
            kept = "" if created else "  (already there; password as first set)"
            self.stdout.write(f"  {name:<11} {what}{kept}")

    def center_team_accounts(self):
        accounts = []
        for username, names, hostname in CENTER_TEAMS:
            site = Site.objects.filter(hostname=hostname).first()
            team = team_of(site)
            if team is None:
                self.stdout.write(
                    f"  ({username}: no center at {hostname} with an admissions "
                    "team yet; `manage.py load_demo_content` adds it)"
                )
                continue
            what = (
                f"{team.name}: reads, follows up and exports the inquiries "
                f"sent to {site.site_name} only"
            )
            accounts.append((username, team.name, names, what))
        return accounts

    def account(self, username, password, group_name, names):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user, False
        first_name, last_name = names
        email = f"{username}@example.com"
        if group_name is None:
            user = User.objects.create_superuser(username, email, password)
        else:
            user = User.objects.create_user(
                username, email, password, first_name=first_name, last_name=last_name
            )
            user.groups.add(Group.objects.get(name=group_name))
        return user, True

    def sign_as_demo_reviewer(self, user):
        # The reviewer who approves signs pages with the reviewer profile the
        # demo articles already show, not a second "Jordan Ellis".
        if Person.objects.filter(user=user).exists():
            return
        Person.objects.filter(
            name=f"{user.first_name} {user.last_name}", user=None
        ).update(user=user)
