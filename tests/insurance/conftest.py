import io
import time

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from contact.forms import issue_form_token
from contact.models import InquirySettings
from insurance.models import Insurer, VerifyInsurancePage
from tests.contact.conftest import contact_page  # noqa: F401 (a fixture)

PAGE_URL = "/verify-insurance/"


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit lives in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def card_storage_of_this_test(settings, tmp_path):
    """Each test (and each xdist worker) has card files of its own."""
    settings.INSURANCE_CARD_ROOT = tmp_path / "private" / "insurance-cards"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def insurers(db):
    return [
        Insurer.objects.create(name=name, sort_order=number)
        for number, name in enumerate(["Aetna", "Cigna", "Tufts Health Plan"])
    ]


@pytest.fixture
def verify_page(home_page, center, insurers, site):
    InquirySettings.objects.update_or_create(
        site=site, defaults={"notification_emails": "admissions@example.org"}
    )
    page = VerifyInsurancePage(
        title="Verify your insurance",
        slug="verify-insurance",
        intro="<p>We check your benefits for free.</p>",
        privacy_notice="<p>Only admissions staff see these details.</p>",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def photo(name="card.jpg", size=(1200, 760), format="JPEG", exif=None, **kwargs):
    """A card photo as a phone would upload it."""
    image = Image.new("RGB", size, (30, 90, 160))
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format, **options, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def journey(**overrides):
    return {
        "form_token": issue_form_token(issued_at=time.time() - 120),
        "source_page": "",
        "utm_source": "google",
        "utm_medium": "cpc",
        "utm_campaign": "coverage",
        **overrides,
    }


WHO = {
    "help_for": "loved_one",
    "name": "Jordan Reyes",
    "phone": "(617) 555-0134",
    "email": "",
    "preferred_contact_time": "evening",
}


def insurance_answers(insurer):
    return {
        "insurer": str(insurer.pk),
        "insurer_other": "",
        "member_id": "XJH123456789",
        "group_number": "GRP-0042",
        "holder_name": "Maria Reyes",
        "holder_date_of_birth": "1968-04-27",
        "relationship": "parent",
    }


LAST = {"message": "", "consent": "on", "website": ""}
