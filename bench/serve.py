"""How fast the production server answers at a newsroom's scale, side by side in one run.

Builds (or reuses, when the counts are right) a PostgreSQL database of 100,000
claims, 500,000 quotes, 50,000 sources and 10,000 actors (bench/dataset.py),
starts gunicorn as production runs it (gunicorn.conf.py: 2 sync workers, DEBUG
off) on 127.0.0.1, and measures each page in turn, interleaved over several
rounds, with a bounded load generator (bench/load.py). It prints the medians of
req/s, p50 and p99 per page, their ratios to a hello-world view and to a
hand-written "floor" view of the claim detail (bench/views.py), and every
request that timed out, was dropped or answered 5xx. For the pages that fail,
the slowest queries behind them are explained (EXPLAIN ANALYZE) into
artifacts/serve-explain.txt.

    .venv/bin/python bench/serve.py                       # factcheck_serve on 127.0.0.1:5432, port 8100
    .venv/bin/python bench/serve.py --database-url postgres://postgres@127.0.0.1:5432/mine --port 8116
    .venv/bin/python bench/serve.py --rebuild --rounds 1 --only "claim detail"
    .venv/bin/python bench/serve.py --in-process --only admin      # no server: CPU time and queries per page
"""

import argparse
import base64
import gzip
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
DEFAULT_DATABASE = os.environ.get(
    "BENCH_SERVE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_serve"
)
SECRET_KEY = "bench-serve-only-not-a-secret-0123456789abcdefghij"

sys.path.insert(0, str(ROOT))

from bench.load import Result, fetch, hammer  # noqa: E402


@dataclass
class Endpoint:
    name: str
    path: str | list[str]  # a list: each request asks for the next path, never one twice
    expected: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    expected_headers: dict[str, str] = field(default_factory=dict)

    def median(self, measure) -> float | None:
        values = [value for value in map(measure, self.results) if value is not None]
        return statistics.median(values) if values else None

    def sent(self) -> int:
        return sum(sum(result.outcomes.values()) for result in self.results)

    @property
    def first_path(self) -> str:
        return self.path[0] if isinstance(self.path, list) else self.path

    @property
    def rate(self) -> float:
        return self.median(lambda result: result.rate) or 0.0

    def outcomes(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for result in self.results:
            for outcome, count in result.outcomes.items():
                total[outcome] = total.get(outcome, 0) + count
        return total


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=DEFAULT_DATABASE, help="a PostgreSQL database (created if missing)"
    )
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300, help="at most this many per page and round")
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="stop sending after this long per page and round"
    )
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (one per gunicorn worker)")
    parser.add_argument("--timeout", type=float, default=35.0, help="client timeout, above gunicorn's 30 s")
    parser.add_argument(
        "--explain-timeout", type=float, default=5.0, help="seconds per query when explaining"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_SERVE_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="the shared cache, as production's REDIS_URL (this run's keys have a prefix of their own); "
        "'' for each process's own cache",
    )
    parser.add_argument(
        "--pool",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Django's psycopg connection pool, as production's DATABASE_POOL=1",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="build the data again even if the counts are right"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="measure only pages whose name contains this"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="no server: time each page in this process, with its CPU time and queries",
    )
    return parser.parse_args()


