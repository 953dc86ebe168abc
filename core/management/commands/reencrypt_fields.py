from django.core.management.base import BaseCommand
from django.db import transaction

from core.encryption import encrypted_fields, reencrypt_files


class Command(BaseCommand):
    help = (
        "Encrypt every encrypted field and file again with the newest "
        "FIELD_ENCRYPTION_KEY (the first listed), so older keys can be removed."
    )

    def handle(self, *args, **options):
        for model, names in encrypted_fields():
            count = 0
            for pk in model._default_manager.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    values = (
                        model._default_manager.select_for_update()
                        .filter(pk=pk)
                        .values(*names)
                        .first()
                    )
                    if values is None:
                        continue
                    # update() writes each value encrypted with the newest key
                    # and leaves auto_now fields alone.
                    model._default_manager.filter(pk=pk).update(**values)
                    count += 1
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        for label, count in reencrypt_files():
            self.stdout.write(f"{label}: {count} files re-encrypted")
