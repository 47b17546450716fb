"""How fast import_claimreview records other fact-checkers' reviews as the archive fills, from the first to the last.

Copies bench/serve.py's database (100,000 claims, 500,000 quotes, 50,000
sources; built by bench/dataset.py) into a scratch database, then imports
20,000 ClaimReview records into it as `manage.py import_claimreview` does, one
transaction per record: a third repeat the sentence of a claim already in the
archive (matched by claim_with_same_sentence), a third name an archived source
as an appearance (matched by the source), the rest are new claims. It prints
the records per second of each block of 1,000 and the slowest block against
the first, measured in the same run; the scratch database is dropped.

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
    from django.db import connection

    from claims.claimreview.importer import import_claim_reviews

    try:
        batch = records(args.records)
        print(
            f"Importing {len(batch):,} ClaimReview records into a copy of the archive, in blocks of {BLOCK:,}:"
        )
        rates = []
        for start in range(0, len(batch), BLOCK):
            began = time.perf_counter()
            summary = import_claim_reviews(batch[start : start + BLOCK])
            rate = min(BLOCK, len(batch) - start) / (time.perf_counter() - began)
            rates.append(rate)
            print(f"  records {start + 1:,}-{start + BLOCK:,}: {rate:,.0f} records/s ({summary})", flush=True)
        slowest = min(rates)
        print(
            f"\nFirst block {rates[0]:,.0f} records/s, last {rates[-1]:,.0f}, slowest {slowest:,.0f} "
            f"({slowest / rates[0]:.2f} × the first)"
        )
    finally:
        connection.close()
        drop(scratch)


if __name__ == "__main__":
    main()
