from django.apps import AppConfig


class HealthChecksConfig(AppConfig):
    name = "health_checks"
    verbose_name = "Content checks"
