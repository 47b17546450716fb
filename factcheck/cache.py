"""Django's Redis cache, with one redis client per connection pool rather than one per command.

Django's RedisCacheClient builds a new redis.Redis for every get and set (its
response callbacks and all), which costs more CPU than the command's round trip
on a page answered from the cache (bench/serve.py). A redis.Redis is safe to
share between threads: each command borrows a connection from the pool.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
