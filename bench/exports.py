"""Peak memory and time of the DataFeed endpoint, export_claimreview, the sitemaps and the Atom feed,
at two sizes of archive side by side: what streams holds its memory flat however many claims there are.

Each measurement runs in a fresh process, so that its peak resident set (getrusage's ru_maxrss) is its
own; "Django alone" is a process that only starts Django, the floor under every other row. "DataFeed,
built whole (before)" builds the feed as the endpoint did before it was streamed (the whole object,
then its JSON), the baseline beside the streamed rows. The full-size archive is bench/dataset.py's
(the database given, as bench/serve.py uses it); a smaller size lives in a database of its own, named
after the size (`<name>_10000`), built by the same generator with every count scaled down (sources and
actors keep a floor the generator needs).

    .venv/bin/python bench/exports.py --database-url postgres://postgres@127.0.0.1:5432/fc_bench
    .venv/bin/python bench/exports.py --sizes 10000 100000 --only DataFeed
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = os.environ.get(
    "BENCH_SERVE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_serve"
)
SECRET_KEY = "bench-exports-only-not-a-secret-0123456789abcdef"
HOST = "127.0.0.1"
FULL_SIZE = 100_000  # bench/dataset.py's COUNTS["claims"] (checked when a database is prepared)


def scaled_counts(claims: int) -> dict[str, int]:
    """bench/dataset.py's counts for an archive of `claims` claims, the rest in the same proportions."""
    from bench import dataset

    full = dataset.COUNTS
    share = claims / full["claims"]
    return {
        "claims": claims,
        "quotes": round(full["quotes"] * share),
        "sources": max(round(full["sources"] * share), 10),
        # Actors 1..OUTLETS publish and the rest speak: keep some speakers.
        "actors": max(round(full["actors"] * share), dataset.OUTLETS + 100),
    }


def database_for(database_url: str, claims: int) -> str:
    if claims == FULL_SIZE:
        return database_url
    parts = urlsplit(database_url)
    return parts._replace(path=f"{parts.path}_{claims}").geturl()


# What a child process measures: each returns (bytes written, items written).


def _django_alone() -> tuple[int, int]:
    return 0, 0


def _datafeed_endpoint() -> tuple[int, int]:
    """The endpoint's first request: no file yet and no worker (eager tasks), so it writes the file
    (claims/claimreview/feed_file.py) within the request, then sends it."""
    import tempfile

    from django.conf import settings
    from django.test import Client

    with tempfile.TemporaryDirectory() as root:
        settings.EXPORT_ROOT = root
        response = Client(HTTP_HOST=HOST).get("/api/v1/claimreview-feed/")
        assert response.status_code == 200 and response.streaming, response.status_code
        marker, tail = b'"@type":"DataFeedItem"', b""
        written = items = 0
        for piece in response.streaming_content:  # blocks of the file: a marker may span two
            written += len(piece)
            text = tail + piece
            items += text.count(marker)
            tail = text[-(len(marker) - 1) :]
        response.close()
    return written, items


def _datafeed_whole() -> tuple[int, int]:
    """The endpoint before it was streamed: every claim listed with its quotes as models (one prefetch),
    the whole DataFeed object, then its JSON."""
    from django.db.models import Prefetch
    from rest_framework.renderers import JSONRenderer

    from claims.claimreview.export import feed_head, feed_items
    from claims.claimreview.markup import organisation
    from claims.models import Claim, Quote

    quotes = Quote.objects.with_sources().in_reading_order()
    claims = list(
        Claim.objects.published().order_by("published_at", "pk").prefetch_related(Prefetch("quotes", quotes))
    )
    base = f"http://{HOST}/"
    feed = feed_head(max((claim.updated_at for claim in claims), default=None))
    pairs = ((claim, list(claim.quotes.all())) for claim in claims)
    feed["dataFeedElement"] = list(feed_items(claims=pairs, base_url=base, organisation=organisation(base)))
    return len(JSONRenderer().render(feed)), len(feed["dataFeedElement"])


def _export_command() -> tuple[int, int]:
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "feed.json")
        call_command("export_claimreview", "--base-url", f"http://{HOST}", "-o", str(path), stderr=StringIO())
        with path.open("rb") as file:
            items = sum(line.count(b'"@type": "DataFeedItem"') for line in file)
        return path.stat().st_size, items


def _sitemaps() -> tuple[int, int]:
    """The index and every file it lists, each written anew (no cache: the cold path, the worst case)."""
    import xml.etree.ElementTree as ET

    from django.test import Client
    from django.test.utils import override_settings

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        client = Client(HTTP_HOST=HOST)
        index = client.get("/sitemap.xml")
        assert index.status_code == 200, index.status_code
        written, urls = len(index.content), 0
        for loc in ET.fromstring(index.content).iter(f"{namespace}loc"):
            response = client.get(urlsplit(loc.text)._replace(scheme="", netloc="").geturl())
            assert response.status_code == 200, (loc.text, response.status_code)
            written += len(response.content)
            urls += response.content.count(b"<url>")
            del response
    return written, urls


