"""The load generators of ``tools/bench.py``: ``wrk`` when installed, else a bounded Python
thread client. Each returns req/s, p50 and p95 in ms and the number of error answers; every
loop is bounded in time and only 127.0.0.1 is contacted."""

from __future__ import annotations

import http.client
import os
import subprocess  # noqa: S404 – runs wrk only
import tempfile
import threading
import time

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status))
end
"""


def load_wrk(port: int, path: str, cookie: str, seconds: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s"]
    command += ["-s", script.name, f"http://127.0.0.1:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    try:
        output = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    requests, duration_us, p50, p95, errors = (int(v) for v in line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors,
    }


def load_python(port: int, path: str, cookie: str, seconds: int, connections: int) -> dict:
    """Bounded fallback: ``connections`` threads with keep-alive, each stops at the deadline."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            with lock:
                latencies.append(time.monotonic() - start)
                errors[0] += not ok
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {"rps": len(latencies) / elapsed, "p50": pct(0.5), "p95": pct(0.95), "errors": errors[0]}
