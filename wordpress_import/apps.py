from django.apps import AppConfig


class WordpressImportConfig(AppConfig):
    name = "wordpress_import"
    verbose_name = "WordPress import"
    default_auto_field = "django.db.models.BigAutoField"
