"""The Inquiries inbox in the Wagtail admin.

Only users with an Inquiry permission see it (the Admissions group and
superusers). Inquiries arrive only from the website, so nobody may add one here.
Every look at an inquiry and every change to it is written to Wagtail's audit
log with who and when; the log holds ids and statuses, never what a family wrote.

Insurance verifications (kind "insurance") share the inbox: their page also
shows the insurance details and the card photos, which only the audited
`insurance_card_photo` admin view serves, and admissions record where checking
their coverage stands (the verification status).
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import BooleanField, Case, Value, When
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from contact.centers import centers_for, inquiries_for, staff_for
from contact.models import Inquiry, InquiryNote

FOLLOW_UP_LABEL = "Update status or add a note"
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text value a spreadsheet shows as text: never a formula, never refused.

    Control characters (an old inquiry, an import) would make the XLSX writer
    refuse the whole export, so they are dropped first.
    """
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """The model permissions, except that inquiries are never added by hand;
    on one inquiry, only for a user who sees its center (contact.centers)."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "add"]
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and (
            inquiries_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Inquiry.objects.none()
        return inquiries_for(user)


class OnlyInquiriesOfTheirCenters:
    """For the views of one inquiry (edit, delete, history, usage): an inquiry
    of a center the user does not handle is not found, as if it did not exist."""

    def get_object(self, *args, **kwargs):
        inquiry = super().get_object(*args, **kwargs)
        refuse_other_centers(self.request.user, inquiry.pk)
        return inquiry


def refuse_other_centers(user, inquiry_id):
    """No inquiry permission: forbidden; an inquiry of another center: not
    found (its existence is not confirmed). Views load the object before
    Wagtail checks the permission, so this says it first."""
    if not user.has_perm("contact.view_inquiry"):
        raise PermissionDenied
    if not inquiries_for(user).filter(pk=inquiry_id).exists():
        raise Http404


class InquiryFilterSet(WagtailFilterSet):
    center = django_filters.ModelChoiceFilter(
        label="Center", queryset=lambda request: centers_for(request.user)
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=Inquiry.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Inquiry.Status.choices)
    verification_status = django_filters.ChoiceFilter(
        label="Verification", choices=Inquiry.Verification.choices
    )
    is_urgent = django_filters.BooleanFilter(label="Urgent")
    language = django_filters.ChoiceFilter(
        label="Language", choices=Inquiry._meta.get_field("language").choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label="Assigned to",
        queryset=lambda request: staff_for(),
        null_label="Nobody",
    )

    class Meta:
        model = Inquiry
        fields = [
            "center",
            "kind",
            "status",
            "verification_status",
            "is_urgent",
            "language",
            "created_at",
            "assigned_to",
        ]


class InquiryIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Only the centers the user handles; urgent inquiries nobody has
        # answered yet come first.
        return (
            inquiries_for(self.request.user, super().get_base_queryset())
            .select_related("assigned_to", "center")
            .annotate(
                needs_urgent_reply=Case(
                    When(is_urgent=True, status=Inquiry.Status.NEW, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        )

    def order_queryset(self, queryset):
        if not self.request.GET.get("ordering"):
            return queryset.order_by("-needs_urgent_reply", "-created_at", "-pk")
        return super().order_queryset(queryset)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name opens the detail view, which records that it was viewed.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    @property
    def can_export(self):
        return self.request.user.has_perm("contact.export_inquiry")

    @property
    def show_export_buttons(self):
        return self.can_export

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.can_export:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Exactly the inquiries written out are audited, and only once the file
        # is complete: a failed export shows nobody anything.
        self.exported = []
        if spreadsheet_format == self.FORMAT_CSV:
            # Built in full rather than streamed, so the audit can follow it.
            rows = list(self.stream_csv(queryset))
            self.audit_export(spreadsheet_format)
            response = StreamingHttpResponse(rows, content_type="text/csv")
            response["Content-Disposition"] = (
                f'attachment; filename="{self.get_filename()}.csv"'
            )
            return response
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        self.audit_export(spreadsheet_format)
        return response

    def audit_export(self, spreadsheet_format):
        content_type = ContentType.objects.get_for_model(Inquiry)
        now = timezone.now()
        ModelLogEntry.objects.bulk_create(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(pk),
                label=label,
                action="contact.inquiry.exported",
                data={"format": spreadsheet_format},
                timestamp=now,
                user=self.request.user,
            )
            for pk, label in self.exported
        )

    def to_row_dict(self, item):
        self.exported.append((item.pk, str(item)))
        row = super().to_row_dict(item)
        return {field: spreadsheet_safe(value) for field, value in row.items()}


CARD_SIDES = {"front": "Front of the card", "back": "Back of the card"}
# Shown on a verification's page after the fields every inquiry has.
VERIFICATION_FIELDS = {
    "insurer_name": "Insurance company",
    "member_id": "Member ID",
    "group_number": "Group number",
    "holder_name": "Policy holder",
    "holder_date_of_birth": "Policy holder's date of birth",
    "relationship": "Policy holder is",
    "card_photos": "Card photos",
}


class InquiryInspectView(generic.InspectView):
    # Following up is why admissions staff open an inquiry, so the way to record
    # it sits in plain sight rather than in the "more" menu Wagtail puts Edit in.
    @cached_property
    def header_buttons(self):
        if edit_url := self.get_edit_url():
            return [HeaderButton(FOLLOW_UP_LABEL, url=edit_url, icon_name="edit")]
        return []

    @cached_property
    def header_more_buttons(self):
        return [
            button for button in super().header_more_buttons if button.label != "Edit"
        ]

    def get_object(self, queryset=None):
        # One query whatever the kind: a verification's details and insurer
        # come with it.
        if not self.request.user.has_perm("contact.view_inquiry"):
            raise PermissionDenied
        return get_object_or_404(
            inquiries_for(
                self.request.user,
                Inquiry.objects.select_related(
                    "assigned_to", "center", "source_page", "insurance__insurer"
                ),
            ),
            pk=self.pk,
        )

    def fields_of_this_inquiry(self):
        """The fields shown; a verification's status and details come with it."""
        fields = list(self.fields)
        if self.object.is_insurance_verification:
            after = fields.index("status") + 1 if "status" in fields else 0
            fields[after:after] = ["verification_status"]
            notes = fields.index("notes") if "notes" in fields else len(fields)
            fields[notes:notes] = list(VERIFICATION_FIELDS)
        return fields

    def get_fields_context(self):
        return [
            self.get_context_for_field(field_name)
            for field_name in self.fields_of_this_inquiry()
        ]

    def get_field_label(self, field_name, field):
        if field_name in VERIFICATION_FIELDS:
            return VERIFICATION_FIELDS[field_name]
        return super().get_field_label(field_name, field)

    def get(self, request, *args, **kwargs):
        log(instance=self.object, action="contact.inquiry.viewed", user=request.user)
        return super().get(request, *args, **kwargs)

    @cached_property
    def insurance(self):
        """The verification's InsuranceDetails, or None."""
        try:
            return self.object.insurance
        except ObjectDoesNotExist:
            return None

    def insurance_value(self, name):
        if self.insurance is None:
            return "-"
        return getattr(self.insurance, name) or "-"

    def get_insurer_name_display_value(self):
        return self.insurance_value("insurer_name")

    def get_member_id_display_value(self):
        return self.insurance_value("member_id")

    def get_group_number_display_value(self):
        return self.insurance_value("group_number")

    def get_holder_name_display_value(self):
        return self.insurance_value("holder_name")

    def get_holder_date_of_birth_display_value(self):
        return self.insurance_value("holder_date_of_birth")

    def get_relationship_display_value(self):
        if self.insurance is None:
            return "-"
        return self.insurance.get_relationship_display() or "-"

    def get_card_photos_display_value(self):
        details = self.insurance
        if details is None:
            return "-"
        if details.cards_deleted_at:
            kept = (details.cards_deleted_at - self.object.created_at).days
            return "Deleted on {} (kept {} day{})".format(
                timezone.localtime(details.cards_deleted_at).strftime("%Y-%m-%d"),
                kept,
                "" if kept == 1 else "s",
            )
        photos = details.card_names()
        if not photos:
            return "No card photos were sent."
        # Served only by the audited admin view: each look is an audit entry.
        return format_html_join(
            " ",
            '<a href="{0}" target="_blank" rel="noopener">'
            '<img src="{0}" alt="{1}" width="240" loading="lazy"></a>',
            (
                (
                    reverse("insurance_card_photo", args=[self.object.pk, side]),
                    CARD_SIDES[side],
                )
                for side in CARD_SIDES
                if side in photos
            ),
        )

    def get_phone_display_value(self):
        return self.object.phone_display or "-"

    def get_first_response_time_display_value(self):
        if self.object.first_responded_at is None:
            return "Not yet answered"
        return timesince(self.object.created_at, self.object.first_responded_at)

    def get_source_page_display_value(self):
        page = self.object.source_page
        return page.get_admin_display_title() if page else "-"

    def get_notes_display_value(self):
        notes = self.object.notes.select_related("author")
        if not notes:
            return "No notes yet."
        # format_html escapes everything staff typed.
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{} · {}</strong><br>{}</li>",
                (
                    (
                        note.created_at.strftime("%Y-%m-%d %H:%M"),
                        note.author or "unknown user",
                        note.text,
                    )
                    for note in notes
                ),
            ),
        )


