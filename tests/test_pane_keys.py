"""Keys act only on the pane that has keyboard focus: no mnemonic or shortcut of one pane fires
while a person types in the other."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, DraftState, Pane
from safedesk.gui.main_window import MainWindow
from safedesk.gui.pane import PaneWidget
from tests.conftest import Cast
from tests.gui_support import show, show_approver_in_both_panes

# A button's mnemonic "animates" its click: pressed now, released (and clicked) 100 ms later.
CLICK_SETTLE_MS = 250


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def press(qtbot: QtBot, widget: QWidget, keys: QKeySequence) -> None:
    """Press ``keys`` with focus in ``widget``, and give any click they start time to land."""
    combination = keys[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())
    qtbot.wait(CLICK_SETTLE_MS)


def keyed(pane: PaneWidget) -> list[tuple[QObject, QKeySequence]]:
    """Every button with a mnemonic and every shortcut the pane shows now."""
    found: list[tuple[QObject, QKeySequence]] = []
    for button in pane.findChildren(QAbstractButton):
        mnemonic = QKeySequence.mnemonic(button.text())
        if not mnemonic.isEmpty() and button.isVisible():
            found.append((button, mnemonic))
    found += [(shortcut, shortcut.key()) for shortcut in pane.findChildren(QShortcut)]
    return found


def fired_by(qtbot: QtBot, target: QObject, keys: QKeySequence, typed_in: QWidget) -> int:
    """How often ``target`` acted on ``keys`` pressed with focus in ``typed_in``."""
    fired = [0]

    def count(*_args: object) -> None:
        fired[0] += 1

    signal = target.clicked if isinstance(target, QAbstractButton) else \
        target.activated  # type: ignore[attr-defined]
    signal.connect(count)
    try:
        focus(qtbot, typed_in)
        press(qtbot, typed_in, keys)
    finally:
        signal.disconnect(count)
    return fired[0]


def test_alt_w_in_the_personal_box_leaves_an_official_submission_alone(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    """What was seen: with focus in the personal text box, Alt+W withdrew an official post."""
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Library closed on Friday", (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    window = show(qtbot, desk, cast.author)
    official = window.panes[Pane.OFFICIAL]
    submissions = official.submissions
    assert submissions is not None
    official.tabs.setCurrentWidget(submissions)
    qtbot.waitUntil(lambda: submissions.tree.topLevelItemCount() == 1)
    submissions.tree.setCurrentItem(submissions.tree.topLevelItem(0))
    assert submissions.withdraw_button.isEnabled()
    alt_w = QKeySequence.mnemonic(submissions.withdraw_button.text())
    assert alt_w == QKeySequence("Alt+W")

    personal_text = window.panes[Pane.PERSONAL].compose.text
    focus(qtbot, personal_text)
    press(qtbot, personal_text, alt_w)
    assert desk.drafts.get(draft.id).state is DraftState.SUBMITTED
    assert personal_text.hasFocus()

    # The same key from inside the official pane does what it says.
    focus(qtbot, submissions.tree)
    press(qtbot, submissions.tree, alt_w)
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT


def sweep(qtbot: QtBot, window: MainWindow, pane: Pane) -> int:
    """Press every key of every tab of ``pane`` with focus in the other pane's text box (none
    may act), then from inside ``pane`` (each must: else the sweep proves nothing). Returns how
    many keys were tried."""
    here, there = window.panes[pane], window.panes[pane.other]
    elsewhere = there.compose.text
    tried = 0
    for index in range(here.tabs.count()):
        here.tabs.setCurrentIndex(index)
        inside = here.tabs.tabBar()
        for target, keys in keyed(here):
            if isinstance(target, QAbstractButton):
                target.setEnabled(True)
            inside_target: QWidget = inside
            if isinstance(target, QShortcut):
                parent = target.parent()
                assert isinstance(parent, QWidget)
                if not parent.isVisible():
                    continue  # on another tab: Qt would not fire it from anywhere
                # Its context is the widget it belongs to and what that holds.
                inside_target = here.compose.text if parent is here.compose else parent
            name = target.text() if isinstance(target, QAbstractButton) else keys.toString()
            assert fired_by(qtbot, target, keys, elsewhere) == 0, \
                f"{keys.toString()} ({name}) acted on the {pane.label} pane from the other"
            assert fired_by(qtbot, target, keys, inside_target) == 1, \
                f"{keys.toString()} ({name}) did nothing inside the {pane.label} pane"
            tried += 1
    return tried


def test_no_key_of_one_pane_acts_from_the_other(qtbot: QtBot, desk: SafeDesk,
                                                cast: Cast) -> None:
    # An approver with accounts in both panes sees every tab there is: the queue too.
    window = show_approver_in_both_panes(qtbot, desk, cast)
    assert window.panes[Pane.OFFICIAL].queue is not None
    tried = {pane: sweep(qtbot, window, pane) for pane in Pane}
    # The official pane's decisions and withdrawals have keys; both panes' Ctrl+Enter sends.
    assert tried[Pane.OFFICIAL] >= 5
    assert tried[Pane.PERSONAL] >= 2
