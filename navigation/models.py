from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.models import RememberedSiteSetting
from navigation.blocks import LinkBlock, MenuSectionBlock


@register_setting(icon="list-ul")
class NavigationSettings(RememberedSiteSetting, BaseSiteSetting):
    """The main menu and footer links, edited by editors, one set per site.

    A StreamField rather than an InlinePanel: editors get the entries and their
    child links in one form with drag-and-drop order, and the whole menu loads
    in two page queries however many entries it has.
    """

    main_menu = StreamField(
        [("section", MenuSectionBlock())],
        blank=True,
        help_text="Entries in the Menu, in this order. Each may have links below it.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links in the footer, in this order, e.g. About, Careers.",
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "navigation"
        verbose_name_plural = "navigation"

    def __str__(self):
        return "Navigation"
