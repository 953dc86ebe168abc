from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import frontend_cache, generation, languages

        frontend_cache.connect()
        generation.connect()
        languages.connect()
