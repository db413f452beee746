"""`make bench`: how fast the pages are under gunicorn on PostgreSQL, against a bare Django view.

For each scale (``large``, then ``xlarge`` = 5 × large) it keeps a seeded database
``ihk_bench_<scale>`` (seeded once with ``seed_demo --scale <scale>``, re-seeded only when
missing), starts gunicorn (2 sync workers, DEBUG=False, a generated SECRET_KEY) on 127.0.0.1,
and for every page runs the load generator on the bare view ``/healthz`` and then on the page
(interleaved, so both see the same machine). It prints req/s, the share of the bare view, p50,
p95, queries per request (uncached render, counted with CaptureQueriesContext in a separate
process) and the HTML size, with the page cache off and on, then the xlarge/large ratios.

Load: ``wrk`` (10 connections) when installed, else a bounded Python thread client. Every loop
is bounded in time; only 127.0.0.1 is ever contacted. Not part of CI.

    python tools/bench.py [--scales large xlarge] [--seconds 5] [--connections 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import secrets
import shutil
import socket
import subprocess  # noqa: S404 – starts our own gunicorn, wrk and manage.py only
import sys
import time
from pathlib import Path

from bench_load import load_python, load_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("BENCH_PG", "postgres://ihk:ihk@127.0.0.1:5432")
MIN_MEASURES = {"small": 5, "large": 180, "xlarge": 900}  # below this the database is re-seeded
BUSY_MEASURE_COMMENTS = 500  # the measure page the issue benchmarks
SECRET_KEY = secrets.token_urlsafe(64)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _redis_listening() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


# The shared cache as in production: Redis when one runs locally, else the database cache.
CACHE_URL = os.environ.get("BENCH_CACHE_URL") or (
    "redis://127.0.0.1:6379/1" if _redis_listening() else "dbcache://ihk_cache"
)


def bench_env(scale: str, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        CACHE_URL=CACHE_URL,
        DATABASE_URL=f"{PG}/ihk_bench_{scale}",
        DEBUG="False",
        SECRET_KEY=SECRET_KEY,
        SECURE_SSL_REDIRECT="False",
        STATIC_MANIFEST="False",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="ihk.settings",
    )
    env.update(extra)
    return env


def manage(scale: str, *args: str, **extra: str) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=bench_env(scale, **extra),
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
    )
    return result.stdout


# --- databases --------------------------------------------------------------------------------


def prepare_database(scale: str) -> None:
    import psycopg

    name = f"ihk_bench_{scale}"
    admin = psycopg.connect(f"{PG}/postgres", autocommit=True)
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    log(f"{name}: migrate")
    manage(scale, "migrate", "--noinput", "-v0")
    with psycopg.connect(f"{PG}/{name}") as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM measures_measure")
        measures = cursor.fetchone()[0]
    if measures >= MIN_MEASURES[scale]:
        log(f"{name}: already seeded ({measures} measures)")
        return
    log(f"{name}: seeding --scale {scale} (xlarge takes several minutes)")
    manage(scale, "seed_demo", "--scale", scale, DEBUG="True")
    log(f"{name}: seeded")


# --- pages, queries, HTML size (runs inside Django, in a separate process) --------------------


def _busiest_measure(area) -> dict:
    """The public measure with the most comments, topped up once to ``BUSY_MEASURE_COMMENTS``:
    the issue's yardstick is a measure page with 500 comments, and the demo spreads its 5,000
    comments thinner."""
    from django.db.models import Count

    from participation.models import Comment

    def busiest():
        return (
            Comment.objects.filter(area=area, measure__isnull=False, measure__is_public=True)
            .values("measure")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )

    top = busiest()
    if top["n"] < BUSY_MEASURE_COMMENTS:
        Comment.objects.bulk_create(
            Comment(
                area=area,
                measure_id=top["measure"],
                text=f"Benchmark-Kommentar {number}: Wann geht es hier weiter?",
                pseudonym="Anwohnerin",
                consent=True,
                moderation="published",
            )
            for number in range(BUSY_MEASURE_COMMENTS - top["n"])
        )
        top = busiest()
    return top


def _pages(area, top: dict) -> list[tuple[str, str, bool]]:
    """(name, URL, logged in as the manager) of every benchmarked page."""
    from django.urls import reverse

    slug = {"area_slug": area.slug}
    busy = reverse("measures:measure_public", kwargs={**slug, "pk": top["measure"]})
    return [
        ("home /", reverse("ihk:home"), False),
        ("area page", reverse("ihk:area_public", kwargs=slug), False),
        (f"measure ({top['n']} comments)", busy, False),
        ("events list", reverse("participation:event_public_list", kwargs=slug), False),
        ("events.ics", reverse("participation:event_feed", kwargs=slug), False),
        ("ideas list", reverse("participation:idea_list", kwargs=slug), False),
        ("dashboard (manager)", reverse("ihk:area_dashboard", kwargs=slug), True),
        ("measure list (manager)", reverse("measures:measure_list", kwargs=slug), True),
        ("KuF (manager)", reverse("measures:kuf", kwargs=slug), True),
        ("timeline (manager)", reverse("measures:timeline", kwargs=slug), True),
    ]


def inspect() -> None:
    """Print the benchmarked pages as JSON: URL, login, queries of an uncached render, size."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ihk.models import Area, User

    settings.PAGE_CACHE = False
    area = Area.objects.get(slug="gartenstadt-nord")
    anonymous, manager = Client(), Client()
    manager.force_login(User.objects.get(email="manager@example.org"))
    rows = []
    for name, url, login in _pages(area, _busiest_measure(area)):
        client = manager if login else anonymous
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        rows.append(
            {
                "name": name,
                "url": url,
                "login": login,
                "status": response.status_code,
                "queries": len(queries),
                "bytes": len(response.content),
            }
        )
    session = manager.cookies[settings.SESSION_COOKIE_NAME].value
    print(json.dumps({"pages": rows, "session": f"{settings.SESSION_COOKIE_NAME}={session}"}))


