"""The Policy section of the settings: what the safety checks know about the organisation.

Its names, handles and hashtags (personal text using them reads like an official post), the
political terms watched all year, the election periods with the terms each watches, and the level
of each rule. Everyone sees them; only an admin edits and saves them. A save is the whole value,
from the version this tab read (``services.policy``): when another admin saved meanwhile, or what
was typed does not check out, the tab says so and keeps everything typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import ConcurrentChangeError, InvalidInputError, SafeDeskError
from safedesk.core.policy import RULES, RuleLevel
from safedesk.core.policy.settings import (
    FIXED_RULES,
    ElectionPeriod,
    PolicySettings,
    StoredPolicy,
    election_period,
    settings_of,
)
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import mark_error, refresh_error_colours
from safedesk.services.changes import POLICY
from safedesk.services.policy import PolicySave, TermList

ADMIN_NOTE = (
    "What the safety checks know about the organisation. One entry per line in each list. "
    "Changes apply to every check once saved, and each save is recorded in the audit log.")
READ_ONLY_NOTE = (
    "What the safety checks know about the organisation. Only an admin can change these "
    "settings.")
PERIOD_COLUMNS = ("Name", "Start (YYYY-MM-DD)", "End (YYYY-MM-DD)", "Terms (comma-separated)")
LIST_LABELS = {TermList.NAMES: "Organisation names", TermList.HANDLES: "Organisation handles",
               TermList.HASHTAGS: "Organisation hashtags",
               TermList.TERMS: "Political terms (parties, candidates, “vote for”)"}
LEVEL_WORDS = {RuleLevel.DEFAULT: "Default (its own severities)", RuleLevel.OFF: "Off",
               RuleLevel.INFO: "Info", RuleLevel.WARN: "Warn", RuleLevel.BLOCK: "Block"}
CONFLICT_ADVICE = (
    " What you typed is still here: copy what you need, press Reload to see the saved "
    "settings, and make your change there.")


class PolicyTab(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.base: StoredPolicy | None = None  # the version the edits started from
        self.saving = False
        editable = self.may_edit()
        self.note = QLabel(ADMIN_NOTE if editable else READ_ONLY_NOTE, self)
        self.note.setAccessibleName("Who can change the policy settings")
        self.note.setWordWrap(True)
        lists = self._list_boxes(editable)
        periods = self._periods_table(editable)
        levels = self._level_choices(editable)
        self.message = QLabel(self)
        self.message.setAccessibleName("Policy settings message")
        self.message.setWordWrap(True)
        self.save_button = self._button("&Save policy settings", "Save the policy settings",
                                        self.save, editable)
        self.reload_button = self._button("&Reload",
                                          "Reload the saved policy settings (drops edits)",
                                          self.reload, editable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        # The settings scroll, so the dialog still fits a small screen; the message and Save
        # stay in sight below them.
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.note)
        column.addLayout(lists)
        column.addWidget(QLabel("Election periods (both days included):", body))
        column.addLayout(periods, 1)
        column.addWidget(QLabel("Rule levels:", body))
        column.addLayout(levels)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.message)
        outer.addLayout(buttons)
        self.reload()

    def _button(self, text: str, name: str, action: Callable[[], object],
                editable: bool) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(action)
        button.setVisible(editable)  # read-only: nothing to press
        return button

    def _list_boxes(self, editable: bool) -> QGridLayout:
        self.lists: dict[TermList, QPlainTextEdit] = {}
        grid = QGridLayout()
        for index, kind in enumerate(TermList):
            box = QPlainTextEdit(self)
            box.setAccessibleName(LIST_LABELS[kind])
            box.setTabChangesFocus(True)
            box.setReadOnly(not editable)
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 5 + 12)
            label = QLabel(LIST_LABELS[kind], self)
            label.setBuddy(box)
            label.setWordWrap(True)
            grid.addWidget(label, (index // 2) * 2, index % 2)
            grid.addWidget(box, (index // 2) * 2 + 1, index % 2)
            self.lists[kind] = box
        return grid

    def _periods_table(self, editable: bool) -> QVBoxLayout:
        self.periods = QTableWidget(0, len(PERIOD_COLUMNS), self)
        self.periods.setAccessibleName("Election periods")
        self.periods.setHorizontalHeaderLabels(PERIOD_COLUMNS)
        header = self.periods.horizontalHeader()
        for index in range(len(PERIOD_COLUMNS) - 1):  # dates and names whole; terms the rest
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(PERIOD_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.periods.setMaximumHeight(self.periods.verticalHeader().defaultSectionSize() * 6
                                      + header.sizeHint().height())
        self.periods.verticalHeader().setVisible(False)
        self.periods.setTabKeyNavigation(False)  # Tab leaves the table (keyboard-only use)
        if not editable:
            self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_period_button = self._button("&Add period", "Add an election period",
                                              self.add_period_row, editable)
        self.remove_period_button = self._button(
            "Remove period", "Remove the chosen election period", self.remove_period_row,
            editable)
        row = QHBoxLayout()
        row.addWidget(self.add_period_button)
        row.addWidget(self.remove_period_button)
        row.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.periods, 1)
        column.addLayout(row)
        return column

    def _level_choices(self, editable: bool) -> QFormLayout:
        self.levels: dict[str, QComboBox] = {}
        form = QFormLayout()
        for rule in sorted(RULES):
            combo = QComboBox(self)
            for level in RuleLevel:
                combo.addItem(LEVEL_WORDS[level], level.value)  # Qt hands a StrEnum back as str
            combo.setAccessibleName(f"Level of the {rule} rule")
            fixed = rule in FIXED_RULES
            combo.setEnabled(editable and not fixed)
            if fixed:
                combo.setToolTip("This rule cannot be changed: hidden text on an official post "
                                 "always blocks it.")
            form.addRow(f"{rule}{' (cannot be changed)' if fixed else ''}", combo)
            self.levels[rule] = combo
        return form

    def may_edit(self) -> bool:
        return self.session.app.policy.may_change(self.session.person)

    # -- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the saved settings (off the GUI thread) and show them, dropping any edits."""
        self.session.in_background(self.session.app.policy.current, self.show_stored,
                                   lambda error: self._say(unexpected(error), error=True))

    def show_stored(self, stored: StoredPolicy) -> None:
        self.base = stored
        self.show_settings(stored.settings)
        if stored.version == 0:
            self._say("No policy settings are saved yet: the built-in rules apply.", error=False)
        else:
            self._say("", error=False)

    def show_settings(self, settings: PolicySettings) -> None:
        for kind, box in self.lists.items():
            box.setPlainText("\n".join(kind.of(settings)))
        self.periods.setRowCount(0)
        for period in settings.election_periods:
            self._add_row(period)
        for rule, combo in self.levels.items():
            combo.setCurrentIndex(combo.findData(settings.level(rule).value))

    def _add_row(self, period: ElectionPeriod | None) -> int:
        row = self.periods.rowCount()
        self.periods.insertRow(row)
        cells = ("", "", "", "") if period is None else (
            period.name, period.starts.isoformat(), period.ends.isoformat(),
            ", ".join(period.terms))
        for column, text in enumerate(cells):
            self.periods.setItem(row, column, QTableWidgetItem(text))
        return row

    def add_period_row(self) -> None:
        row = self._add_row(None)
        self.periods.setCurrentCell(row, 0)
        self.periods.setFocus()
        self.periods.edit(self.periods.currentIndex())

    def remove_period_row(self) -> None:
        row = self.periods.currentRow()
        if row >= 0:
            self.periods.removeRow(row)

    # -- saving -----------------------------------------------------------------------------

    def _cell(self, row: int, column: int) -> str:
        item = self.periods.item(row, column)
        return item.text() if item is not None else ""

    def typed_settings(self) -> PolicySettings:
        """What the form says, checked as an admin's input (``InvalidInputError`` says what is
        wrong, naming the period's row)."""
        periods = []
        for row in range(self.periods.rowCount()):
            cells = [self._cell(row, column) for column in range(len(PERIOD_COLUMNS))]
            if not any(c.strip() for c in cells):
                continue  # a row added and left empty
            try:
                periods.append(election_period(cells[0], cells[1], cells[2],
                                               cells[3].split(",")))
            except InvalidInputError as error:
                raise InvalidInputError(f"Election period, row {row + 1}: {error}") from None
        lines = {kind: box.toPlainText().splitlines() for kind, box in self.lists.items()}
        return settings_of(names=lines[TermList.NAMES], handles=lines[TermList.HANDLES],
                           hashtags=lines[TermList.HASHTAGS],
                           political_terms=lines[TermList.TERMS], periods=periods,
                           levels={rule: RuleLevel(combo.currentData())
                                   for rule, combo in self.levels.items()
                                   if rule not in FIXED_RULES})

    def save(self) -> None:
        if not self.may_edit() or self.base is None or self.saving:
            return
        try:
            settings = self.typed_settings()
        except InvalidInputError as error:
            self._say(f"Not saved: {error}", error=True)
            return
        service, person, version = self.session.app.policy, self.session.person, \
            self.base.version
        self.saving = True
        self.save_button.setEnabled(False)
        self._say("Saving…", error=False)
        self.session.in_background(lambda: service.save(person, settings, version),
                                   self._saved, self._save_failed)

    def _saved(self, saved: PolicySave) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.show_stored(saved.stored)
        if not saved.changes:
            self._say("Nothing changed: the saved settings already say that.", error=False)
            return
        self._say(f"Saved (version {saved.stored.version}): {'; '.join(saved.changes)}.",
                  error=False)
        self.session.report(POLICY)

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ConcurrentChangeError):
            self._say(f"Not saved: {error}{CONFLICT_ADVICE}", error=True)
        elif isinstance(error, SafeDeskError):
            self._say(f"Not saved: {error}", error=True)
        else:  # its type only: an unexpected error's text could carry anything
            self._say(f"The settings may not have been saved: SafeDesk could not finish this "
                      f"({type(error).__name__}). Press Reload to see what is saved.",
                      error=True)

    def _say(self, text: str, *, error: bool) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)
