"""On PostgreSQL, trigram GIN indexes (pg_trgm) behind the admin's searches of sources and actors.

The admin searches with icontains (UPPER(col) LIKE UPPER('%word%')), so each index is over UPPER() of
its column. SQLite gets nothing here and searches as before.
"""

from django.db import migrations

TRIGRAM_INDEXES = {
    # name: (table, column) — the source and actor changelists' search fields, and the quote
    # changelist's search by source title and speaker.
    "source_title_trgm_idx": ("sources_source", "title"),
    "source_url_trgm_idx": ("sources_source", "url"),
    "actor_name_trgm_idx": ("sources_actor", "name"),
    "actoralias_name_trgm_idx": ("sources_actoralias", "name"),
}

FORWARD = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" + "\n".join(
    f"CREATE INDEX {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops);"
    for name, (table, column) in TRIGRAM_INDEXES.items()
)
BACKWARD = "\n".join(f"DROP INDEX {name};" for name in TRIGRAM_INDEXES)


def on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_captures")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
