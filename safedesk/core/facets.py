"""Bluesky rich-text facets: where the links, mentions and hashtags are, in UTF-8 byte offsets.

Bluesky does not detect these itself; a post carries them as facets whose ``byteStart`` and
``byteEnd`` index the UTF-8 encoding of the text. Offsets are computed on the encoded text, so
they stay right after emoji, accents and right-to-left scripts. Mentions are returned with their
handle; turning a handle into a DID needs the network and is the adapter's job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import regex

# Patterns as in Bluesky's own reference code, anchored with look-behinds so a facet may also
# start the text, and with top-level domains up to 63 letters (``.example``, ``.council``).
_MENTION = regex.compile(
    rb"(?<![\w@])@(?P<value>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+"
    rb"[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)"
)
_LINK = regex.compile(
    rb"(?<![\w/])(?P<value>https?://(?:www\.)?[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,63}\b"
    rb"(?:[-a-zA-Z0-9()@:%_+.~#?&/=]*[-a-zA-Z0-9@%_+~#/=])?)"
)
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


def _byte_spans(text: str) -> list[FacetSpan]:
    data = text.encode("utf-8")
    spans: list[FacetSpan] = []
    for kind, pattern in ((FacetKind.MENTION, _MENTION), (FacetKind.LINK, _LINK)):
        for match in pattern.finditer(data):
            start, end = match.span("value")
            if kind is FacetKind.MENTION:
                start -= 1  # the facet covers the "@" too
            spans.append(FacetSpan(kind, start, end, match.group("value").decode("utf-8")))
    return spans


def _tag_spans(text: str) -> list[FacetSpan]:
    spans: list[FacetSpan] = []
    char_pos = byte_pos = 0  # walk forward once instead of re-encoding every prefix
    for match in _TAG.finditer(text):
        tag = _TRAILING_PUNCTUATION.sub("", match.group("value"))
        if not tag or len(regex.findall(r"\X", tag)) > MAX_TAG_GRAPHEMES:
            continue
        byte_pos += len(text[char_pos: match.start()].encode("utf-8"))
        char_pos = match.start()
        # The "#" may be the fullwidth one: its own length counts, not one byte.
        hash_bytes = len(text[match.start(): match.start("value")].encode("utf-8"))
        end = byte_pos + hash_bytes + len(tag.encode("utf-8"))
        spans.append(FacetSpan(FacetKind.TAG, byte_pos, end, tag))
    return spans


def find_facets(text: str) -> list[FacetSpan]:
    """Every link, mention and hashtag, in text order, never overlapping.

    A mention-like run inside a URL (``https://x.org/@jo.example``) belongs to the URL.
    """
    candidates = sorted(_byte_spans(text) + _tag_spans(text),
                        key=lambda s: (s.byte_start, -(s.byte_end - s.byte_start)))
    kept: list[FacetSpan] = []
    for span in candidates:
        if kept and span.byte_start < kept[-1].byte_end:
            continue
        kept.append(span)
    return kept
