"""The compose box's list of policy findings, under the counts, and the reason beside Send when a
block stops it. Each finding leads with its severity as a word and a symbol, so no one has to
tell it by colour; the policy engine (``core.policy``) decides, this only shows."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.policy import Finding, Severity, blocking
from safedesk.core.policy.findings import FieldKind, FieldRef
from safedesk.core.visible_text import visible
from safedesk.gui.theme import error_style, mark_error

_SYMBOLS = {Severity.BLOCK: "\u26d4", Severity.WARN: "\u26a0", Severity.INFO: "\u2139"}
translate = QCoreApplication.translate


def severity_words(severity: Severity) -> str:
    """The word beside a finding (core's ``Severity.label``, in the window's language)."""
    return {Severity.INFO: translate("Findings", "Note"),
            Severity.WARN: translate("Findings", "Warning"),
            Severity.BLOCK: translate("Findings", "Blocked")}[severity]


def field_words(field: FieldRef) -> str:
    """Which part of the draft a finding is about (core's ``FieldRef.label``, translated)."""
    numbered = {
        FieldKind.THREAD_PART: QT_TRANSLATE_NOOP("Findings", "part {number} of the thread"),
        FieldKind.ALT_TEXT: QT_TRANSLATE_NOOP("Findings", "the alt text of image {number}"),
        FieldKind.SECOND_ALT_TEXT: QT_TRANSLATE_NOOP(  # a bilingual pair's other language
            "Findings", "the alt text of image {number} in the second language")}
    named = {
        FieldKind.CONTENT_WARNING: QT_TRANSLATE_NOOP("Findings", "the content warning"),
        FieldKind.LINK_CARD: QT_TRANSLATE_NOOP("Findings", "the link card"),
        FieldKind.SHARED_POST: QT_TRANSLATE_NOOP("Findings", "the shared post"),
        FieldKind.SECOND_TEXT: QT_TRANSLATE_NOOP("Findings", "the text in the second language"),
        FieldKind.SECOND_CONTENT_WARNING: QT_TRANSLATE_NOOP(
            "Findings", "the content warning in the second language")}
    if field.kind in numbered:
        return translate("Findings", str(numbered[field.kind])).format(number=field.number)
    if field.kind in named:
        return translate("Findings", str(named[field.kind]))
    return translate("Findings", "the text")


def finding_html(finding: Finding, alarm: str, words: Words = ENGLISH) -> str:
    """One finding as rich text; ``alarm`` is the CSS a block is drawn with. The message quotes
    the post's words, so its invisible characters are shown (``⟨U+…⟩``) and it is escaped."""
    style = alarm if finding.severity is Severity.BLOCK else ""
    where = "" if finding.field.key == "text" else f" ({field_words(finding.field)})"
    return (f'<span style="{style}">{_SYMBOLS[finding.severity]} '
            f"{severity_words(finding.severity)}: {html.escape(visible(say(finding.message, words)))}"
            f"{html.escape(where)}</span>")


class FindingsList(QLabel):
    """What the policy found in the draft, blocks first; hidden when it found nothing."""

    def __init__(self, parent: QWidget | None = None, words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.words = words  # the language the findings' messages are said in
        self.setAccessibleName(self.tr("Safety checks"))
        self.setWordWrap(True)
        self.setVisible(False)
        self.findings: tuple[Finding, ...] = ()

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        if findings == self.findings:
            return  # most keystrokes change nothing here: no relayout
        self.findings = findings
        alarm = error_style(self)
        self.setText("<br>".join(finding_html(f, alarm, self.words) for f in findings))
        self.setVisible(bool(findings))


class BlockReason(QLabel):
    """Beside Send/Submit: why it is disabled, while a finding blocks the post."""

    def __init__(self, parent: QWidget | None = None, words: Words = ENGLISH) -> None:
        super().__init__(parent)
        self.words = words  # the language the findings' messages are said in
        self.setAccessibleName(self.tr("Why this cannot be sent"))
        self.setWordWrap(True)
        self.setVisible(False)
        mark_error(self)

    def show_for(self, findings: tuple[Finding, ...], refusal: str = "") -> bool:
        """Show the first block's reason, or else ``refusal`` (a rule core would refuse the post
        by); True while the post cannot be sent. A block only an approver may lift (a watched
        term in an election period) does not stop Submit: it says the approver must override
        it with a written reason, and the post goes to them."""
        blocks = blocking(findings)
        fixed = [f for f in blocks if not f.overridable]
        more = self._more(len(blocks) - 1)
        if fixed:
            words = self.tr("\u26d4 Blocked: {reason}").format(
                reason=say(fixed[0].message, self.words)) + more
        elif refusal:
            words = f"\u26d4 {refusal}"
        elif blocks:
            words = self.tr("\u26a0 An approver must override this with a written reason: "
                            "{reason}").format(reason=say(blocks[0].message, self.words)) + more
        else:
            words = ""
        words = visible(words)
        if words != self.text():
            self.setText(words)
            self.setToolTip(words)
            self.setVisible(bool(words))
        return bool(fixed) or bool(refusal)

    def _more(self, others: int) -> str:
        """How many more blocks there are than the one shown ("" when none). The same words for
        every number, in English and in Welsh ("a 3 arall"): no plural needed."""
        return self.tr(" (and {count} more)").format(count=others) if others > 0 else ""
