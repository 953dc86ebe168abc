"""The one way to see a card photo: signed in, with the Admissions permission,
audited, never stored by any cache."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from wagtail.log_actions import log

from contact.centers import inquiries_for
from insurance import cards
from insurance.models import InsuranceDetails


@never_cache
def card_photo(request, inquiry_id, side):
    # The admin's URL wrapper has already asked for a signed-in admin user.
    if not request.user.has_perm("contact.view_inquiry"):
        raise PermissionDenied
    # A center's team sees only its own center's families (contact.centers).
    details = get_object_or_404(
        InsuranceDetails.objects.select_related("inquiry__center"),
        inquiry__in=inquiries_for(request.user),
        inquiry_id=inquiry_id,
    )
    name = details.card_names().get(side)
    if name is None:
        raise Http404("No card photo kept")
    try:
        photo = cards.read(name)
    except FileNotFoundError:
        # Named but gone (a restored database, a lost volume): nothing is shown,
        # so nothing is audited.
        raise Http404("No card photo kept") from None
    log(
        instance=details.inquiry,
        action="insurance.card_viewed",
        user=request.user,
        data={"side": side},
    )
    response = HttpResponse(photo, content_type="image/jpeg")
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = (
        f'inline; filename="inquiry-{inquiry_id}-card-{side}.jpg"'
    )
    return response
