"""bench/exports.py on a tiny archive: it builds its databases, measures every row and prints the table."""

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.servers import shared_database_url

ROOT = Path(__file__).resolve().parents[2]
SIZES = (40, 80)

pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""), reason="the bench measures PostgreSQL"
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def bench_url():
    """A database name of this test run's own; the bench adds the size to it. Dropped afterwards."""
    url = f"{shared_database_url()}_exports"
    yield url
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        for size in SIZES:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}_{size}" WITH (FORCE)')


def test_the_bench_measures_every_row_at_each_size(bench_url):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "bench/exports.py", "--database-url", bench_url, "--sizes", *map(str, SIZES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=900,
    )

    assert done.returncode == 0, done.stderr[-3000:]
    items = {
        (name, int(size.replace(",", ""))): int(count.replace(",", ""))
        for name, size, count in re.findall(
            r"^  (.+), ([\d,]+) claims: .* ([\d,]+) items$", done.stdout, re.M
        )
    }
    for size in SIZES:
        published = items["DataFeed, built whole (before)", size]
        assert published > 0
        # The endpoint (its file) and the exported file hold every review the whole build held.
        assert items["DataFeed endpoint (its file written, then sent)", size] == published
        assert items["export_claimreview (streamed)", size] == published
        assert (
            0 < items["feed.atom", size] <= 50 and items["sitemap index and all its files", size] > published
        )
    table = done.stdout[done.stdout.index("| what |") :]
    assert "40 claims: peak RSS MB" in table and "80 claims: peak RSS MB" in table
    assert len([line for line in table.splitlines() if line.startswith("| ")]) == 2 + 6
