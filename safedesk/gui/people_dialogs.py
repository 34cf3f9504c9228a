"""Who is using SafeDesk: the first person on a new machine, or a choice with a passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Person, Role
from safedesk.gui.theme import mark_error
from safedesk.services.people import PeopleService


class FirstPersonDialog(QDialog):
    """A new machine has nobody yet: the first person becomes its admin."""

    def __init__(self, people: PeopleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.person: Person | None = None
        self.setWindowTitle("Welcome to SafeDesk")
        intro = QLabel("Who are you? You will be this machine's first admin. Add colleagues "
                       "later: official posts need a second person to approve them.")
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Your name")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Passphrase again")
        self.error = QLabel(self)
        mark_error(self.error)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your name", self.name)
        form.addRow("Passphrase", self.passphrase)
        form.addRow("Again", self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.create_person)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(buttons)

    def create_person(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.error.setText("The two passphrases differ.")
            return
        try:
            self.person = self.people.add(self.name.text(), Role.ADMIN, self.passphrase.text())
        except SafeDeskError as error:
            self.error.setText(str(error))
            return
        self.accept()


class ChoosePersonDialog(QDialog):
    """Several people share this machine: say who you are, with your passphrase."""

    def __init__(self, people: PeopleService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.person: Person | None = None
        self.setWindowTitle("Who is using SafeDesk?")
        self.who = QComboBox(self)
        self.who.setAccessibleName("Person")
        for person in people.list():
            self.who.addItem(f"{person.name} ({person.role.value})", person.name)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.error = QLabel(self)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow("I am", self.who)
        form.addRow("Passphrase", self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(buttons)

    def sign_in(self) -> None:
        try:
            self.person = self.people.authenticate(str(self.who.currentData()),
                                                   self.passphrase.text())
        except SafeDeskError as error:
            self.error.setText(str(error))
            self.passphrase.selectAll()
            return
        self.accept()


def choose_person(people: PeopleService, parent: QWidget | None = None) -> Person | None:
    """The person for this session: asked for only when there is a choice to make."""
    everyone = people.list()
    if len(everyone) == 1:
        return everyone[0]
    dialog: FirstPersonDialog | ChoosePersonDialog = (
        FirstPersonDialog(people, parent) if not everyone else ChoosePersonDialog(people, parent))
    dialog.exec()
    return dialog.person


ROLE_CHOICES = (
    (Role.AUTHOR, "Author — writes posts; official ones wait for an approver"),
    (Role.APPROVER, "Approver — may also approve other people's official posts"),
    (Role.ADMIN, "Admin — may also add people"),
)


class AddPersonDialog(QDialog):
    """An admin adds a colleague: name, role, and a passphrase typed twice.

    The service checks again that the one adding is an admin, so this dialog is a convenience,
    not the safeguard.
    """

    def __init__(self, people: PeopleService, added_by: Person,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.added_by = added_by
        self.person: Person | None = None
        self.setWindowTitle("Add a person")
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.role = QComboBox(self)
        self.role.setAccessibleName("Role")
        for role, words in ROLE_CHOICES:
            self.role.addItem(words, role)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Passphrase again")
        self.error = QLabel(self)
        self.error.setAccessibleName("Problem")
        self.error.setWordWrap(True)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Role", self.role)
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("&Again", self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.add_person)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

    def add_person(self) -> None:
        if not self.passphrase.text():
            self.error.setText("Choose a passphrase for them.")
            return
        if self.passphrase.text() != self.again.text():
            self.error.setText("The two passphrases differ.")
            return
        role = Role(str(self.role.currentData()))  # Qt hands a StrEnum back as its str
        try:
            self.person = self.people.add(self.name.text(), role, self.passphrase.text(),
                                          added_by=self.added_by)
        except SafeDeskError as error:
            self.error.setText(str(error))
            return
        self.accept()
