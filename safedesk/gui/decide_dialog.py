"""The one modal step in deciding on an official post: the approver's passphrase, again.

Deciding is signing, so the passphrase is asked whoever is signed in (a shared machine may have
been left unlocked); on a team desk it is the person's team password, checked by the server. The
dialog also restates the accounts the post goes out as, with its preview on each, shows the start
of the content digest, the fingerprint of exactly what is being approved, and takes the comment or
reason. It lists what the policy finds; a block only an approver may lift (a watched term in an
election period) adds an "Override reason" field, and Approve waits for a reason in it; a block
no one may lift (hidden text) leaves Approve disabled, saying why. It does no work itself: the
queue panel runs the decision in the background and reports back with :meth:`show_error` (the
dialog stays open to try again) or closes it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.messages import ENGLISH, Words
from safedesk.core.overrides import fixed_blocks, overridable_blocks
from safedesk.core.policy import Finding
from safedesk.gui.findings import FindingsList
from safedesk.gui.shared_pictures import put_images
from safedesk.gui.theme import mark_error

DIGEST_SHOWN = 12
translate = QCoreApplication.translate


def override_label() -> str:
    return translate("DecideDialog", "Override reason")


def cannot_approve() -> str:
    return translate("DecideDialog", "This post cannot be approved as it stands: no one can "
                     "lift that block. Send it back for the author to change the text.")


def needs_override() -> str:
    return translate("DecideDialog", "Approving it needs your written reason to override the "
                     "block, in “Override reason”. The reason is recorded in the audit trail and "
                     "shown in history.")


class Verdict(enum.Enum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"

    @property
    def verb(self) -> str:
        return {Verdict.APPROVE: translate("DecideDialog", "Approve"),
                Verdict.REJECT: translate("DecideDialog", "Reject"),
                Verdict.REQUEST_CHANGES: translate("DecideDialog", "Send back for changes")}[self]

    @property
    def comment_label(self) -> str:
        return {Verdict.APPROVE: translate("DecideDialog", "Comment (optional)"),
                Verdict.REJECT: translate("DecideDialog", "Reason (required)"),
                Verdict.REQUEST_CHANGES: translate("DecideDialog",
                                                   "What to change (required)")}[self]

    @property
    def needs_comment(self) -> bool:
        return self is not Verdict.APPROVE


class DecideDialog(QDialog):
    decided = Signal(str, str, str)  # passphrase (or team password), comment, override reason

    def __init__(self, verdict: Verdict, approver_name: str, summary: str, digest: str,
                 parent: QWidget | None = None, *, flag: str = "",
                 team: bool = False, accounts: str = "",
                 previews: str = "", hidden: str = "",
                 findings: tuple[Finding, ...] = (), words: Words = ENGLISH,
                 pictures: Mapping[str, QImage] | None = None) -> None:
        super().__init__(parent)
        self.words = words  # what the policy's findings say is said in it
        self.verdict = verdict
        self._busy = False
        self._policy_part(findings)
        # On a team desk the passphrase is the person's team password, checked by the server.
        self.setWindowTitle((self.tr("{verb} — confirm with your team password") if team
                             else self.tr("{verb} — confirm with your passphrase"))
                            .format(verb=verdict.verb))
        secret_label = (self.tr("{name}'s team password") if team
                        else self.tr("{name}'s passphrase")).format(name=approver_name)
        intro = QLabel(self.tr("{verb}: {post}").format(verb=verdict.verb, post=summary), self)
        # The post's words are words, never markup that could colour or shrink some away.
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self._restate(accounts, previews, hidden, pictures or {})
        self.fingerprint = QLabel(digest[:DIGEST_SHOWN], self)
        self.fingerprint.setAccessibleName(self.tr("Content fingerprint (first 12 characters)"))
        self.fingerprint.setToolTip(self.tr("The start of the SHA-256 digest of exactly what you "
                                            "saw. Any change to the post gives a different "
                                            "fingerprint."))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(secret_label)
        self.comment = QPlainTextEdit(self)
        self.comment.setAccessibleName(verdict.comment_label)
        self.comment.setTabChangesFocus(True)  # keyboard-only use: Tab reaches the buttons
        self.comment.setMaximumHeight(90)
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Message"))
        mark_error(self.error)
        self.error.setWordWrap(True)
        self.flag = self._flag_label(flag)
        form = QFormLayout()
        form.addRow(self.tr("Fingerprint"), self.fingerprint)
        form.addRow(secret_label, self.passphrase)
        form.addRow(verdict.comment_label, self.comment)
        if self.to_override:
            form.addRow(override_label(), self.override_reason)
        else:
            self.override_reason.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        # Qt has no Welsh of its own for its standard buttons.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button: QPushButton = self.buttons.addButton(
            verdict.verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for widget in (intro, self.accounts, self.previews, self.hidden, self.flag,
                       self.findings, self.policy_note):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.error)
        # Typing the passphrase again answers the error about it: it goes.
        self.passphrase.textEdited.connect(lambda _text: self.error.setText(""))
        column.addWidget(self.buttons)
        self.override_reason.textChanged.connect(self._enable_ok)
        self._enable_ok()
        self.passphrase.setFocus()

    def _flag_label(self, flag: str) -> QLabel:
        """A lone admin appointed this approver: the approval says so, wherever it is shown."""
        label = QLabel(self.tr("Your approval will be recorded as “{flag}”. A second admin's "
                               "confirmation of your appointment would lift this.")
                       .format(flag=flag) if flag else "", self)
        label.setAccessibleName(self.tr("Flag on this approval"))
        label.setWordWrap(True)
        label.setVisible(bool(flag))
        mark_error(label)
        return label

    def _enable_ok(self) -> None:
        """Approve only once it could count: no block no one may lift, and a written reason
        for each block only an approver may lift."""
        self.ok_button.setEnabled(not self._busy and not self.cannot_pass and (
            not self.to_override or bool(self.override_reason.toPlainText().strip())))

    def show_previews(self, previews: str, pictures: Mapping[str, QImage]) -> None:
        """The previews, again when a shared post's pictures arrive after the dialog opened."""
        put_images(self.previews.document(), pictures)
        # Taller with a shared post's pictures (each up to 240 pixels), so that the approver sees
        # one whole without scrolling.
        self.previews.setMaximumHeight(360 if pictures else 200)
        self.previews.setMinimumHeight(280 if pictures else 0)
        self.previews.setHtml(previews)
        self.previews.setVisible(bool(previews))

    def _policy_part(self, findings: tuple[Finding, ...]) -> None:
        """What the policy finds, and what approving needs because of it: blocks no one may
        lift refuse an approval; the others need the approver's written reason."""
        approving = self.verdict is Verdict.APPROVE
        self.cannot_pass = fixed_blocks(findings) if approving else ()
        self.to_override = () if self.cannot_pass or not approving \
            else overridable_blocks(findings)
        self.findings = FindingsList(self, self.words)
        self.findings.show_findings(findings)
        self.policy_note = QLabel(self)
        self.policy_note.setAccessibleName(self.tr("What approving this post needs"))
        self.policy_note.setWordWrap(True)
        mark_error(self.policy_note)
        self.policy_note.setText(cannot_approve() if self.cannot_pass
                                 else needs_override() if self.to_override else "")
        self.policy_note.setVisible(bool(self.policy_note.text()))
        self.override_reason = QPlainTextEdit(self)
        self.override_reason.setAccessibleName(override_label())
        self.override_reason.setTabChangesFocus(True)
        self.override_reason.setMaximumHeight(90)

    def _restate(self, accounts: str, previews: str, hidden: str,
                 pictures: Mapping[str, QImage]) -> None:
        """At the moment of signing: who the post goes out as, how it will look on each (with
        the pictures of a post to share), and whether it holds invisible or control characters
        (the previews show them as ⟨U+…⟩)."""
        self.accounts = QLabel(self.tr("Goes out as: {accounts}").format(accounts=accounts), self)
        self.accounts.setAccessibleName(self.tr("Accounts it goes out as"))
        self.accounts.setWordWrap(True)
        self.accounts.setVisible(bool(accounts))
        self.previews = QTextBrowser(self)
        self.previews.setAccessibleName(self.tr("How it will look on each account"))
        self.show_previews(previews, pictures)
        self.hidden = QLabel(hidden, self)
        self.hidden.setAccessibleName(self.tr("Hidden characters in this post"))
        self.hidden.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden.setWordWrap(True)
        self.hidden.setVisible(bool(hidden))
        mark_error(self.hidden)

    def _confirm(self) -> None:
        self.error.setText("")  # the last attempt's error is not this one's
        comment = self.comment.toPlainText().strip()
        if self.verdict.needs_comment and not comment:
            # The core refuses this too; asking here saves a passphrase round trip.
            self.show_error(self.tr("Say why, so the author knows what to change."))
            self.comment.setFocus()
            return
        reason = self.override_reason.toPlainText().strip() if self.to_override else ""
        if self.cannot_pass or (self.to_override and not reason):
            # The button is disabled then; Enter in the passphrase field still lands here.
            self.show_error(cannot_approve() if self.cannot_pass else needs_override())
            return
        self.set_busy(busy=True)
        self.decided.emit(self.passphrase.text(), comment, reason)

    def set_busy(self, *, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        self.ok_button.setText(self.tr("Working…") if busy else self.verdict.verb)
        self._enable_ok()

    def reject(self) -> None:
        # Not while the decision is on its way: its answer (a wrong passphrase, say) comes back
        # to this dialog. Escape and the window's close button both end up here.
        if not self._busy:
            super().reject()

    def show_error(self, text: str) -> None:
        self.set_busy(busy=False)
        self.error.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
