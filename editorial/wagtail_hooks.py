from django.contrib.auth.models import Permission

from wagtail import hooks


@hooks.register("register_permissions")
def register_medical_review_permissions():
    # Lists "Can publish articles and treatment programs" on the group editor.
    return Permission.objects.filter(
        content_type__app_label="editorial", codename="publish_health_content"
    )
