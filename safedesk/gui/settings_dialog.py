"""Settings: pane colours, the language of new posts, the people on this machine, where the
data lives, and (in their own modules) the correction templates and recent incidents.

Every change applies at once (there is nothing to "Apply"), so what the dialog shows is always
what the desk uses. Colours go through ``Theme.set_band_colour``, which refuses a colour whose
band text would be hard to read or that is too close to the other pane's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
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
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import Pane, Role
from safedesk.gui.compose import LANGUAGES
from safedesk.gui.incidents_tab import IncidentsTab
from safedesk.gui.people_dialogs import AddPersonDialog
from safedesk.gui.session import DeskSession
from safedesk.gui.templates_tab import TemplatesTab
from safedesk.gui.theme import (
    ColourRefusedError,
    contrast_summary,
    mark_error,
    refresh_error_colours,
    text_colour_name,
)

# (the colour shown first, the dialog's parent, its title) -> the colour picked, or an invalid
# QColor when the person cancelled. Tests pass their own instead of QColorDialog.
ColourPicker = Callable[[QColor, QWidget, str], QColor]

COLOURS_INTRO = (
    "Each pane's band and border use its colour. SafeDesk writes the band's words in white or "
    "near-black, whichever reads better, and refuses a colour on which neither reaches 4.5:1 "
    "(WCAG AA), or one too close to the other pane's colour. Whatever the colours, the official "
    "pane keeps its heavier border and striped band, so colour is never the only cue.")
ONLY_ADMINS = (
    "Only an admin can add people. Otherwise anyone could add a second approver and approve "
    "their own official posts. Ask an admin to add a colleague.")


def ask_with_colour_dialog(initial: QColor, parent: QWidget, title: str) -> QColor:
    return QColorDialog.getColor(initial, parent, title)


class PaneColourRow:
    """One pane's line in the colours section: swatch, contrast, Change…, Reset to default."""

    def __init__(self, pane: Pane, parent: QWidget) -> None:
        self.pane = pane
        self.name = QLabel(pane.label, parent)
        self.swatch = QLabel(pane.label, parent)
        self.swatch.setAccessibleName(f"{pane.label} pane colour")
        self.swatch.setMinimumWidth(110)
        self.contrast = QLabel(parent)
        self.contrast.setAccessibleName(f"{pane.label} band text contrast")
        # Room for the longest summary, so a new colour never clips it.
        self.contrast.setMinimumWidth(self.contrast.fontMetrics().horizontalAdvance(
            "21.0:1 with near-black text — passes AA") + 8)
        self.change = QPushButton("Change…", parent)
        self.change.setAccessibleName(f"Change the {pane.label.lower()} pane colour")
        self.reset = QPushButton("Reset to default", parent)
        self.reset.setAccessibleName(f"Reset the {pane.label.lower()} pane colour to its default")

    def add_to(self, grid: QGridLayout, row: int) -> None:
        for column, widget in enumerate((self.name, self.swatch, self.contrast, self.change,
                                         self.reset)):
            grid.addWidget(widget, row, column)


