"""The toolbar that always says who is using SafeDesk, with "Switch person".

A shared machine is the normal case for official accounts, so the name stays in view, and
switching asks for the other person's passphrase (``MainWindow.switch_person``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QWidget

from safedesk.core.models import Person

SWITCH_SHORTCUT = "Ctrl+Shift+P"


class PersonToolBar(QToolBar):
    switch_requested = Signal()

    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__("Person", parent)
        self.setObjectName("personToolBar")  # saveState/restoreState key toolbars by name
        self.setMovable(False)
        self.who = QLabel(f"  Signed in as {person.name} ({person.role.value})  ", self)
        self.who.setAccessibleName("Who is using SafeDesk")
        self.addWidget(self.who)
        self.switch_action = QAction("Switch person…", self)
        self.switch_action.setShortcut(QKeySequence(SWITCH_SHORTCUT))
        self.switch_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.switch_action.setToolTip(f"Sign in as someone else ({SWITCH_SHORTCUT}). Your unsent "
                                      "drafts are kept.")
        self.switch_action.triggered.connect(self.switch_requested)
        self.addAction(self.switch_action)
        button = self.widgetForAction(self.switch_action)
        if isinstance(button, QToolButton):
            # Toolbar buttons are skipped by Tab by default; keyboard-only users need it too.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName("Switch person")
            self.switch_button: QToolButton | None = button
        else:
            self.switch_button = None
