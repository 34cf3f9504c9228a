"""Mastodon's status length rule and plain text to HTML, for the Mastodon test server."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tests.servers.mastodon_state import URL_CHARS, escape

# --- status length and rendering ------------------------------------------------------------

_URL_RE = re.compile(
    r"(?<![\w@$#/\uff20\uff03])https?://(?:[\w-]+\.)+[^\W\d_]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?",
    re.I,
)
_MENTION_RE = re.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@(\w+(?:[.-]+\w+)*))?", re.I
)
_HASHTAG_RE = re.compile(r"(?<![=/)\w])#(\w*[^\W\d_]\w*)")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    kind: str  # "url", "mention" or "hashtag"
    value: str
    domain: str | None = None


def _trim_url(url: str) -> str:
    while url and (url[-1] in ".,:;!?'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def extract_entities(text: str) -> list[Entity]:
    """http(s) URLs, mentions and hashtags; overlapping ones dropped, URLs winning."""
    found = [
        Entity(m.start(), m.start() + len(_trim_url(m[0])), "url", _trim_url(m[0]))
        for m in _URL_RE.finditer(text)
    ]
    found += [Entity(m.start(), m.end(), "mention", m[1], m[2]) for m in _MENTION_RE.finditer(text)]
    found += [Entity(m.start(), m.end(), "hashtag", m[1]) for m in _HASHTAG_RE.finditer(text)]
    kept: list[Entity] = []
    for ent in found:
        if all(ent.end <= k.start or ent.start >= k.end for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: e.start)


def _pictographic(cp: int) -> bool:
    return 0x1F000 <= cp <= 0x1FAFF or 0x2190 <= cp <= 0x2BFF or cp in (0xA9, 0xAE, 0x203C)


def _extends(ch: str) -> bool:
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or cp in (0x200D, 0xFE0E, 0xFE0F)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # emoji tag sequences
        or 0x1160 <= cp <= 0x11FF  # Hangul medial vowels and final consonants
    )


def grapheme_length(text: str) -> int:
    """Approximate UAX 29 extended grapheme clusters: combining marks, variation selectors, skin
    tones, tags, ZWJ emoji sequences, regional-indicator flags and CRLF each count once."""
    count, prev, pictographic, open_flag = 0, "", False, False
    for ch in text:
        cp = ord(ch)
        flag = 0x1F1E6 <= cp <= 0x1F1FF
        joins = bool(prev) and (
            _extends(ch)
            or (prev == "\r" and ch == "\n")
            or (prev == "\u200d" and pictographic and _pictographic(cp))
            or (flag and open_flag)
        )
        if not joins:
            count, pictographic = count + 1, _pictographic(cp)
        open_flag = flag and not (joins and open_flag)
        prev = ch
    return count


def countable_length(text: str, spoiler_text: str, url_chars: int = URL_CHARS) -> int:
    """Mastodon's StatusLengthValidator: spoiler + text in grapheme clusters, each URL counted as
    ``url_chars``, ``@user@domain`` counted as ``@user``."""
    parts, pos = [], 0
    for ent in extract_entities(text):
        swap = {"url": "x" * url_chars, "mention": "@" + ent.value}
        parts += [text[pos : ent.start], swap.get(ent.kind, text[ent.start : ent.end])]
        pos = ent.end
    return grapheme_length(spoiler_text + "".join(parts) + text[pos:])



def url_anchor(url: str) -> str:
    match = re.match(r"(https?://(?:www\.)?)(.*)", url, re.I | re.S)
    prefix, rest = (match[1], match[2]) if match else ("", url)
    shown, hidden = rest[:30], rest[30:]
    return (
        f'<a href="{escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
        f'<span class="invisible">{escape(prefix)}</span><span class="'
        f'{"ellipsis" if hidden else ""}">{escape(shown)}</span><span class="invisible">'
        f"{escape(hidden)}</span></a>"
    )


def simple_format(rendered: str) -> str:
    """Rails' simple_format as Mastodon uses it: ``<p>`` per blank-line-separated paragraph and
    ``<br />`` for single newlines."""
    if not rendered.strip():
        return ""
    paragraphs = re.split(r"\n\n+", rendered.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(f"<p>{p.strip(chr(10)).replace(chr(10), '<br />')}</p>" for p in paragraphs)
