from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "site_search"
    verbose_name = "Site search"

    def ready(self):
        from site_search import vectors

        vectors.connect(self)
