"""The site's own words as a Spanish-speaking family reads them: the templates'
and forms' text, dates and messages under the Spanish catalogue."""

import datetime

from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

import pytest

from contact.forms import InquiryForm
from core.views import server_error
from insurance.forms import InsuranceStep
from tests.core.test_translations import ROOT

# The project's catalogue, whether or not the settings name it yet.
pytestmark = pytest.mark.usefixtures("project_catalogue")


@pytest.fixture
def project_catalogue():
    with override_settings(
        LOCALE_PATHS=[ROOT / "locale"], FORMAT_MODULE_PATH=["core.formats"]
    ):
        yield


def in_spanish(template_name, context=None, request=None):
    with translation.override("es"):
        return render_to_string(template_name, context or {}, request=request)


def test_review_dates_read_in_each_languages_words():
    context = {
        "reviewer": "Dr. Ana Ruiz",
        "last_reviewed": datetime.date(2026, 12, 4),
        "class_name": "article__review",
    }
    english = render_to_string("components/medical_review.html", context)
    assert '<time datetime="2026-12-04">4 December 2026</time>' in english
    spanish = in_spanish("components/medical_review.html", context)
    assert 'Revisado médicamente por <a href="#reviewer">Dr. Ana Ruiz</a>' in spanish
    assert (
        'Última revisión: <time datetime="2026-12-04">4 de diciembre de 2026</time>'
        in spanish
    )


def test_the_503_page_speaks_spanish_without_a_database(rf):
    """No database marker: a query here would fail the test."""
    request = rf.get("/es/")
    with translation.override("es"):
        try:
            raise OperationalError("the database is down")
        except OperationalError:
            response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="es">' in html
    assert "Nuestro sitio web no está disponible por un momento" in html
    assert "Llame al 866.276.1920" in html
    assert "marque 988 y oprima 2" in html


def test_an_urgent_thank_you_leads_with_911_and_988_in_spanish():
    html = in_spanish(
        "contact/includes/thank_you_heading.html",
        {"is_urgent": True, "heading": "Gracias"},
    )
    assert 'Si es una emergencia, llame al <a href="tel:911">911</a>' in html
    assert "Línea de Prevención del Suicidio y Crisis 988" in html
    assert "marque 988 y oprima 2 para español" in html


@pytest.mark.django_db
def test_the_inquiry_form_answers_a_spanish_family_in_spanish(rf):
    with translation.override("es"):
        form = InquiryForm(data={"name": "", "phone": "12", "help_for": ""})
        form.is_valid()
        errors = {name: list(messages) for name, messages in form.errors.items()}
    assert errors["name"] == ["Díganos su nombre, o cómo quiere que le llamemos."]
    assert errors["phone"] == [
        "Ese número de teléfono no es válido. Revise el código de área y los "
        "dígitos, por ejemplo 866.276.1920."
    ]
    assert errors["help_for"] == [
        "Díganos quién necesita ayuda: usted o un ser querido."
    ]
    html = in_spanish(
        "contact/includes/inquiry_form.html",
        {"form": form, "action": "/es/contacto/"},
        request=rf.get("/es/contacto/"),
    )
    assert "Revise sus respuestas, por favor" in html
    assert "Su nombre" in html and "(obligatorio)" in html
    assert "Un ser querido" in html
    assert "Enviar mi consulta" in html


@pytest.mark.django_db
def test_a_date_of_birth_shown_again_stays_in_the_date_inputs_format():
    """A date input only shows an ISO value, whatever the page's language."""
    with translation.override("es"):
        step = InsuranceStep(
            initial={"holder_date_of_birth": datetime.date(1975, 4, 27)}
        )
        html = str(step["holder_date_of_birth"])
        label = str(step["holder_date_of_birth"].label)
    assert 'value="1975-04-27"' in html
    assert label == "Fecha de nacimiento del titular de la póliza"


def test_the_call_button_and_search_box_speak_spanish():
    html = in_spanish(
        "components/call_button.html", {"admissions_phone": "+18662761920"}
    )
    assert ">Llame al 866.276.1920</a>" in html
    html = in_spanish("components/search_form.html", {"field_id": "q"})
    assert ">Buscar en el sitio</label>" in html
    assert ">Buscar</button>" in html
