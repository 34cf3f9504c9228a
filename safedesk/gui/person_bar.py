"""The toolbar that always says who is using SafeDesk, with "Switch person".

A shared machine is the normal case for official accounts, so the name stays in view, and
switching asks for the other person's passphrase (``MainWindow.switch_person``).

A team desk is one person's: its database login says who, so the bar names the team server and
that person, offers no switching, and says in words whether live updates are coming in.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QWidget

from safedesk.core.models import Person, Role

SWITCH_SHORTCUT = "Ctrl+Shift+P"
ROLE_NAMES = {Role.AUTHOR: str(QT_TRANSLATE_NOOP("Role", "author")),
              Role.APPROVER: str(QT_TRANSLATE_NOOP("Role", "approver")),
              Role.ADMIN: str(QT_TRANSLATE_NOOP("Role", "admin"))}


def role_name(role: Role) -> str:
    """The role as a person reads it ("author" in English)."""
    return QCoreApplication.translate("Role", ROLE_NAMES[role])


class PersonToolBar(QToolBar):
    switch_requested = Signal()

    def __init__(self, person: Person, parent: QWidget | None = None, *,
                 team_server: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Person"))
        self.setObjectName("personToolBar")  # saveState/restoreState key toolbars by name
        self.setMovable(False)
        self.who = QLabel(self)
        self.who.setAccessibleName(self.tr("Who is using SafeDesk"))
        self.addWidget(self.who)
        self.switch_button: QToolButton | None = None
        if team_server is not None:
            self._identity = self.tr("Team: {server} as {name} ({role})").format(
                server=team_server, name=person.name, role=role_name(person.role))
            self.switch_action: QAction | None = None
            self.set_live(connected=False, words="")
            return
        signed_in = self.tr("Signed in as {name} ({role})").format(
            name=person.name, role=role_name(person.role))
        self.who.setText(f"  {signed_in}  ")
        self.switch_action = QAction(self.tr("Switch person…"), self)
        self.switch_action.setShortcut(QKeySequence(SWITCH_SHORTCUT))
        self.switch_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.switch_action.setToolTip(self.tr("Sign in as someone else ({keys}). Your unsent "
                                              "drafts are kept.").format(keys=SWITCH_SHORTCUT))
        self.switch_action.triggered.connect(self.switch_requested)
        self.addAction(self.switch_action)
        button = self.widgetForAction(self.switch_action)
        if isinstance(button, QToolButton):
            # Toolbar buttons are skipped by Tab by default; keyboard-only users need it too.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(self.tr("Switch person"))
            self.switch_button = button

    def set_live(self, *, connected: bool, words: str) -> None:
        """On a team desk: whether changes made by colleagues arrive as they happen."""
        state = self.tr("live updates on") if connected else (
            self.tr("live updates paused, reconnecting") if words
            else self.tr("connecting for live updates"))
        self.who.setText(f"  {self._identity} · {state}  ")
        self.who.setToolTip(words or (self.tr("Colleagues' changes appear here as they happen.")
                                      if connected else ""))
