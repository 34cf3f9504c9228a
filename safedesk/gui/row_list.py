"""A list of one-line rows, each with an id, that redraws only the rows that changed.

The queue holds up to thousands of waiting posts and is read again whenever anything in it
moves (a decision here, a colleague's post, a poll). Clearing and refilling the list cost about
30 ms on the GUI thread for a thousand rows; most reads change one row or none, so the list
keeps what it shows, in order, and replaces only the run of rows between the unchanged start and
the unchanged end.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

Row = tuple[str, str]  # (id, the line shown)


class RowList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []  # what is on screen, in order

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows``; the chosen row stays chosen if it is still there. Quietly: no
        selection signal, as a read is not a person's choice."""
        new = list(rows)
        old = self._rows
        start, old_end, new_end = 0, len(old), len(new)
        while start < min(old_end, new_end) and old[start] == new[start]:
            start += 1
        while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
            old_end, new_end = old_end - 1, new_end - 1
        if start == old_end == new_end:
            return  # nothing changed
        chosen = self.chosen_id()
        blocked = self.blockSignals(True)
        try:
            for _ in range(old_end - start):
                self.takeItem(start)
            for offset, (row_id, text) in enumerate(new[start:new_end]):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row_id)
                self.insertItem(start + offset, item)
            self._rows = new
            if chosen is not None and self.chosen_id() != chosen:
                row = next((i for i, (row_id, _) in enumerate(new) if row_id == chosen), -1)
                self.setCurrentRow(row)
        finally:
            self.blockSignals(blocked)

    def chosen_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def row_of(self, row_id: str) -> int:
        """Where the row with ``row_id`` is, or -1."""
        return next((i for i, (shown_id, _) in enumerate(self._rows) if shown_id == row_id), -1)
