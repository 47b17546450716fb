"""On PostgreSQL, an index over each claim's sentence as the ClaimReview import compares it.

claims.claimreview.importer.sentence_candidates() looks a record's sentence up by this expression: its
words, lower case, one space apart (punctuation and spacing dropped), hashed to keep the index small.
Each record then costs one index probe instead of a trigram search for its longest word (tens of ms at
100,000 claims). SQLite gets nothing here and compares sentences as before.
"""

from django.db import migrations

SENTENCE_KEY = "md5(btrim(regexp_replace(lower({column}), '\\W+', ' ', 'g')))"
FORWARD = f"CREATE INDEX claim_sentence_key_idx ON claims_claim ({SENTENCE_KEY.format(column='text::text')});"
BACKWARD = "DROP INDEX claim_sentence_key_idx;"


def on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0023_merge_scale_branches")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
