"""Who keeps the list of claim phrases: Medical reviewers (and superusers).

What health content may promise is for clinicians to decide; editors read the
phrases in the warnings and the report but cannot take one off the list.
Granted by a data migration.
"""

from core.permissions import ensure_permissions_exist, find_permissions
from editorial.roles import MEDICAL_REVIEWERS

CHANGE_CLAIM_PHRASES = ("health_checks", "claimphrases", "change_claimphrases")


def ensure_reviewers_edit_claim_phrases(apps):
    """Give Medical reviewers "Can change claim phrases"; safe to run again.

    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    ensure_permissions_exist(apps, [CHANGE_CLAIM_PHRASES])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    reviewers.permissions.add(*find_permissions(Permission, [CHANGE_CLAIM_PHRASES]))
