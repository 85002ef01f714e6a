"""Real Redis and Memcached servers for tests, spawned on loopback on free ports and stopped after.

    with redis_server() as url:        # "redis://127.0.0.1:PORT/0"
    with memcached_server() as loc:    # "127.0.0.1:PORT"

When the binary is missing, ``tests.venvs.missing`` skips (outside CI) or fails (in CI): ``.ci/run``
installs redis-server and memcached with apt-get.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time

from tests.venvs import missing

READY_TIMEOUT = 30  # seconds to wait for a spawned server to accept connections (not an assertion)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on (for the 'server is down' tests)."""
    return free_port()


def _wait_ready(proc: subprocess.Popen, port: int, probe: bytes, expect: bytes) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
                conn.sendall(probe)
                if expect in conn.recv(256):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def _server(binary: str, argv_for_port, probe: bytes, expect: bytes, what: str):
    exe = shutil.which(binary)
    if not exe:
        missing(f"{binary} is not installed (apt-get install -y {what}); needed for the real {binary} cache tests")
    last_err = ""
    for _attempt in range(5):  # a free port can be taken between probing and binding: try again
        port = free_port()
        with tempfile.TemporaryDirectory(prefix=f"{binary}-") as workdir:
            proc = subprocess.Popen(
                [exe, *argv_for_port(port)], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            try:
                if _wait_ready(proc, port, probe, expect):
                    yield port
                    return
                _stop(proc)
                last_err = (proc.stdout.read() or b"").decode(errors="replace")[-500:] if proc.stdout else ""
            finally:
                _stop(proc)
                if proc.stdout:
                    proc.stdout.close()
    raise RuntimeError(f"could not start {binary}: {last_err}")


@contextlib.contextmanager
def redis_server():
    args = lambda port: ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                         "--daemonize", "no", "--protected-mode", "yes"]
    with _server("redis-server", args, b"PING\r\n", b"PONG", "redis-server") as port:
        yield f"redis://127.0.0.1:{port}/0"


@contextlib.contextmanager
def memcached_server():
    def args(port):
        argv = ["-l", "127.0.0.1", "-p", str(port), "-U", "0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv += ["-u", "root"]  # memcached refuses to run as root without it
        return argv

    with _server("memcached", args, b"version\r\n", b"VERSION", "memcached") as port:
        yield f"127.0.0.1:{port}"
