from django.apps import AppConfig


class InsuranceConfig(AppConfig):
    name = "insurance"
    verbose_name = "Insurance verification"

    def ready(self):
        from insurance import signals

        signals.connect()
