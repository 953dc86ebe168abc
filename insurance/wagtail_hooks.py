"""Admin wiring: the accepted-insurers snippet and the card photo view."""

from django.urls import path

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from insurance import admin_views
from insurance.models import Insurer


class InsurerViewSet(SnippetViewSet):
    model = Insurer
    icon = "list-ul"
    menu_label = "Accepted insurers"
    list_display = ["name"]
    sort_order_field = "sort_order"
    search_fields = ["name"]


register_snippet(InsurerViewSet)


@hooks.register("register_admin_urls")
def register_card_photo_url():
    return [
        path(
            "inquiries/<int:inquiry_id>/card/<str:side>/",
            admin_views.card_photo,
            name="insurance_card_photo",
        )
    ]


@hooks.register("register_log_actions")
def register_card_log_actions(actions):
    # contact.inquiry.verification_changed is registered with the other
    # inquiry actions (contact/wagtail_hooks.py), with its from/to message.
    actions.register_action(
        "insurance.card_viewed", "View card photo", "Viewed an insurance card photo"
    )
