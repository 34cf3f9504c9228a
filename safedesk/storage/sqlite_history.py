"""``safedesk history``'s query on the SQLite file: every line of the history in one statement,
walked along an index in the history's order, each value as the listing prints it.

A listing of years of history reads a hundred thousand lines and more, so SQLite does all it can
per row and Python as little: the live approval is joined once (its flag, and the approval itself
when it overrode a block), the time is written as ``codec.shown_time`` writes it (Python only
for a time not in SafeDesk's stored form), and a line is made from its row without a Python call.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator

from safedesk.core.models import HistoryLine, Pane
from safedesk.storage import codec

# A history row's live approval, whole, as ``codec.override_approval`` reads it.
APPROVAL_COLUMNS = ("id", "draft_id", "approver_id", "digest", "approved_at", "comment", "flag",
                    "override_reason", "overridden")


def approval_json(table: str) -> str:
    """The approval row of ``table`` (a name or alias) as a JSON object, in SQL."""
    pairs = ", ".join(f"'{column}', {table}.{column}" for column in APPROVAL_COLUMNS)
    return f"json_object({pairs})"


# A bilingual pair's second language and its parts on the account, as ``codec.history_pair``
# reads them; NULL for any other post.
PAIR_JSON = ("CASE WHEN d.content ->> '$.translation' IS NOT NULL THEN json_object("
             "'language', d.content ->> '$.translation.language', "
             "'text', d.content ->> '$.translation.text', 'parts', p.thread) END")


# A share's kind and the shared post's link and author, as ``codec.history_share`` reads them;
# NULL for any other post.
SHARE_JSON = ("CASE WHEN d.content ->> '$.share' IS NOT NULL THEN json_object("
              "'kind', d.content ->> '$.share.kind', 'url', d.content ->> '$.share.url', "
              "'author', d.content ->> '$.share.author') END")


# A stored time as ``codec.shown_time`` writes it, in SQL: the form ``time_text`` stores passes as
# it is, or without its microseconds when they are nought; any other form goes to Python.
_SHOWN_TIME = ("CASE WHEN {time} GLOB '??????????T????????.??????+00:00' THEN "
               "iif(substr({time}, 21, 6) = '000000', substr({time}, 1, 19) || '+00:00', {time}) "
               "WHEN {time} IS NOT NULL THEN shown_time({time}) END")
# SQLite's page cache while a listing reads: it walks three tables' pages in turn, and with the
# default 2 MB many of them were read again from the file (a tenth of a 160,000-line listing).
_LISTING_CACHE_KIB = 16_384
# A row without an override, a pair or a share is its line already: made without a Python call.
_as_line = functools.partial(tuple.__new__, HistoryLine)


def history_lines(conn: sqlite3.Connection, pane: Pane | None,
                  order: str) -> Iterator[HistoryLine]:
    """The lines of the history (of ``pane``) on ``conn``, in ``order`` (an ORDER BY of the
    publications ``p`` that an index holds), read one at a time."""
    where = "WHERE p.pane = ?" if pane is not None else ""
    with _larger_cache(conn):
        conn.create_function("shown_time", 1, codec.shown_time, deterministic=True)
        rows = conn.execute(
            "SELECT p.id, p.draft_id, p.pane, p.account_id, p.state, "  # noqa: S608
            f"{_SHOWN_TIME.format(time='p.published_at')}, coalesce(p.url, ''), "
            "coalesce(p.error, ''), p.imported, coalesce(d.content ->> '$.text', ''), "
            f"coalesce(a.flag, ''), CASE WHEN a.override_reason <> '' THEN {approval_json('a')} "
            f"END, {PAIR_JSON}, {SHARE_JSON} FROM publications p JOIN drafts d ON d.id = p.draft_id "
            "LEFT JOIN approvals a ON a.draft_id = p.draft_id AND a.voided_at IS NULL "
            f"{where} {order}", [pane.value] if pane is not None else [])
        yield from (_as_line(row) if row[-1] is None and row[-2] is None and row[-3] is None
                    else codec.history_line(row) for row in rows)


@contextlib.contextmanager
def _larger_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """``conn`` with a page cache of :data:`_LISTING_CACHE_KIB` until the ``with`` ends."""
    kept = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{_LISTING_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {kept}")
