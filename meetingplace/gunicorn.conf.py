"""gunicorn settings; every value can be overridden on the command line or by GUNICORN_* vars."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# Do not log query strings or client addresses in the access log beyond what the proxy needs:
# the log line is method, path, status, size and duration.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "meetingplace.wsgi:application"

# gunicorn's control socket (gunicornc) sits at one path per system user by default, so two
# instances on one host would share it. Off unless GUNICORN_CONTROL_SOCKET names this
# instance's own path, e.g. /run/meetingplace-sentrum/gunicorn.ctl.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
control_socket_disable = not control_socket
if not control_socket:
    del control_socket
# gunicorn's error log names the client's address on invalid requests (414, 431, …); this logger
# leaves it out.
logger_class = "meetingplace.gunicorn_logging.PrivateLogger"
