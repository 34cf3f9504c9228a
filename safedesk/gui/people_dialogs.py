"""Who is using SafeDesk: the first person on a new machine, or a choice with a passphrase."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import PassphraseResetError, SafeDeskError
from safedesk.core.messages import ENGLISH, Words
from safedesk.core.models import Person, Role
from safedesk.gui.person_bar import role_name
from safedesk.gui.theme import mark_error
from safedesk.services.people import PeopleService


class FirstPersonDialog(QDialog):
    """A new machine has nobody yet: the first person becomes its admin."""

    def __init__(self, people: PeopleService, parent: QWidget | None = None, *,
                 words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.people = people
        self.words = words  # the language SafeDesk's own refusals are said in
        self.person: Person | None = None
        self.setWindowTitle(self.tr("Welcome to SafeDesk"))
        intro = QLabel(self.tr("Who are you? You will be this machine's first admin. Add "
                               "colleagues later: official posts need a second person to "
                               "approve them."))
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Your name"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("Passphrase again"))
        self.error = QLabel(self)
        mark_error(self.error)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.again)
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
            self.error.setText(self.tr("The two passphrases differ."))
            return
        try:
            self.person = self.people.add(self.name.text(), Role.ADMIN, self.passphrase.text())
        except SafeDeskError as error:
            self.error.setText(error.text(self.words))
            return
        self.accept()


class ChoosePersonDialog(QDialog):
    """Several people share this machine: say who you are, with your passphrase."""

    def __init__(self, people: PeopleService, parent: QWidget | None = None, *,
                 words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.people = people
        self.words = words  # the language SafeDesk's own refusals are said in
        self.person: Person | None = None
        self.setWindowTitle(self.tr("Who is using SafeDesk?"))
        self.who = QComboBox(self)
        self.who.setAccessibleName(self.tr("Person"))
        for person in people.list():
            if person.disabled_at is not None:
                continue  # a leaver cannot sign in; the service refuses them anyway
            self.who.addItem(f"{person.name} ({role_name(person.role)})", person.name)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.error = QLabel(self)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow(self.tr("I am"), self.who)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        # An error about the passphrase goes once the passphrase or the person changes.
        self.passphrase.textEdited.connect(lambda _text: self.error.setText(""))
        self.who.currentIndexChanged.connect(lambda _index: self.error.setText(""))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(buttons)

    def sign_in(self) -> None:
        name = str(self.who.currentData())
        try:
            self.person = self.people.authenticate(name, self.passphrase.text())
        except PassphraseResetError:
            # An admin reset it: choosing a new one completes the reset, then signs in.
            self.reset_dialog = PassphraseDialog(self.people, name, old=self.passphrase.text(),
                                                 parent=self, words=self.words)
            if self.reset_dialog.exec() and self.reset_dialog.person is not None:
                self.person = self.reset_dialog.person
                self.accept()
            return
        except SafeDeskError as error:
            self.error.setText(error.text(self.words))
            self.passphrase.selectAll()
            return
        self.accept()


def choose_person(people: PeopleService, parent: QWidget | None = None, *,
                  words: Words = ENGLISH) -> Person | None:
    """The person for this session: asked for only when there is a choice to make."""
    everyone = people.list()
    if len(everyone) == 1:
        return everyone[0]
    dialog: FirstPersonDialog | ChoosePersonDialog = (
        FirstPersonDialog(people, parent, words=words) if not everyone else
        ChoosePersonDialog(people, parent, words=words))
    dialog.exec()
    return dialog.person


# Translated where shown (``translate("Roles", ...)``).
ROLE_CHOICES = (
    (Role.AUTHOR, str(QT_TRANSLATE_NOOP(
        "Roles", "Author — writes posts; official ones wait for an approver"))),
    (Role.APPROVER, str(QT_TRANSLATE_NOOP(
        "Roles", "Approver — may also approve other people's official posts"))),
    (Role.ADMIN, str(QT_TRANSLATE_NOOP("Roles", "Admin — may also add people"))),
)


class AddPersonDialog(QDialog):
    """An admin adds a colleague: name, role, and a passphrase typed twice.

    The service checks again that the one adding is an admin, so this dialog is a convenience,
    not the safeguard.
    """

    def __init__(self, people: PeopleService, added_by: Person,
                 parent: QWidget | None = None, *, words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.people = people
        self.words = words
        self.added_by = added_by
        self.person: Person | None = None
        self.setWindowTitle(self.tr("Add a person"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role"))
        for role, choice in ROLE_CHOICES:
            self.role.addItem(QCoreApplication.translate("Roles", choice), role)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("Passphrase again"))
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("&Passphrase"), self.passphrase)
        form.addRow(self.tr("&Again"), self.again)
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
            self.error.setText(self.tr("Choose a passphrase for them."))
            return
        if self.passphrase.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        role = Role(str(self.role.currentData()))  # Qt hands a StrEnum back as its str
        try:
            self.person = self.people.add(self.name.text(), role, self.passphrase.text(),
                                          added_by=self.added_by)
        except SafeDeskError as error:
            self.error.setText(error.text(self.words))
            return
        self.accept()


def _secret_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class PassphraseDialog(QDialog):
    """A new passphrase, typed twice. Three uses: a person changes their own (proving the old
    one); an admin resets someone's (``admin``: the person chooses their own at next sign-in);
    a person completes such a reset at sign-in (``old``: the one the admin gave them)."""

    def __init__(self, people: PeopleService, name: str, *, admin: Person | None = None,
                 old: str | None = None, parent: QWidget | None = None,
                 words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.people = people
        self.words = words
        self.name = name
        self.admin = admin
        self.given_old = old
        self.person: Person | None = None
        if admin is not None:
            title = self.tr("Reset {name}'s passphrase").format(name=name)
            intro = self.tr("Give {name} this passphrase. They choose their own when they next "
                            "sign in.").format(name=name)
        elif old is not None:
            title, intro = (self.tr("Choose a new passphrase"),
                            self.tr("An admin reset {name}'s passphrase. Choose your own to "
                                    "carry on.").format(name=name))
        else:
            title = self.tr("Change your passphrase")
            intro = self.tr("A new passphrase for {name}.").format(name=name)
        self.setWindowTitle(title)
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        self.old = _secret_field(self, self.tr("Current passphrase"))
        self.new = _secret_field(self, self.tr("New passphrase"))
        self.again = _secret_field(self, self.tr("New passphrase again"))
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        mark_error(self.error)
        form = QFormLayout()
        if admin is None and old is None:
            form.addRow(self.tr("&Current passphrase"), self.old)
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("&Again"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro_label)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

    def save(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        try:
            if self.admin is not None:
                self.person = self.people.reset_passphrase(self.name, self.new.text(), self.admin)
            else:
                old = self.given_old if self.given_old is not None else self.old.text()
                self.people.change_passphrase(self.name, old, self.new.text())
                self.person = self.people.authenticate(self.name, self.new.text())
        except SafeDeskError as error:
            self.error.setText(error.text(self.words))
            return
        self.accept()


class SetRoleDialog(QDialog):
    """An admin changes someone's role, and whether their post is politically restricted.
    Raising the role may wait for a second admin; the service decides and says so."""

    def __init__(self, people: PeopleService, person: Person, admin: Person,
                 parent: QWidget | None = None, *, words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.people = people
        self.words = words
        self.target = person
        self.admin = admin
        self.person: Person | None = None
        self.asked: Role | None = None
        self.summary = ""  # what was done, in a sentence or two
        self.setWindowTitle(self.tr("Change {name}'s role").format(name=person.name))
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role"))
        for role, choice in ROLE_CHOICES:
            self.role.addItem(QCoreApplication.translate("Roles", choice), role)
        self.role.setCurrentIndex([r for r, _w in ROLE_CHOICES].index(person.role))
        self.restricted = QCheckBox(self.tr("Politically restricted post"), self)
        self.restricted.setAccessibleName(self.restricted.text())
        self.restricted.setToolTip(self.tr("Their personal posts that name parties, candidates "
                                           "or watched political terms warn them."))
        self.restricted.setChecked(person.politically_restricted)
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow(self.tr("&Role"), self.role)
        form.addRow("", self.restricted)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

    def save(self) -> None:
        self.asked = Role(str(self.role.currentData()))
        restricted = self.restricted.isChecked()
        flag_changed = restricted is not self.target.politically_restricted
        said = []
        try:
            if flag_changed:
                # First, and kept as the target: a role refused after it leaves it done.
                self.target = self.person = self.people.set_politically_restricted(
                    self.target.name, restricted, self.admin)
                said.append(self.tr("{name}'s post is now marked politically restricted.")
                            .format(name=self.target.name) if restricted else
                            self.tr("{name}'s post is no longer marked politically restricted.")
                            .format(name=self.target.name))
            # OK with nothing touched asks for the same role, which the service answers.
            if self.asked is not self.target.role or not flag_changed:
                self.person = self.people.set_role(self.target.name, self.asked, self.admin)
                role = role_name(self.asked)
                said.insert(0, self.tr("{name} is now an {role}.").format(
                    name=self.person.name, role=role) if self.person.role is self.asked else
                    self.tr("{name} becomes an {role} when another admin confirms it.").format(
                        name=self.person.name, role=role))
        except SafeDeskError as error:
            self.error.setText(error.text(self.words))
            return
        self.summary = " ".join(said)
        self.accept()
