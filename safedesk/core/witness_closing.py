"""Holding the tables to the trail as the walk goes: each row once its story is told.

:class:`~safedesk.core.witness_tally.Tally` folds the trail in sequence order into one
fingerprint per row. Kept until the tables are read, those fingerprints are memory for every
row the trail ever made (a million events: 40 MB more than a hundred thousand). But a row's
story ends: a draft's with the last event whose subject is the draft, an approval's with its
draft's, a publication's with its own last event (its draft's, when it has none). The store reads each table
in that order (``Store.witnessed_closing``: each row with ``closed``, the sequence number of that
last event, from the indexed subject column, 0 when there is none), so :class:`Closing` compares
each row as soon as the walk has folded its story's last event, and takes its fingerprint out of
the tally. What the tally holds at any time is the rows whose stories are still going on: a
council's drafts in hand, not its history.

The fold's conventions that reach across stories are held to what SafeDesk records, and
anything else makes the check unsure (the caller then checks the whole way with
:func:`~safedesk.core.witness_checks.check_tables`, which names each finding):

- an approval is voided in its draft's own story (the tally is unsure of a void naming an
  approval it does not hold: one already compared, or never made);
- only an ``original.*`` event (an incident's) sets a publication's state after its story is
  over. Such a row's state is compared again at the end, and a row whose state alone differed
  when it was compared is kept (a few, :data:`DISPUTED_MAX`) until then;
- a draft, approval or started publication the trail made and no row matched, left in the
  tally at the end, is a row missing from its table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from safedesk.core.witness import FAMILY_FOLDS
from safedesk.core.witness_checks import CHECKS, Finding, Row, RowsOf, context_for
from safedesk.core.witness_tally import MIRRORED_FAMILIES, Tally, row_key

# ``witnessed_closing(table, columns)``: the rows as ``witnessed_rows`` gives them, each with
# ``closed``, in order of it.
ClosingRowsOf = Callable[[str, Sequence[str]], Iterable[Row]]
# Publications whose state alone differed when compared, kept for an ``original.*`` event to
# explain: more, and the whole check decides.
DISPUTED_MAX = 1000
_COMPARED = ("drafts", "approvals", "publications")
# Whose events tell a row's story, by table: a draft's own; an approval's draft's (an approval
# is made and voided in its draft's story); a publication's own, or its draft's when it has none
# (imported, or never tried: a publication's first event comes after the draft's start of
# publishing that made it). The stores read ``closed`` from the first of these columns whose
# value is the subject of any event.
_TOLD_BY = {"drafts": ("id",), "approvals": ("draft_id",), "publications": ("id", "draft_id")}


def closing_subjects(table: str, columns: Sequence[str]) -> list[str]:
    """The columns of ``table`` (among ``columns``) whose values are the subjects of the
    events its rows' stories are told by, the first that has any to be taken."""
    return [column for column in _TOLD_BY.get(table, ("id",)) if column in columns]


# The tables `audit verify` holds to the trail: read whole, each in one query.
WITNESSED_TABLES = frozenset({"people", "accounts", "drafts", "approvals", "publications"})


def witnessed_select(table: str, columns: Sequence[str], present: Iterable[str], *,
                     closing: bool, schema: str = "") -> tuple[str, list[str]]:
    """Both stores' query for ``witnessed_rows`` (``closing``: ``witnessed_closing``) of
    ``table``, ``schema`` naming where its tables are (``"safedesk."`` on the team server), with
    those of ``columns`` the table has (``present``), and the names of what it selects. Only the
    witnessed tables are named, and only columns the table has, so the text is never a reader's
    to shape."""
    if table not in WITNESSED_TABLES:
        raise KeyError(table)  # never built from other names: each store refuses them first
    have = set(present)
    chosen = [column for column in columns if column in have]
    listed = [f't."{column}"' for column in chosen]
    if closing:  # the last event about the row, from the indexed subject column
        last = (f"(SELECT max(seq) FROM {schema}audit_events WHERE subject = t.{c})"  # noqa: S608
                for c in closing_subjects(table, chosen))
        listed.append(f"coalesce({', '.join(last)}, 0)")  # (searched only while none)
    order = f" ORDER BY {len(listed)}" if closing else ""
    query = f"SELECT {', '.join(listed)} FROM {schema}{table} t{order}"  # noqa: S608
    return query, [*chosen, "closed"] if closing else chosen


