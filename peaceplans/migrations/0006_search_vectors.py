"""Stored full-text search vectors on PostgreSQL; nothing on SQLite.

Each searched table gets a generated `search_vector` column (PostgreSQL keeps it in step with the
row on every write, whichever code writes it) and a GIN index; the search page
(peaceplans/search/engine.py) reads it through `StoredVector`. The models do not declare the
column, so SQLite, which has no tsvector, needs no schema change and falls back to icontains.

The 'english' configuration stems English; it keeps Cyrillic words whole and lowercased (it has
no Ukrainian stemmer, and 'russian' would mangle Ukrainian), so Russian and Ukrainian words are
found in the form they are written.
"""

from django.db import migrations

# table -> the weighted document its search vector holds (A: headings and titles, B: body text)
VECTORS = {
    "peaceplans_clauseversion": (
        "setweight(to_tsvector('english'::regconfig, coalesce(heading, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')"
    ),
    "peaceplans_position": "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')",
    "peaceplans_draft": (
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')"
    ),
    "peaceplans_source": "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')",
    "peaceplans_event": (
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')"
    ),
}


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, document in VECTORS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({document}) STORED"
        )
        # The search page: WHERE search_vector @@ websearch_to_tsquery(...)
        schema_editor.execute(
            f"CREATE INDEX {table}_search_gin ON {table} USING gin (search_vector)"
        )


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("peaceplans", "0005_second_edition")]

    operations = [migrations.RunPython(add_vectors, drop_vectors, elidable=False)]
