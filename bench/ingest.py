"""How fast articles are ingested: 1,000 articles built from the seed texts, on SQLite and on PostgreSQL.

Each article is one of the three seed articles with its paragraphs in another
order, a dateline of its own and a publication date of its own (so that no two
texts, URLs or relative dates are the same), ingested as `manage.py ingest`
does: captured as a source, its attributions and numbers read, names matched
to actors, numbers to claims, and the suggestions written. Each database is
created empty and migrated first, and dropped afterwards.

    .venv/bin/python bench/ingest.py                     # both databases, 1,000 articles
    .venv/bin/python bench/ingest.py --articles 200 --database sqlite

With --sizes, one long article at each size instead (10 KB to 5 MB, made of the
seed paragraphs in ever new orders, each in an empty database), printing seconds
per MB and, as the baseline measured in the same run, the ratio to the smallest
size's seconds per MB: ingestion linear in the text's length keeps it near 1.

    .venv/bin/python bench/ingest.py --sizes --database sqlite
    .venv/bin/python bench/ingest.py --sizes 10000,100000,1000000 --database postgres
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "claims" / "demo" / "articles"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/factcheck_bench")
SIZES = (10_000, 100_000, 500_000, 1_000_000, 5_000_000)
FIRST_DATES = {
    "nl-17-expelled-spying-high-tech.txt": date(2022, 4, 19),
    "nl-2-expelled-high-tech-2020.txt": date(2020, 12, 10),
    "nato-8-expelled-brussels.txt": date(2024, 4, 13),
}


def articles(count: int) -> list[dict]:
    """`count` distinct articles made from the seed texts."""
    seeds = [(name, (SEEDS / name).read_text(encoding="utf-8")) for name in sorted(FIRST_DATES)]
    made = []
    for number in range(count):
        name, text = seeds[number % len(seeds)]
        paragraphs = text.split("\n")
        random.Random(number).shuffle(paragraphs)
        published = FIRST_DATES[name] + timedelta(days=number // len(seeds))
        dateline = f"THE HAGUE, {published:%d %B %Y} (Wire {number}) - Reporting by the bench desk."
        made.append(
            {
                "text": "\n".join([dateline, *paragraphs]),
                "url": f"https://bench.example.org/{number}",
                "published_on": published,
            }
        )
    return made


def long_article(size: int) -> str:
    """Just under `size` bytes of article: the seed paragraphs, shuffled anew each round, with wire tags."""
    paragraphs = [
        paragraph
        for name in sorted(FIRST_DATES)
        for paragraph in (SEEDS / name).read_text(encoding="utf-8").split("\n")
        if paragraph.strip()
    ]
    made, length, rounds = [], 0, 0
    while True:
        order = paragraphs[:]
        random.Random(rounds).shuffle(order)
        for paragraph in order:
            tagged = f"{paragraph} (Wire {rounds}.)"
            if length + len(tagged.encode()) + 1 > size:
                return "\n".join(made)
            made.append(tagged)
            length += len(tagged.encode()) + 1
        rounds += 1


def run_sizes(sizes: list[int]) -> None:
    """In a process whose DATABASE_URL names an empty database: ingest one article of each size."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from claims.ingestion.suggest import ingest
    from claims.models import Claim, QuoteSuggestion
    from sources.models import Source

    call_command("migrate", verbosity=0)
    ingest(**articles(1)[0])  # warm-up, not counted: imports dateparser's language data
    rows = []
    for size in sizes:
        text = long_article(size)
        # Each size starts from the same empty tables, so what it meets is its own text only.
        QuoteSuggestion.objects.all().delete()
        Claim.objects.all().delete()
        Source.objects.all().delete()
        started = time.perf_counter()
        result = ingest(
            text=text, url=f"https://bench.example.org/long/{size}", published_on=date(2024, 5, 1)
        )
        elapsed = time.perf_counter() - started
        megabytes = len(text.encode()) / 1_000_000
        rows.append((size, megabytes, elapsed, len(result.citations), len(result.quotes)))
        print(f"{connection.vendor:<10} {megabytes:7.2f} MB in {elapsed:7.1f} s", flush=True)
    # The baseline is the 100 KB article (fixed costs weigh on smaller ones): linear work keeps the
    # ratio of seconds per MB near 1 at every size, quadratic work multiplies it by the size ratio.
    base_size, base_mb, base_s, *_ = next((row for row in rows if row[0] >= 100_000), rows[0])
    print(f"{connection.vendor}: seconds per MB, and their ratio to the {base_size / 1000:,.0f} KB article's")
    for size, megabytes, elapsed, citations, quotes in rows:
        per_mb = elapsed / megabytes
        print(
            f"{connection.vendor:<10} {size / 1000:7,.0f} KB  {elapsed:7.1f} s  {per_mb:6.1f} s/MB  "
            f"{per_mb / (base_s / base_mb):5.2f} ×  ({citations:,} citation and {quotes:,} quote suggestions)"
        )


def run(count: int) -> None:
    """In a process whose DATABASE_URL names an empty database: migrate, ingest, print the figures."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from claims.ingestion.suggest import ingest
    from claims.models import CitationSuggestion, QuoteSuggestion
    from sources.actor_matching import ActorIndex

    call_command("migrate", verbosity=0)
    made = articles(count + 1)
    index = ActorIndex.load()
    ingest(**made.pop(), index=index)  # warm-up, not counted: imports dateparser's language data

    queries = 0

    def counting(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        for article in made:
            ingest(**article, index=index)
        elapsed = time.perf_counter() - started
    citations, quotes = CitationSuggestion.objects.count(), QuoteSuggestion.objects.count()
    print(
        f"{connection.vendor:<10} {count:,} articles in {elapsed:.1f} s: {count / elapsed:,.0f} articles/s, "
        f"{1000 * elapsed / count:.1f} ms and {queries / count:.0f} queries per article "
        f"({citations:,} citation and {quotes:,} quote suggestions)"
    )


def in_child(database_url: str, arguments: list[str]) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0"}
    environment.setdefault("SECRET_KEY", "benchmark-only-secret-key-of-enough-length-0123456789")
    subprocess.run([sys.executable, __file__, "--child", *arguments], env=environment, check=True)


def on_sqlite(arguments: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        in_child(f"sqlite:///{folder}/bench.sqlite3", arguments)


def on_postgres(arguments: list[str]) -> None:
    import psycopg

    server, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        in_child(POSTGRES, arguments)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--sizes",
        nargs="?",
        const=",".join(map(str, SIZES)),
        help="ingest one article of each size in bytes (default: 10 KB to 5 MB) instead",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")] if options.sizes else None
    if options.child:
        run_sizes(sizes) if sizes else run(options.articles)
        return
    arguments = ["--sizes", options.sizes] if sizes else ["--articles", str(options.articles)]
    if options.database in ("sqlite", "both"):
        on_sqlite(arguments)
    if options.database in ("postgres", "both"):
        on_postgres(arguments)


if __name__ == "__main__":
    main()
