from core.models import SiteImage
from tests.articles.conftest import make_article, make_picture


def test_a_warm_article_page_generates_no_image_files(
    client, article_index, center, monkeypatch
):
    picture = make_picture("Hero")
    article = make_article(
        article_index,
        hero_image=picture,
        body=[
            (
                "image",
                {
                    "image": {"image": picture, "decorative": False, "alt_text": "x"},
                    "caption": "",
                },
            )
        ],
    )
    client.get(article.url)  # the first view makes every rendition it needs

    generated = []
    original = SiteImage.create_rendition

    def counting_create_rendition(self, filter):
        generated.append(filter.spec)
        return original(self, filter)

    monkeypatch.setattr(SiteImage, "create_rendition", counting_create_rendition)
    response = client.get(article.url)
    assert response.status_code == 200
    # A filter a template uses but the page does not prefetch would be made again
    # on every view (Wagtail trusts the prefetched set).
    assert generated == []
