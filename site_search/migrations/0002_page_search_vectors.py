import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """A GIN index, which only PostgreSQL has (site search ranks there)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_marketing_edits_promoted_results"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="PageSearchVectors",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("heading", django.contrib.postgres.search.SearchVectorField()),
                ("body", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "page's search vectors",
                "verbose_name_plural": "pages' search vectors",
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="pagesearchvectors",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["heading"], name="site_search_heading_gin"
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="pagesearchvectors",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["body"], name="site_search_body_gin"
            ),
        ),
    ]