class SettingsDialog(QDialog):
    def __init__(self, session: DeskSession, parent: QWidget | None = None, *,
                 pick_colour: ColourPicker = ask_with_colour_dialog) -> None:
        super().__init__(parent)
        self.session = session
        self.pick_colour = pick_colour
        self.setWindowTitle("SafeDesk settings")
        self.setAccessibleName("SafeDesk settings")
        # One page per section, so the dialog fits a small screen (a single column would need
        # more than the two thirds of it a dialog may take). Built in reading order, which is
        # also the Tab order; Ctrl+Tab moves between pages.
        self.sections = QTabWidget(self)
        self.sections.setAccessibleName("Settings sections")
        self.colours_page = self._colours_section()
        self.language_page = self._language_section()
        self.people_page = self._people_section()
        self.data_page = self._data_section()
        self.templates_page = TemplatesTab(session, self)
        self.incidents_page = IncidentsTab(session, self)
        self.sections.addTab(self.colours_page, "Pane &colours")
        self.sections.addTab(self.language_page, "&New posts")
        self.sections.addTab(self.people_page, "&People")
        self.sections.addTab(self.data_page, "&Data")
        self.sections.addTab(self.templates_page, "&Templates")
        self.sections.addTab(self.incidents_page, "&Incidents")
        column = QVBoxLayout(self)
        column.addWidget(self.sections)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close settings")
        column.addWidget(self.buttons)
        session.theme.changed.connect(self._show_colour)
        for pane in Pane:
            self._show_colour(pane)
        self.reload_people()

    # -- sections ---------------------------------------------------------------------------

    def _colours_section(self) -> QWidget:
        box = QWidget(self)
        intro = QLabel(COLOURS_INTRO, box)
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
        self.colour_message.setAccessibleName("Pane colour message")
        self.colour_message.setWordWrap(True)
        inside = QVBoxLayout(box)
        inside.addWidget(intro)
        inside.addLayout(grid)
        inside.addWidget(self.colour_message)
        inside.addStretch(1)
        return box

    def _language_section(self) -> QWidget:
        box = QWidget(self)
        self.language = QComboBox(box)
        self.language.setAccessibleName("Language of new posts")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(self.session.default_language),
                                          0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form = QFormLayout(box)
        form.addRow("&Language of new posts", self.language)
        return box

    def _people_section(self) -> QWidget:
        box = QWidget(self)
        self.people_list = QListWidget(box)
        self.people_list.setAccessibleName("People who use SafeDesk on this machine")
        self.people_list.setMaximumHeight(120)
        self.add_person_button = QPushButton("Add person…", box)
        self.add_person_button.setAccessibleName("Add a person")
        self.add_person_button.clicked.connect(self.add_person)
        self.people_note = QLabel(ONLY_ADMINS, box)
        self.people_note.setAccessibleName("Why you cannot add people")
        self.people_note.setWordWrap(True)
        self.people_message = QLabel(box)
        self.people_message.setAccessibleName("People message")
        self.people_message.setWordWrap(True)
        admin = self.may_add_people()
        self.add_person_button.setVisible(admin)
        self.people_note.setVisible(not admin)
        inside = QVBoxLayout(box)
        inside.addWidget(self.people_list)
        inside.addWidget(self.people_note)
        inside.addWidget(self.people_message)
        inside.addWidget(self.add_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        inside.addStretch(1)
        return box

    def _data_section(self) -> QWidget:
        box = QWidget(self)
        paths = self.session.app.settings
        intro = QLabel("Where your data lives: drafts, history, the audit trail, images and "
                       "these settings are all in this folder. Passwords and tokens are not; "
                       "they are in the system keyring.", box)
        intro.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(intro)
        self.data_dir, self.copy_data_dir = self._path_row(
            form, box, "Data &folder", "data folder", str(paths.data_dir))
        self.database_path, self.copy_database_path = self._path_row(
            form, box, "Data&base", "database", str(paths.database_path))
        return box

    def _path_row(self, form: QFormLayout, box: QWidget, label: str, what: str,
                  path: str) -> tuple[QLineEdit, QPushButton]:
        field = QLineEdit(path, box)
        field.setReadOnly(True)
        field.setAccessibleName(f"The {what} path")
        copy = QPushButton("Copy path", box)
        copy.setAccessibleName(f"Copy the {what} path")
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
            f"{style.band_colour} with {text_colour_name(style.band_text_colour)} text")
        line.contrast.setText(contrast_summary(style))
        line.reset.setEnabled(not self.session.theme.is_default(pane))

    def change_colour(self, pane: Pane) -> None:
        current = QColor(self.session.theme.style(pane).band_colour)
        picked = self.pick_colour(current, self, f"{pane.label} pane colour")
        if not picked.isValid():
            return  # cancelled
        self._use(lambda: self.session.theme.set_band_colour(pane, picked.name()),
                  f"The {pane.label.lower()} pane colour is now {picked.name()}.")

    def reset_colour(self, pane: Pane) -> None:
        self._use(lambda: self.session.theme.reset(pane),
                  f"The {pane.label.lower()} pane is back to its default colour.")

    def _use(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except ColourRefusedError as refused:
            mark_error(self.colour_message)
            self.colour_message.setText(str(refused))
            return
        mark_error(self.colour_message, error=False)
        self.colour_message.setText(done)  # the swatch follows through Theme.changed

    # -- language ---------------------------------------------------------------------------

    def _language_chosen(self, index: int) -> None:
        self.session.set_default_language(str(self.language.itemData(index) or ""))

    # -- people -----------------------------------------------------------------------------

    def may_add_people(self) -> bool:
        return self.session.person.role is Role.ADMIN

    def reload_people(self) -> None:
        self.people_list.clear()
        for person in self.session.app.people.list():
            me = " (you)" if person.id == self.session.person.id else ""
            self.people_list.addItem(f"{person.name}{me} — {person.role.value}")

    def add_person(self) -> AddPersonDialog | None:
        if not self.may_add_people():
            return None
        dialog = AddPersonDialog(self.session.app.people, self.session.person, self)
        dialog.accepted.connect(lambda: self._person_added(dialog))
        dialog.open()
        return dialog

    def _person_added(self, dialog: AddPersonDialog) -> None:
        self.reload_people()
        if dialog.person is not None:
            self.people_message.setText(
                f"Added {dialog.person.name} as {dialog.person.role.value}.")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A light/dark switch: a refusal on screen takes the red for the new background.
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)
