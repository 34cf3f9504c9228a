"""The one-shot listener on 127.0.0.1 that receives the browser's OAuth redirect.

It answers the first redirect that carries ``code`` or ``error`` and hands its query parameters
to the waiting sign-in; later ones get 409. The query holds the authorization code, so nothing
here logs it. Used by :class:`safedesk.platforms.mastodon_signin.LoopbackOAuth`.
"""

from __future__ import annotations

import queue
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit

from safedesk.core.errors import ConnectionFailedError
from safedesk.core.messages import msg

CALLBACK_PATH = "/callback"


class OneShotServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), CallbackHandler)
        self.answers: queue.Queue[dict[str, str] | None] = queue.Queue()
        self.answered = threading.Event()
        self.lock = threading.Lock()

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the address."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", int(self.server_address[1])


_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SafeDesk</title>'
         '</head><body><p>{}</p></body></html>')


class CallbackHandler(BaseHTTPRequestHandler):
    timeout = 10  # a browser's idle pre-connection must not hold a thread for long

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """The query holds the authorization code: never log it."""

    def do_GET(self) -> None:
        server = cast(OneShotServer, self.server)
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        status, text = 404, "Nothing here."
        if parts.path == CALLBACK_PATH and ("code" in params or "error" in params):
            with server.lock:
                first = not server.answered.is_set()
                server.answered.set()
            if first:
                server.answers.put(params)
                status, text = 200, "SafeDesk has the answer. You can close this tab now."
            else:
                status, text = 409, "This sign-in was already answered."
        body = _PAGE.format(text).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class CallbackListener:
    """The one-shot HTTP listener on 127.0.0.1 that receives the browser's redirect."""

    def __init__(self, preferred_port: int | None) -> None:
        try:
            self._server = OneShotServer(preferred_port or 0)
        except OSError:  # the port used last time is busy now
            self._server = OneShotServer(0)
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_port}{CALLBACK_PATH}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        kwargs={"poll_interval": 0.1}, name="mastodon-sign-in")
        self._thread.start()

    def wait(self, seconds: float) -> dict[str, str] | None:
        """The redirect's query parameters; None when closed first. Raises on time-out."""
        try:
            return self._server.answers.get(timeout=seconds)
        except queue.Empty:
            raise ConnectionFailedError(
                msg("SafeDesk did not hear back from your browser within {minutes:.0f} "
                    "minutes, so nothing was signed in. Try again, or sign in with a code "
                    "instead.", minutes=seconds / 60)) from None

    def close(self) -> None:
        self._server.answers.put(None)
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
