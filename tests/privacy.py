"""Where a canary typed by a family can be found in plain text: the checks behind
"health information is encrypted at rest, never in logs, mail, caches"."""

from pathlib import Path

from django.db import connection


def _as_text(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def tables_holding(canary):
    """Every database table with a row that holds `canary` in plain text."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            if any(canary in _as_text(v) for row in cursor.fetchall() for v in row):
                found.append(table)
    return found


def files_holding(canary, *folders):
    """Every file under `folders` whose bytes hold `canary`."""
    needle = canary.encode("utf-8")
    return [
        str(path)
        for folder in folders
        for path in Path(folder).rglob("*")
        if path.is_file() and needle in path.read_bytes()
    ]
