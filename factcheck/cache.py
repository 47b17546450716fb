"""Django's Redis cache, with one redis client per connection pool, and entries named by another's value.

Django's RedisCacheClient builds a new redis.Redis for every get and set (its
response callbacks and all), which costs more CPU than the command's round trip
on a page answered from the cache (bench/serve.py). A redis.Redis is safe to
share between threads: each command borrows a connection from the pool.
"""

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

    def get_named_by(self, key, templates):
        client = self.get_client(key)
        if (script := self._scripts.get(id(client))) is None:
            script = self._scripts[id(client)] = client.register_script(READ_NAMED)
        name, *values = script(keys=[key], args=templates)
        if name is None:
            return None, [None] * len(templates)
        loads = self._serializer.loads
        return loads(name), [None if value is None else loads(value) for value in values]


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
