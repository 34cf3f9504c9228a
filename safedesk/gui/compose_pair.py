"""A compose box's second language: "Bilingual (Cymraeg + English)" and what it adds.

Ticked, the box holds a bilingual pair (``core.pairs``): below the first language's text and
warning come the second language's own text box and warning, and each image's alt text is asked
in both languages. The first language is the box's Language choice (ticked with neither Welsh
nor English chosen, Welsh); the second is the other of the two, and follows that choice. The
second language is counted against every chosen account, checked by the safety checks and the
spell check (in its own language) and previewed as the organisation publishes pairs on each
account, as the first is; Send waits until both fit and both are written (``pair_problem``).

Unticking it asks before the second language's words go: a translation is work, and one stray
key press should not throw it away. "Keep it" leaves the box a pair.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.messages import Message
from safedesk.core.models import Account, Content, Pane, Translation
from safedesk.core.pairs import ENGLISH_LANGUAGE, PAIR_LANGUAGES, WELSH, pair_problem
from safedesk.core.policy import Finding, PolicyContext, check_content
from safedesk.gui.compose_counts import account_lines
from safedesk.gui.compose_images import ImageStrip
from safedesk.gui.finding_marks import FindingMarks
from safedesk.gui.findings import FindingsList
from safedesk.gui.pair_text import (
    alt_label,
    language_words,
    other_language,
    pair_preview_html,
    second_post,
    text_label,
    warning_label,
)
from safedesk.gui.session import DeskSession
from safedesk.gui.spell_check import SpellCheck

translate = QCoreApplication.translate


class PairEditor(QWidget):
    """The toggle, and the second language's text, warning and findings under it."""

    changed = Signal()  # the person changed the second language (or turned the pair on or off)

    def __init__(self, session: DeskSession, pane: Pane, first_language: QComboBox,
                 images: ImageStrip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self._first = first_language
        self._images = images
        self.question: QMessageBox | None = None  # "Remove the English text?", while asked
        # No Alt+letter: both panes hold one, and a key two controls share only moves focus.
        # Tab reaches it next after the Language choice.
        self.toggle = QCheckBox(self.tr("Bilingual (Cymraeg + English)"), self)
        self.toggle.setAccessibleName(
            self.tr("Official post in Welsh and English") if pane is Pane.OFFICIAL
            else self.tr("Personal post in Welsh and English"))
        self.toggle.setToolTip(self.tr("Write the post in Welsh and in English: one approval "
                                       "covers both, and they go out together."))
        # Not shown: the second language, as the spell check reads a language (a choice's data).
        self.language = QComboBox(self)
        self.language.setVisible(False)
        for code in (WELSH, ENGLISH_LANGUAGE):
            self.language.addItem(language_words(code), code)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setAcceptDrops(False)  # across panes only by copying (see ``compose``)
        self.text.setMaximumHeight(120)
        self.content_warning = QLineEdit(self)
        self.content_warning.setAcceptDrops(False)
        self.findings = FindingsList(self, session.words)
        self.finding_marks = FindingMarks(self.text, list, session.words)
        self.text_label, self.warning_label = QLabel(self), QLabel(self)
        self.body = QWidget(self)
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.text_label, self.text)
        form.addRow(self.warning_label, self.content_warning)
        form.addRow(self.findings)
        self.body.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.body)
        self._follow_first()
        # Tab reads on from the Language choice to the toggle and the second language's boxes,
        # as they are laid out (made later than the rest of the box, they would come last).
        for before, after in ((first_language, self.toggle), (self.toggle, self.text),
                              (self.text, self.content_warning)):
            QWidget.setTabOrder(before, after)
        self.spell_check = SpellCheck(self.text, self.language, session)
        self.toggle.toggled.connect(self._toggled)
        first_language.currentIndexChanged.connect(self._follow_first)
        self.text.textChanged.connect(self.changed)
        self.content_warning.textChanged.connect(self.changed)

    def beside(self, language: QComboBox) -> QHBoxLayout:
        """The Language choice with the toggle beside it, on one row: the toggle adds to that
        language, and a row of its own would push the preview further down the page."""
        row = QHBoxLayout()
        row.addWidget(language, 1)
        row.addWidget(self.toggle)
        return row

    @property
    def on(self) -> bool:
        return self.toggle.isChecked()

    def second_language(self) -> str:
        return other_language(str(self._first.currentData() or ""))

    def _follow_first(self) -> None:
        """The first language changed: the second is the other one, named so everywhere."""
        code = self.second_language()
        self.language.setCurrentIndex(self.language.findData(code))
        self.text_label.setText(text_label(code))
        self.text.setAccessibleName(self._in_pane(text_label(code)))
        self.text.setPlaceholderText(self.tr("The same post, in the other language"))
        self.warning_label.setText(warning_label(code))
        self.content_warning.setAccessibleName(self._in_pane(warning_label(code)))
        self.content_warning.setPlaceholderText(self.tr("Content warning (optional)"))
        self._show_pair()

    def _in_pane(self, name: str) -> str:
        """``name`` with the pane's in it, as ``pane_names`` names the box's other fields: a
        screen reader tells one pane's "English text" from the other's."""
        field = translate("PaneNames", "Personal {name}") if self.pane is Pane.PERSONAL \
            else translate("PaneNames", "Official {name}")
        return field.format(name=name)

    def _show_pair(self) -> None:
        self.body.setVisible(self.on)
        self._images.second_label = alt_label(self.second_language()) if self.on else ""
        self._images.show_images()

    # -- the draft ---------------------------------------------------------------------------

    def translation(self) -> Translation | None:
        """The second language as the draft keeps it, or None while the box is not a pair."""
        if not self.on:
            return None
        return Translation(language=self.second_language(), text=self.text.toPlainText(),
                           content_warning=self.content_warning.text(),
                           alt_texts=self._images.second_alt_texts())

    def load(self, translation: Translation | None) -> None:
        """Show a draft's second language (after its images are loaded), asking nothing."""
        for widget in (self.toggle, self.text, self.content_warning):
            widget.blockSignals(True)
        self.toggle.setChecked(translation is not None)
        self.text.setPlainText(translation.text if translation else "")
        self.content_warning.setText(translation.content_warning if translation else "")
        if translation is not None:
            self._images.second_alts = list(translation.alt_texts)
        for widget in (self.toggle, self.text, self.content_warning):
            widget.blockSignals(False)
        self._show_pair()

    def warned(self) -> bool:
        """Whether the second language has a warning (Bluesky's choice is asked for it too)."""
        return self.on and bool(self.content_warning.text().strip())

    def _has_words(self) -> bool:
        return bool(self.text.toPlainText().strip() or self.content_warning.text().strip()
                    or any(alt.strip() for alt in self._images.second_alt_texts()))

    def _toggled(self, on: bool) -> None:
        if on or not self._has_words():
            self._turned(on)
            return
        # Unticked with words in it: ticked again until the person says to remove them.
        self.toggle.blockSignals(True)
        self.toggle.setChecked(True)
        self.toggle.blockSignals(False)
        language = language_words(self.second_language())
        question = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove the second language?"),
                               self.tr("This removes the {language} text, warning and alt texts "
                                       "from the post.").format(language=language),
                               QMessageBox.StandardButton.NoButton, self)
        remove = question.addButton(self.tr("Remove the {language}").format(language=language),
                                    QMessageBox.ButtonRole.DestructiveRole)
        keep = question.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        question.setDefaultButton(keep)
        question.setEscapeButton(keep)

        def answered() -> None:
            self.question = None
            if question.clickedButton() is remove:
                self.toggle.blockSignals(True)
                self.toggle.setChecked(False)
                self.toggle.blockSignals(False)
                self._turned(False)
            question.deleteLater()

        question.finished.connect(answered)
        self.question = question
        question.open()

    def _turned(self, on: bool) -> None:
        if on and self._first.currentData() not in PAIR_LANGUAGES:
            # A pair is Welsh and English: with no language (or another) chosen, the first is
            # Welsh, as the Standards put it first; the Language box shows it, to change.
            self._first.setCurrentIndex(self._first.findData(WELSH))
        if not on:
            self.text.blockSignals(True)
            self.text.clear()
            self.text.blockSignals(False)
            self.content_warning.blockSignals(True)
            self.content_warning.clear()
            self.content_warning.blockSignals(False)
            self._images.second_alts = []
        self._show_pair()
        if on:
            self.text.setFocus()
        self.changed.emit()

    # -- counts, checks, preview, Send -------------------------------------------------------

    def counted(self, lines: list[str], accounts: Sequence[Account], content: Content,
                alarm: str) -> tuple[list[str], bool]:
        """The counts lines with the second language's below the first's, each under its
        language's name; and whether the second does not fit an account."""
        if content.translation is None:
            return lines, False
        second = second_post(content)
        fits = [account_lines(account, second, alarm, self.session.say) for account in accounts]
        mine = [line for fit in fits for line in fit.lines]
        over = any(fit.blocked for fit in fits)
        return [f"<b>{html.escape(language_words(content.language))}</b>", *lines,
                f"<b>{html.escape(language_words(second.language))}</b>", *mine], over

    def show_findings(self, content: Content, context: PolicyContext) -> tuple[Finding, ...]:
        """Run the safety checks on the second language and show them under its box; what they
        found, for Send's reason."""
        findings = check_content(second_post(content), self.pane, context) \
            if content.translation is not None else ()
        self.findings.show_findings(findings)
        self.finding_marks.show_findings(findings)
        return findings

    @staticmethod
    def refusal(content: Content) -> Message | None:
        """Why the pair cannot go (a language empty, an alt text missing), or None."""
        return pair_problem(content)

    def preview_html(self, account: Account, content: Content) -> str:
        style = self.session.policy.settings.pair_style_for(account.id)
        return pair_preview_html(account, content, style)

    def action_words(self, variants: list[str]) -> list[str]:
        """Send's words: said to be a pair in its fullest words, dropped first for room."""
        if not self.on or not variants:
            return variants
        return [self.tr("{action}, in Welsh and English").format(action=variants[0]), *variants]
