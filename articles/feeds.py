from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext


class ArticleFeed(Feed):
    """RSS 2.0 feed of the newest articles under one article index."""

    item_count = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_url(self.request)

    def description(self, index_page):
        return index_page.search_description or gettext("New articles: %(title)s") % {
            "title": index_page.title
        }

    def items(self, index_page):
        return index_page.get_articles()[: self.item_count]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
