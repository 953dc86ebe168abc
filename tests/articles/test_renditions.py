import pytest

from core import generation
from core.models import SiteImage
from tests.articles.conftest import make_article, make_picture
from tests.pages import make_service, make_service_index


@pytest.fixture
def generated_renditions(monkeypatch):
    """The filter specs of every image file made from now on."""
    generated = []
    original = SiteImage.create_rendition

    def counting_create_rendition(self, filter):
        generated.append(filter.spec)
        return original(self, filter)

    def start():
        monkeypatch.setattr(SiteImage, "create_rendition", counting_create_rendition)
        return generated

    return start


def test_a_warm_article_page_generates_no_image_files(
    client, article_index, center, generated_renditions
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

    generated = generated_renditions()
    response = client.get(article.url)
    assert response.status_code == 200
    # A filter a template uses but the page does not prefetch would be made again
    # on every view (Wagtail trusts the prefetched set).
    assert generated == []


def test_warm_lists_and_programs_generate_no_image_files(
    client, home_page, article_index, center, generated_renditions
):
    picture = make_picture("Card")
    make_article(article_index, hero_image=picture)
    programs = make_service_index(home_page)
    program = make_service(programs, hero_image=picture)
    urls = [article_index.url, programs.url, program.url]
    for url in urls:
        client.get(url)

    generated = generated_renditions()
    for url in urls:
        assert client.get(url).status_code == 200
    assert generated == []


def test_pictures_offer_avif_and_webp_with_a_sized_jpeg_fallback(
    client, article_index, center
):
    make_article(article_index, hero_image=make_picture("First"))
    make_article(article_index, hero_image=make_picture("Second"))
    html = client.get(article_index.url).content.decode()
    assert html.count("<picture>") == 2
    assert html.count('type="image/avif"') == 2
    assert html.count('type="image/webp"') == 2
    for picture in html.split("<picture>")[1:]:
        fallback = picture.split("<img", 1)[1].split(">", 1)[0]
        assert ".jpg" in fallback or ".jpeg" in fallback
        assert 'width="' in fallback
        assert 'height="' in fallback
    # The first card is above the fold; the rest wait until scrolled to.
    assert html.count('loading="eager"') == 1
    assert html.count('loading="lazy"') == 1


@pytest.mark.parametrize("kind", ["home", "article", "program"])
def test_a_page_rendered_afresh_makes_no_image_files_again(
    client, home_page, article_index, center, generated_renditions, kind
):
    """After a publish every page renders in full (nothing kept): its hero,
    share card and logo come from the renditions made the first time, not
    resized again on every such view."""
    picture = make_picture("Hero")
    center.logo = make_picture("Logo")
    center.save()
    if kind == "home":
        home_page.hero_image = picture
        home_page.save_revision().publish()
        url = "/"
    elif kind == "article":
        url = make_article(article_index, hero_image=picture).url
    else:
        url = make_service(make_service_index(home_page), hero_image=picture).url
    assert client.get(url).status_code == 200

    generation.bump_now()
    generated = generated_renditions()
    assert client.get(url).status_code == 200
    assert generated == []
