"""A TCP fault proxy on 127.0.0.1 in front of the test PostgreSQL.

A desk is given the proxy's port instead of the server's. Bytes pass through unchanged (TLS
negotiation included) until a rule matches:

- ``on_answer(marker, hook)``: once a client sends a message containing ``marker`` (the text of a
  query, e.g. ``b"change_draft"``), the server's answer to it is held back: ``hook()`` runs (stop
  and start the server, say), then that connection is cut without passing the answer on, as a
  network or a server dying after the commit but before the reply would. PostgreSQL sends its
  answer to an autocommit call only after the transaction has committed, so the change is made.

Each rule fires once; every other connection and message passes untouched.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from tests.servers.pds_harness import free_loopback_port


@dataclass
class _Rule:
    marker: bytes
    hook: Callable[[], None]
    fired: bool = False


class PgFaultProxy:
    def __init__(self, upstream_port: int, host: str = "127.0.0.1") -> None:
        self.host = host
        self.upstream_port = upstream_port
        self.port = free_loopback_port()
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._closing = threading.Event()
        self.cut = 0  # connections cut by a rule

    def start(self) -> PgFaultProxy:
        listener = socket.create_server((self.host, self.port))
        listener.settimeout(0.2)
        self._listener = listener
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._listener is not None:
            self._listener.close()

    def __enter__(self) -> PgFaultProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def on_answer(self, marker: bytes, hook: Callable[[], None]) -> None:
        with self._lock:
            self._rules.append(_Rule(marker, hook))

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection((self.host, self.upstream_port))
        except OSError:
            client.close()
            return
        armed: list[_Rule] = []  # the rule a message on this connection matched

        def upstream() -> None:
            with contextlib.suppress(OSError):
                while data := client.recv(65536):
                    with self._lock:
                        for rule in self._rules:
                            if not rule.fired and rule.marker in data:
                                rule.fired = True
                                armed.append(rule)
                    server.sendall(data)
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_WR)

        threading.Thread(target=upstream, daemon=True).start()
        with contextlib.suppress(OSError):
            while data := server.recv(65536):
                if armed:
                    armed[0].hook()
                    self.cut += 1
                    break
                client.sendall(data)
        for end in (client, server):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
