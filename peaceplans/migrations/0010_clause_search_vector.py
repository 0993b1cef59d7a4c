"""A clause's title is searched too (PostgreSQL's stored vector and its GIN index, as in 0006)."""

from django.db import migrations

TABLE = "peaceplans_clause"
DOCUMENT = "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')"


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    # The search page: WHERE search_vector @@ websearch_to_tsquery(...)
    schema_editor.execute(f"CREATE INDEX {TABLE}_search_gin ON {TABLE} USING gin (search_vector)")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("peaceplans", "0009_position_date_note")]

    operations = [migrations.RunPython(add_vector, drop_vector, elidable=False)]
