from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_editor_js")
def length_count_script():
    return format_html('<script src="{}"></script>', static("seo/js/length_count.js"))
