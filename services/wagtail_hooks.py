from wagtail.snippets.models import register_snippet

from services.models import LevelOfCare

# Editors may reword a level's name or description; the five levels themselves
# come from a data migration.
register_snippet(LevelOfCare)
