"""Spanish pages for the tests of tests/core: an English page and its
published Spanish translation, made as wagtail-localize makes one."""

import datetime

from wagtail.models import Locale

import pytest

from tests.articles.conftest import article_index, make_article  # noqa: F401


def translate(page, title, **fields):
    """A published Spanish translation of `page` (its parents translated too,
    as wagtail-localize does), with the Spanish words given."""
    spanish = page.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    spanish.title = title
    for name, value in fields.items():
        setattr(spanish, name, value)
    spanish.save_revision().publish()
    return type(spanish).objects.get(pk=spanish.pk)


@pytest.fixture
def spanish_home(home_page, center):
    return translate(home_page, "Evoke Wellness en Waltham")


@pytest.fixture
def article(article_index, reviewer, committed):  # noqa: F811
    with committed():
        return make_article(
            article_index,
            title="Heroin and depression",
            slug="heroin-and-depression",
            summary="How heroin and depression feed each other.",
            body=[("rich_text", "<p>Addiction treatment helps.</p>")],
            medical_reviewer=reviewer,
            last_reviewed=datetime.date(2026, 11, 2),
        )


@pytest.fixture
def spanish_article(spanish_home, article, committed):
    with committed():
        return translate(
            article,
            "La heroína y la depresión",
            slug="heroina-y-depresion",
            summary="Cómo la heroína y la depresión se alimentan entre sí.",
            body=[("rich_text", "<p>El tratamiento de las adicciones ayuda.</p>")],
        )
