"""A stored, weighted full-text vector per claim on PostgreSQL, with its GIN index, kept by triggers.

The claim's sentence (weight A), explanation (B) and its quotes' exact words (C),
as claims/search.py matches and ranks them. Triggers keep it current on every
path that writes a claim or a quote (admin, API, ingestion, bulk updates, COPY):
a row trigger when a claim's words change, and statement triggers on quotes that
refresh each claim touched once per statement. SQLite keeps its word search and
gets nothing here.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE claims_claim ADD COLUMN search_vector tsvector;

CREATE FUNCTION claims_search_vector(claim bigint, sentence text, explanation text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(sentence, '')), 'A')
        || setweight(to_tsvector('english', coalesce(explanation, '')), 'B')
        || setweight(to_tsvector('english', coalesce(
            (SELECT string_agg(exact, ' ' ORDER BY id) FROM claims_quote WHERE claim_id = claim), '')), 'C')
$$;

CREATE FUNCTION claims_claim_search_vector_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := claims_search_vector(NEW.id, NEW.text, NEW.explanation);
    RETURN NEW;
END $$;

CREATE TRIGGER claims_claim_search_vector BEFORE INSERT OR UPDATE OF text, explanation ON claims_claim
FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector_row();

CREATE FUNCTION claims_quote_search_vector_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE claims_claim SET search_vector = claims_search_vector(id, text, explanation)
        WHERE id IN (SELECT claim_id FROM new_quotes);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claims_claim SET search_vector = claims_search_vector(id, text, explanation)
        WHERE id IN (SELECT claim_id FROM old_quotes);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER claims_quote_search_vector_insert AFTER INSERT ON claims_quote
REFERENCING NEW TABLE AS new_quotes
FOR EACH STATEMENT EXECUTE FUNCTION claims_quote_search_vector_statement();
CREATE TRIGGER claims_quote_search_vector_update AFTER UPDATE ON claims_quote
REFERENCING OLD TABLE AS old_quotes NEW TABLE AS new_quotes
FOR EACH STATEMENT EXECUTE FUNCTION claims_quote_search_vector_statement();
CREATE TRIGGER claims_quote_search_vector_delete AFTER DELETE ON claims_quote
REFERENCING OLD TABLE AS old_quotes
FOR EACH STATEMENT EXECUTE FUNCTION claims_quote_search_vector_statement();

UPDATE claims_claim SET search_vector = claims_search_vector(id, text, explanation);

-- Full-text search over claims (claims/search.py): the home page, the API's ?search=, claims:search.
CREATE INDEX claim_search_vector_idx ON claims_claim USING gin (search_vector);
"""

BACKWARD = """
DROP TRIGGER claims_quote_search_vector_delete ON claims_quote;
DROP TRIGGER claims_quote_search_vector_update ON claims_quote;
DROP TRIGGER claims_quote_search_vector_insert ON claims_quote;
DROP FUNCTION claims_quote_search_vector_statement();
DROP TRIGGER claims_claim_search_vector ON claims_claim;
DROP FUNCTION claims_claim_search_vector_row();
DROP FUNCTION claims_search_vector(bigint, text, text);
ALTER TABLE claims_claim DROP COLUMN search_vector;
"""


def on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_public_claim_order_indexes")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
