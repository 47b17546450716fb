"""How fast import_claimreview records other fact-checkers' reviews as the archive fills, from the first to the last.

Copies bench/serve.py's database (100,000 claims, 500,000 quotes, 50,000
sources; built by bench/dataset.py) into a scratch database, then imports
20,000 ClaimReview records into it as `manage.py import_claimreview` does, one
chunk of records at a time (claims/claimreview/importer.py): a third repeat the sentence of a claim already in the
archive (matched by claim_with_same_sentence), a third name an archived source
as an appearance (matched by the source), the rest are new claims. It prints,
for each block of 1,000, the records per second, the CPU time and queries per
record and the load average, and the slowest block against the first. Beside
them, measured in the same run before the first block and after the last, a
floor: the rate at which the same database takes the two rows a new record
needs (a claim and a review) by plain INSERT statements, one statement per row
and one transaction per 1,000 records (rolled back), with no lookup, no
matching and no history. The scratch database is dropped.

    .venv/bin/python bench/import_rate.py                  # from factcheck_serve on 127.0.0.1:5432
    .venv/bin/python bench/import_rate.py --database-url postgres://postgres@127.0.0.1:5432/mine --records 5000
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = os.environ.get(
    "BENCH_SERVE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_serve"
)
BLOCK = 1_000
FACT_CHECKERS = ["AFP", "Maldita", "Correctiv", "Full Fact", "Les Décodeurs", "Newtral", "Pagella Politica"]


def scratch_copy(database_url: str) -> str:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    copy = f"{name}_import"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    return parts._replace(path=f"/{copy}").geturl()


def drop(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def records(count: int, seed: int = 20) -> list[dict]:
    from bench.dataset import Builder
    from claims.models import Claim
    from sources.models import Source

    rng = random.Random(seed)
    builder = Builder(seed)
    archived = list(Claim.objects.order_by("?").values_list("text", flat=True)[: count // 3 + 1])
    sources = list(Source.objects.order_by("?").values_list("url", "title")[: count // 3 + 1])
    made = []
    for n in range(count):
        kind = n % 3
        text = archived[n // 3] if kind == 0 else builder.sentence(8, 16)
        item = {"@type": "Claim", "author": {"@type": "Person", "name": f"Speaker {rng.randrange(500)}"}}
        if kind == 1:
            url, title = sources[n // 3]
            item["appearance"] = [{"@type": "CreativeWork", "url": url, "headline": title}]
        made.append(
            {
                "@type": "ClaimReview",
                "url": f"https://factcheck.example.org/reviews/{seed}-{n}",
                "claimReviewed": text,
                "author": {"@type": "Organization", "name": rng.choice(FACT_CHECKERS)},
                "reviewRating": {"alternateName": rng.choice(["False", "Misleading", "True", "Falso"])},
                "datePublished": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "inLanguage": "en",
                "itemReviewed": item,
            }
        )
    return made


def floor_rate(count: int = BLOCK) -> float:
    """Records per second for plain INSERTs of a claim and a review each, one statement per row, rolled back."""
    from django.db import connection, transaction
    from django.utils import timezone

    from claims.models import Claim, ExternalReview
    from sources.models import Actor

    reviewer = Actor.objects.order_by("pk").values_list("pk", flat=True).first()
    now = timezone.now()
    claim_sql = (
        f"INSERT INTO {Claim._meta.db_table} (text, slug, unit, place, status, verdict, explanation, version, "
        "created_at, updated_at, changed_at, comparator, time_label) "
        "VALUES (%s, %s, '', '', 'draft', '', '', 1, %s, %s, %s, '', '') RETURNING id"
    )
    review_sql = (
        f"INSERT INTO {ExternalReview._meta.db_table} (claim_id, reviewer_id, url, title, claim_reviewed, "
        "rating_label, verdict, language, key, imported_at) VALUES (%s, %s, %s, '', '', 'False', '', '', %s, %s)"
    )
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for n in range(count):
            cursor.execute(claim_sql, [f"Floor claim {n}", f"floor-claim-{n}", now, now, now])
            claim = cursor.fetchone()[0]
            url = f"https://floor.example/{n}"
            cursor.execute(review_sql, [claim, reviewer, url, url, now])
        took = time.perf_counter() - began
        transaction.set_rollback(True)
    return count / took


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="bench/serve.py's built database")
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    scratch = scratch_copy(args.database_url)
    os.environ.update(
        DATABASE_URL=scratch,
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-import-only-not-a-secret-0123456789abcdef",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from claims.claimreview.importer import import_claim_reviews

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    try:
        call_command("migrate", verbosity=0)  # a database built before the import's indexes gets them
        batch = records(args.records)
        floor_before = floor_rate()
        print(f"Floor (plain INSERT of a claim and a review per record): {floor_before:,.0f} records/s")
        print(
            f"Importing {len(batch):,} ClaimReview records into a copy of the archive, in blocks of {BLOCK:,}:"
        )
        print("| records | records/s | × floor | CPU ms/record | queries/record | load average | outcome |")
        print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
        rates = []
        for start in range(0, len(batch), BLOCK):
            block = batch[start : start + BLOCK]
            queries = 0
            began, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(count):
                summary = import_claim_reviews(block)
            rate = len(block) / (time.perf_counter() - began)
            cpu_ms = (time.process_time() - cpu) * 1000 / len(block)
            rates.append(rate)
            load = " ".join(f"{n:.1f}" for n in os.getloadavg())
            print(
                f"| {start + 1:,}-{start + len(block):,} | {rate:,.0f} | {rate / floor_before:.2f} | {cpu_ms:.2f} "
                f"| {queries / len(block):.2f} | {load} | {summary} |",
                flush=True,
            )
        floor_after = floor_rate()
        slowest = min(rates)
        print(
            f"\nFirst block {rates[0]:,.0f} records/s, last {rates[-1]:,.0f}, slowest {slowest:,.0f} "
            f"({slowest / rates[0]:.2f} × the first); floor {floor_before:,.0f} records/s before the "
            f"first block and {floor_after:,.0f} after the last"
        )
    finally:
        connection.close()
        drop(scratch)


if __name__ == "__main__":
    main()
