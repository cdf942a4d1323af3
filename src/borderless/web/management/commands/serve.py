"""`borderless serve`: migrate, collect static files, and serve with gunicorn (a production-grade server)."""

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from borderless.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread" if threads > 1 else "sync")
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 10)
            # One server per port: no shared control socket in the home folder.
            self.cfg.set("control_socket_disable", True)
            self.cfg.set("accesslog", os.environ.get("ACCESS_LOG", "-"))
            # The request line only: no headers, so tokens and cookies never reach the log.
            self.cfg.set("access_log_format", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms')

        def load(self):
            return application

    Server().run()


class Command(BaseCommand):
    help = "Serve Borderless over HTTP with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--no-prepare", action="store_true", help="skip migrate and collectstatic")
        parser.add_argument(
            "--no-worker", action="store_true", help="no task worker here (run `borderless worker` apart)"
        )

    def handle(self, *args, **options):
        # A fleet's configuration (replicas, PgBouncer, media bucket) is checked before anything is served.
        call_command("check", tags=["fleet"], fail_level="ERROR")
        if not options["no_prepare"]:
            prepare(self.stdout)
        self.stdout.write(f"Borderless on http://{options['host']}:{options['port']}/ (Ctrl-C stops it)")
        self.stdout.flush()
        if not options["no_worker"]:
            start_worker()
        run_gunicorn(options["host"], options["port"], options["workers"], options["threads"])


def prepare(stdout) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    stdout.write(f"Database ready ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}).")


def start_worker() -> subprocess.Popen:
    """The embedded default: one task worker beside the web server, stopped when the server stops."""
    worker = subprocess.Popen([sys.executable, "-m", "borderless.cli", "worker"])
    atexit.register(_stop, worker, os.getpid())
    return worker


def _stop(worker: subprocess.Popen, owner: int) -> None:
    # Forked web workers inherit this hook; only the process that started the worker stops it.
    if os.getpid() == owner and worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
