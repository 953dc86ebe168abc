"""Bulk actions in the page explorer, limited to those the person may take."""

from django import template
from django.urls import reverse

from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets import ButtonWithDropdown
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def bulk_actions_for_listing(context, app_label, model_name, objects):
    """Wagtail's bulk action buttons, without those refused on every listed page.

    Wagtail offers every registered action to everyone and refuses it once the
    pages are chosen: an editor would be offered "Publish" on articles (which
    only a medical review publishes) and "Delete" everywhere. Each action is
    asked through its own check_perm, the very check that would refuse it.
    """
    choices = bulk_action_choices(context, app_label, model_name)
    if (app_label, model_name) != ("wagtailcore", "page") or not objects:
        return choices
    request = context["request"]
    pages = [page.specific_deferred for page in objects]
    refused = {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        for action in bulk_action_registry.get_bulk_actions_for_model(
            app_label, model_name
        )
        if not any(action(request, Page).check_perm(page) for page in pages)
    }
    return {"buttons": without(choices["buttons"], refused)}


def without(buttons, refused_urls):
    kept = []
    for button in buttons:
        if isinstance(button, ButtonWithDropdown):
            button.dropdown_buttons = without(button.dropdown_buttons, refused_urls)
            if not button.dropdown_buttons:
                continue
        elif button.url in refused_urls:
            continue
        kept.append(button)
    return kept
