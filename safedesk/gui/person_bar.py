"""The toolbar that always says who is using SafeDesk, with "Switch person".

A shared machine is the normal case for official accounts, so the name stays in view, and
switching asks for the other person's passphrase (``MainWindow.switch_person``).

A team desk is one person's: its database login says who, so the bar names the team server and
that person, offers no switching, and says in words whether live updates are coming in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QWidget

from safedesk.core.models import Person

SWITCH_SHORTCUT = "Ctrl+Shift+P"


class PersonToolBar(QToolBar):
    switch_requested = Signal()

    def __init__(self, person: Person, parent: QWidget | None = None, *,
                 team_server: str | None = None) -> None:
        super().__init__("Person", parent)
        self.setObjectName("personToolBar")  # saveState/restoreState key toolbars by name
        self.setMovable(False)
        self.who = QLabel(self)
        self.who.setAccessibleName("Who is using SafeDesk")
        self.addWidget(self.who)
        self.switch_button: QToolButton | None = None
        if team_server is not None:
            self._identity = f"Team: {team_server} as {person.name} ({person.role.value})"
            self.switch_action: QAction | None = None
            self.set_live(connected=False, words="")
            return
        self.who.setText(f"  Signed in as {person.name} ({person.role.value})  ")
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
            self.switch_button = button

    def set_live(self, *, connected: bool, words: str) -> None:
        """On a team desk: whether changes made by colleagues arrive as they happen."""
        state = "live updates on" if connected else (
            "live updates paused, reconnecting" if words else "connecting for live updates")
        self.who.setText(f"  {self._identity} · {state}  ")
        self.who.setToolTip(words or ("Colleagues' changes appear here as they happen." if
                                      connected else ""))
