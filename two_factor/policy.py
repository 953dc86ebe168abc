from django.conf import settings


def requires_second_factor(user):
    """Anyone who can read inquiries (health information) must use a second factor."""
    if not getattr(settings, "TWO_FACTOR_FOR_INQUIRY_STAFF", True):
        return False
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("contact.view_inquiry")
    )
