import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "evoke-demo-admin"  # noqa: S105 - local demo only; printed to the user


class Command(BaseCommand):
    help = (
        "Create the local demo superuser if it does not exist. Username and password "
        "come from ADMIN_USERNAME / ADMIN_PASSWORD, else the printed demo defaults."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", DEFAULT_USERNAME)
        password = os.environ.get("ADMIN_PASSWORD", DEFAULT_PASSWORD)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.com")
            try:
                # The same rules as a password set in the admin.
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(
                    "ADMIN_PASSWORD is too weak: " + " ".join(exc.messages)
                ) from exc
            User.objects.create_superuser(username, user.email, password)
            state = "created"
        else:
            state = "already there; password as first set"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login ({state}): http://127.0.0.1:8000/admin/  "
                f"username: {username}  password: {password}"
            )
        )
