from django.apps import AppConfig


class NavigationConfig(AppConfig):
    name = "navigation"
    verbose_name = "Navigation"

    def ready(self):
        from navigation import signals

        signals.connect()
