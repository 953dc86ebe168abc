from django.db import migrations

# The levels of care, in the order a person usually moves through them.
LEVELS = [
    ("detox", "Medical detox", "Round-the-clock medical care while withdrawal passes."),
    (
        "residential",
        "Residential treatment",
        "Living at the center with daily therapy.",
    ),
    (
        "partial-hospitalization",
        "Partial hospitalization (PHP)",
        "Full days of treatment, evenings at home or in sober living.",
    ),
    (
        "intensive-outpatient",
        "Intensive outpatient (IOP)",
        "Several sessions a week around work, school or family.",
    ),
    ("outpatient", "Outpatient", "Regular sessions that support lasting recovery."),
]


def create_levels(apps, schema_editor):
    LevelOfCare = apps.get_model("services", "LevelOfCare")
    for order, (slug, name, description) in enumerate(LEVELS):
        LevelOfCare.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
