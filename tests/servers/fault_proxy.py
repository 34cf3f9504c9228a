"""An HTTP fault proxy on 127.0.0.1, in front of the Mastodon test server or the reference PDS.

SafeDesk is given the proxy's address as the account's server. Every request is forwarded as it
is; rules (test controls) choose what happens around one kind of request:

- ``on_answer(method, path_prefix, hook)``: the request reaches the server and is processed;
  ``hook()`` runs before the answer is passed back (kill the client, fill its disk, lock its
  database...), then the answer is dropped (``relay=False``) or passed on.
- ``freeze_after(method, path_prefix)``: the request is processed, then the whole proxy
  freezes, that answer and every later request included, as a server stopped mid-request
  would, until ``thaw()``.
- ``count(method, path_prefix)``: how many such requests reached the server.

It speaks HTTP/1.1 with ``Connection: close`` to both sides, which is all Mastodon.py (requests)
and atproto (httpx) need.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade",
               "te", "trailer", "content-length"}


@dataclass
class _Rule:
    method: str
    prefix: str
    hook: Callable[[], None] | None
    relay: bool
    freeze: bool
    times: int


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._open = threading.Event()
        self._open.set()
        self._seen: list[tuple[str, str]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return

            def _serve(self) -> None:
                proxy._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.thaw()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the proxy is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # --- controls ----------------------------------------------------------------------------

    def on_answer(self, method: str, prefix: str, hook: Callable[[], None] | None = None, *,
                  relay: bool = True, times: int = 1) -> None:
        with self._lock:
            self._rules.append(_Rule(method, prefix, hook, relay, freeze=False, times=times))

    def freeze_after(self, method: str, prefix: str) -> None:
        with self._lock:
            self._rules.append(_Rule(method, prefix, None, True, freeze=True, times=1))

    def thaw(self) -> None:
        self._open.set()

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def count(self, method: str, prefix: str) -> int:
        with self._lock:
            return sum(1 for m, p in self._seen if m == method and p.startswith(prefix))

    # --- forwarding --------------------------------------------------------------------------

    def _rule_for(self, method: str, path: str) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.method == method and path.startswith(rule.prefix):
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                    return rule
        return None

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        self._open.wait()
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = urlsplit(handler.path).path
        rule = self._rule_for(handler.command, path)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_BY_HOP}
        headers["Connection"] = "close"
        upstream = http.client.HTTPConnection(self._host, self._port, timeout=120)
        try:
            upstream.request(handler.command, handler.path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
            status, reason, answer_headers = answer.status, answer.reason, answer.getheaders()
        except OSError:
            handler.close_connection = True
            return
        finally:
            upstream.close()
        with self._lock:
            self._seen.append((handler.command, path))
        if rule is not None and rule.freeze:
            self._open.clear()
            self._open.wait()
        if rule is not None and rule.hook is not None:
            rule.hook()
        if rule is not None and not rule.relay:
            handler.close_connection = True
            return
        try:
            handler.send_response_only(status, reason)  # the server's own Date and Server
            for name, value in answer_headers:
                if name.lower() not in _HOP_BY_HOP:
                    handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(payload)))
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up (or was killed) meanwhile
        handler.close_connection = True
