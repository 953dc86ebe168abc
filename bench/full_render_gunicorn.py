"""gunicorn settings for the benchmark's full-render origin: `-c` this file.

The same application and production settings, except that each worker keeps
its cache in a Redis database of its own (on a Redis server the benchmark
starts for this alone, BENCH_PRIVATE_REDIS) and empties every cache before
each request. The content generation then starts afresh on every request, so
nothing kept is found: not in Redis, and not in the worker's memory either,
which is keyed by that generation. What was rendered is still written to
Redis, as after a publish. Sync workers serve one request at a time, so no
other request can share the fresh generation.

Only caches this file can empty safely are accepted: a Redis cache on the
private server, or a cache in the process's own memory. Anything else (a
cache alias on the shared Redis, a file cache) stops the worker from booting
rather than run an honest-looking row that is not, or empty someone's cache.
"""

import os
import sys

# Cache backends whose clear() empties only what belongs to this worker.
PROCESS_LOCAL = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def post_fork(server, worker):
    # Before the worker loads the application (no --preload): its settings
    # read REDIS_URL from here.
    base = os.environ["BENCH_PRIVATE_REDIS"]
    os.environ["REDIS_URL"] = f"{base}/{1 + worker.age % 63}"


def post_worker_init(worker):
    from django.conf import settings

    private = os.environ["REDIS_URL"]
    for alias, config in settings.CACHES.items():
        location = config.get("LOCATION", "")
        locations = [location] if isinstance(location, str) else list(location)
        if config["BACKEND"] in PROCESS_LOCAL or (
            "redis" in config["BACKEND"].lower() and set(locations) == {private}
        ):
            continue
        print(
            f"full render: cache {alias!r} ({config['BACKEND']} at {location!r}) "
            f"is not this worker's own; refusing to empty it",
            file=sys.stderr,
            flush=True,
        )
        sys.exit(3)


def pre_request(worker, req):
    from django.conf import settings
    from django.core.cache import caches

    emptied = set()
    for alias, config in settings.CACHES.items():
        location = str(config.get("LOCATION", alias))
        if (config["BACKEND"], location) not in emptied:
            caches[alias].clear()
            emptied.add((config["BACKEND"], location))
