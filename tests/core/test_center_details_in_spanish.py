"""Center details worded for the Spanish pages: a Spanish page shows the
Spanish crisis lines, hours and tagline; an English page the English ones."""

import pytest

from core.models import CenterSettings

pytestmark = pytest.mark.django_db


def test_the_spanish_pages_show_the_spanish_wording(client, site, spanish_home):  # noqa: F811
    center = CenterSettings.for_site(site)
    center.crisis_lines = [
        ("crisis_line", {"name": "988 Suicide & Crisis Lifeline", "phone": "988"})
    ]
    center.crisis_lines_es = [
        (
            "crisis_line",
            {
                "name": "Línea 988 de Prevención del Suicidio y Crisis",
                "phone": "988",
                "note": "Oprima 2 para español",
            },
        )
    ]
    center.admissions_hours_es = "Admisiones atiende las 24 horas"
    center.save()

    spanish = client.get("/es/").content.decode()
    assert "Línea 988 de Prevención del Suicidio y Crisis" in spanish
    assert "Oprima 2 para español" in spanish
    assert "Admisiones atiende las 24 horas" in spanish
    assert "988 Suicide &amp; Crisis Lifeline" not in spanish

    english = client.get("/").content.decode()
    assert "988 Suicide &amp; Crisis Lifeline" in english
    assert "Línea 988" not in english
    # Nothing of the Spanish request was saved over the English wording.
    assert CenterSettings.for_site(site).admissions_hours.startswith("Admissions")


def test_a_field_left_empty_shows_the_english_wording(client, site, spanish_home):  # noqa: F811
    center = CenterSettings.for_site(site)
    center.tagline = "Build a foundation for lasting recovery"
    center.save()
    assert (
        "Build a foundation for lasting recovery" in client.get("/es/").content.decode()
    )
