"""A bounded HTTP load generator for bench/serve.py: a few threads, a request cap and a time cap, loopback only.

Each request opens its own connection (gunicorn's sync workers close it after
one response). Responses with an unexpected status, 5xx answers, timeouts and
dropped connections are all counted and returned, never hidden.
"""

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, of every request, failed ones too
    outcomes: Counter = field(default_factory=Counter)  # "ok", "status 500", "timeout", …
    elapsed: float = 0.0
    received: list[int] = field(default_factory=list)  # body bytes of each answered request, as sent

    @property
    def ok(self) -> int:
        return self.outcomes["ok"]

    @property
    def failed(self) -> int:
        return sum(count for outcome, count in self.outcomes.items() if outcome != "ok")

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(share * 100) - 1]


def fetch(
    port: int, path: str, headers: dict[str, str], timeout: float
) -> tuple[int, bytes, http.client.HTTPMessage]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"{HOST}:{port}", **headers})
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def hammer(
    *,
    port: int,
    path: str | list[str],
    headers: dict[str, str],
    expected: int,
    expected_headers: dict[str, str] | None = None,
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    timeout: float,
) -> Result:
    """Send GET `path` from `concurrency` threads until `max_requests` are sent or `max_seconds` pass.

    Given a list of paths, each request takes the next one (the first, then the second, …). An answer
    counts when its status is `expected` and it carries `expected_headers` (such as Content-Encoding:
    gzip); its body is counted in bytes as it came (http.client never decompresses it).
    """
    paths = [path] if isinstance(path, str) else path
    result = Result()
    lock = threading.Lock()
    sent = 0
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker() -> None:
        nonlocal sent
        while True:
            with lock:
                if sent >= max_requests or time.perf_counter() >= deadline:
                    return
                target = paths[sent % len(paths)]
                sent += 1
            begun = time.perf_counter()
            content = None
            try:
                status, content, answer_headers = fetch(port, target, headers, timeout)
            except TimeoutError:
                outcome = "timeout"
            except (OSError, http.client.HTTPException) as error:
                outcome = f"dropped ({type(error).__name__})"
            else:
                wrong = [
                    name
                    for name, value in (expected_headers or {}).items()
                    if answer_headers.get(name) != value
                ]
                outcome = (
                    f"status {status}" if status != expected else f"without {wrong[0]}" if wrong else "ok"
                )
            took = time.perf_counter() - begun
            with lock:
                result.outcomes[outcome] += 1
                result.latencies.append(took)
                if content is not None:
                    result.received.append(len(content))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result
