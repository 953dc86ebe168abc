from django.db import migrations

from health_checks.roles import ensure_reviewers_edit_claim_phrases


def grant(apps, schema_editor):
    ensure_reviewers_edit_claim_phrases(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("health_checks", "0001_claim_phrases"),
        ("editorial", "0003_editors_levels_of_care_and_deleting_uploads"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
