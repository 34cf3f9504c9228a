"""Threads: a post too long for an account, split into numbered parts that each fit.

The parts are fixed text, chosen once in the compose box and then stored, approved and published
as they are, identical on every platform, so that an approval binds to exactly what goes out.
Splitting therefore fits every part to the strictest of the chosen accounts: each part is
measured with each account's own check (``target_check.check_for``), the first part with the
content warning that goes on it (as the images do), the later parts bare.

Text is cut between sentences where it can, between words where a sentence is too long, and
inside a word only when a single word is longer than a whole part. Each part ends with its
number, `` 1/3``, so readers know more follows and the order survives any reordering.

Each part has its own idempotency key on each account, derived from the publication's key
(:func:`part_key`): a TID one microsecond later per part, so it is still a valid Bluesky record
key, sorts after the part before, and is the same on every retry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from safedesk.core.messages import msg
from safedesk.core.models import Account, Content, Publication
from safedesk.core.platform import RemoteRef, is_tid, make_tid, tid_fields
from safedesk.core.target_check import check_for

# A sentence runs to its closing punctuation (with any closing quotes or brackets) and the
# white space after it, or to a line break, or to the end of the text.
_SENTENCE = regex.compile(r"\S.*?(?:[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|(?=\n)|$)\s*", regex.DOTALL)
_WORD = regex.compile(r"\S+\s*")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
MAX_PARTS = 99  # a thread longer than this is better written as something else

Fits = Callable[[str, bool], bool]


class ThreadTooLongError(ValueError):
    """The text would need more than :data:`MAX_PARTS` parts."""


def part_label(index: int, total: int) -> str:
    """The label a part ends with: ``1/3``."""
    return f"{index + 1}/{total}"


def fits_every(accounts: Sequence[Account], content: Content) -> Fits:
    """``fits(text, is_first)``: whether a part of that text fits every account, the first part
    carrying ``content``'s warning (and on Bluesky what the person chose for it)."""

    def fits(text: str, is_first: bool) -> bool:
        if is_first:
            return all(check_for(account, text, content.content_warning,
                                 content.cw_on_bluesky).length.ok for account in accounts)
        return all(check_for(account, text).length.ok for account in accounts)
    return fits


def split_text(text: str, fits: Fits) -> tuple[str, ...]:
    """``text`` as numbered parts, each of which ``fits``; one part (unnumbered) when it fits
    whole. Raises ThreadTooLongError past :data:`MAX_PARTS`, and ValueError when not even one
    character fits a part (the warning alone is too long, say)."""
    text = text.strip()
    if not text or fits(text, True):
        return (text,) if text else ()
    # The label's width depends on the count, which depends on the label's width: try the
    # widths in turn (9 parts or fewer, then 99 or fewer).
    for widest in (9, MAX_PARTS):
        parts = _pack(text, fits, widest)
        if len(parts) <= widest:
            total = len(parts)
            return tuple(f"{part} {part_label(i, total)}" for i, part in enumerate(parts))
    raise ThreadTooLongError(msg("This text would need more than {limit} parts.", limit=MAX_PARTS))


def _pack(text: str, fits: Fits, widest: int) -> list[str]:
    """Greedy packing: each part takes as many whole pieces as fit with the widest label."""
    label = " " + part_label(widest - 1, widest)

    def fits_as(body: str, index: int) -> bool:
        return fits(body.strip() + label, index == 0)

    parts: list[str] = []
    current = ""
    for piece in _pieces(text, lambda piece: fits_as(piece, 1) and fits_as(piece, 0)):
        if current and not fits_as(current + piece, len(parts)):
            parts.append(current.strip())
            current = ""
            if len(parts) > widest:
                break
        current += piece
    if current.strip():
        parts.append(current.strip())
    return parts


def _pieces(text: str, alone_fits: Callable[[str], bool]) -> list[str]:
    """Sentences; a sentence too long for a part as its words; a word too long as graphemes."""
    pieces: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if alone_fits(sentence):
            pieces.append(sentence)
            continue
        for word in _WORD.findall(sentence):
            if alone_fits(word):
                pieces.append(word)
                continue
            chunk = ""
            for grapheme in _GRAPHEME.findall(word):
                if chunk and not alone_fits(chunk + grapheme):
                    pieces.append(chunk)
                    chunk = ""
                chunk += grapheme
            if chunk:
                if not alone_fits(chunk):
                    raise ValueError(msg("Not even one character fits in a part of a thread "
                                         "here."))
                pieces.append(chunk)
    return pieces


def part_key(key: str, index: int) -> str:
    """The idempotency key (and Bluesky record key) of part ``index`` (from 0) of a thread
    whose publication has ``key``: the key itself for the first part, then a TID ``index``
    microseconds later with the same clock id."""
    if index == 0:
        return key
    if not is_tid(key):
        return f"{key}-{index + 1}"
    microseconds, clock_id = tid_fields(key)
    return make_tid(microseconds + index, clock_id)


def posted_refs(publication: Publication) -> tuple[RemoteRef, ...]:
    """Every post a publication made on its account, in order: a thread's parts, or its one
    post. A reply to a thread goes under the last; deleting a thread deletes them all."""
    if publication.parts_out:
        return tuple(RemoteRef(p.remote_id, p.uri, p.cid) for p in publication.parts_out)
    return (RemoteRef(publication.remote_id, publication.remote_uri, publication.remote_cid),)
