"""Admin wiring for inquiries: the inbox, its audit-log actions, the dashboard panel."""

from django.utils import timezone
from django.utils.timesince import timesince

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from contact.centers import inquiries_for
from contact.models import Inquiry
from contact.tasks import UNNOTIFIED_ALERT_AFTER, unnotified_for_too_long
from contact.viewsets import InquiryPermissionPolicy, InquiryViewSet

register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet()


def choice_changed(action_label, field_label, choices):
    """A log formatter for a change of a choice field: "Status changed from “New”
    to “Contacted”", from the entry's {"from", "to"} data."""
    labels = dict(choices)

    class ChoiceChanged(LogFormatter):
        label = action_label

        def format_message(self, log_entry):
            data = log_entry.data or {}
            before, after = data.get("from"), data.get("to")
            return "{} changed from “{}” to “{}”".format(
                field_label,
                labels.get(before, before or "none"),
                labels.get(after, after or "none"),
            )

    return ChoiceChanged


@hooks.register("register_log_actions")
def register_inquiry_log_actions(actions):
    actions.register_action(
        "contact.inquiry.viewed", "View inquiry", "Viewed the inquiry"
    )
    actions.register_action(
        "contact.inquiry.note_added", "Add note", "Added an internal note"
    )
    actions.register_action(
        "contact.inquiry.exported", "Export inquiry", "Exported in a spreadsheet"
    )

    actions.register_action("contact.inquiry.status_changed")(
        choice_changed("Change status", "Status", Inquiry.Status.choices)
    )
    # Where checking an insurance verification's coverage stands.
    actions.register_action("contact.inquiry.verification_changed")(
        choice_changed(
            "Change verification", "Verification", Inquiry.Verification.choices
        )
    )

    @actions.register_action("contact.inquiry.assigned")
    class Assigned(LogFormatter):
        label = "Assign inquiry"

        def format_message(self, log_entry):
            from django.contrib.auth import get_user_model

            user_id = (log_entry.data or {}).get("assigned_to")
            if user_id is None:
                return "Unassigned"
            user = get_user_model().objects.filter(pk=user_id).first()
            return f"Assigned to {user or 'a removed user'}"


class NewInquiriesPanel(Component):
    """How many inquiries wait for a first reply, and for how long the oldest has."""

    name = "new_inquiries"
    template_name = "contact/admin/new_inquiries_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Only the centers this user handles (contact.centers).
        visible = inquiries_for(parent_context["request"].user)
        waiting = visible.filter(status=Inquiry.Status.NEW)
        oldest = waiting.order_by("created_at").values_list("created_at", flat=True)
        oldest = oldest.first()
        context.update(
            {
                "new_count": waiting.count(),
                "urgent_count": waiting.filter(is_urgent=True).count(),
                "oldest_age": timesince(oldest, timezone.now()) if oldest else "",
                "unnotified_count": inquiries_for(
                    parent_context["request"].user, unnotified_for_too_long()
                ).count(),
                "alert_minutes": int(UNNOTIFIED_ALERT_AFTER.total_seconds() // 60),
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def add_new_inquiries_panel(request, panels):
    if request.user.has_perm("contact.view_inquiry"):
        panels.append(NewInquiriesPanel())
