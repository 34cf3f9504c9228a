"""The queue's list redraws only the rows a read changed, and keeps the chosen row chosen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from safedesk.gui.row_list import RowList


def rows(widget: RowList) -> list[tuple[str, str]]:
    return [(widget.item(i).data(256), widget.item(i).text()) for i in range(widget.count())]


def test_only_changed_rows_are_made_again_and_the_choice_stays(qtbot: QtBot) -> None:
    widget = RowList()
    qtbot.addWidget(widget)
    first = [(f"d{n}", f"post {n}") for n in range(1000)]
    widget.show_rows(first)
    assert rows(widget) == first
    widget.setCurrentRow(700)
    kept = widget.item(10)
    # One post left the queue, one changed its words, one arrived at the end.
    second = [row for row in first if row[0] != "d500"]
    second[600] = ("d601", "post 601, edited")
    second.append(("d1000", "post 1000"))
    with qtbot.assertNotEmitted(widget.currentItemChanged):
        widget.show_rows(second)
    assert rows(widget) == second
    assert widget.item(10) is kept  # not made again
    assert widget.chosen_id() == "d700"
    assert widget.row_of("d1000") == len(second) - 1


def test_a_chosen_row_that_left_is_chosen_no_more(qtbot: QtBot) -> None:
    widget = RowList()
    qtbot.addWidget(widget)
    widget.show_rows([("a", "A"), ("b", "B"), ("c", "C")])
    widget.setCurrentRow(1)
    widget.show_rows([("a", "A"), ("c", "C")])
    assert widget.chosen_id() is None
    assert widget.row_of("b") == -1


def test_a_chosen_row_in_a_changed_run_is_found_again(qtbot: QtBot) -> None:
    widget = RowList()
    qtbot.addWidget(widget)
    widget.show_rows([("a", "A"), ("b", "B"), ("c", "C")])
    widget.setCurrentRow(1)
    widget.show_rows([("x", "X"), ("b", "B"), ("y", "Y")])
    assert widget.chosen_id() == "b"
