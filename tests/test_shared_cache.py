"""With REDIS_URL, every server process counts API throttles in the same Redis; without it, each its own."""

from tests.servers import SECOND_REDIS_URL, flush_redis, gunicorn, request

LIMIT = 4


def answers(addresses: list[str], count: int) -> list[int]:
    """The statuses of `count` anonymous API requests sent to the servers in turn."""
    return [request("GET", f"{addresses[n % len(addresses)]}/api/v1/")[0] for n in range(count)]


def servers(tmp_path, **variables):
    common = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # the API root reads no table
        "API_ANON_RATE": f"{LIMIT}/minute",
        "WEB_CONCURRENCY": "1",
        **variables,
    }
    return gunicorn(**common), gunicorn(**common)


def test_two_servers_sharing_redis_share_the_anonymous_throttle(tmp_path):
    flush_redis(SECOND_REDIS_URL)
    first, second = servers(tmp_path, REDIS_URL=SECOND_REDIS_URL)

    with first as a, second as b:
        statuses = answers([a, b], 2 * LIMIT)

    assert statuses == [200] * LIMIT + [429] * LIMIT


def test_without_redis_each_server_counts_for_itself(tmp_path):
    first, second = servers(tmp_path)

    with first as a, second as b:
        statuses = answers([a, b], 2 * LIMIT)

    assert statuses == [200] * 2 * LIMIT
