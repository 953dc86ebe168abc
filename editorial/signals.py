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

    from core.page_mixins import MedicalReviewMixin
    from editorial import reviews_due
    from editorial.models import ReviewSettings

    for model in apps.get_models():
        if issubclass(model, MedicalReviewMixin):
            post_save.connect(
                reviews_due.on_health_page_saved,
                sender=model,
                dispatch_uid=f"reviews-due-{model._meta.label_lower}",
            )
    post_save.connect(
        reviews_due.on_review_settings_saved,
        sender=ReviewSettings,
        dispatch_uid="reviews-due-period",
    )

    for app_label, model in REVIEWED_SECTIONS:
        post_save.connect(
            put_new_section_under_medical_review,
            sender=apps.get_model(app_label, model),
            dispatch_uid=f"medical-review-{app_label}.{model}",
        )