_FOLDED_WHOLE = frozenset({"people", "accounts"})
_NEVER = float("inf")


class Closing:
    """The drafts, approvals and publications tables, compared row by row with the tally as
    the walk tells each row's story (:meth:`compare_up_to`), and what is left (:meth:`finish`).
    """

    def __init__(self, tally: Tally, closing_of: ClosingRowsOf) -> None:
        self._tally = tally
        self._closing_of = closing_of
        self._streams: list[tuple[Callable[[Row], bool], Iterator[Row]]] = []
        self._heads: list[Row | None] = []
        self.disputed: dict[str, str] = {}  # publication id -> its state
        self.unsure = False

    def _open(self) -> None:
        tally = self._tally
        compare = {"drafts": tally.draft_agrees, "approvals": tally.approval_agrees,
                   "publications": self._publication_agrees}
        for check in CHECKS:
            if check.table in compare:
                rows = iter(self._closing_of(check.table, check.columns))
                self._streams.append((compare[check.table], rows))
                self._heads.append(next(rows, None))

    def _publication_agrees(self, row: Row) -> bool:
        agrees = self._tally.publication_agrees(row)
        if agrees is None:  # only its state: an incident may act on it later
            if len(self.disputed) >= DISPUTED_MAX:
                return False
            self.disputed[str(row.get("id"))] = str(row.get("state"))
            return True
        return agrees

    def compare_up_to(self, seq: float) -> None:
        """Compare every row whose story is over once the walk has folded event ``seq``."""
        if self.unsure:
            return
        if not self._streams:
            self._open()
        for index, (agrees, rows) in enumerate(self._streams):
            head = self._heads[index]
            while head is not None and _closed(head) <= seq:
                if not agrees(head):
                    self.unsure = True  # nothing more to compare: the whole check decides
                    self.close()
                    return
                head = next(rows, None)
            self._heads[index] = head

    def close(self) -> None:
        """End the tables' reads, here: each holds a connection of its own, which belongs to
        this thread (let go of, a read's connection is closed at once, by this thread)."""
        for _agrees, rows in self._streams:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        self._streams.clear()
        self._heads.clear()

    def finish(self, rows_of: RowsOf) -> list[Finding] | None:
        """The findings :func:`~safedesk.core.witness_checks.check_tables` would give, once the
        walk is over, when every row agreed with its story (people and accounts, few, are
        checked as usual); None when not, and the caller must check the whole way."""
        tally, trail = self._tally, self._tally.trail
        if frozenset(FAMILY_FOLDS) != MIRRORED_FAMILIES or trail.drafts or trail.approvals \
                or trail.publication_states or trail.started_publications \
                or trail.imported_publications:
            return None  # a fold outside the mirrored families made such rows
        self.compare_up_to(_NEVER)  # rows whose story the walk did not reach (written since)
        self.close()
        if self.unsure or tally.unsure or tally.drafts or tally.approvals or tally.started \
                or tally.imported:
            return None
        if (tally.publication_states or self.disputed) and not self._states_explained(rows_of):
            return None
        context = context_for(trail, rows_of)
        findings: list[Finding] = []
        for table_check in CHECKS:
            if table_check.table in _FOLDED_WHOLE:
                findings.extend(table_check.check(context, rows_of(table_check.table,
                                                                   table_check.columns)))
            elif table_check.table not in _COMPARED:
                return None  # a check this one does not know of
        return findings

    def _states_explained(self, rows_of: RowsOf) -> bool:
        """Whether each publication an ``original.*`` event acted on after its story was over
        is in the state that event gave it, and each disputed one among them."""
        states, disputed = self._tally.publication_states, self.disputed
        for row in rows_of("publications", ("id", "state")):
            row_id = str(row.get("id"))
            final = states.get(row_key(row_id))
            if final is not None:
                if row.get("state") != final:
                    return False
                disputed.pop(row_id, None)
        return not disputed


def _closed(row: Row) -> float:
    closed = row.get("closed")
    return closed if isinstance(closed, int) else _NEVER
