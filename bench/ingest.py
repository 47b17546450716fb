"""How fast articles are ingested: 1,000 articles built from the seed texts, on SQLite and on PostgreSQL.

Each article is one of the three seed articles with its paragraphs in another
order, a dateline of its own and a publication date of its own (so that no two
texts, URLs or relative dates are the same), ingested as `manage.py ingest`
does: captured as a source, its attributions and numbers read, names matched
to actors, numbers to claims, and the suggestions written. Each database is
created empty and migrated first, and dropped afterwards.

    .venv/bin/python bench/ingest.py                     # both databases, 1,000 articles
    .venv/bin/python bench/ingest.py --articles 200 --database sqlite
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


def in_child(database_url: str, count: int) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0"}
    environment.setdefault("SECRET_KEY", "benchmark-only-secret-key-of-enough-length-0123456789")
    subprocess.run(
        [sys.executable, __file__, "--child", "--articles", str(count)], env=environment, check=True
    )


def on_sqlite(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        in_child(f"sqlite:///{folder}/bench.sqlite3", count)


def on_postgres(count: int) -> None:
    import psycopg

    server, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        in_child(POSTGRES, count)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run(options.articles)
        return
    if options.database in ("sqlite", "both"):
        on_sqlite(options.articles)
    if options.database in ("postgres", "both"):
        on_postgres(options.articles)


if __name__ == "__main__":
    main()
