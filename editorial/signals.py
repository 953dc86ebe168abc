from django.db.models.signals import post_save

from wagtail.models import Workflow, WorkflowPage

from editorial.roles import MEDICAL_REVIEW, REVIEWED_SECTIONS


def put_new_section_under_medical_review(sender, instance, created, raw, **kwargs):
    # The index pages do not exist when the workflow is created, so each one
    # joins it as it is made (by an editor or the demo loader). A deleted or
    # disabled workflow stays that way.
    if not created or raw:
        return
    workflow = Workflow.objects.filter(name=MEDICAL_REVIEW, active=True).first()
    if workflow:
        WorkflowPage.objects.get_or_create(
            page_id=instance.pk, defaults={"workflow": workflow}
        )


def connect():
    from django.apps import apps

    for app_label, model in REVIEWED_SECTIONS:
        post_save.connect(
            put_new_section_under_medical_review,
            sender=apps.get_model(app_label, model),
            dispatch_uid=f"medical-review-{app_label}.{model}",
        )
