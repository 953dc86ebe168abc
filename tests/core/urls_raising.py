from django.urls import path

from evoke_site.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
handler500 = "core.views.server_error"
