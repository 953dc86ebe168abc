import logging

from django.http import HttpResponseServerError
from django.template import loader

from core.models import DEFAULT_ADMISSIONS_PHONE, CenterSettings

logger = logging.getLogger(__name__)


def server_error(request):
    """Our 500 page, showing the admissions phone even when the database is down."""
    center = None
    try:
        center = CenterSettings.for_request(request)
    except Exception:  # noqa: BLE001 - the error page must render whatever failed
        logger.warning("500 page rendered without center settings")
    if center is None:
        center = CenterSettings(admissions_phone=DEFAULT_ADMISSIONS_PHONE)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"center": center}))
