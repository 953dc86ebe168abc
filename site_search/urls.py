from django.urls import path

from site_search import views

urlpatterns = [path("", views.search, name="search")]
