"""Settings: pane colours, the language of new posts, the people on this machine, where the
data lives, and (in their own modules) the correction templates, recent incidents and the
organisation's policy settings.

Every change applies at once (there is nothing to "Apply"), so what the dialog shows is always
what the desk uses. Colours go through ``Theme.set_band_colour``, which refuses a colour whose
band text would be hard to read or that is too close to the other pane's.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.managed import INTERFACE_LANGUAGE
from safedesk.core.models import Pane, Person, Role
from safedesk.gui.compose_words import language_names
from safedesk.gui.incidents_tab import IncidentsTab
from safedesk.gui.language import LANGUAGE_KEY, desk_language
from safedesk.gui.managed_marks import LOCK, it_lock_words, mark_locked
from safedesk.gui.people_dialogs import AddPersonDialog, PassphraseDialog, SetRoleDialog
from safedesk.gui.person_bar import role_name
from safedesk.gui.policy_tab import PolicyTab
from safedesk.gui.session import DeskSession
from safedesk.gui.templates_tab import TemplatesTab
from safedesk.gui.theme import (
    ColourRefusedError,
    contrast_summary,
    default_style,
    mark_error,
    pane_words,
    refresh_error_colours,
    text_colour_name,
    with_band_colour,
)
from safedesk.i18n.languages import LANG_VARIABLE, language
from safedesk.i18n.languages import LANGUAGES as LANGUAGES_SPOKEN
from safedesk.services.people import RESTRICTED_POST

# (the colour shown first, the dialog's parent, its title) -> the colour picked, or an invalid
# QColor when the person cancelled. Tests pass their own instead of QColorDialog.
ColourPicker = Callable[[QColor, QWidget, str], QColor]

translate = QCoreApplication.translate


def ask_with_colour_dialog(initial: QColor, parent: QWidget, title: str) -> QColor:
    return QColorDialog.getColor(initial, parent, title)


def pane_colour_title(pane: Pane) -> str:
    return translate("PaneColourRow", "Personal pane colour") if pane is Pane.PERSONAL else \
        translate("PaneColourRow", "Official pane colour")


class PaneColourRow:
    """One pane's line in the colours section: swatch, contrast, Change…, Reset to default."""

    def __init__(self, pane: Pane, parent: QWidget) -> None:
        self.pane = pane
        personal = pane is Pane.PERSONAL
        self.name = QLabel(pane_words(default_style(pane).title), parent)
        self.swatch = QLabel(pane_words(default_style(pane).title), parent)
        self.swatch.setAccessibleName(pane_colour_title(pane))
        self.swatch.setMinimumWidth(110)
        self.contrast = QLabel(parent)
        self.contrast.setAccessibleName(
            translate("PaneColourRow", "Personal band text contrast") if personal
            else translate("PaneColourRow", "Official band text contrast"))
        # Room for the longest summary, so a new colour never clips it.
        self.contrast.setMinimumWidth(self.contrast.fontMetrics().horizontalAdvance(
            contrast_summary(with_band_colour(default_style(pane), "#ffffff"))) + 8)
        self.change = QPushButton(translate("PaneColourRow", "Change…"), parent)
        self.change.setAccessibleName(
            translate("PaneColourRow", "Change the personal pane colour") if personal
            else translate("PaneColourRow", "Change the official pane colour"))
        self.reset = QPushButton(translate("PaneColourRow", "Reset to default"), parent)
        # Shown when IT locked the colour: a symbol and words, never colour alone.
        self.lock = QLabel(it_lock_words(), parent)
        self.lock.setAccessibleName(
            translate("PaneColourRow", "Why the personal pane colour cannot be changed")
            if personal else
            translate("PaneColourRow", "Why the official pane colour cannot be changed"))
        self.lock.setWordWrap(True)
        self.lock.setVisible(False)
        self.reset.setAccessibleName(
            translate("PaneColourRow", "Reset the personal pane colour to its default")
            if personal else
            translate("PaneColourRow", "Reset the official pane colour to its default"))

    def add_to(self, grid: QGridLayout, row: int) -> None:
        for column, widget in enumerate((self.name, self.swatch, self.contrast, self.change,
                                         self.reset)):
            grid.addWidget(widget, row * 2, column)
        grid.addWidget(self.lock, row * 2 + 1, 1, 1, 4)

    def show_locked(self, locked: bool) -> None:
        self.lock.setVisible(locked)
        self.change.setEnabled(not locked)
        if locked:
            self.reset.setEnabled(False)


