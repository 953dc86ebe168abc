from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, streamfield

from standard_pages.models import StandardPage


def make_draft_page(parent, title="Family program", introduction="Draft text."):
    """A standard page that has never been published."""
    page = StandardPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        introduction=introduction,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision()
    return page


def edit_form(page, action="action-publish", **fields):
    """What the admin's page editor posts for a standard page, text only."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([]),
            action: "on",
            **fields,
        }
    )


def admin_datetime(value):
    """A time as an editor types it in the admin's date-time field."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
