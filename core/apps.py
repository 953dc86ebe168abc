from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import fragments, frontend_cache

        frontend_cache.connect()
        fragments.connect()