class SettingsDialog(QDialog):
    def __init__(self, session: DeskSession, parent: QWidget | None = None, *,
                 pick_colour: ColourPicker = ask_with_colour_dialog) -> None:
        super().__init__(parent)
        self.session = session
        self.pick_colour = pick_colour
        self.setWindowTitle(self.tr("SafeDesk settings"))
        self.setAccessibleName(self.tr("SafeDesk settings"))
        # One page per section, so the dialog fits a small screen (a single column would need
        # more than the two thirds of it a dialog may take). Built in reading order, which is
        # also the Tab order; Ctrl+Tab moves between pages.
        self.sections = QTabWidget(self)
        self.sections.setAccessibleName(self.tr("Settings sections"))
        self.colours_page = self._colours_section()
        self.language_page = self._language_section()
        self.people_page = self._people_section()
        self.data_page = self._data_section()
        self.templates_page = TemplatesTab(session, self)
        self.incidents_page = IncidentsTab(session, self)
        self.policy_page = PolicyTab(session, self)
        self.sections.addTab(self.colours_page, self.tr("Pane &colours"))
        self.sections.addTab(self.language_page, self.tr("&Language"))
        self.sections.addTab(self.people_page, self.tr("&People"))
        self.sections.addTab(self.data_page, self.tr("&Data"))
        self.sections.addTab(self.templates_page, self.tr("&Templates"))
        self.sections.addTab(self.incidents_page, self.tr("&Incidents"))
        self.sections.addTab(self.policy_page, self.tr("P&olicy"))
        column = QVBoxLayout(self)
        column.addWidget(self.sections)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close settings"))
        column.addWidget(self.buttons)
        session.theme.changed.connect(self._show_colour)
        for pane in Pane:
            self._show_colour(pane)
        self.reload_people()

    # -- sections ---------------------------------------------------------------------------

    def _colours_section(self) -> QWidget:
        box = QWidget(self)
        intro = QLabel(self.tr(
            "Each pane's band and border use its colour. SafeDesk writes the band's words in white "
            "or near-black, whichever reads better, and refuses a colour on which neither reaches "
            "4.5:1 (WCAG AA), or one too close to the other pane's colour. Whatever the colours, "
            "the official pane keeps its heavier border and striped band, so colour is never the "
            "only cue."), box)
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.colour_rows: dict[Pane, PaneColourRow] = {}
        for row, pane in enumerate(Pane):
            line = PaneColourRow(pane, box)
            line.change.clicked.connect(lambda _=False, p=pane: self.change_colour(p))
            line.reset.clicked.connect(lambda _=False, p=pane: self.reset_colour(p))
            line.add_to(grid, row)
            self.colour_rows[pane] = line
        grid.setColumnStretch(2, 1)
        self.colour_message = QLabel(box)
        self.colour_message.setAccessibleName(self.tr("Pane colour message"))
        self.colour_message.setWordWrap(True)
        inside = QVBoxLayout(box)
        inside.addWidget(intro)
        inside.addLayout(grid)
        inside.addWidget(self.colour_message)
        inside.addStretch(1)
        return box

    def _language_section(self) -> QWidget:
        box = QWidget(self)
        self.interface_language = QComboBox(box)
        self.interface_language.setAccessibleName(self.tr("Language of SafeDesk"))
        for choice in LANGUAGES_SPOKEN:
            self.interface_language.addItem(choice.name, choice.code)
        managed = self.session.app.managed
        current = desk_language(self.session.settings, managed)
        self.interface_language.setCurrentIndex(
            max(self.interface_language.findData(current.code), 0))
        locked = managed.is_locked(INTERFACE_LANGUAGE)
        fixed = bool(os.environ.get(LANG_VARIABLE))
        self.interface_language.setEnabled(not fixed and not locked)
        if locked:
            mark_locked(self.interface_language)
        self.interface_note = QLabel(box)
        self.interface_note.setWordWrap(True)
        self.interface_note.setText(
            f"{LOCK} " + self.tr("Set by your organisation's IT department: SafeDesk speaks "
                                 "{language}.").format(language=current.name) if locked else
            self.tr("{variable} is set, so SafeDesk speaks {language} on this computer.").format(
                variable=LANG_VARIABLE, language=current.name) if fixed else
            self.tr("SafeDesk opens its window again in the language you choose; your drafts "
                    "stay as they are."))
        self.interface_language.currentIndexChanged.connect(self._interface_language_chosen)
        self.language = QComboBox(box)
        self.language.setAccessibleName(self.tr("Language of new posts"))
        for code, name in language_names():
            # The languages' own names stay (with the window's name for each); "no language" is a
            # choice in the window's words.
            self.language.addItem(name if code else self.tr("Language not set"), code)
        self.language.setCurrentIndex(max(self.language.findData(self.session.default_language),
                                          0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language.setEnabled(not self.session.default_language_locked)
        if self.session.default_language_locked:
            mark_locked(self.language)
        self.language_lock = QLabel(it_lock_words(), box)
        self.language_lock.setAccessibleName(
            self.tr("Why the language of new posts cannot be changed"))
        self.language_lock.setVisible(self.session.default_language_locked)
        form = QFormLayout(box)
        form.addRow(self.tr("&SafeDesk's language"), self.interface_language)
        form.addRow(self.interface_note)
        form.addRow(self.tr("Language of &new posts"), self.language)
        form.addRow(self.language_lock)
        return box

    def _people_section(self) -> QWidget:
        box = QWidget(self)
        self.people_list = QListWidget(box)
        self.people_list.setAccessibleName(self.tr("People who use SafeDesk on this machine"))
        self.people_list.setMaximumHeight(120)
        self.add_person_button = QPushButton(self.tr("Add person…"), box)
        self.add_person_button.setAccessibleName(self.tr("Add a person"))
        self.add_person_button.clicked.connect(self.add_person)
        self.people_note = QLabel(self.tr(
            "Only an admin can add people. Otherwise anyone could add a second approver and "
            "approve their own official posts. Ask an admin to add a colleague."), box)
        self.people_note.setAccessibleName(self.tr("Why you cannot add people"))
        self.people_note.setWordWrap(True)
        self.people_message = QLabel(box)
        self.people_message.setAccessibleName(self.tr("People message"))
        self.people_message.setWordWrap(True)
        # Appointments waiting for a second admin: every admin sees them, the granter too.
        self.pending_note = QLabel(box)
        self.pending_note.setAccessibleName(
            self.tr("Appointments waiting for a second admin"))
        self.pending_note.setWordWrap(True)
        self.people_list.currentRowChanged.connect(lambda _row: self._enable_person_actions())
        self.disable_button = self._person_button(
            box, self.tr("&Disable"), self.toggle_disabled,
            self.tr("Disable or enable the chosen person"))
        self.role_button = self._person_button(box, self.tr("Change &role…"), self.change_role,
                                               self.tr("Change the chosen person's role"))
        self.reset_button = self._person_button(
            box, self.tr("Reset &passphrase…"), self.reset_passphrase,
            self.tr("Reset the chosen person's passphrase"))
        self.confirm_button = self._person_button(
            box, self.tr("&Confirm appointment"), self.confirm_appointment,
            self.tr("Confirm the chosen person's appointment"))
        self.my_passphrase_button = QPushButton(self.tr("Change my passphrase…"), box)
        self.my_passphrase_button.setAccessibleName(self.tr("Change my passphrase"))
        self.my_passphrase_button.clicked.connect(self.change_my_passphrase)
        admin = self.may_add_people()
        self.add_person_button.setVisible(admin)
        self.people_note.setVisible(not admin)
        actions = QHBoxLayout()
        for button in (self.add_person_button, self.disable_button, self.role_button,
                       self.reset_button, self.confirm_button):
            button.setVisible(admin)
            actions.addWidget(button)
        actions.addStretch(1)
        inside = QVBoxLayout(box)
        inside.addWidget(self.people_list)
        inside.addWidget(self.pending_note)
        inside.addWidget(self.people_note)
        inside.addWidget(self.people_message)
        inside.addLayout(actions)
        inside.addWidget(self.my_passphrase_button, 0, Qt.AlignmentFlag.AlignLeft)
        inside.addStretch(1)
        return box

    @staticmethod
    def _person_button(box: QWidget, text: str, action: Callable[[], object],
                       name: str) -> QPushButton:
        button = QPushButton(text, box)
        button.setAccessibleName(name)
        button.clicked.connect(action)
        return button

    def _data_section(self) -> QWidget:
        box = QWidget(self)
        paths = self.session.app.settings
        intro = QLabel(self.tr(
            "Where your data lives: drafts, history, the audit trail, images and these settings "
            "are all in this folder. Passwords and tokens are not; they are in the system "
            "keyring."), box)
        intro.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(intro)
        self.data_dir, self.copy_data_dir = self._path_row(
            form, box, self.tr("Data &folder"),
            (self.tr("The data folder path"), self.tr("Copy the data folder path")),
            str(paths.data_dir))
        self.database_path, self.copy_database_path = self._path_row(
            form, box, self.tr("Data&base"),
            (self.tr("The database path"), self.tr("Copy the database path")),
            str(paths.database_path))
        return box

    def _path_row(self, form: QFormLayout, box: QWidget, label: str, names: tuple[str, str],
                  path: str) -> tuple[QLineEdit, QPushButton]:
        """``names``: the accessible names of the path's field and of its Copy button."""
        field = QLineEdit(path, box)
        field.setReadOnly(True)
        field.setAccessibleName(names[0])
        copy = QPushButton(self.tr("Copy path"), box)
        copy.setAccessibleName(names[1])
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(path))
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(copy)
        form.addRow(label, row)
        buddy = form.labelForField(row)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(field)
        return field, copy

    # -- colours ----------------------------------------------------------------------------

    def _show_colour(self, pane: Pane) -> None:
        style = self.session.theme.style(pane)
        line = self.colour_rows[pane]
        line.swatch.setStyleSheet(f"background: {style.band_colour}; color: "
                                  f"{style.band_text_colour}; font-weight: bold; padding: 6px;")
        line.swatch.setAccessibleDescription(
            self.tr("{colour} with {text} text").format(
                colour=style.band_colour, text=text_colour_name(style.band_text_colour)))
        line.contrast.setText(contrast_summary(style))
        line.reset.setEnabled(not self.session.theme.is_default(pane))
        line.show_locked(self.session.theme.is_locked(pane))

    def change_colour(self, pane: Pane) -> None:
        current = QColor(self.session.theme.style(pane).band_colour)
        picked = self.pick_colour(current, self, pane_colour_title(pane))
        if not picked.isValid():
            return  # cancelled
        self._use(lambda: self.session.theme.set_band_colour(pane, picked.name()),
                  self.tr("The personal pane colour is now {colour}.").format(colour=picked.name())
                  if pane is Pane.PERSONAL else
                  self.tr("The official pane colour is now {colour}.").format(colour=picked.name()))

    def reset_colour(self, pane: Pane) -> None:
        self._use(lambda: self.session.theme.reset(pane),
                  self.tr("The personal pane is back to its default colour.")
                  if pane is Pane.PERSONAL else
                  self.tr("The official pane is back to its default colour."))

    def _use(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except ColourRefusedError as refused:
            mark_error(self.colour_message)
            self.colour_message.setText(str(refused))  # in the window's words already
            return
        mark_error(self.colour_message, error=False)
        self.colour_message.setText(done)  # the swatch follows through Theme.changed

    # -- language ---------------------------------------------------------------------------

    def _interface_language_chosen(self, index: int) -> None:
        chosen = language(str(self.interface_language.itemData(index)))
        self.session.settings.setValue(LANGUAGE_KEY, chosen.code)
        self.session.settings.sync()
        self.accept()  # the window this dialog belongs to is about to be replaced
        self.session.interface_language_chosen.emit(chosen)

    def _language_chosen(self, index: int) -> None:
        self.session.set_default_language(str(self.language.itemData(index) or ""))

    # -- people -----------------------------------------------------------------------------

    def may_add_people(self) -> bool:
        return self.session.person.role is Role.ADMIN

    def reload_people(self) -> None:
        people = self.session.app.people
        waiting = {a.person.id: a for a in people.pending_appointments()}
        lone = {a.person.id: a for a in people.lone_appointments()}
        self.people_list.clear()
        for person in people.list():
            me = self.tr(" (you)") if person.id == self.session.person.id else ""
            notes = []
            if person.disabled_at is not None:
                notes.append(self.tr("disabled"))
            if person.id in waiting:
                grant = waiting[person.id]
                notes.append(self.tr("{role} waiting for a second admin (appointed by {admin})")
                             .format(role=role_name(grant.grant.role), admin=grant.granted_by))
            elif person.id in lone:
                notes.append(self.tr("appointed by {admin} alone").format(
                    admin=lone[person.id].granted_by))
            if person.passphrase_reset:
                notes.append(self.tr("must choose a new passphrase"))
            if person.politically_restricted:
                notes.append(self.session.say(RESTRICTED_POST))
            extra = f" · {'; '.join(notes)}" if notes else ""
            item = QListWidgetItem(f"{person.name}{me} — {role_name(person.role)}{extra}")
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.people_list.addItem(item)
        self.pending_note.setText("\n".join(
            self.tr("Waiting for a second admin: {name} as {role}, appointed by {admin}.").format(
                name=a.person.name, role=role_name(a.grant.role), admin=a.granted_by)
            for a in waiting.values()))
        self.pending_note.setVisible(bool(waiting))
        self._enable_person_actions()

    def chosen_person(self) -> Person | None:
        item = self.people_list.currentItem()
        person = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return person if isinstance(person, Person) else None

    def _enable_person_actions(self) -> None:
        person = self.chosen_person()
        me = self.session.person
        chosen = person is not None
        for button in (self.disable_button, self.role_button, self.reset_button):
            button.setEnabled(chosen)
        self.disable_button.setText(self.tr("&Enable") if person is not None and
                                    person.disabled_at else self.tr("&Disable"))
        people = self.session.app.people
        confirmable = {a.person.id: a.grant.granted_by for a in
                       [*people.pending_appointments(), *people.lone_appointments()]}
        # The other admin confirms; the granter and the appointee see it waiting.
        self.confirm_button.setEnabled(
            person is not None and person.id in confirmable and person.id != me.id
            and confirmable[person.id] != me.id)

    def _people_changed(self, text: str) -> None:
        self.reload_people()
        self.people_message.setText(text)

    def _attempt(self, action: Callable[[], str]) -> None:
        try:
            text = action()
        except SafeDeskError as error:
            self.people_message.setText(error.text(self.session.words))
            return
        self._people_changed(text)

    def toggle_disabled(self) -> None:
        person = self.chosen_person()
        if person is None:
            return
        people, me = self.session.app.people, self.session.person
        if person.disabled_at is not None:
            self._attempt(lambda: self.tr("Enabled {name} again.").format(
                name=people.enable(person.name, me).name))
        else:
            self._attempt(lambda: self.tr(
                "Disabled {name}. Their approvals not yet used are void and their submitted "
                "posts are back in their drafts.").format(
                    name=people.disable(person.name, me).name))

    def confirm_appointment(self) -> None:
        person = self.chosen_person()
        if person is not None:
            self._attempt(lambda: self._confirmed(
                self.session.app.people.confirm(person.name, self.session.person)))

    def _confirmed(self, person: Person) -> str:
        return self.tr("Confirmed: {name} is an {role}.").format(
            name=person.name, role=role_name(person.role))

    def change_role(self) -> SetRoleDialog | None:
        person = self.chosen_person()
        if person is None:
            return None
        dialog = SetRoleDialog(self.session.app.people, person, self.session.person, self,
                               words=self.session.words)
        dialog.accepted.connect(lambda: self._role_changed(dialog))
        dialog.open()
        return dialog

    def _role_changed(self, dialog: SetRoleDialog) -> None:
        if dialog.person is not None:
            self._people_changed(dialog.summary)

    def reset_passphrase(self) -> PassphraseDialog | None:
        person = self.chosen_person()
        if person is None:
            return None
        dialog = PassphraseDialog(self.session.app.people, person.name,
                                  admin=self.session.person, parent=self,
                                  words=self.session.words)
        dialog.accepted.connect(lambda: self._people_changed(
            self.tr("Reset {name}'s passphrase; they choose their own at their next sign-in.")
            .format(name=person.name)))
        dialog.open()
        return dialog

    def change_my_passphrase(self) -> PassphraseDialog:
        dialog = PassphraseDialog(self.session.app.people, self.session.person.name, parent=self,
                                  words=self.session.words)
        dialog.accepted.connect(lambda: self._people_changed(
            self.tr("Your new passphrase is saved.")))
        dialog.open()
        return dialog

    def add_person(self) -> AddPersonDialog | None:
        if not self.may_add_people():
            return None
        dialog = AddPersonDialog(self.session.app.people, self.session.person, self,
                                 words=self.session.words)
        dialog.accepted.connect(lambda: self._person_added(dialog))
        dialog.open()
        return dialog

    def _person_added(self, dialog: AddPersonDialog) -> None:
        self.reload_people()
        if dialog.person is not None:
            self.people_message.setText(
                self.tr("Added {name} as {role}.").format(
                    name=dialog.person.name, role=role_name(dialog.person.role)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A light/dark switch: a refusal on screen takes the red for the new background.
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)