def configure(database_url: str, *, redis_url: str, pool: bool) -> None:
    if urlsplit(database_url).scheme not in {"postgres", "postgresql"}:
        sys.exit("bench/serve.py measures PostgreSQL: give a postgres:// URL")
    for name in ("REDIS_URL", "DATABASE_POOL", "CELERY_BROKER_URL", "DATABASE_REPLICA_URL"):
        os.environ.pop(name, None)
    # As production runs (README, "Running in production"): the shared Redis cache and the connection pool.
    if redis_url:
        # Keys of this run's own: nothing kept by an earlier run (or another data set) is read.
        os.environ.update(REDIS_URL=redis_url, BENCH_CACHE_PREFIX=f"bench-serve-{uuid.uuid4().hex[:12]}")
    if pool:
        os.environ["DATABASE_POOL"] = "1"
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or SECRET_KEY,
        # The load is one client on loopback: throttling would measure 429s, not pages. A limit per second
        # keeps a throttle's history of requests as short as production's (120 a minute), where a limit
        # per minute would make it hold every request of the last minute, thousands of them.
        API_ANON_RATE="1000000/second",
        API_USER_RATE="1000000/second",
        # Plain HTTP on loopback, as behind the HTTPS proxy production runs behind: no redirect to HTTPS.
        SECURE_SSL_REDIRECT="0",
    )
    create_database(database_url)
    import django

    django.setup()


def create_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(rebuild: bool) -> dict:
    """Migrate, build or reuse the data, collect static files; return what the URLs need."""
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader
    from django.db.models import Count
    from django.test import Client

    from bench import dataset
    from claims.models import Claim, Quote
    from claims.visibility import visible_citations

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # a migration may rewrite every claim
    pending = MigrationExecutor(connection).migration_plan(MigrationLoader(connection).graph.leaf_nodes())
    call_command("migrate", verbosity=0)
    if pending and dataset.is_built():
        with connection.cursor() as cursor:  # as autovacuum would after rewritten rows, before measuring
            cursor.execute("VACUUM ANALYZE")
    connection.close()
    if rebuild or not dataset.is_built():
        print("Building the data (COPY in one transaction):")
        dataset.build()
    else:
        print(f"Reusing the data: {dataset.counts()}")
    if not Path(staticfiles_storage.location, staticfiles_storage.manifest_name).exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    claim = (
        Claim.objects.published()
        .annotate(quotes_count=Count("quotes"))
        .filter(quotes_count=5, conflicts__isnull=False)
        .order_by("pk")
        .first()
    )
    quote = Quote.objects.filter(claim=claim, speaker__isnull=False).order_by("pk").first()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return {
        "claim": claim,
        "source_id": quote.source_id,
        "quote_id": quote.pk,
        "actor_id": quote.speaker_id,
        "conflict_id": claim.conflicts.order_by("pk").values_list("pk", flat=True)[0],
        "citation_id": visible_citations(None).order_by("pk").values_list("pk", flat=True)[0],
        "session": client.cookies["sessionid"].value,
        "user": user,
        # Claims no request has asked for yet: their pages are rendered, never served from the cache.
        "unvisited": list(
            Claim.objects.published()
            .exclude(pk=claim.pk)
            .order_by("?")
            .values_list("slug", flat=True)[:5_000]
        ),
    }


def write_feed(port: int) -> None:
    """The whole DataFeed's file for this server's address, as a deploy writes it (export_claimreview
    --feed-file) before the first request; left alone when the one written before is current."""
    from claims.claimreview.feed_file import write_feed_file

    began = time.perf_counter()
    written = write_feed_file(base_url=f"http://127.0.0.1:{port}/")
    print(
        f"DataFeed file: {written.size / 1e6:,.1f} MB, {written.reviews:,} reviews ({written.path}), "
        f"{time.perf_counter() - began:.0f} s"
    )


def start_server(port: int) -> subprocess.Popen:
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "serve-gunicorn.log").open("w")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/bench/hello/", {}, 5)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    sys.exit(f"gunicorn did not answer on port {port}; see {log.name}")


def cursor(position: int) -> str:
    """A DRF cursor for the page after `position` (ids are listed newest first)."""
    return base64.b64encode(f"p={position}".encode()).decode()


# The admin's lists of the archive's larger tables, each measured alone and searched for the common word.
ADMIN_LISTS = [
    ("quotes", "/admin/claims/quote/"),
    ("sources", "/admin/sources/source/"),
    ("actors", "/admin/sources/actor/"),
    ("citations", "/admin/sources/citation/"),
    ("conflicts", "/admin/claims/conflict/"),
]


