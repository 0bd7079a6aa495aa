"""The production server under load: pages cold and cached, a feed and its 304, a search,
the first search of a fresh worker, and the workers' memory.

Run: python bench/load.py   (own temporary SQLite database with the demo site; a few
minutes on 2 cores)

gunicorn (gunicorn.conf.py: 2 workers x 4 threads) serves the demo site on loopback;
CLIENTS threads with keep-alive connections ask one address for SECONDS each. Every
figure is a ratio to /healthz (one database query, no template) measured in the same
run, before and after each phase. "cold" is a server without the page cache (every
page rendered: the state before kb.page_cache); "cached" is the same server with it.

First search: a new server, its first request a search, with the analysers warmed in
the master before fork (the default) and without (SEARCH_WARM_UP=0: the state before).
Memory: proportional set size (PSS, /proc/PID/smaps_rollup) of the master and its
workers after the load, which counts pages shared after fork once, not per worker.
"""

import http.client
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from harness import ROOT, run_in_test_database  # sets Django up (test settings)

sys.path.insert(0, str(ROOT))
from tests.server import database_url, gunicorn  # noqa: E402

CLIENTS = 4
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
TARGETS = (
    "targets: cached >= 0.5x healthz, uncached p50 <= 30 ms, first search <= 0.3 s, PSS <= 600 MB"
)


def hammer(base, path, headers=None, seconds=SECONDS):
    """(requests/s, p50 ms, p95 ms, errors) of CLIENTS threads asking `path` for `seconds`."""
    host = base.split("//", 1)[1]
    samples, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(host, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection(host, timeout=30)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            samples.extend(mine)
            errors.append(bad)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return len(samples) / elapsed, statistics.median(samples) * 1000, p95 * 1000, sum(errors)


def get(base, path, headers=None):
    connection = http.client.HTTPConnection(base.split("//", 1)[1], timeout=60)
    start = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    seconds = time.perf_counter() - start
    connection.close()
    return response, seconds


def addresses():
    from django.utils import translation

    from guides.models import GuidePage
    from yearclock.models import YearClock

    clock = YearClock.objects.filter(locale__language_code="fi").order_by("pk").first()
    guide = GuidePage.objects.live().public().filter(locale__language_code="fi").first()
    with translation.override("fi"):
        from django.urls import reverse

        return {
            "home page": "/fi/",
            "a guide": guide.url,
            "year clock": reverse("yearclock:year_clock", kwargs={"slug": clock.slug}),
            "search": reverse("search") + "?q=oppilashuolto",
            "feed": reverse("yearclock_feeds:public", kwargs={"slug": clock.slug}),
        }


def phase(name, base, paths):
    print(f"\n{name}: {CLIENTS} clients x {SECONDS:.0f} s per address", flush=True)
    print(
        f"  {'address':16} {'req/s':>8} {'x healthz':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}"
    )
    before = hammer(base, "/healthz")
    rows = []
    for label, path in paths.items():
        get(base, path)  # the first request renders (and stores, when cached)
        rows.append((label, hammer(base, path)))
        if label == "feed":
            response, _ = get(base, path)
            etag = {"If-None-Match": response.getheader("ETag")}
            rows.append(("feed 304", hammer(base, path, etag)))
    after = hammer(base, "/healthz")
    healthz = (before[0] + after[0]) / 2
    for label, (rate, p50, p95, errors) in [("/healthz", (healthz, *before[1:])), *rows]:
        print(
            f"  {label:16} {rate:9.0f} {rate / healthz:9.2f} {p50:9.1f} {p95:9.1f} {errors:9d}",
            flush=True,
        )


def pss_mb(master_pid):
    pids = [master_pid] + [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and parent_of(p) == master_pid
    ]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024, len(pids)


def parent_of(proc):
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def first_search(env, path, warm):
    with gunicorn({**env, "SEARCH_WARM_UP": "1" if warm else "0"}) as (base, process):
        # Each worker's first search (the health check that said "ready" touched no search).
        times = [get(base, path + f"&n={n}")[1] for n in range(2)]
        later = statistics.median(get(base, path + f"&n={n}")[1] for n in range(2, 8))
        return times, later, pss_mb(process.pid)


def main():
    from django.core.management import call_command
    from django.db import connection

    print("loading the demo site ...", flush=True)
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page otherwise
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    paths = addresses()
    pages = tempfile.mkdtemp(prefix="bench-pages-")
    env = {
        "DJANGO_SETTINGS_MODULE": "kb.settings.test",
        "DATABASE_URL": database_url(connection),
        "PAGE_CACHE_DIR": pages,
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    print(f"database: {connection.vendor}; {TARGETS}")
    with gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}) as (base, _process):
        phase("cold (no page cache)", base, paths)
    with gunicorn({**env, "PAGE_CACHE_SECONDS": "3600"}) as (base, process):
        phase("cached (kb.page_cache, files)", base, paths)
        loaded, count = pss_mb(process.pid)
    print(f"\nmemory after the cached load: master + {count - 1} workers = {loaded:.0f} MB PSS")
    for warm in (False, True):
        times, later, (memory, count) = first_search(env, paths["search"], warm)
        label = "warmed in the master" if warm else "not warmed (before)"
        print(
            f"first search of a fresh worker, {label:22}: "
            + ", ".join(f"{t:.2f} s" for t in times)
            + f" (later searches: {later:.2f} s)"
            + f"; master + {count - 1} workers after it: {memory:.0f} MB PSS",
            flush=True,
        )


if __name__ == "__main__":
    folder = tempfile.mkdtemp(prefix="bench-load-")
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(folder) / "bench.sqlite3")
    run_in_test_database(main)
