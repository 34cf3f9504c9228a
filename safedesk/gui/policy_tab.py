"""The Policy section of the settings: what the safety checks know about the organisation.

Its names, handles and hashtags (personal text using them reads like an official post), the
political terms watched all year, the election periods with the terms each watches, the level
of each rule, and how each official account publishes a bilingual pair (``pair_styles``).
Everyone sees them; only an admin edits and saves them. A save is the whole value,
from the version this tab read (``services.policy``): when another admin saved meanwhile, or what
was typed does not check out, the tab says so and keeps everything typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
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
from safedesk.core.messages import msg
from safedesk.core.models import Pane
from safedesk.core.policy import RULES, RuleLevel
from safedesk.core.policy.settings import (
    FIXED_RULES,
    ElectionPeriod,
    PolicySettings,
    StoredPolicy,
    election_period,
    settings_of,
)
from safedesk.gui.managed_marks import it_lock_words, mark_locked
from safedesk.gui.pair_styles import PairStylesSection
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import mark_error, refresh_error_colours
from safedesk.services.changes import POLICY
from safedesk.services.policy import PolicySave, TermList

translate = QCoreApplication.translate
PERIOD_COLUMN_COUNT = 4  # name, start, end, terms


def period_columns() -> list[str]:
    return [translate("PolicyTab", "Name"), translate("PolicyTab", "Start (YYYY-MM-DD)"),
            translate("PolicyTab", "End (YYYY-MM-DD)"),
            translate("PolicyTab", "Terms (comma-separated)")]


def list_label(kind: TermList) -> str:
    return {TermList.NAMES: translate("PolicyTab", "Organisation names"),
            TermList.HANDLES: translate("PolicyTab", "Organisation handles"),
            TermList.HASHTAGS: translate("PolicyTab", "Organisation hashtags"),
            TermList.TERMS: translate("PolicyTab",
                                      "Political terms (parties, candidates, “vote for”)")}[kind]


def level_words(level: RuleLevel) -> str:
    return {RuleLevel.DEFAULT: translate("PolicyTab", "Default (its own severities)"),
            RuleLevel.OFF: translate("PolicyTab", "Off"),
            RuleLevel.INFO: translate("PolicyTab", "Info"),
            RuleLevel.WARN: translate("PolicyTab", "Warn"),
            RuleLevel.BLOCK: translate("PolicyTab", "Block")}[level]


def rule_words(rule: str) -> str:
    """A rule by name, in the window's language. The English is the rule's own name, as the
    command line takes it (``safedesk policy level profanity warn``)."""
    names = {
        "alt_text": translate("PolicyTab", "alt_text"),
        "election": translate("PolicyTab", "election"),
        "hack_claim": translate("PolicyTab", "hack_claim"),
        "hashtags": translate("PolicyTab", "hashtags"),
        "hidden_text": translate("PolicyTab", "hidden_text"),
        "links": translate("PolicyTab", "links"),
        "party_politics": translate("PolicyTab", "party_politics"),
        "politically_restricted": translate("PolicyTab", "politically_restricted"),
        "profanity": translate("PolicyTab", "profanity"),
        "wrong_pane": translate("PolicyTab", "wrong_pane"),
    }
    return names.get(rule, rule)


class PolicyTab(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.base: StoredPolicy | None = None  # the version the edits started from
        self.saving = False
        # What the organisation's IT department locked: shown read-only, with the reason.
        self.managed = session.app.policy.managed
        editable = self.may_edit()
        self.note = QLabel(self.tr(
            "What the safety checks know about the organisation. One entry per line in each "
            "list. Changes apply to every check once saved, and each save is recorded in the "
            "audit log.") if editable else self.tr(
            "What the safety checks know about the organisation. Only an admin can change these "
            "settings."), self)
        self.note.setAccessibleName(self.tr("Who can change the policy settings"))
        self.note.setWordWrap(True)
        lists = self._list_boxes(editable)
        periods = self._periods_table(editable)
        levels = self._level_choices(editable)
        self.pair_styles = PairStylesSection(session.accounts(Pane.OFFICIAL), editable, self)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Policy settings message"))
        self.message.setWordWrap(True)
        self.save_button = self._button(self.tr("&Save policy settings"),
                                        self.tr("Save the policy settings"), self.save, editable)
        self.reload_button = self._button(self.tr("&Reload"),
                                          self.tr("Reload the saved policy settings (drops "
                                                  "edits)"), self.reload, editable)
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
        column.addWidget(QLabel(self.tr("Election periods (both days included):"), body))
        column.addLayout(periods, 1)
        column.addWidget(QLabel(self.tr("Rule levels:"), body))
        column.addLayout(levels)
        column.addWidget(QLabel(self.tr("Bilingual posts (Welsh and English), on each official "
                                        "account:"), body))
        column.addWidget(self.pair_styles)
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
            self.lists[kind] = self._list_box(grid, index, list_label(kind), editable,
                                              kind.field)
        # Party and candidate accounts: an official share of their posts warns in an election
        # period (``core.policy.sharing``).
        self.watched = self._list_box(grid, len(TermList), self.tr(
            "Watched party and candidate accounts (addresses such as @name@server or "
            "@name.bsky.social)"), editable, "watched_accounts")
        return grid

    def is_locked(self, field: str) -> bool:
        return field in self.managed.locked

    def _list_box(self, grid: QGridLayout, index: int, name: str,
                  editable: bool, field: str) -> QPlainTextEdit:
        """One list, one entry per line, under its label: two to a row."""
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        locked = self.is_locked(field)
        box.setReadOnly(not editable or locked)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * 5 + 12)
        if locked:
            mark_locked(box)
            name = f"{name}\n{it_lock_words()}"
        label = QLabel(name, self)
        label.setBuddy(box)
        label.setWordWrap(True)
        grid.addWidget(label, (index // 2) * 2, index % 2)
        grid.addWidget(box, (index // 2) * 2 + 1, index % 2)
        return box

    def _periods_table(self, editable: bool) -> QVBoxLayout:
        self.periods = QTableWidget(0, PERIOD_COLUMN_COUNT, self)
        self.periods.setAccessibleName(self.tr("Election periods"))
        self.periods.setHorizontalHeaderLabels(period_columns())
        header = self.periods.horizontalHeader()
        for index in range(PERIOD_COLUMN_COUNT - 1):  # dates and names whole; terms the rest
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PERIOD_COLUMN_COUNT - 1, QHeaderView.ResizeMode.Stretch)
        self.periods.setMaximumHeight(self.periods.verticalHeader().defaultSectionSize() * 6
                                      + header.sizeHint().height())
        self.periods.verticalHeader().setVisible(False)
        self.periods.setTabKeyNavigation(False)  # Tab leaves the table (keyboard-only use)
        locked = self.is_locked("election_periods")
        if not editable or locked:
            self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_period_button = self._button(self.tr("&Add period"),
                                              self.tr("Add an election period"),
                                              self.add_period_row, editable)
        self.remove_period_button = self._button(
            self.tr("Remove period"), self.tr("Remove the chosen election period"),
            self.remove_period_row, editable)
        self.periods_lock = QLabel(it_lock_words(), self)
        self.periods_lock.setAccessibleName(self.tr("Why the election periods cannot be "
                                                    "changed"))
        self.periods_lock.setVisible(locked)
        if locked:
            mark_locked(self.periods)
            for button in (self.add_period_button, self.remove_period_button):
                button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.periods_lock)
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
                combo.addItem(level_words(level), level.value)  # Qt hands a StrEnum back as str
            name = rule_words(rule)
            combo.setAccessibleName(self.tr("Level of the {rule} rule").format(rule=name))
            fixed = rule in FIXED_RULES
            locked = self.managed.locks_rule(rule)
            combo.setEnabled(editable and not fixed and not locked)
            if fixed:
                combo.setToolTip(self.tr("This rule cannot be changed: hidden text on an "
                                         "official post always blocks it."))
            if locked:
                mark_locked(combo)
            form.addRow(self.tr("{rule} (cannot be changed)").format(rule=name) if fixed
                        else f"{name} {it_lock_words()}" if locked else name, combo)
            self.levels[rule] = combo
        return form

    def may_edit(self) -> bool:
        return self.session.app.policy.may_change(self.session.person)

    # -- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the saved settings (off the GUI thread) and show them, dropping any edits."""
        self.session.in_background(self.session.app.policy.current, self.show_stored,
                                   lambda error: self._say(unexpected(error, self.session.words),
                                                           error=True))

    def show_stored(self, stored: StoredPolicy) -> None:
        self.base = stored
        self.show_settings(stored.settings)
        if stored.version == 0:
            self._say(self.tr("No policy settings are saved yet: the built-in rules apply."),
                      error=False)
        else:
            self._say("", error=False)

    def show_settings(self, settings: PolicySettings) -> None:
        for kind, box in self.lists.items():
            box.setPlainText("\n".join(kind.of(settings)))
        self.watched.setPlainText("\n".join(settings.watched_accounts))
        self.periods.setRowCount(0)
        for period in settings.election_periods:
            self._add_row(period)
        for rule, combo in self.levels.items():
            combo.setCurrentIndex(combo.findData(settings.level(rule).value))
        self.pair_styles.show_styles(settings.pair_styles)

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
            cells = [self._cell(row, column) for column in range(PERIOD_COLUMN_COUNT)]
            if not any(c.strip() for c in cells):
                continue  # a row added and left empty
            try:
                periods.append(election_period(cells[0], cells[1], cells[2],
                                               cells[3].split(",")))
            except InvalidInputError as error:
                raise InvalidInputError(msg("Election period, row {row}: {error}", row=row + 1,
                                            error=error.message)) from None
        lines = {kind: box.toPlainText().splitlines() for kind, box in self.lists.items()}
        return settings_of(names=lines[TermList.NAMES], handles=lines[TermList.HANDLES],
                           hashtags=lines[TermList.HASHTAGS],
                           political_terms=lines[TermList.TERMS], periods=periods,
                           levels={rule: RuleLevel(combo.currentData())
                                   for rule, combo in self.levels.items()
                                   if rule not in FIXED_RULES},
                           pair_styles=self.pair_styles.styles(
                               self.base.settings.pair_styles if self.base else {}),
                           watched_accounts=self.watched.toPlainText().splitlines())

    def save(self) -> None:
        if not self.may_edit() or self.base is None or self.saving:
            return
        try:
            settings = self.typed_settings()
        except InvalidInputError as error:
            self._say(self.tr("Not saved: {error}").format(error=error.text(self.session.words)),
                      error=True)
            return
        service, person, version = self.session.app.policy, self.session.person, \
            self.base.version
        self.saving = True
        self.save_button.setEnabled(False)
        self._say(self.tr("Saving…"), error=False)
        self.session.in_background(lambda: service.save(person, settings, version),
                                   self._saved, self._save_failed)

    def _saved(self, saved: PolicySave) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.show_stored(saved.stored)
        if not saved.changes:
            self._say(self.tr("Nothing changed: the saved settings already say that."),
                      error=False)
            return
        changes = "; ".join(self.session.say(change) for change in saved.changes)
        self._say(self.tr("Saved (version {version}): {changes}.").format(
            version=saved.stored.version, changes=changes), error=False)
        self.session.report(POLICY)

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ConcurrentChangeError):
            self._say(self.tr("Not saved: {error} What you typed is still here: copy what you "
                              "need, press Reload to see the saved settings, and make your "
                              "change there.").format(error=error.text(self.session.words)),
                      error=True)
        elif isinstance(error, SafeDeskError):
            self._say(self.tr("Not saved: {error}").format(error=error.text(self.session.words)),
                      error=True)
        else:  # its type only: an unexpected error's text could carry anything
            self._say(self.tr("The settings may not have been saved: SafeDesk could not finish "
                              "this ({kind}). Press Reload to see what is saved.").format(
                                  kind=type(error).__name__), error=True)

    def _say(self, text: str, *, error: bool) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)
