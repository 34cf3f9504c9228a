"""Columns fitted to their words: every value shows whole, however many rows there are."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from safedesk.gui.columns import COLUMN_PADDING, RowTree, fit_columns


def test_each_column_fits_its_widest_value_among_hundreds(qtbot: QtBot) -> None:
    tree = RowTree()
    qtbot.addWidget(tree)
    headings = ["Time", "Account", "Post"]
    tree.setHeaderLabels(headings)
    rows = [(f"{day:02d} Dec 09:{day % 60:02d}", f"@officer{day}@mastodon.social", "text")
            for day in range(300)]
    # Shorter in letters than the longest handles, and wider on screen than any of them.
    rows.append(("01 Dec 10:00", "@WWWWWWWWWWWWWWWWWWWWW.bsky", "text"))
    fit_columns(tree, headings, rows, (0, 1))
    metrics = tree.fontMetrics()
    for column in (0, 1):
        widest = max(metrics.horizontalAdvance(row[column]) for row in rows)
        assert tree.header().sectionSize(column) == widest + COLUMN_PADDING
