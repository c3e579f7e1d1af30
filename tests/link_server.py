"""A real HTTP server on 127.0.0.1 for the link checker's tests: one route per case.

It runs in a thread of the test process, answers each request in its own thread, and
records what it saw (User-Agents, how many requests were in flight at once per host).
"""

from __future__ import annotations

import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: LinkServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server = self.server
        host = self.headers.get("Host", "").split(":")[0]
        with server.lock:
            server.user_agents.append(self.headers.get("User-Agent", ""))
            server.hits[self.path] += 1
            server.in_flight[host] += 1
            server.most_at_once[host] = max(server.most_at_once[host], server.in_flight[host])
        try:
            server.routes.get(self.path.split("?")[0], not_found)(self)
        except (BrokenPipeError, ConnectionResetError):
            server.hung_up[self.path] += 1  # the client stopped reading: what a body cap does
        finally:
            with server.lock:
                server.in_flight[host] -= 1

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route], tls: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.routes = routes
        self.lock = threading.Lock()
        self.user_agents: list[str] = []
        self.hits: Counter[str] = Counter()
        self.hung_up: Counter[str] = Counter()
        self.in_flight: Counter[str] = Counter()
        self.most_at_once: Counter[str] = Counter()

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.server_address[1]}{path}"


@contextmanager
def serving(routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> Iterator[LinkServer]:
    server = LinkServer(routes, tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def page(text: str, status: int = 200) -> Route:
    return lambda handler: handler.send(status, f"<!doctype html><title>Job</title><main>{text}</main>".encode())


def redirect(to: str, status: int = 301) -> Route:
    return lambda handler: handler.send(status, headers={"Location": to})


def not_found(handler: Handler) -> None:
    handler.send(404, b"<p>Not found</p>")


def busy_once(retry_after: str) -> Route:
    """429 with Retry-After the first time, then the page."""

    def route(handler: Handler) -> None:
        if handler.server.hits[handler.path] == 1:
            handler.send(429, b"slow down", {"Retry-After": retry_after})
        else:
            page("Apply for the data internship")(handler)

    return route


def trickle(seconds: float) -> Route:
    """Headers at once, then a byte now and then: only a total timeout stops it."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(0.1)

    return route


def huge(megabytes: int) -> Route:
    """A page that would go on for ``megabytes``; records how far it got."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(megabytes * 1024 * 1024))
        handler.end_headers()
        chunk = b"<p>" + b"x" * 1017 + b"</p>\n"
        for _ in range(megabytes * 1024):
            handler.wfile.write(chunk)

    return route


def slow(seconds: float) -> Route:
    def route(handler: Handler) -> None:
        time.sleep(seconds)
        page("Apply here")(handler)

    return route


def untrusted_tls(folder: Path) -> ssl.SSLContext:
    """A server context with a certificate from a throwaway CA that no client trusts."""
    import trustme

    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context
