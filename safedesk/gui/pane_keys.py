"""Keys that act on a pane act only while keyboard focus is inside that pane.

Qt gives a button's mnemonic ("&Withdraw": Alt+W) and a window-wide shortcut to the whole window:
with focus in the personal text box, Alt+W would withdraw an official submission in the other
pane. Each pane therefore watches the shortcut events of its own buttons, shortcuts and actions,
and drops those that arrive while focus is elsewhere (the other pane, the menu or the tool bar).
The button itself stays as it is: the underlined letter still tells a person the key, and the
key works as soon as they are in that pane.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

KEYED_KINDS = (QAbstractButton, QShortcut, QAction)


class PaneKeyGuard(QObject):
    """Drops shortcut events for the objects it watches unless focus is inside ``pane``."""

    def __init__(self, pane: QWidget) -> None:
        super().__init__(pane)
        self._pane = pane
        self.dropped = 0  # how many keys were kept from acting on this pane (for tests)

    def watch_all(self) -> None:
        """Watch every button, shortcut and action the pane holds now (installing twice on one
        object is harmless: Qt keeps one filter per object)."""
        for kind in KEYED_KINDS:
            for keyed in self._pane.findChildren(kind):
                keyed.installEventFilter(self)

    def focus_inside(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self._pane or self._pane.isAncestorOf(focus))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Shortcut and not self.focus_inside():
            self.dropped += 1
            return True
        return super().eventFilter(watched, event)
