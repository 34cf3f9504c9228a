"""A small web server on 127.0.0.1 that serves the pages link cards are read from, with the
faults a stranger's server may have: too slow, not a web page, too large, a broken picture."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests import image_samples as samples


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # Called before the answer is sent (a slow server waits here).
    before: Callable[[], None] | None = None
    # Sent again and again after ``body``, with no length given, until the client hangs up.
    endless: bytes = b""


def og_page(title: str, description: str, image: str | None) -> bytes:
    picture = f'<meta property="og:image" content="{image}">' if image else ""
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>Not this one</title>'
            f'<meta property="og:title" content="{title}">'
            f'<meta name="description" content="Not this either">'
            f'<meta property="og:description" content="{description}">{picture}'
            f"</head><body><p>Hello</p></body></html>").encode()


class PageServer:
    """Serves ``pages`` by path; every request's path is kept in ``requests``."""

    def __init__(self, folder: Path) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[str] = []
        self.release = threading.Event()  # what a held page waits for
        self.held = threading.Event()  # set once a held page has been asked for
        self._folder = folder
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                page = server.pages.get(self.path)
                if page is None:
                    page = Page(b"not here", "text/plain", 404)
                if page.before is not None:
                    page.before()
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    if not page.endless:
                        self.send_header("Content-Length", str(len(page.body)))
                    for name, value in page.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(page.body)
                    for _ in range(1_000_000 if page.endless else 0):  # gigabytes, at most
                        self.wfile.write(page.endless)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up reading, as it should with a huge answer

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def hold(self) -> None:
        """Wait, in the server, until the test calls ``release.set()``."""
        self.held.set()
        self.release.wait(30)

    def picture(self, size: tuple[int, int] = (120, 63)) -> bytes:
        return samples.png(self._folder / "card.png", size).read_bytes()

    def add_card_page(self, path: str, title: str, description: str,
                      *, picture: bytes | None = None) -> str:
        """A page with og tags and (when given) its picture at ``path.png``; returns its URL."""
        image = None
        if picture is not None:
            self.pages[f"{path}.png"] = Page(picture, "image/png")
            image = f"{path}.png"  # relative, as many sites write it
        self.pages[path] = Page(og_page(title, description, image))
        return f"{self.url}{path}"

    def __enter__(self) -> PageServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.release.set()
        self._http.shutdown()
        self._http.server_close()
