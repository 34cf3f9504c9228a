"""A bilingual pair as the history and the incident record show it: one entry with both texts,
Welsh first, and on each account the link of each language's post and how far apart they went
out (the Welsh Language Standards ask that the two be published together, so the gap is on
record for anyone who asks)."""

from __future__ import annotations

from datetime import timedelta

from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import HistoryPair, PartOut
from safedesk.core.pairs import WELSH

LANGUAGES_MARK = "cy + en"  # the pair's two languages, as a code a reader of either knows


def welsh_first(own_text: str, pair: HistoryPair) -> tuple[str, str]:
    """The pair's two texts, Welsh then English, whichever the draft was written in first."""
    return (pair.text, own_text) if pair.language == WELSH else (own_text, pair.text)


def language_parts(parts: tuple[PartOut, ...]) -> tuple[PartOut, ...]:
    """The parts that are one language of a pair each (a thread's parts have no language)."""
    return tuple(part for part in parts if part.language)


def gap(parts: tuple[PartOut, ...]) -> timedelta | None:
    """How long after the first language's post the second went out; None when the pair went
    out as one post, or a time is not known."""
    times = [part.out_at for part in language_parts(parts)]
    if len(times) < 2 or None in times:
        return None
    known = [t for t in times if t is not None]
    return max(known) - min(known)


def parts_json(parts: tuple[PartOut, ...]) -> list[dict[str, str | None]]:
    """Each language's post on one account, for ``--json`` and the incident export."""
    return [{"language": part.language, "url": part.url, "remote_id": part.remote_id,
             "out_at": part.out_at.isoformat() if part.out_at else None}
            for part in language_parts(parts)]


def gap_message(parts: tuple[PartOut, ...]) -> Message | None:
    """"The English went out 3 seconds after the Welsh", or None when there is no gap to say.
    Whole sentences for each order: Welsh mutates a language's name after "y"."""
    apart = gap(parts)
    if apart is None:
        return None
    seconds = round(apart.total_seconds())
    welsh_out = next((p.out_at for p in parts if p.language == WELSH), None)
    english_out = next((p.out_at for p in parts if p.language not in ("", WELSH)), None)
    english_first = welsh_out is not None and english_out is not None and english_out < welsh_out
    if seconds == 0:  # the usual case: both went out together
        return msg("The English went out within a second of the Welsh.") if not english_first \
            else msg("The Welsh went out within a second of the English.")
    if english_first:
        return msgn("The Welsh went out {count} second after the English.",
                    "The Welsh went out {count} seconds after the English.", seconds)
    return msgn("The English went out {count} second after the Welsh.",
                "The English went out {count} seconds after the Welsh.", seconds)


def links_message(parts: tuple[PartOut, ...]) -> Message:
    """Each language's link, and the gap between them: what a history line says of a pair."""
    if not language_parts(parts):
        return msg("{languages}: one post holding both languages", languages=LANGUAGES_MARK)
    links = "  ".join(f"{part.language}: {part.url or part.remote_id}"
                      for part in language_parts(parts))
    told = gap_message(parts)
    if told is None:
        return msg("{languages}: {links}", languages=LANGUAGES_MARK, links=links)
    return msg("{languages}: {links} ({gap})", languages=LANGUAGES_MARK, links=links, gap=told)


def history_json(pair: HistoryPair) -> dict[str, object]:
    """What ``history --json`` adds to a pair's row (the row's own fields stay as they are):
    the second language and the first line of its text, each language's post on the account,
    and the seconds between them."""
    apart = gap(pair.parts)
    lines = pair.text.strip().splitlines()
    return {"translation": {"language": pair.language, "text": lines[0] if lines else ""},
            "parts": parts_json(pair.parts),
            "parts_gap_seconds": apart.total_seconds() if apart is not None else None}
