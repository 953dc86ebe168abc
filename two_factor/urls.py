from django.urls import path

from two_factor import views

app_name = "two_factor"
urlpatterns = [path("", views.verify, name="verify")]
