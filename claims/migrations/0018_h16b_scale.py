"""Claims at a newsroom's scale: the validator of a claim's page, and the indexes the admin and imports need.

- `changed_at`: when anything a claim's page shows last changed (claims/freshness.py), with an index for
  the latest change of all (the sitemaps' and feeds' validator).
- The changelist's order (newest change first) as an index, so a page of 100 reads 100 rows.
- On PostgreSQL, trigram GIN indexes (pg_trgm) over UPPER() of the columns the admin searches with
  icontains (UPPER(col) LIKE UPPER('%word%')), which also serve the ClaimReview import's claim matching
  (text__icontains). SQLite gets nothing here and searches as before.
"""

import django.db.models.functions.datetime
import django.utils.timezone
from django.db import migrations, models

TRIGRAM_INDEXES = {
    # name: (table, column) — the claim changelist's search fields and the quote changelist's words.
    "claim_text_trgm_idx": ("claims_claim", "text"),
    "claim_slug_trgm_idx": ("claims_claim", "slug"),
    "claim_explanation_trgm_idx": ("claims_claim", "explanation"),
    "quote_exact_trgm_idx": ("claims_quote", "exact"),
}


def on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


FORWARD = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" + "\n".join(
    f"CREATE INDEX {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops);"
    for name, (table, column) in TRIGRAM_INDEXES.items()
)
BACKWARD = "\n".join(f"DROP INDEX {name};" for name in TRIGRAM_INDEXES)


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_external_review_claim_reviewed")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="changed_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(),
                default=django.utils.timezone.now,
                editable=False,
                help_text="When anything its page shows last changed: the claim, its quotes, conflicts, notes, "
                "other fact-checkers' reviews, or the sources and actors behind them.",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-changed_at"], name="claim_changed_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-updated_at", "-id"], name="claim_updated_idx"),
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
