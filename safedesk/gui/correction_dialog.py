"""Correct, apologise for, or retract a published post: one small dialog, opened from History.

It asks ``CorrectionService.prepare`` for a plan (off the GUI thread: each original is looked up
on its platform) and shows every account the original went to, with what will happen there: a
reply threaded under the original, its live count, and the action on the original (keep, delete,
or on Mastodon edit; Bluesky cannot edit). The template's blanks are fields; the text is the
template with them filled, live. Editing the text by hand makes it the person's own words, which
on official accounts always go to an approver as urgent; the dialog says so before the click, as
it says when a pre-approved template publishes at once, and warns of any claim of a hack.

The one button's words say what it does. Publishing and Retry run in the background; the result
shows per account (the reply's link, or why not, and what became of the original). A plan
published twice posts once (the plan's id is the incident's), so a double click is harmless.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.corrections import NOTE_TEMPLATE, CorrectionKind, OriginalAction, Route
from safedesk.core.errors import SafeDeskError
from safedesk.core.messages import ENGLISH, Words
from safedesk.core.models import Content, Pane, Platform
from safedesk.core.pair_corrections import SecondLanguage
from safedesk.core.policy import blocking, check_content
from safedesk.core.policy.claims import HACK_CLAIM
from safedesk.core.templates import LANGUAGE_NAMES, TemplatePreapproval
from safedesk.gui.banners import WARNING_STYLE
from safedesk.gui.correction_pair import EnglishPart
from safedesk.gui.correction_text import (
    action_choices,
    bluesky_no_edit,
    button_words,
    expected_route,
    field_hint,
    field_label,
    leftover_placeholders,
    publish_words,
    report_html,
    report_title,
    summary_line,
    target_html,
    text_name,
    title,
)
from safedesk.gui.findings import FindingsList, severity_words
from safedesk.gui.queue_text import local_time
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import error_colour, mark_error, refresh_error_colours
from safedesk.services.changes import Changes
from safedesk.services.correction_plan import CorrectionPlan
from safedesk.services.incidents import IncidentReport
from safedesk.services.pair_corrections import pair_route

translate = QCoreApplication.translate


def failure_words(error: BaseException, doing: str, words: Words = ENGLISH) -> str:
    """A SafeDesk error's own words (in the language of ``words``); anything else by its type
    only (its text could carry a token), with what is safe to do next. ``doing`` is already in
    the window's language."""
    if isinstance(error, SafeDeskError):
        return error.text(words)
    return translate("CorrectionDialog", "SafeDesk could not finish {doing} ({kind}). Nothing is "
                     "posted twice: look at the History, then try again.").format(
                         doing=doing, kind=type(error).__name__)