def endpoints(fixture: dict, port: int | None) -> list[Endpoint]:
    from bench.dataset import COMMON_WORD, RARE_WORD

    slug = fixture["claim"].slug
    api, page = f"/api/v1/claims/{slug}/", f"/claims/{slug}/"
    etag = etag_of(port, api)
    page_etag = etag_of(port, page)
    admin = {"Cookie": f"sessionid={fixture['session']}"}
    unvisited = [f"/claims/{other}/" for other in fixture["unvisited"]]
    return [
        Endpoint("hello-world", "/bench/hello/"),
        Endpoint("floor (hand-written claim JSON)", f"/bench/floor/{slug}/"),
        Endpoint("API claim detail", api),
        Endpoint("API claim detail, 304", api, 304, {"If-None-Match": etag}),
        Endpoint("claim page, cold (a claim not yet asked for)", unvisited),
        Endpoint("claim page, cached", page),
        Endpoint("claim page, 304", page, 304, {"If-None-Match": page_etag}),
        Endpoint("API claims, first page", "/api/v1/claims/"),
        Endpoint("API claims, deep page", f"/api/v1/claims/?cursor={cursor(2_000)}"),
        Endpoint("home page", "/"),
        # Half way through 93,000 published claims: the deepest walk a numbered page makes (claims/paging.py).
        Endpoint("home page, deep (page 2,300)", "/?page=2300"),
        Endpoint("API search, common word", f"/api/v1/claims/?search={COMMON_WORD}"),
        Endpoint("API search, rare word", f"/api/v1/claims/?search={RARE_WORD}"),
        Endpoint("public search, common word", f"/?q={COMMON_WORD}"),
        Endpoint("public search, rare word", f"/?q={RARE_WORD}"),
        Endpoint("claims:search, common word", f"/v1alpha1/claims:search?query={COMMON_WORD}"),
        Endpoint("claims:search, rare word", f"/v1alpha1/claims:search?query={RARE_WORD}"),
        Endpoint("sitemap.xml", "/sitemap.xml"),
        Endpoint("sitemap file: claims, page 2", "/sitemap-claims.xml?p=2"),
        Endpoint("sitemap file: sources", "/sitemap-sources.xml"),
        Endpoint("feed.atom", "/feed.atom"),
        # Sent from its file: a request is answered when its whole body (every published claim) has arrived,
        # compressed as real consumers ask for it (the client counts the bytes; it does not decompress them),
        # and as the file itself to a client that does not accept gzip.
        Endpoint(
            "API ClaimReview DataFeed (whole archive), gzip",
            "/api/v1/claimreview-feed/",
            headers={"Accept-Encoding": "gzip"},
            expected_headers={"Content-Encoding": "gzip"},
        ),
        Endpoint("API ClaimReview DataFeed (whole archive), identity", "/api/v1/claimreview-feed/"),
        Endpoint("source page", f"/sources/{fixture['source_id']}/"),
        Endpoint("actor page", f"/actors/{fixture['actor_id']}/"),
        Endpoint("API root", "/api/v1/"),
        Endpoint("API schema (OpenAPI)", "/api/schema/"),
        Endpoint("API sources", "/api/v1/sources/"),
        Endpoint("API source detail", f"/api/v1/sources/{fixture['source_id']}/"),
        Endpoint("API actors", "/api/v1/actors/"),
        Endpoint("API actor detail", f"/api/v1/actors/{fixture['actor_id']}/"),
        Endpoint("API citations", "/api/v1/citations/"),
        Endpoint("API citation detail", f"/api/v1/citations/{fixture['citation_id']}/"),
        Endpoint("API quotes", "/api/v1/quotes/"),
        Endpoint("API quote detail", f"/api/v1/quotes/{fixture['quote_id']}/"),
        Endpoint("API conflicts", "/api/v1/conflicts/"),
        Endpoint("API conflict detail", f"/api/v1/conflicts/{fixture['conflict_id']}/"),
        Endpoint("admin home (desk)", "/admin/", headers=admin),
        Endpoint("admin claims", "/admin/claims/claim/", headers=admin),
        Endpoint("admin claims search", f"/admin/claims/claim/?q={COMMON_WORD}", headers=admin),
        Endpoint("admin claim change", f"/admin/claims/claim/{fixture['claim'].pk}/change/", headers=admin),
        Endpoint("admin claim history", f"/admin/claims/claim/{fixture['claim'].pk}/history/", headers=admin),
        *(
            page
            for name, path in ADMIN_LISTS
            for page in (
                Endpoint(f"admin {name}", path, headers=admin),
                Endpoint(f"admin {name} search", f"{path}?q={COMMON_WORD}", headers=admin),
            )
        ),
        Endpoint("admin quote suggestions", "/admin/claims/quotesuggestion/", headers=admin),
        Endpoint("admin citation suggestions", "/admin/claims/citationsuggestion/", headers=admin),
        Endpoint("admin reviews", "/admin/claims/externalreview/", headers=admin),
        Endpoint("admin jobs", "/admin/claims/job/", headers=admin),
        Endpoint("admin changed pages", "/admin/sources/sourcewatch/", headers=admin),
    ]


