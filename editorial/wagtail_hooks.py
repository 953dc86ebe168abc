import html

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.permission_policies.pages import PagePermissionPolicy


@hooks.register("register_permissions")
def register_medical_review_permissions():
    # Lists "Can publish articles and treatment programs" on the group editor.
    return Permission.objects.filter(
        content_type__app_label="editorial", codename="publish_health_content"
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_what_the_save_did(request, page):
    # Wagtail says "created" or "has been updated" after a save; with autosave
    # a new page may already exist at its author's first "Save draft", and
    # either way the live site is unchanged by a draft. Registered before the
    # redirect below, which ends the after_edit_page hooks.
    title = page.get_admin_display_title()
    replaced = {
        gettext("Page '%(page_title)s' created.") % {"page_title": title},
        gettext("Page '%(page_title)s' has been updated.") % {"page_title": title},
    }
    action = request.POST.get("workflow-action-name")
    if action == "approve":
        instead = f"Page '{title}' is approved and published."
    elif action == "reject":
        instead = f"Page '{title}' is sent back to its editor with your comment."
    elif action:
        return None
    elif page.live:
        instead = (
            f"Your changes to '{title}' are saved as a draft. Visitors see the "
            "published page until the changes are published."
        )
    else:
        instead = (
            f"Page '{title}' is saved as a draft. Visitors do not see it until "
            "it is published."
        )
    # Reading the messages marks them shown; all but Wagtail's are put back.
    for message in list(messages.get_messages(request)):
        if " ".join(html.unescape(strip_tags(str(message))).split()) in replaced:
            messages.success(request, instead)
        else:
            messages.add_message(
                request, message.level, message.message, message.extra_tags
            )
    return None


@hooks.register("after_edit_page")
def return_reviewers_to_their_dashboard(request, page):
    # After a workflow action in the editor Wagtail opens the page's section
    # in the explorer; a medical reviewer holds no page permissions and would
    # land on "you do not have permission". The dashboard lists their reviews.
    if "action-workflow-action" not in request.POST:
        return None
    if get_valid_next_url_from_request(request):
        return None
    parent = page.get_parent()
    if PagePermissionPolicy().explorable_instances(request.user).filter(pk=parent.pk):
        return None
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def register_reviews_due_urls():
    from django.urls import path

    from editorial.views import ReviewsDueView

    return [
        path("reports/reviews-due/", ReviewsDueView.as_view(), name="reviews_due"),
        path(
            "reports/reviews-due/results/",
            ReviewsDueView.as_view(results_only=True),
            name="reviews_due_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_translations_to_update_urls():
    from django.urls import path

    from editorial.views import TranslationsToUpdateView

    return [
        path(
            "reports/translations-to-update/",
            TranslationsToUpdateView.as_view(),
            name="translations_to_update",
        ),
        path(
            "reports/translations-to-update/results/",
            TranslationsToUpdateView.as_view(results_only=True),
            name="translations_to_update_results",
        ),
    ]


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        from editorial.views import can_see_reviews_due

        return can_see_reviews_due(request.user)


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        "Reviews due", reverse("reviews_due"), icon_name="time", order=150
    )


@hooks.register("register_reports_menu_item")
def register_translations_to_update_menu_item():
    # Seen by the same people as Reviews due: editors and reviewers.
    return ReviewsDueMenuItem(
        "Translations to update",
        reverse("translations_to_update"),
        icon_name="globe",
        order=160,
    )


class MyReviewsDuePanel(Component):
    """A medical reviewer's own pages that are overdue or due within 30 days."""

    name = "my_reviews_due"
    template_name = "editorial/admin/my_reviews_due_panel.html"
    order = 60

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        from editorial import reviews_due
        from editorial.models import ReviewDue

        rows = reviews_due.due_for(ReviewDue.objects.filter(reviewer=self.person))
        today = timezone.localdate()
        overdue = rows.filter(due__lt=today).count()
        return {
            "overdue": overdue,
            "due_soon": rows.count() - overdue,
            "report_url": f"{reverse('reviews_due')}?reviewer={self.person.pk}",
        }


@hooks.register("construct_homepage_panels")
def add_my_reviews_due_panel(request, panels):
    from editorial.models import PUBLISH_HEALTH_CONTENT
    from people.models import Person

    user = request.user
    if user.is_superuser or not user.has_perm(PUBLISH_HEALTH_CONTENT):
        return
    person = Person.objects.filter(user=user).first()
    if person is not None:
        panels.append(MyReviewsDuePanel(person))
