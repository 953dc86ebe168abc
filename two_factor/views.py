from base64 import b32encode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from two_factor.forms import TokenForm


def safe_next(request):
    target = request.GET.get("next") or request.POST.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return "/admin/"


@never_cache
@login_required
def verify(request):
    """Enter a code; on first use, set up an authenticator app with a QR code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
        )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(safe_next(request))
    context = {"form": form, "setting_up": setting_up, "next": safe_next(request)}
    if setting_up:
        context["qr_svg_data_uri"] = segno.make(device.config_url).svg_data_uri(scale=5)
        context["secret"] = b32encode(device.bin_key).decode()
    return render(request, "two_factor/verify.html", context)
