"""The compose box's list of policy findings, under the counts, and the reason beside Send when a
block stops it. Each finding leads with its severity as a word and a symbol, so no one has to
tell it by colour; the policy engine (``core.policy``) decides, this only shows."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QWidget

from safedesk.core.policy import Finding, Severity, blocking
from safedesk.core.visible_text import visible
from safedesk.gui.theme import error_style, mark_error

_SYMBOLS = {Severity.BLOCK: "\u26d4", Severity.WARN: "\u26a0", Severity.INFO: "\u2139"}


def finding_html(finding: Finding, alarm: str) -> str:
    """One finding as rich text; ``alarm`` is the CSS a block is drawn with. The message quotes
    the post's words, so its invisible characters are shown (``⟨U+…⟩``) and it is escaped."""
    style = alarm if finding.severity is Severity.BLOCK else ""
    where = "" if finding.field.key == "text" else f" ({finding.field.label})"
    return (f'<span style="{style}">{_SYMBOLS[finding.severity]} '
            f"{finding.severity.label}: {html.escape(visible(str(finding.message)))}"
            f"{html.escape(where)}</span>")


class FindingsList(QLabel):
    """What the policy found in the draft, blocks first; hidden when it found nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Safety checks")
        self.setWordWrap(True)
        self.setVisible(False)
        self.findings: tuple[Finding, ...] = ()

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        if findings == self.findings:
            return  # most keystrokes change nothing here: no relayout
        self.findings = findings
        alarm = error_style(self)
        self.setText("<br>".join(finding_html(f, alarm) for f in findings))
        self.setVisible(bool(findings))


class BlockReason(QLabel):
    """Beside Send/Submit: why it is disabled, while a finding blocks the post."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Why this cannot be sent")
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
        if fixed:
            words = (f"\u26d4 Blocked: {fixed[0].message}"
                     + (f" (and {len(blocks) - 1} more)" if len(blocks) > 1 else ""))
        elif refusal:
            words = f"\u26d4 {refusal}"
        elif blocks:
            words = (f"\u26a0 An approver must override this with a written reason: "
                     f"{blocks[0].message}"
                     + (f" (and {len(blocks) - 1} more)" if len(blocks) > 1 else ""))
        else:
            words = ""
        words = visible(words)
        if words != self.text():
            self.setText(words)
            self.setToolTip(words)
            self.setVisible(bool(words))
        return bool(fixed) or bool(refusal)
