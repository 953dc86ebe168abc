from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from two_factor.policy import requires_second_factor


class RequireSecondFactorMiddleware:
    """Send inquiry staff to the second-factor step before any admin page.

    Runs after django-otp's OTPMiddleware, which sets `request.user.is_verified()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_prefix = "/" + settings.WAGTAIL_ADMIN_PATH
        path = request.path_info
        if (
            path.startswith(admin_prefix)
            and not path.startswith(admin_prefix + "login/")
            and not path.startswith(admin_prefix + "logout/")
            and requires_second_factor(request.user)
            and not request.user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two_factor:verify')}?{query}")
        return self.get_response(request)