class CorrectionDialog(QDialog):
    published = Signal(object)  # the IncidentReport, after publishing and after each retry

    def __init__(self, session: DeskSession, publication_id: str, kind: CorrectionKind | str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.publication_id = publication_id
        self.kind = CorrectionKind(kind)
        self.base: CorrectionPlan | None = None  # as prepared: the template, defaults filled
        self.plan: CorrectionPlan | None = None  # with what the person typed
        self.report: IncidentReport | None = None
        self.custom = False  # the person edited the text itself
        self.fields: dict[str, QLineEdit] = {}
        self._preapproval: TemplatePreapproval | None = None
        self._approver = ""  # the name of whoever made that pre-approval
        self._note_problem = ""  # why the original cannot be edited here, if it cannot
        self._route = Route.DIRECT
        self._busy = False  # publishing or retrying: the answer must come back here
        self._pending = 0  # background jobs not yet answered
        self._dispose_when_idle = False
        self._loading = False
        self.setWindowTitle(title(self.kind))
        screen = (parent or self).screen().availableGeometry()
        # The layout's minimum still wins: a long button widens the dialog.
        self.resize(min(660, screen.width()), min(720, screen.height() - 60))
        self._build()
        self._connect()
        self._prepare()

    # -- building ---------------------------------------------------------------------------

    def _label(self, name: str, *, rich: bool = False) -> QLabel:
        label = QLabel(self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        if rich:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setOpenExternalLinks(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    def _build(self) -> None:
        self.original = self._label(self.tr("The post being corrected"))
        self.original.setTextFormat(Qt.TextFormat.PlainText)  # the post's words, never markup
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Template language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.targets = self._label(self.tr("Where the reply goes"), rich=True)
        self.action_group = QButtonGroup(self)
        self.action_buttons: dict[OriginalAction, QRadioButton] = {}
        actions = QVBoxLayout()
        for action, words in action_choices().items():
            button = QRadioButton(words, self)
            self.action_group.addButton(button)
            self.action_buttons[action] = button
            actions.addWidget(button)
        self.action_note = self._label(self.tr("About editing the original"))
        actions.addWidget(self.action_note)
        self.field_form = QFormLayout()
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(text_name(self.kind))
        self.text.setTabChangesFocus(True)  # keyboard-only use: Tab leaves the box
        self.text.setMaximumHeight(120)
        self.reset_button = QPushButton(self.tr("Use the template's words again"), self)
        self.reset_button.setVisible(False)
        self.text_label = QLabel(self.tr("Text"), self)
        self.english = EnglishPart(text_name(self.kind), self)  # a pair's: shown for one only
        self.english.setVisible(False)
        self.marker = self._label(self.tr("Template or your own words"))
        self.flag_warning = self._label(self.tr("Warning"))
        self.flag_warning.setStyleSheet(WARNING_STYLE)
        self.flag_warning.setVisible(False)
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Internal note (never published)"))
        self.note.setPlaceholderText(self.tr("For the incident record only; never published"))
        # The safety checks a post gets, on the correction's words (a claim of a hack has its
        # own warning above, with what it means for a correction).
        self.findings = FindingsList(self, self.session.words)
        self.problems = self._label(self.tr("Why it cannot be published yet"))
        mark_error(self.problems)
        self.message = self._label(self.tr("Message"), rich=True)
        self.results = self._label(self.tr("What happened on each account"), rich=True)
        self.results.setVisible(False)
        self.publish_button = QPushButton(publish_words(self.kind), self)
        self.publish_button.setObjectName("correctionPublishButton")
        self.publish_button.setAutoDefault(False)  # Enter in a field must never publish
        self.retry_button = QPushButton(self.tr("Retry what failed"), self)
        self.retry_button.setAutoDefault(False)
        self.retry_button.setVisible(False)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.setAutoDefault(False)
        self._lay_out(actions)

    def _lay_out(self, actions: QVBoxLayout) -> None:
        form = self.form = QFormLayout()
        form.addRow(self.tr("Post"), self.original)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Goes to"), self.targets)
        form.addRow(self.tr("The original"), actions)
        self._plan_rows = (self.targets, actions, self.field_form, self.marker)
        form.addRow(self.field_form)
        text_column = QVBoxLayout()
        text_column.addWidget(self.text)
        text_column.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(self.text_label, text_column)
        form.addRow(self.english)
        form.addRow("", self.marker)
        form.addRow(self.tr("Internal note"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.publish_button)
        # The plan scrolls; what to fix, what happened and the buttons stay in view below it,
        # however short the screen and however many accounts the original went to.
        content = QWidget(self)
        content_column = QVBoxLayout(content)
        content_column.setContentsMargins(0, 0, 0, 0)
        content_column.addLayout(form)
        content_column.addWidget(self.flag_warning)
        content_column.addWidget(self.findings)
        content_column.addStretch(1)
        self.plan_area = QScrollArea(self)
        self.plan_area.setAccessibleName(self.tr("The correction"))
        self.plan_area.setWidgetResizable(True)
        self.plan_area.setFrameShape(QFrame.Shape.NoFrame)
        self.plan_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plan_area.setWidget(content)
        column = QVBoxLayout(self)
        column.addWidget(self.plan_area, 1)
        column.addWidget(self.problems)
        column.addWidget(self.message)
        column.addWidget(self.results)
        column.addLayout(buttons)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(self._language_changed)
        self.action_group.buttonToggled.connect(lambda *_: self._refresh())
        self.text.textChanged.connect(self._text_edited)
        self.reset_button.clicked.connect(self.use_template)
        self.english.changed.connect(self._refresh)
        self.publish_button.clicked.connect(self.publish)
        self.retry_button.clicked.connect(self.retry)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.publish)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A light/dark switch: error text takes the red that reads on the new background.
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
            if self.base is not None and self.report is None:
                self._refresh()
        super().changeEvent(event)

    # -- the plan ---------------------------------------------------------------------------

    def _language_code(self) -> str:
        return str(self.language.currentData() or "en-GB")

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """In the background; the dialog outlives its close until the answer is in."""
        self._pending += 1

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._pending -= 1
            try:
                callback(value)
            finally:
                if self._dispose_when_idle and not self._pending:
                    self.deleteLater()

        self.session.in_background(work, lambda value: finish(on_done, value),
                                   lambda error: finish(on_error, error))

    def dispose(self) -> None:
        """Delete the closed dialog, once no background answer is still to come to it."""
        if self._pending:
            self._dispose_when_idle = True
        else:
            self.deleteLater()

    def _prepare(self) -> None:
        # Closing is fine meanwhile (Cancel): looking up changes nothing but a gone original.
        self.publish_button.setEnabled(False)
        self.language.setEnabled(False)  # the plan on its way is in the language chosen now
        self.say(self.tr("Checking the original on each account…"))
        corrections = self.session.app.corrections
        publication_id, kind, language = self.publication_id, self.kind, self._language_code()
        person = self.session.person
        self._run(lambda: corrections.prepare(publication_id, kind, language=language,
                                              person=person),
                  self._prepared, self._not_prepared)

    def _prepared(self, plan: CorrectionPlan) -> None:
        self.say("")
        self.language.setEnabled(True)
        self._set_base(plan, dict(plan.fields))
        self.action_buttons[plan.default_action].setChecked(True)
        self._refresh()
        empty = next((e for e in self.fields.values() if not e.text().strip()), None)
        (empty or self.text).setFocus()

    def _not_prepared(self, error: BaseException) -> None:
        self.say(html.escape(failure_words(error, self.tr("looking up the original"),
                                                 self.session.words)), error=True)
        self.publish_button.setEnabled(False)
        self.close_button.setText(self.tr("Close"))

    def _set_base(self, plan: CorrectionPlan, values: dict[str, str]) -> None:
        """A freshly prepared plan: the fields its template has, filled with ``values``."""
        self.base = plan
        app, person = self.session.app, self.session.person
        self._preapproval = app.templates.usable_preapproval(plan.template, person) \
            if plan.template is not None else None
        if plan.translation is not None:
            self._show_pair(plan, plan.translation)
        names = {p.id: p.name for p in app.people.list()}
        self._approver = names.get(self._preapproval.approver_id, "") \
            if self._preapproval is not None else ""
        self._note_problem = ""
        if plan.pane is Pane.OFFICIAL:
            note = app.templates.get(NOTE_TEMPLATE, plan.language)
            if app.templates.usable_preapproval(note, person) is None:
                self._note_problem = self.tr(
                    "Editing an official original needs the {template} note template "
                    "pre-approved by an approver.").format(template=note.label)
        when = min((t.original.published_at for t in plan.targets if t.original.published_at),
                   default=None)
        self.original.setText(summary_line(plan.original.content.text,
                                           local_time(when, year=True)))
        self._loading = True
        while self.field_form.rowCount():
            self.field_form.removeRow(0)
        self.fields = {}
        for name in plan.template.placeholders if plan.template is not None else ():
            edit = QLineEdit(values.get(name, ""), self)
            edit.setAccessibleName(field_label(name))
            edit.setToolTip(field_hint(name))
            edit.setPlaceholderText(field_hint(name))
            edit.setEnabled(not self.custom)
            edit.textChanged.connect(lambda _text: self._refresh())
            self.fields[name] = edit
            self.field_form.addRow(field_label(name), edit)
        self._loading = False
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Reading order for Tab: fields are made after the rest, so Qt would put them last."""
        chain: list[QWidget] = [self.language, *self.action_buttons.values(),
                                *self.fields.values(), self.text, self.reset_button,
                                *(self.english.widgets() if self.english.isVisible() else ()),
                                self.note,
                                self.close_button, self.retry_button, self.publish_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_pair(self, plan: CorrectionPlan, english: SecondLanguage) -> None:
        """A pair is corrected in Welsh and English together: a box for each, labelled, and
        published at once only when one approver pre-approved both languages' templates."""
        self.form.setRowVisible(self.language, False)  # both, whatever the language
        self.text_label.setText(self.tr("Welsh (cy)"))
        self.text.setAccessibleName(self.tr("{name} in Welsh").format(
            name=text_name(self.kind)))
        self.english.setVisible(True)
        self.english.load(english)
        if plan.template is not None and self._preapproval is not None:
            app = self.session.app
            self._preapproval = pair_route(app.store, app.templates, plan.template, english,
                                           self.session.person)[1]

    def _values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def _language_changed(self) -> None:
        """Another language: the template in it, keeping what the person typed. The originals
        were looked up when the dialog opened, so no network now."""
        if self.base is None or self._loading:
            return
        try:
            plan = self.session.app.corrections.prepare(
                self.base.original.id, self.kind, language=self._language_code(),
                check_originals=False, person=self.session.person)
        except SafeDeskError as error:
            self.say(html.escape(str(error)), error=True)
            return
        notes = {t.account.id: t.notes for t in self.base.targets}
        plan = replace(plan, targets=tuple(
            t if t.notes or not notes.get(t.account.id) else replace(t, notes=notes[t.account.id])
            for t in plan.targets))
        typed = {k: v for k, v in self._values().items() if k != "original_date"}
        self._set_base(plan, {**dict(plan.fields), **typed})
        self._refresh()

    def _text_edited(self) -> None:
        if self._loading or self.base is None:
            return
        if not self.custom:
            self.custom = True
            for edit in self.fields.values():
                edit.setEnabled(False)
            self.language.setEnabled(False)  # a new language would replace the person's words
            self.reset_button.setVisible(True)
        self._refresh()

    def use_template(self) -> None:
        """Back to the template's words, with the fields as they were."""
        self.custom = False
        for edit in self.fields.values():
            edit.setEnabled(True)
        self.language.setEnabled(True)
        self.reset_button.setVisible(False)
        self._refresh()

    def _set_text(self, text: str) -> None:
        if self.text.toPlainText() != text:
            self._loading = True
            self.text.setPlainText(text)
            self._loading = False

    def chosen_action(self) -> OriginalAction:
        for action, button in self.action_buttons.items():
            if button.isChecked():
                return action
        return self.base.default_action if self.base is not None else OriginalAction.KEEP

    def _refresh(self) -> None:
        """Measure and describe the plan as it now stands; runs on every keystroke (no network)."""
        if self.base is None or self._loading or self.report is not None:
            return
        corrections = self.session.app.corrections
        values = self._values()
        english = self.english.values() if self.base.translation else None
        text = self.text.toPlainText() if self.custom else None
        plan = corrections.revise(self.base, fields=values, text=text, second_fields=english,
                                  second_text=self.english.own_text() if english else None)
        if not self.custom:
            self._set_text(plan.text)
        if plan.translation is not None and not self.english.custom:
            self.english.show_text(plan.translation.text)
        self.plan = plan
        self._show_actions(plan)
        action = self.chosen_action()
        alarm = error_colour(self)
        self.targets.setText("".join(target_html(t, action, alarm, self.session.words)
                                     for t in plan.targets))
        route, reason = expected_route(plan, self._preapproval, self._approver)
        self._route = route
        self.marker.setText(self._marker_words(plan, route, reason))
        self._show_flags(plan)
        problems = [self.session.say(problem) for problem in plan.problems]
        texts = [plan.text, *([plan.translation.text] if plan.translation else [])]
        findings = tuple(f for text in texts
                         for f in check_content(Content(text, ()), plan.pane,
                                                self.session.policy_for_post(None))
                         if f.rule != HACK_CLAIM)
        self.findings.show_findings(findings)
        # A block only an approver may lift goes to one with the correction (it is listed).
        problems += [self.tr("{severity}: {finding}.").format(
            severity=severity_words(f.severity), finding=self.session.say(f.message))
            for f in blocking(findings) if not f.overridable]
        leftover = leftover_placeholders(plan.text) if self.custom else ()
        if leftover:
            problems.insert(0, self.tr("Fill in {placeholders}: it is still in the text.").format(
                placeholders=", ".join(f"{{{n}}}" for n in leftover)))
        self.problems.setText(" ".join(problems))
        self.problems.setVisible(bool(problems))
        self.publish_button.setText(button_words(plan, route, action))
        self.publish_button.setEnabled(not problems and not self._busy)

    def _marker_words(self, plan: CorrectionPlan, route: Route, reason: str) -> str:
        template = plan.template.label if plan.template is not None else ""
        english = plan.translation
        if (plan.missing and not self.custom) or (english and english.missing
                                                  and not self.english.custom):
            return self.tr("From the {template} template: fill in the blanks above.").format(
                template=template)
        if (self.custom or self.english.custom) and not plan.uses_template_only:
            words = self.tr("Your own words: the text differs from the template.")
        else:
            words = self.tr("The {template} template's words.").format(template=template)
        if route is Route.QUEUED:
            return self.tr("{words} Goes to the approval queue as URGENT: {reason}").format(
                words=words, reason=reason)
        return f"{words} {reason}"

    def _show_actions(self, plan: CorrectionPlan) -> None:
        edit = self.action_buttons[OriginalAction.EDIT]
        can_edit = OriginalAction.EDIT in plan.actions and not self._note_problem
        edit.setEnabled(can_edit and not self._busy)
        if not can_edit and edit.isChecked():
            self.action_buttons[plan.default_action].setChecked(True)
        notes = []
        if any(t.account.platform is Platform.BLUESKY for t in plan.sending):
            notes.append(bluesky_no_edit())
        if self._note_problem and OriginalAction.EDIT in plan.actions:
            notes.append(self._note_problem)
        self.action_note.setText(" ".join(notes))
        self.action_note.setVisible(bool(notes))

    def _show_flags(self, plan: CorrectionPlan) -> None:
        if not plan.flags:
            self.flag_warning.setVisible(False)
            return
        said = ", ".join(f"“{f}”" for f in plan.flags)
        warning = (self.tr("⚠ The text claims the account was hacked or misused ({claims}), so "
                           "an approver must look at it first, as urgent.")
                   if plan.pane is Pane.OFFICIAL
                   else self.tr("⚠ The text claims the account was hacked or misused ({claims}). "
                                "Only say so if it is true: it is recorded with the incident."))
        self.flag_warning.setText(warning.format(claims=said))
        self.flag_warning.setVisible(True)

    # -- publishing -------------------------------------------------------------------------

    def publish(self) -> None:
        plan = self.plan
        if plan is None or not self.publish_button.isEnabled() or self.report is not None:
            return
        action, note, person = self.chosen_action(), self.note.text(), self.session.person
        corrections = self.session.app.corrections
        self._set_busy(busy=True)
        self.say(self.tr("Submitting for urgent approval…") if self._route is Route.QUEUED
                 else self.tr("Publishing…"))
        self._run(lambda: corrections.publish(plan, person, action, note), self._show_report,
                  self._failed)

    def retry(self) -> None:
        if self.report is None or self._busy:
            return
        incident_id, person = self.report.incident.id, self.session.person
        corrections = self.session.app.corrections
        self._set_busy(busy=True)
        self.say(self.tr("Retrying what failed…"))
        self._run(lambda: corrections.retry(incident_id, person), self._show_report,
                  self._failed)

    def _show_report(self, report: IncidentReport) -> None:
        self.report = report
        self._set_busy(busy=False)
        self._lock()
        self.say(html.escape(report_title(report)), error=report.can_retry)
        self.results.setText(report_html(report, error_colour(self)))
        self.results.setVisible(True)
        self.problems.setVisible(False)
        self.publish_button.setVisible(False)
        self.retry_button.setVisible(report.can_retry)
        self.close_button.setText(self.tr("Close"))
        self.adjustSize()  # room for the results, within the screen
        (self.retry_button if report.can_retry else self.close_button).setFocus()
        self._changed(report.incident.pane)
        self.published.emit(report)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(busy=False)
        self.say(html.escape(failure_words(error, self.tr("the correction"),
                                                 self.session.words)), error=True)
        self._refresh()
        if self.base is not None:
            self._changed(self.base.pane)  # something may have happened before the refusal

    def _changed(self, pane: Pane) -> None:
        # A correction is published, or sent to the queue: official, the queue too.
        self.session.report(Changes.of_publishing(pane))

    def _lock(self) -> None:
        """After publishing, the dialog is a record: nothing in it can be changed, and the
        results per account take the place of the plan for them."""
        for row in self._plan_rows:
            self.form.setRowVisible(row, False)
        self.text.setReadOnly(True)  # still readable and selectable, unlike a disabled box
        self.note.setReadOnly(True)
        editors: list[QWidget] = [self.language, self.reset_button,
                                  *self.action_buttons.values(), *self.fields.values()]
        for widget in editors:
            widget.setEnabled(False)
        self.english.lock()

    def _set_busy(self, *, busy: bool) -> None:
        self._busy = busy
        self.publish_button.setEnabled(not busy and self.plan is not None)
        self.retry_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def say(self, text: str, *, error: bool = False) -> None:
        """The inline message line (HTML: the caller escapes what a person or server wrote)."""
        mark_error(self.message, error=error)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reject(self) -> None:
        # Not while publishing: its answer (the links, or what failed) comes back to this dialog.
        # Escape and the window's close button both end up here.
        if not self._busy:
            super().reject()
