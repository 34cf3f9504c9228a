"""Lists of rows with columns: fitted to the words in them, at the cost of measuring the words,
and kept in view when a row is chosen."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget

# Room for a sort indicator and the cell's margins, beside the widest value's own width.
COLUMN_PADDING = 24
# How many of a column's widest values, by the sum of their letters' widths, are measured whole
# (with kerning and shaping). Measuring every distinct value of a page of history took 6-8 ms on
# the GUI thread; adding up cached letter widths costs a microsecond a value.
MEASURED_PER_COLUMN = 4


class _LetterWidths(dict[str, int]):
    """Each letter's advance in one font, measured the first time it is asked for."""

    def __init__(self, metrics: QFontMetrics) -> None:
        super().__init__()
        self._metrics = metrics

    def __missing__(self, letter: str) -> int:
        width = self[letter] = self._metrics.horizontalAdvance(letter)
        return width

    def estimate(self, word: str) -> int:
        return sum(map(self.__getitem__, word))


def fit_columns(tree: QTreeWidget, headings: Sequence[str], rows: Iterable[Sequence[str]],
                columns: Iterable[int]) -> None:
    """Size each of ``columns`` to its widest value or heading. Each distinct value is measured
    by its letters' widths added up, and the widest few so found measured whole with the font's
    metrics: asking every row's item for its size (``resizeColumnToContents``) took longer than
    a frame for a page of a few hundred rows."""
    metrics = tree.fontMetrics()
    letters = _LetterWidths(metrics)
    header = tree.header()
    chosen = list(columns)
    words: dict[int, set[str]] = {index: {headings[index]} for index in chosen}
    for row in rows:
        for index in chosen:
            words[index].add(row[index])
    for index in chosen:
        likely = heapq.nlargest(MEASURED_PER_COLUMN, words[index], key=letters.estimate)
        widest = max(metrics.horizontalAdvance(word) for word in likely)
        header.resizeSection(index, widest + COLUMN_PADDING)


class RowTree(QTreeWidget):
    """A tree of whole rows. Choosing a row scrolls it into view up and down only: Qt would also
    scroll sideways to the cell clicked (a long text or link), taking the Time and Account
    columns out of sight."""

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt's name
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
                 ) -> None:
        across = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        self.horizontalScrollBar().setValue(across)
