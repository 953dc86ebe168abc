from django.db import migrations

import core.encryption

# (model, column) of the values this migration encrypts in place.
ENCRYPTED = [("Inquiry", "message"), ("InquiryNote", "text")]


def convert_stored_values(apps, schema_editor, convert):
    # Raw SQL: the model state already says "encrypted", so the ORM would try
    # to decrypt the plain text still stored. Table and column names come from
    # ENCRYPTED and the model, quoted; values are parameters (hence the noqa).
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model_name, column in ENCRYPTED:
            table = quote(apps.get_model("contact", model_name)._meta.db_table)
            cursor.execute(
                f"SELECT id, {quote(column)} FROM {table} WHERE {quote(column)} <> ''"  # noqa: S608
            )
            for pk, value in cursor.fetchall():
                cursor.execute(
                    f"UPDATE {table} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                    [convert(value), pk],
                )


def encrypt_stored_values(apps, schema_editor):
    convert_stored_values(apps, schema_editor, core.encryption.encrypt_text)


def decrypt_stored_values(apps, schema_editor):
    convert_stored_values(apps, schema_editor, core.encryption.decrypt_text)


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0006_contact_method_answers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="inquiry",
            name="message",
            field=core.encryption.EncryptedTextField(blank=True, max_length=5000),
        ),
        migrations.AlterField(
            model_name="inquirynote",
            name="text",
            field=core.encryption.EncryptedTextField(max_length=5000),
        ),
        migrations.RunPython(encrypt_stored_values, decrypt_stored_values),
    ]
