from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticleCategory


class ArticleCategoryViewSet(SnippetViewSet):
    model = ArticleCategory
    icon = "folder-open-inverse"
    menu_label = "Article categories"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "parent", "slug"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return ArticleCategory.objects.select_related("parent")


register_snippet(ArticleCategoryViewSet)
