"""Mastodon's status HTML back to the plain text that was posted."""

from __future__ import annotations

from html.parser import HTMLParser


class _TextOfHtml(HTMLParser):
    """Mastodon's status HTML back to plain text: paragraphs become blank lines, ``<br>`` a line
    break, and links their full text (Mastodon hides parts of long URLs in invisible spans)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(content: str) -> str:
    parser = _TextOfHtml()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts)
