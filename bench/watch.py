"""How fast the scheduler watches sources: 1,000 watched pages on 10 local hosts, fetched twice.

Ten news sites run in this process on 127.0.0.1 to 127.0.0.10 (port 8118), each with 100
article pages (navigation, related links, footer) and a robots.txt. A fresh database gets
1,000 sources with those URLs, quoted by published claims. The first run of the watch
reads every page (a first fetch reads a baseline); then a tenth of the pages are edited and
the second run, two hours later, asks conditionally: unchanged pages answer 304, edited
ones become new captures with their responses archived, and claims that lost a quote's
words are flagged. Each run prints sources per second; the sites count how many requests
each host had open at once, which the scheduler bounds to one.

    .venv/bin/python bench/watch.py                        # PostgreSQL (BENCH_POSTGRES_URL)
    .venv/bin/python bench/watch.py --database sqlite --concurrency 1
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/factcheck_watch_bench")
HOSTS = 10
PORT = 8118


def start_sites(pages_per_host: int):
    from http.server import ThreadingHTTPServer

    from tests.news_site import EXPULSION, NewsSite, article_html, handler_for

    sites, open_now, most_open = [], {}, {}
    lock = threading.Lock()
    for number in range(1, HOSTS + 1):
        host = f"127.0.0.{number}"
        site = NewsSite(host=host, port=PORT)
        for page in range(pages_per_host):
            paragraphs = [f"{EXPULSION[0]} Report {page} from host {number}.", *EXPULSION[1:]]
            site.pages[f"/story/{page}/"] = article_html(
                title=f"Story {page} on {host}", paragraphs=paragraphs
            )
        handler = handler_for(site)

        class Counting(handler):
            def do_GET(self, host=host):
                with lock:
                    open_now[host] = open_now.get(host, 0) + 1
                    most_open[host] = max(most_open.get(host, 0), open_now[host])
                try:
                    super().do_GET()
                finally:
                    with lock:
                        open_now[host] -= 1

        server = ThreadingHTTPServer((host, PORT), Counting)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sites.append(site)
    return sites, most_open


def run(count: int, concurrency: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from claims.models import Claim, Quote
    from claims.watching import watch_due
    from sources.models import Capture, CaptureArchive, Source

    call_command("migrate", verbosity=0)
    per_host = count // HOSTS
    sites, most_open = start_sites(per_host)
    now = timezone.now()
    claims = [
        Claim.objects.create(
            text=f"The Netherlands expelled 17 Russian officers (bench {n}).",
            status=Claim.Status.PUBLISHED,
            verdict="true",
            explanation="Bench.",
            published_at=now,
            reviewed_on=now.date(),
        )
        for n in range(HOSTS)
    ]
    for number, site in enumerate(sites):
        for page in range(per_host):
            source = Source(title=f"Story {page} on {site.host}", url=site.url(f"/story/{page}/"))
            source.text = f"The Netherlands has expelled 17 Russian intelligence officers. Report {page}."
            source.save()
            Quote(claim=claims[number], source=source, exact=f"Report {page}").save()
    print(f"{connection.vendor}: {count:,} watched sources on {HOSTS} hosts, {concurrency} host(s) at a time")

    first = watch_due(limit=count, concurrency=concurrency)
    print(f"{connection.vendor:<10} first run (baselines): {first}")
    for site in sites:
        for page in range(0, per_host, 10):  # a tenth of the pages change the number
            path = f"/story/{page}/"
            site.pages[path] = site.pages[path].replace(
                f"Report {page} from", f"Corrected report {page} from"
            )
    second = watch_due(now=timezone.now() + timedelta(hours=2), limit=count, concurrency=concurrency)
    print(f"{connection.vendor:<10} second run (conditional): {second}")
    print(
        f"{connection.vendor:<10} the second run took {second.seconds / first.seconds:.2f} × the first's time; "
        f"{Capture.objects.count() - count:,} new captures, {CaptureArchive.objects.count():,} archived responses; "
        f"most requests open at once on one host: {max(most_open.values())}"
    )


def in_child(database_url: str, arguments: list[str]) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "FETCH_ALLOW_PRIVATE": "1"}
    environment.update(FETCH_HOST_DELAY="0")
    environment.setdefault("SECRET_KEY", "benchmark-only-secret-key-of-enough-length-0123456789")
    subprocess.run([sys.executable, __file__, "--child", *arguments], env=environment, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4, help="hosts fetched at once (one request each)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run(options.sources, options.concurrency)
        return
    arguments = ["--sources", str(options.sources), "--concurrency", str(options.concurrency)]
    if options.database == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            in_child(f"sqlite:///{folder}/bench.sqlite3", arguments)
        return
    import psycopg

    server, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        in_child(f"{server}/{name}", arguments)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