class InquiryAdminForm(WagtailAdminModelForm):
    """Status and assignment, plus a new internal note."""

    new_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Internal: what was done, what comes next. Saved with your name "
        "and the time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_for(self.instance.center)
        if "verification_status" in self.fields:
            if self.instance.is_insurance_verification:
                # A verification always stands somewhere: no empty choice.
                field = self.fields["verification_status"]
                field.required = True
                field.choices = Inquiry.Verification.choices
            else:
                # An ordinary inquiry has nothing to verify (its panel hides).
                del self.fields["verification_status"]


class InquiryEditView(OnlyInquiriesOfTheirCenters, generic.EditView):
    def save_instance(self):
        inquiry = self.form.instance
        previous = Inquiry.objects.only(
            "status", "verification_status", "assigned_to"
        ).get(pk=inquiry.pk)
        inquiry.save()
        user = self.request.user
        if previous.status != inquiry.status:
            log(
                instance=inquiry,
                action="contact.inquiry.status_changed",
                user=user,
                data={"from": previous.status, "to": inquiry.status},
            )
        if previous.verification_status != inquiry.verification_status:
            log(
                instance=inquiry,
                action="contact.inquiry.verification_changed",
                user=user,
                data={
                    "from": previous.verification_status,
                    "to": inquiry.verification_status,
                },
            )
        if previous.assigned_to_id != inquiry.assigned_to_id:
            log(
                instance=inquiry,
                action="contact.inquiry.assigned",
                user=user,
                data={"assigned_to": inquiry.assigned_to_id},
            )
        note_text = self.form.cleaned_data.get("new_note", "").strip()
        if note_text:
            note = InquiryNote.objects.create(
                inquiry=inquiry, author=user, text=note_text
            )
            log(
                instance=inquiry,
                action="contact.inquiry.note_added",
                user=user,
                data={"note": note.pk},
            )
        return inquiry


