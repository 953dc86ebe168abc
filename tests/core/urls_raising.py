from django.urls import path

from django_tasks import task

from evoke_site.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


def boom_quoting_the_post(request):
    # As a library does when it refuses a value: the message quotes the input.
    raise ValueError(f"{request.POST.get('message', '')} cannot be stored")


@task()
def task_quoting_its_argument(text):
    raise ValueError(f"{text} cannot be sent")


urlpatterns = [
    path("boom/", boom),
    path("boom-quoting-the-post/", boom_quoting_the_post),
    *site_urlpatterns,
]
handler500 = "core.views.server_error"
