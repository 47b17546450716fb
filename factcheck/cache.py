"""Django's Redis cache, with one redis client per connection pool, entries named by another's value, and
throttle counts recorded in one round trip.

Django's RedisCacheClient builds a new redis.Redis for every get and set (its
response callbacks and all), which costs more CPU than the command's round trip
on a page answered from the cache (bench/serve.py). A redis.Redis is safe to
share between threads: each command borrows a connection from the pool.
"""

import secrets

from django.core.cache.backends import redis

PLACEHOLDER = "{named}"
# The value at KEYS[1], then the values at each ARGV with the placeholder replaced by it: the keys are
# made inside the script, so it needs one Redis server (no cluster), as Django's backend does.
READ_NAMED = """
local name = redis.call('GET', KEYS[1])
if not name then return {false} end
local found = {name}
for i = 1, #ARGV do
    found[i + 1] = redis.call('GET', (string.gsub(ARGV[i], '{named}', name)))
end
return found
"""


# A sliding log of request times in a sorted set: drop those older than ARGV[2] seconds, then record
# this one (ARGV[4], at time ARGV[1]) if fewer than ARGV[3] remain. Scores go back as strings: Redis
# would cut a Lua number to an integer.
_RECORD = """
local now, duration, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - duration)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
    redis.call('EXPIRE', KEYS[1], math.ceil(duration))
    allowed, count = 1, count + 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local found = {allowed, count, oldest[2] or false}
"""
RECORD_WITHIN = _RECORD + "return found\n"

# Both at once, for a request that reads entries named by another's value as it is counted: RECORD_WITHIN on
# KEYS[1] with ARGV[1..4], then READ_NAMED on KEYS[2] with the templates ARGV[5..]. One round trip.
RECORD_AND_READ_NAMED = (
    _RECORD
    + """
local name = redis.call('GET', KEYS[2])
if not name then return found end
found[4] = name
for i = 5, #ARGV do
    found[i] = redis.call('GET', (string.gsub(ARGV[i], '{named}', name)))
end
return found
"""
)


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _script(self, client, source: str):
        if (script := self._scripts.get((id(client), source))) is None:
            script = self._scripts[id(client), source] = client.register_script(source)
        return script

    def get_named_by(self, key, templates):
        client = self.get_client(key)
        name, *values = self._script(client, READ_NAMED)(keys=[key], args=templates)
        if name is None:
            return None, [None] * len(templates)
        loads = self._serializer.loads
        return loads(name), [None if value is None else loads(value) for value in values]

    def record_and_read_named(self, key, args, named_key, templates):
        client = self.get_client(key, write=True)
        found = self._script(client, RECORD_AND_READ_NAMED)(keys=[key, named_key], args=[*args, *templates])
        allowed, count, oldest, *named = found
        if not named:
            return allowed, count, oldest, (None, [None] * len(templates))
        name, *values = named
        loads = self._serializer.loads
        return (
            allowed,
            count,
            oldest,
            (loads(name), [None if value is None else loads(value) for value in values]),
        )


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def get_named_by(self, key: str, templates: list[str], version=None) -> tuple:
        """The value at `key` (an int), and the values at each of `templates` once PLACEHOLDER is replaced
        by it: None for those missing (all of them when `key` is). One round trip, where get() and then
        get_many() take two."""
        full = [self.make_and_validate_key(template, version=version) for template in templates]
        return self._cache.get_named_by(self.make_and_validate_key(key, version=version), full)

    def record_within(self, key: str, *, now: float, duration: int, limit: int, version=None) -> tuple:
        """Record a request at `now` among those at `key` unless `limit` were recorded in the `duration`
        seconds before: (whether it was, how many are recorded, the time of the oldest). One atomic round
        trip, where a throttle's get() then set() take two and may lose a count to another process."""
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        allowed, count, oldest = self._cache._script(client, RECORD_WITHIN)(
            keys=[key], args=_record_args(now, duration, limit)
        )
        return bool(allowed), count, None if oldest is None else float(oldest)

    def record_within_and_read_named(
        self, key: str, *, now: float, duration: int, limit: int, named: tuple[str, list[str]], version=None
    ) -> tuple:
        """record_within() and get_named_by(*named) in one atomic round trip, where they take two:
        (whether it was, how many are recorded, the time of the oldest, get_named_by()'s answer)."""
        named_key, templates = named
        allowed, count, oldest, found = self._cache.record_and_read_named(
            self.make_and_validate_key(key, version=version),
            _record_args(now, duration, limit),
            self.make_and_validate_key(named_key, version=version),
            [self.make_and_validate_key(template, version=version) for template in templates],
        )
        return bool(allowed), count, None if oldest is None else float(oldest), found


def _record_args(now: float, duration: int, limit: int) -> list:
    return [repr(now), duration, limit, f"{now!r}-{secrets.token_hex(4)}"]