# --- gunicorn ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, cookie: str = "", timeout: float = 60) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Gunicorn:
    def __init__(self, scale: str, page_cache: bool):
        self.port = free_port()
        env = bench_env(scale, PAGE_CACHE="on" if page_cache else "off", CONN_MAX_AGE="60")
        self.process = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "ihk.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "2", "--worker-class", "sync", "--timeout", "120"]
            + ["--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# --- the run ----------------------------------------------------------------------------------


def measure(scale: str, pages: list, session: str, page_cache: bool, args) -> list[dict]:
    """Per page: bare view, page, bare view again (the share uses the mean of both bare runs).

    A slow page gets a longer window (4 × one warm request, at most 60 s) so that it completes
    enough requests to count.
    """
    load = load_wrk if shutil.which("wrk") else load_python
    results = []
    with Gunicorn(scale, page_cache) as server:
        for page in pages:
            if page_cache and page["login"]:
                continue  # logged-in pages are never cached: measured once, with the cache off
            cookie = session if page["login"] else ""
            get(server.port, page["url"], cookie)  # warm up (and fill the cache)
            started = time.monotonic()
            get(server.port, page["url"], cookie)
            seconds = min(60, max(args.seconds, math.ceil(4 * (time.monotonic() - started))))
            before = load(server.port, "/healthz", "", args.seconds, args.connections)
            result = load(server.port, page["url"], cookie, seconds, args.connections)
            after = load(server.port, "/healthz", "", args.seconds, args.connections)
            bare = (before["rps"] + after["rps"]) / 2
            result.update(page, bare=bare, share=result["rps"] / bare, seconds=seconds)
            results.append(result)
            log(
                f"{scale} cache {'on ' if page_cache else 'off'} {page['name']}: "
                f"{result['rps']:.1f} req/s ({seconds} s), bare {bare:.0f} req/s"
            )
    return results


def print_table(title: str, results: list[dict]) -> None:
    print(f"\n{title}")
    header = (
        f"{'page':<28} {'req/s':>8} {'bare':>7} {'share':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'queries':>7} {'HTML kB':>8} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['name']:<28} {r['rps']:>8.1f} {r['bare']:>7.0f} {r['share']:>7.1%} "
            f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['queries']:>7} {r['bytes'] / 1024:>8.1f} "
            f"{r['errors']:>6}"
        )


def print_ratios(all_results: dict) -> None:
    large, xlarge = all_results.get("large"), all_results.get("xlarge")
    if not large or not xlarge:
        return
    print("\nxlarge / large (time per request = 1 / share of bare; p50; HTML size)")
    print(f"{'page':<28} {'cache':>5} {'time':>6} {'p50':>6} {'HTML':>6} {'queries':>9}")
    for mode in ("off", "on"):
        # By name without the parenthesis (the busiest measure differs between the databases).
        by_name = {r["name"].split(" (")[0]: r for r in xlarge[mode]}
        for r in large[mode]:
            x = by_name.get(r["name"].split(" (")[0])
            if x is None:
                continue
            time_ratio = r["share"] / x["share"] if x["share"] else float("inf")
            print(
                f"{r['name']:<28} {mode:>5} {time_ratio:>6.2f} "
                f"{x['p50'] / max(r['p50'], 0.001):>6.2f} {x['bytes'] / max(r['bytes'], 1):>6.2f} "
                f"{r['queries']:>4}→{x['queries']:<4}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", nargs="+", default=["large", "xlarge"])
    parser.add_argument("--seconds", type=int, default=5, help="per measurement (default 5)")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inspect:
        return inspect()
    log(f"load generator: {'wrk' if shutil.which('wrk') else 'Python threads (wrk not found)'}")
    log(f"cache: {CACHE_URL} (BENCH_CACHE_URL to choose)")
    all_results = {}
    for scale in args.scales:
        prepare_database(scale)
        info = json.loads(manage_inspect(scale))
        bad = [p for p in info["pages"] if p["status"] != 200]
        if bad:
            raise SystemExit(f"pages do not answer 200: {bad}")
        all_results[scale] = {}
        for page_cache in (False, True):
            mode = "on" if page_cache else "off"
            results = measure(scale, info["pages"], info["session"], page_cache, args)
            all_results[scale][mode] = results
            print_table(f"== {scale}, page cache {mode}", results)
    print_ratios(all_results)


def manage_inspect(scale: str) -> str:
    log(f"ihk_bench_{scale}: counting queries and HTML size")
    return (
        subprocess.run(  # noqa: S603
            [PYTHON, str(Path(__file__).resolve()), "--inspect"],
            cwd=ROOT,
            env=bench_env(scale),
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


if __name__ == "__main__":
    main()
