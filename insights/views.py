"""The beacon endpoint: counts a page view, call tap or form start, then 204."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from insights import counting


# No CSRF token: the beacon carries nothing but a page, an event and campaign
# tags, each checked against a fixed list or pattern, and changes nothing a
# visitor could be harmed by. The answer is 204 whatever happened, so neither
# a visitor nor a prober learns whether it counted.
@csrf_exempt
@never_cache
@require_POST
def beacon(request):
    counting.count(request)
    return HttpResponse(status=204)