def _atom_feed() -> tuple[int, int]:
    from django.test import Client

    response = Client(HTTP_HOST=HOST).get("/feed.atom")
    assert response.status_code == 200, response.status_code
    return len(response.content), response.content.count(b"<entry>")


MEASURES = {
    "Django alone": _django_alone,
    "DataFeed endpoint (its file written, then sent)": _datafeed_endpoint,
    "DataFeed, built whole (before)": _datafeed_whole,
    "export_claimreview (streamed)": _export_command,
    "sitemap index and all its files": _sitemaps,
    "feed.atom": _atom_feed,
}


def configure(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",  # with DEBUG on, Django would keep every query it ran
        SECRET_KEY=os.environ.get("SECRET_KEY") or SECRET_KEY,
        API_ANON_RATE="1000000/minute",
        SECURE_SSL_REDIRECT="0",
    )
    os.environ.pop("REDIS_URL", None)  # an in-process cache: nothing shared with other runs
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_measure(database_url: str, name: str) -> None:
    configure(database_url)
    began = time.perf_counter()
    written, items = MEASURES[name]()
    print(
        json.dumps(
            {
                "rss_mb": peak_rss_mb(),
                "seconds": time.perf_counter() - began,
                "bytes": written,
                "items": items,
            }
        )
    )


def child_prepare(database_url: str, claims: int) -> None:
    """Create, migrate and fill the database for `claims` claims unless it already holds them."""
    from bench.serve import create_database

    create_database(database_url)
    configure(database_url)
    from django.core.management import call_command
    from django.db import connection

    from bench import dataset

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    call_command("migrate", verbosity=0)
    assert dataset.COUNTS["claims"] == FULL_SIZE, "bench/dataset.py's size changed: update FULL_SIZE"
    dataset.COUNTS.update(scaled_counts(claims))  # the generator reads its counts from here
    if dataset.is_built():
        print(f"  {urlsplit(database_url).path[1:]}: reusing {dataset.counts()}", flush=True)
        return
    print(f"  {urlsplit(database_url).path[1:]}: building {dataset.COUNTS}", flush=True)
    dataset.build(log=lambda line: print(line, flush=True))


def run_child(*arguments: str) -> str:
    command = [sys.executable, str(Path(__file__).resolve()), *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def table(names: list[str], sizes: list[int], results: dict) -> str:
    head = "| what | " + " | ".join(f"{size:,} claims: peak RSS MB | time s | MB written" for size in sizes)
    lines = [
        head + " | RSS × (largest / smallest) |",
        "| --- |" + " ---: | ---: | ---: |" * len(sizes) + " ---: |",
    ]
    for name in names:
        cells = []
        for size in sizes:
            result = results[name, size]
            cells.append(f"{result['rss_mb']:,.0f} | {result['seconds']:,.2f} | {result['bytes'] / 1e6:,.1f}")
        ratio = results[name, sizes[-1]]["rss_mb"] / results[name, sizes[0]]["rss_mb"]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="the full-size archive's database")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="numbers of claims")
    parser.add_argument(
        "--only", action="append", default=[], help="measure only rows whose name contains this"
    )
    parser.add_argument("--skip-before", action="store_true", help="leave out the build of the whole feed")
    parser.add_argument("--child", nargs=2, metavar=("WHAT", "ARGUMENT"), help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        what, argument = args.child
        if what == "prepare":
            child_prepare(args.database_url, int(argument))
        else:
            child_measure(args.database_url, argument)
        return
    if urlsplit(args.database_url).scheme not in {"postgres", "postgresql"}:
        sys.exit("bench/exports.py measures PostgreSQL: give a postgres:// URL")
    sizes = sorted(args.sizes)
    names = [
        name
        for name in MEASURES
        if not args.only or name == "Django alone" or any(w in name for w in args.only)
    ]
    if args.skip_before:
        names = [name for name in names if "before" not in name]
    print(f"Preparing {', '.join(f'{size:,}' for size in sizes)} claims:", flush=True)
    for size in sizes:
        print(
            run_child(
                "--database-url", database_for(args.database_url, size), "--child", "prepare", str(size)
            ),
            end="",
        )
    results = {}
    for name in names:
        for size in sizes:
            output = run_child(
                "--database-url", database_for(args.database_url, size), "--child", "measure", name
            )
            results[name, size] = json.loads(output.strip().splitlines()[-1])
            result = results[name, size]
            print(
                f"  {name}, {size:,} claims: {result['rss_mb']:,.0f} MB peak, {result['seconds']:.2f} s, "
                f"{result['bytes']:,} bytes, {result['items']:,} items",
                flush=True,
            )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nPeak resident memory of each process and the time of the work (load average {load}):\n")
    print(table(names, sizes, results))


if __name__ == "__main__":
    main()