def etag_of(port: int | None, path: str) -> str:
    """The page's ETag, from the server on `port`, or from this process when there is none."""
    if port is None:
        from django.test import Client

        return Client(HTTP_HOST="127.0.0.1").get(path)["ETag"]
    return fetch(port, path, {}, 60)[2]["ETag"]


def in_process(pages: list[Endpoint], fixture: dict, args: argparse.Namespace) -> str:
    """Each page asked for in this process (Django's test client, no server, one at a time): the wall and
    CPU time of each request, its queries and their time. On a machine others share, the CPU time and
    the queries' count say more than the wall time, which includes waiting for a core."""
    from django.db import connection, reset_queries
    from django.test import Client

    requests = max(1, min(args.requests, 20))
    load = os.getloadavg()
    rows = []
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if "Cookie" in page.headers:
            client.force_login(fixture["user"])
        headers = {name: value for name, value in page.headers.items() if name != "Cookie"}
        paths = page.path if isinstance(page.path, list) else [page.path] * (requests * args.rounds + 1)
        client.get(paths[0], headers=headers)  # per-process caches fill on a first request
        walls, cpus, sql, queries, status = [], [], [], 0, None
        for path in paths[1 : requests * args.rounds + 1]:
            connection.force_debug_cursor = True
            reset_queries()
            began, cpu = time.perf_counter(), time.thread_time()
            status = client.get(path, headers=headers).status_code
            walls.append(time.perf_counter() - began)
            cpus.append(time.thread_time() - cpu)
            queries = len(connection.queries)
            sql.append(sum(float(query["time"]) for query in connection.queries))
            connection.force_debug_cursor = False
        walls.sort()
        rows.append((page, status, walls, statistics.median(cpus), queries, statistics.median(sql)))
    hello = next((row for row in rows if row[0].name == "hello-world"), None)
    lines = [
        f"In-process, {requests * args.rounds} requests a page, load average {load[0]:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after:",
        "",
        "| page | status | p50 ms | p95 ms | CPU ms | queries | SQL ms | p50 × hello-world |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, status, walls, cpu, queries, sql in rows:
        p50, p95 = walls[len(walls) // 2], walls[min(len(walls) - 1, int(len(walls) * 0.95))]
        ratio = f"{p50 / hello[2][len(hello[2]) // 2]:,.0f}" if hello else "-"
        lines.append(
            f"| {page.name} | {status} | {p50 * 1000:,.1f} | {p95 * 1000:,.1f} | {cpu * 1000:,.1f} | "
            f"{queries} | {sql * 1000:,.1f} | {ratio} |"
        )
    return "\n".join(lines)


def check_floor(port: int, slug: str) -> str:
    api = json.loads(fetch(port, f"/api/v1/claims/{slug}/", {}, 60)[1])
    floor = json.loads(fetch(port, f"/bench/floor/{slug}/", {}, 60)[1])
    if api == floor:
        return "the floor's JSON equals the API's"
    differing = sorted(key for key in api.keys() | floor.keys() if api.get(key) != floor.get(key))
    return f"THE FLOOR'S JSON DIFFERS from the API's at {differing}"


def settle(port: int) -> None:
    """Wait until both workers answer at once again: a page that failed may have left one restarting."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        began = time.perf_counter()
        try:
            for _ in range(4):
                fetch(port, "/bench/hello/", {}, 60)
        except OSError:
            continue
        if time.perf_counter() - began < 0.5:
            return


def measure(pages: list[Endpoint], args: argparse.Namespace) -> None:
    for round_number in range(1, args.rounds + 1):
        started = time.perf_counter()
        for page in pages:
            settle(args.port)
            page.results.append(
                hammer(
                    port=args.port,
                    path=page.path[page.sent() :] if isinstance(page.path, list) else page.path,
                    headers=page.headers,
                    expected=page.expected,
                    expected_headers=page.expected_headers,
                    concurrency=args.concurrency,
                    max_requests=args.requests,
                    max_seconds=args.seconds,
                    timeout=args.timeout,
                )
            )
        print(f"  round {round_number} of {args.rounds}: {time.perf_counter() - started:.0f} s", flush=True)


def milliseconds(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.1f}"


def table(pages: list[Endpoint]) -> str:
    by_name = {page.name: page for page in pages}
    hello, floor = by_name.get("hello-world"), by_name.get("floor (hand-written claim JSON)")
    lines = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | × hello-world | × floor | failed / sent |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in pages:
        ratios = [
            f"{page.rate / reference.rate:.3f}" if reference and reference.rate else "-"
            for reference in (hello, floor)
        ]
        outcomes = page.outcomes()
        sent = sum(outcomes.values())
        failures = ", ".join(
            f"{count} {outcome}" for outcome, count in sorted(outcomes.items()) if outcome != "ok"
        )
        lines.append(
            f"| {page.name} | {page.rate:,.1f} | {milliseconds(page.median(lambda r: r.percentile(0.5)))} | "
            f"{milliseconds(page.median(lambda r: r.percentile(0.95)))} | "
            f"{milliseconds(page.median(lambda r: r.percentile(0.99)))} | {ratios[0]} | {ratios[1]} | "
            f"{failures or 0} / {sent} |"
        )
    return "\n".join(lines)


def body_sizes(pages: list[Endpoint], port: int) -> str:
    """The bytes each large answer brought as sent (a gzip answer compressed: the client never
    decompresses in the timings), and, once and apart from them, what decompressing one takes here."""
    lines = []
    for page in pages:
        sizes = [size for result in page.results for size in result.received]
        if not sizes or max(sizes) < 1_000_000:
            continue
        lines.append(f"{page.name}: {statistics.median(sizes) / 1e6:,.1f} MB received per answer")
        if page.expected_headers.get("Content-Encoding") == "gzip":
            content = fetch(port, page.first_path, page.headers, 60)[1]
            began = time.perf_counter()
            size = len(gzip.decompress(content))
            lines.append(
                f"  decompressing one answer in this client (not in the timings): "
                f"{(time.perf_counter() - began) * 1000:,.0f} ms, to {size / 1e6:,.1f} MB"
            )
    return "\n".join(lines)


def explain(pages: list[Endpoint], fixture: dict, timeout: float) -> Path | None:
    """EXPLAIN (ANALYZE) the three slowest queries behind each failing page, run in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    failing = [page for page in pages if any(outcome != "ok" for outcome in page.outcomes())]
    if not failing:
        return None
    path = ARTIFACTS / "serve-explain.txt"
    limit = f"SET statement_timeout = {int(timeout * 1000)}"
    with path.open("w") as out:
        for page in failing:
            client = Client(HTTP_HOST="127.0.0.1")
            if "Cookie" in page.headers:
                client.force_login(fixture["user"])
            connection.close()
            with connection.cursor() as cursor:
                cursor.execute(limit)
            error = None
            # A cursor WITH HOLD (Django's iterator() on PostgreSQL) runs its query at commit, where the
            # statement timeout does not reach it: cancel it from outside.
            watchdog = threading.Timer(timeout * 2, cancel, [connection.connection.info.backend_pid])
            watchdog.start()
            with CaptureQueriesContext(connection) as captured:
                try:
                    client.get(page.first_path, headers=page.headers)
                except Exception as exception:  # a query cancelled by the timeout, as the server's was
                    error = exception
            watchdog.cancel()
            out.write(f"=== {page.name}: GET {page.first_path}\n")
            out.write(
                f"{len(captured.captured_queries)} queries"
                + (f"; stopped by {error!r}" if error else "")
                + "\n\n"
            )
            slowest = sorted(captured.captured_queries, key=lambda query: float(query["time"]), reverse=True)[
                :3
            ]
            for query in slowest:
                took = float(query["time"])
                out.write(f"--- {took * 1000:,.0f} ms\n{query['sql']}\n\n")
                out.write(explain_query(query["sql"], limit, analyze=took < timeout) + "\n\n")
            out.flush()
            print(f"  explained {page.name}", flush=True)
    return path


def cancel(backend_pid: int) -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("SELECT pg_cancel_backend(%s)", [backend_pid])


def explain_query(sql: str, limit: str, *, analyze: bool) -> str:
    """The query's plan, with what it did when it finishes within the time limit."""
    from django.db import connection
    from django.db.utils import OperationalError

    attempts = [("EXPLAIN (ANALYZE, BUFFERS) ", "")] if analyze else []
    attempts.append(("EXPLAIN ", "(it runs past the time limit: the plan alone)\n"))
    for prefix, note in attempts:
        connection.close()
        try:
            with connection.cursor() as cursor:
                cursor.execute(limit)
                cursor.execute(prefix + sql)
                return note + "\n".join(row[0] for row in cursor.fetchall())
        except OperationalError:
            continue
    return "(could not be explained)"


def main() -> None:
    args = parse_args()
    configure(args.database_url, redis_url=args.redis_url, pool=args.pool)
    began = time.perf_counter()
    fixture = prepare(args.rebuild)
    if args.in_process:
        pages = endpoints(fixture, None)
        if args.only:
            pages = [page for page in pages if any(word in page.name for word in args.only)]
        output = in_process(pages, fixture, args)
        print(output)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "serve-in-process.md").write_text(output + "\n")
        return
    print(f"Data ready in {time.perf_counter() - began:.0f} s")
    write_feed(args.port)
    print(f"Starting gunicorn on 127.0.0.1:{args.port}")
    server = start_server(args.port)
    try:
        pages = endpoints(fixture, args.port)
        if args.only:
            pages = [page for page in pages if any(word in page.name for word in args.only)]
        print(check_floor(args.port, fixture["claim"].slug))
        print(
            f"Measuring {len(pages)} pages, {args.rounds} interleaved rounds, at most {args.requests} requests or "
            f"{args.seconds:g} s each, {args.concurrency} client threads:",
            flush=True,
        )
        measure(pages, args)
        sizes = body_sizes(pages, args.port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nMedians of {args.rounds} rounds; claim {fixture['claim'].slug}:\n")
    output = table(pages) + (f"\n\n{sizes}" if sizes else "")
    print(output)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "serve-table.md").write_text(output + "\n")
    if explained := explain(pages, fixture, args.explain_timeout):
        print(f"\nThe slowest queries of the failing pages, explained: {explained.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
