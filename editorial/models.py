"""Medical review: who may publish health content, and the review task itself.

Articles and treatment programs go live only when a medical reviewer approves
them. Wagtail lets anyone with publish permission skip a workflow, so on these
pages the publish permission comes from "Can publish health content" (held by
Medical reviewers) rather than from the page permissions editors have
everywhere else.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.forms import TaskStateCommentForm
from wagtail.models import PagePermissionTester
from wagtail.models.workflows import AbstractGroupApprovalTask

PUBLISH_HEALTH_CONTENT = "editorial.publish_health_content"


class HealthContentPermissionTester(PagePermissionTester):
    """Page permissions where publishing needs "Can publish health content".

    Every publishing path in the admin (the edit form, creating a page, bulk
    publish, copying, moving, reverting, unscheduling, unpublishing) asks this
    tester, so dropping "publish" here closes all of them at once.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            if user.has_perm(PUBLISH_HEALTH_CONTENT):
                self.permissions.add("publish")
            else:
                self.permissions.discard("publish")


class HealthContentPermissions:
    """Base for pages whose content only a medical reviewer may publish.

    Listed first in the bases of the article and treatment-program pages and
    their index pages (an index decides whether a new page can be published
    as it is created).
    """

    def permissions_for_user(self, user):
        return HealthContentPermissionTester(user, self)


class RequestChangesForm(TaskStateCommentForm):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea({"rows": 4}),
        help_text="The editor sees this comment on the page.",
        error_messages={
            "required": "Tell the editor what to change before sending it back."
        },
    )


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval that signs the page with the approving reviewer.

    On approval by a member of the task's groups, the reviewer's profile and today's date are saved on a new
    revision just before Wagtail publishes it, so readers see who checked the
    facts and when.
    """

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"
        permissions = [
            ("publish_health_content", "Can publish articles and treatment programs")
        ]

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve (and so publish) health "
            "content, which is then signed with their name and the date."
        )

    def get_form_for_action(self, action):
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # A superuser may approve too, but only a reviewer signs the page:
        # readers must never see a non-clinician as the medical reviewer.
        if action_name == "approve" and self.is_reviewer(user):
            sign_review(task_state.workflow_state.content_object, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def is_reviewer(self, user):
        return self.groups.filter(pk__in=user.groups.values("pk")).exists()


def reviewer_profile(user):
    """The Person shown as reviewer for `user`, created from their name if new."""
    from people.models import Person

    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user, name=user.get_full_name() or user.get_username()
        )
    return person


def record_review(page, person, day):
    """Name `person` as the page's medical reviewer on `day`, for exactly its
    present title and body (MedicalReviewMixin). Only a review calls this."""
    page.medical_reviewer = person
    page.last_reviewed = day
    page.reviewed_content = page.content_digest()


def sign_review(page, user):
    """Save a revision naming `user` as medical reviewer, dated today."""
    draft = page.get_latest_revision_as_object()
    if not hasattr(draft, "medical_reviewer"):
        return
    record_review(draft, reviewer_profile(user), timezone.localdate())
    revision = draft.save_revision(user=user, log_action=True)
    # The workflow publishes the latest revision of this very instance.
    page.latest_revision = revision


@register_setting(icon="time")
class ReviewSettings(BaseSiteSetting):
    """How often health content comes due for another medical review."""

    review_period_months = models.PositiveSmallIntegerField(
        "review period (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="A reviewed article or program comes due this many months after "
        "its last review, unless a reviewer set its own date.",
    )

    panels = [FieldPanel("review_period_months")]

    # Read by the Reviews due report and digest, never shown on a page.
    shown_on_pages = False

    class Meta:
        verbose_name = "medical review"

    def __str__(self):
        return "Medical review settings"


class ReviewDue(models.Model):
    """When each live health page next needs a medical review: kept in step
    with the page (editorial.reviews_due) so the report is one sorted query."""

    class Section(models.TextChoices):
        ARTICLES = "articles", "Articles"
        PROGRAMS = "programs", "Treatment programs"

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review_due",
    )
    section = models.CharField(max_length=10, choices=Section.choices)
    reviewer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    # Empty: never reviewed, so due now (listed first).
    due = models.DateField(null=True, blank=True, db_index=True)
    live = models.BooleanField(default=True)

    class Meta:
        verbose_name = "review due"
        verbose_name_plural = "reviews due"

    def __str__(self):
        return f"Review of page #{self.page_id}"

    @property
    def status(self):
        from editorial.reviews_due import status_of

        return status_of(self)
