"""Bluesky rich-text facets: where the links, mentions and hashtags are, in UTF-8 byte offsets.

Bluesky does not detect these itself; a post carries them as facets whose ``byteStart`` and
``byteEnd`` index the UTF-8 encoding of the text. Offsets are computed on the encoded text, so
they stay right after emoji, accents and right-to-left scripts. Mentions are returned with their
handle; turning a handle into a DID needs the network and is the adapter's job.

Links follow the Bluesky app's own detection (``detectFacets`` in @atproto/api): a URL with
``http(s)://``, or a bare domain such as ``www.gov.uk/bins`` when it starts the text or follows
white space or "(" and ends in a top-level domain IANA lists (in lower case, as the app checks),
linked as ``https://`` + the text. Where the app's heuristic breaks a link, SafeDesk does
better, on purpose: every trailing punctuation mark is left out (the app drops one), a closing
parenthesis is kept only when it closes one opened inside the link (``…/Foo_(bar)`` keeps it,
``(see https://x.org/a)`` does not take it, at any depth), domain labels may hold hyphens, and a
URL with its scheme is found after quotes and brackets too, and in capitals.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import regex

from safedesk.core.graphemes import grapheme_count
from safedesk.core.tld_list import TOP_LEVEL_DOMAINS

# White space as JavaScript's ``\s`` has it (the app's patterns run in JavaScript): Python's own
# leaves out U+FEFF.
_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Handles as in Bluesky's reference code, anchored with look-behinds so a facet may also start
# the text, and with top-level domains up to 63 letters (``.example``, ``.council``).
_MENTION = regex.compile(
    r"(?<![A-Za-z0-9_@])@(?P<value>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+"
    r"[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)"
)
# A URL with its scheme may follow anything but a letter, digit or "/" (so quotes and brackets
# around it work); a bare domain, as in the app, only the start, white space or "(".
_LINK = regex.compile(
    rf"(?<![A-Za-z0-9_/])(?P<value>[hH][tT][tT][pP][sS]?://[^{_SPACE}]+)"
    rf"|(?:^|(?<=[{_SPACE}(]))(?P<value>(?P<domain>[a-zA-Z][a-zA-Z0-9]*(?:-+[a-zA-Z0-9]+)*"
    rf"(?:\.[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*)+)[^{_SPACE}]*)"
)
_TRAILING_IN_LINK = ".,;:!?'\"\u201d\u2019\u00bb>*"  # closing quotes too
_CLOSING = {")": "(", "]": "[", "}": "{"}
_TAG = regex.compile(
    r"(?<![^\s])[#\uFF03](?P<value>(?!\uFE0F)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2]*"
    r"[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2]+"
    r"[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2]*)"
)
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+$")
MAX_TAG_GRAPHEMES = 64


class FacetKind(enum.StrEnum):
    LINK = "link"
    MENTION = "mention"
    TAG = "tag"


@dataclass(frozen=True, slots=True)
class FacetSpan:
    kind: FacetKind
    byte_start: int
    byte_end: int
    value: str  # the URL, the handle without "@", or the tag without "#"


@dataclass(frozen=True, slots=True)
class _CharSpan:
    """A facet found in the text, by character (code point) positions."""

    kind: FacetKind
    start: int
    end: int
    value: str


def trim_link_end(link: str, trailing: str) -> str:
    """The link without the ``trailing`` marks that end the sentence around it, and without a
    closing bracket that closes none opened inside it."""
    while link:
        last = link[-1]
        opening = _CLOSING.get(last)
        if last in trailing or (opening is not None and link.count(opening) < link.count(last)):
            link = link[:-1]
        else:
            break
    return link


def _link_spans(text: str) -> list[_CharSpan]:
    spans: list[_CharSpan] = []
    for match in _LINK.finditer(text):
        domain = match.group("domain")
        if domain is not None and domain.rsplit(".", 1)[1] not in TOP_LEVEL_DOMAINS:
            continue  # "e.g.", "file.txt", "Done.Now": not links
        link = trim_link_end(match.group("value"), _TRAILING_IN_LINK)
        if domain is None and link.endswith("://"):
            continue  # a scheme with nothing after it
        start = match.start("value")
        uri = link if domain is None else f"https://{link}"
        spans.append(_CharSpan(FacetKind.LINK, start, start + len(link), uri))
    return spans


def _mention_spans(text: str) -> list[_CharSpan]:
    # The span covers the "@" too.
    return [_CharSpan(FacetKind.MENTION, m.start("value") - 1, m.end("value"), m.group("value"))
            for m in _MENTION.finditer(text)]


def _tag_spans(text: str) -> list[_CharSpan]:
    spans: list[_CharSpan] = []
    for match in _TAG.finditer(text):
        tag = _TRAILING_PUNCTUATION.sub("", match.group("value"))
        # Never more clusters than code points: most tags need no counting.
        if not tag or (len(tag) > MAX_TAG_GRAPHEMES and grapheme_count(tag) > MAX_TAG_GRAPHEMES):
            continue
        # The "#" may be the fullwidth one; either way it is one character.
        spans.append(_CharSpan(FacetKind.TAG, match.start(), match.start("value") + len(tag),
                               tag))
    return spans


def _in_bytes(text: str, spans: list[_CharSpan]) -> list[FacetSpan]:
    """The spans (in text order, not overlapping) with UTF-8 byte offsets, encoding each piece
    of the text once rather than every prefix again."""
    if text.isascii():
        return [FacetSpan(s.kind, s.start, s.end, s.value) for s in spans]
    result: list[FacetSpan] = []
    char_pos = byte_pos = 0
    for span in spans:
        byte_pos += len(text[char_pos:span.start].encode("utf-8"))
        end = byte_pos + len(text[span.start:span.end].encode("utf-8"))
        result.append(FacetSpan(span.kind, byte_pos, end, span.value))
        char_pos, byte_pos = span.end, end
    return result


def find_facets(text: str) -> list[FacetSpan]:
    """Every link, mention and hashtag, in text order, never overlapping.

    A mention-like run inside a URL (``https://x.org/@jo.example``) belongs to the URL.
    """
    candidates = sorted(_link_spans(text) + _mention_spans(text) + _tag_spans(text),
                        key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_CharSpan] = []
    for span in candidates:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return _in_bytes(text, kept)