class InquiryDeleteView(OnlyInquiriesOfTheirCenters, generic.DeleteView):
    pass


class InquiryHistoryView(OnlyInquiriesOfTheirCenters, HistoryView):
    pass


class InquiryUsageView(OnlyInquiriesOfTheirCenters, UsageView):
    pass


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "inquiries"
    icon = "mail"
    menu_label = "Inquiries"
    menu_order = 150
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InquiryIndexView
    inspect_view_class = InquiryInspectView
    edit_view_class = InquiryEditView
    delete_view_class = InquiryDeleteView
    history_view_class = InquiryHistoryView
    usage_view_class = InquiryUsageView
    filterset_class = InquiryFilterSet
    # Name, email and phone: the message is encrypted, so the database cannot
    # search it (README, "What is encrypted").
    search_fields = ["name", "email", "phone"]
    list_display = [
        "name",
        Column("center", label="Center"),
        Column("kind", accessor="get_kind_display", label="Kind"),
        BooleanColumn("is_urgent", label="Urgent"),
        Column("language", accessor="get_language_display", label="Call back in"),
        Column("status", accessor="get_status_display", label="Status"),
        Column("help_for", accessor="get_help_for_display", label="Who needs help"),
        Column("assigned_to", label="Assigned to"),
        DateColumn("created_at", label="Received"),
    ]
    list_per_page = 50
    list_export = [
        "pk",
        "center",
        "language",
        "created_at",
        "status",
        "is_urgent",
        "name",
        "phone",
        "email",
        "preferred_contact_method",
        "preferred_contact_time",
        "help_for",
        "message",
        "assigned_to",
        "first_responded_at",
        "source_page",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
    export_headings = {"pk": "Inquiry", "is_urgent": "Urgent"}
    export_filename = "inquiries"
    inspect_view_fields = [
        "center",
        "language",
        "created_at",
        "kind",
        "status",
        "is_urgent",
        "name",
        "phone",
        "email",
        "preferred_contact_method",
        "preferred_contact_time",
        "help_for",
        "message",
        "consent_to_contact",
        "assigned_to",
        "first_response_time",
        "notes",
        "source_page",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "notified_at",
        "spam_reason",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("status"),
            FieldPanel("verification_status"),
            FieldPanel("assigned_to"),
            FieldPanel("new_note"),
        ],
        base_form_class=InquiryAdminForm,
    )
