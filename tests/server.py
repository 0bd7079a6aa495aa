"""The real production server (gunicorn with gunicorn.conf.py) on a free loopback port.

Used by the tests that need several processes and threads at once (concurrent
writers, the page cache across processes) and by bench/load.py.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(connection):
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{data['NAME']}"
    return (
        f"postgres://{data['USER']}:{data['PASSWORD']}@{data['HOST']}:{data['PORT']}/{data['NAME']}"
    )


@contextlib.contextmanager
def gunicorn(env, workers=2, threads=4, timeout=90):
    """Yield (base URL, process) of a gunicorn serving with `env` until the block ends.

    Its output goes to a file (a pipe nobody reads would fill and stop the server);
    `process.output_tail()` gives the end of it for a failure message.
    """
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the server stops
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        **env,
    }
    process = subprocess.Popen(
        [str(GUNICORN), "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.output_tail = lambda: tail(log)
    try:
        wait_until_serving(process, port, timeout)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def tail(log, size=4000):
    log.flush()
    log.seek(0, os.SEEK_END)
    log.seek(max(0, log.tell() - size))
    return log.read().decode(errors="replace")


def wait_until_serving(process, port, timeout):
    """Until /healthz answers: the master has warmed up and a worker has booted."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            output = process.output_tail()
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {output}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn silent for {timeout} s: {process.output_tail()}")
        time.sleep(0.2)
