"""gunicorn's settings for production (docs/operations.md): `gunicorn` from this directory.

gunicorn reads ./gunicorn.conf.py by itself; every value can be overridden by an
environment variable (GUNICORN_WORKERS, ...) or on the command line.
"""

import os

wsgi_app = "kb.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not more processes: a worker's memory is mostly the analysers and the
# page tree, shared copy-on-write only between a master and its forks, and the
# requests wait on SQLite or PostgreSQL, which releases the GIL.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

# Load Django and warm the Finnish/Swedish analysers once in the master (when_ready
# below): the workers share those pages and answer their first search at once.
preload_app = True

# An import of a big spreadsheet or a feed for a large clock takes seconds, never minutes.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter), so a slow leak
# cannot grow without end; preload makes the replacement cheap.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# Logs on stdout/stderr for systemd or the container runtime; no files to rotate.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# No gunicornc control socket: one fixed path per user, which a second server
# on the machine (staging, a test) would take over.
control_socket_disable = True
# Behind a proxy on the same machine (docs/operations.md); set to its address otherwise.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    """In the master, after the application is loaded and before the first fork."""
    if os.environ.get("SEARCH_WARM_UP", "1") == "0":
        return  # only to measure the difference (bench/load.py)
    from search.warmup import warm_up

    warm_up(server.log)
