"""The HTTP side of the Mastodon test server: a loopback ``ThreadingHTTPServer`` that turns
each request into a :class:`~tests.servers.mastodon_state.Request` for the app and writes its
:class:`~tests.servers.mastodon_state.Response` back (or drops the connection when the app
answers None, as a fault asks). HTTP/1.1 with keep-alive; no TLS, HTTP/2, gzip or chunked
request bodies."""

from __future__ import annotations

import socketserver
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from tests.servers.mastodon_state import Request, Response


class RequestHandlingApp(Protocol):
    def handle(self, req: Request) -> Response | None:
        """The answer to ``req``; None: drop the connection without answering."""


class LoopbackHttpServer(ThreadingHTTPServer):
    """Serves ``app`` on 127.0.0.1 at a free port, one thread per connection."""

    daemon_threads = True

    def __init__(self, app: RequestHandlingApp) -> None:
        super().__init__(("127.0.0.1", 0), _RequestHandler)
        self.app = app

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the address."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", int(self.server_address[1])


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "MastodonTestServer/1"
    timeout = 10  # idle keep-alive connections end after this many seconds
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep test output quiet."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts, headers = urlsplit(self.path), {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, parts.path, parts.query, headers, body,
                          self.client_address[0])
        response = cast(LoopbackHttpServer, self.server).app.handle(request)
        if response is None:
            self.close_connection = True
            return
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve  # noqa: N815 - stdlib names
