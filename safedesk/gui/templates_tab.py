"""The Templates section of the settings: the correction templates, their versions, edits and
pre-approvals.

Everyone sees every template (name, language, the start of its version hash, who last changed
it, and who pre-approved this exact version). Admins can change the text; approvers and admins
can pre-approve the version they read, confirming with their passphrase again, as for any
approval. The rules are :class:`~safedesk.services.templates.TemplateService`'s: this tab only
shows what it says, refusals included.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import AuthenticationError, SafeDeskError
from safedesk.core.models import Role
from safedesk.core.templates import LANGUAGE_NAMES, Template, format_date
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.reads import ViewReader
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import mark_error, refresh_error_colours
from safedesk.services.templates import TemplateInfo

VERSION_SHOWN = 12
KEY_ROLE = Qt.ItemDataRole.UserRole
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1

translate = QCoreApplication.translate


def role_note(role: Role) -> str:
    """Who can change and pre-approve templates, said to this person."""
    if role is Role.ADMIN:
        return translate(
            "TemplatesTab", "Choose a template to read it. As an admin you can change its text "
            "and save it as a new version, and pre-approve a version someone else wrote. A "
            "change needs a new pre-approval.")
    if role is Role.APPROVER:
        return translate(
            "TemplatesTab", "Choose a template to read it. Only admins can change templates. As "
            "an approver you can pre-approve the version you read, unless you last edited it.")
    return translate(
        "TemplatesTab", "Choose a template to read it. Only admins can change templates, and "
        "only approvers and admins can pre-approve them. A correction from a pre-approved "
        "template can go out without waiting for an approver.")


class PreapproveDialog(QDialog):
    """What is being signed (name, language, version, the full text) and the passphrase."""

    confirmed = Signal(str)  # the passphrase

    def __init__(self, template: Template, approver_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self._busy = False
        self.setWindowTitle(self.tr("Pre-approve — confirm with your passphrase"))
        self.setAccessibleName(self.tr("Pre-approve a template"))
        intro = QLabel(self.tr("You are pre-approving exactly these words. A correction that "
                               "uses them unchanged can be published without waiting for an "
                               "approver."), self)
        intro.setWordWrap(True)
        self.what = QLabel(f"{template.name} — {LANGUAGE_NAMES.get(template.language, '')} "
                           f"({template.language})", self)
        self.what.setAccessibleName(self.tr("Template being pre-approved"))
        self.version = QLabel(template.version, self)
        self.version.setAccessibleName(self.tr("Version (SHA-256 of the text)"))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(template.text, self)
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Full text being pre-approved"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("{name}'s passphrase").format(name=approver_name))
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Message"))
        self.error.setWordWrap(True)
        mark_error(self.error)
        form = QFormLayout()
        form.addRow(self.tr("Template"), self.what)
        form.addRow(self.tr("Version"), self.version)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("{name}'s &passphrase").format(name=approver_name), self.passphrase)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel pre-approval"))
        cancel.setText(self.tr("Cancel"))  # Qt has no Welsh of its own for it
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("Pre-approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(self.tr("Pre-approve this version"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _confirm(self) -> None:
        if not self.passphrase.text():
            self.show_error(self.tr("Enter your passphrase to sign this version."))
            return
        self.set_busy(busy=True)
        self.confirmed.emit(self.passphrase.text())

    def set_busy(self, *, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        self.ok_button.setText(self.tr("Working…") if busy else self.tr("Pre-approve"))

    def reject(self) -> None:
        if not self._busy:  # its answer comes back to this dialog
            super().reject()

    def show_error(self, text: str) -> None:
        self.set_busy(busy=False)
        self.error.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class TemplatesTab(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.templates = session.app.templates
        self.shown: Template | None = None  # the version on screen: what a pre-approval signs
        self.preapprove_dialog: PreapproveDialog | None = None
        role = session.person.role
        self.note = QLabel(role_note(role), self)
        self.note.setAccessibleName(self.tr("Who can change and pre-approve templates"))
        self.note.setWordWrap(True)
        self.template_list = QListWidget(self)
        self.template_list.setAccessibleName(self.tr("Correction templates"))
        self.template_list.setMaximumHeight(130)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Template text"))
        self.text.setTabChangesFocus(True)
        self.text.setReadOnly(not self.may_edit())
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Templates message"))
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save as a new version"), self)
        self.save_button.setAccessibleName(self.tr("Save the template text as a new version"))
        self.save_button.setVisible(self.may_edit())
        self.save_button.clicked.connect(self.save)
        self.preapprove_button = QPushButton(self.tr("Pre-&approve this version…"), self)
        self.preapprove_button.setAccessibleName(self.tr("Pre-approve this version of the template"))
        self.preapprove_button.setVisible(role.may_approve)
        self.preapprove_button.clicked.connect(self.preapprove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preapprove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.note)
        column.addWidget(self.template_list)
        column.addWidget(self.text, 1)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.template_list.currentItemChanged.connect(self._chosen)
        self._reader: ViewReader[tuple[tuple[str, str] | None, list[tuple[Template, str]]]] = \
            ViewReader(session, self._show_list,
                       lambda error: self._say(unexpected(error, session.words), error=True))
        self.reload()

    def may_edit(self) -> bool:
        return self.session.person.role is Role.ADMIN

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Read every template again; keep (or move) the selection."""
        if select is None and self.shown is not None:
            select = (self.shown.name, self.shown.language)
        app = self.session.app

        def read() -> list[tuple[Template, str]]:
            names = {p.id: p.name for p in app.people.list()}
            return [(info.template, self.describe(info, names))
                    for info in self.templates.available()]

        self._reader.read(lambda: (select, read()))

    def _show_list(self, read: tuple[tuple[str, str] | None, list[tuple[Template, str]]]) -> None:
        select, rows = read
        self.template_list.blockSignals(True)
        self.template_list.clear()
        chosen: QListWidgetItem | None = None
        for template, words in rows:
            item = QListWidgetItem(words, self.template_list)
            item.setData(KEY_ROLE, (template.name, template.language))
            item.setData(TEMPLATE_ROLE, template)
            if (template.name, template.language) == select:
                chosen = item
        self.template_list.blockSignals(False)
        if chosen is None and self.template_list.count():
            chosen = self.template_list.item(0)
        if chosen is not None:
            self.template_list.setCurrentItem(chosen)
        self._chosen(chosen)

    def describe(self, info: TemplateInfo, names: dict[str, str]) -> str:
        template = info.template
        parts = [template.label, template.version[:VERSION_SHOWN]]
        if template.shipped:
            parts.append(self.tr("shipped"))
        else:
            # The window's language writes the date (format_date knows English and Welsh).
            when = (format_date(template.saved_at.astimezone().date(), self._date_language())
                    if template.saved_at else self.tr("an unknown date"))
            editor = names.get(template.editor_id or "", self.tr("someone no longer here"))
            parts.append(self.tr("edited by {editor} on {date}").format(editor=editor, date=when))
        signers = self.usable_signers(info, names)
        if signers:
            parts.append(self.tr("pre-approved by {names}").format(names=", ".join(signers)))
        return " — ".join(parts)

    @staticmethod
    def _date_language() -> str:
        """The window's language (its default locale), as ``format_date`` names it."""
        return "cy" if QLocale().language() is QLocale.Language.Welsh else "en-GB"

    def usable_signers(self, info: TemplateInfo, names: dict[str, str]) -> list[str]:
        """Who pre-approved this version and still counts: not its last editor, still an
        approver (as TemplateService.usable_preapproval, without an author in mind)."""
        signers: list[str] = []
        for preapproval in info.preapprovals:
            if preapproval.approver_id == info.template.editor_id:
                continue
            try:
                person = self.session.app.store.get_person(preapproval.approver_id)
            except SafeDeskError:
                continue
            if person.role.may_approve:
                signers.append(names.get(person.id, person.name))
        return signers

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            self.shown = None
            self.text.clear()
        else:
            self.shown = item.data(TEMPLATE_ROLE)  # the current version, as the list read it
            self.text.setPlainText(self.shown.text)
        self.save_button.setEnabled(self.shown is not None)
        self.preapprove_button.setEnabled(self.shown is not None)

    def current_item_text(self) -> str:
        item = self.template_list.currentItem()
        return item.text() if item is not None else ""

    # -- actions ----------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)

    def save(self) -> None:
        if self.shown is None or not self.may_edit():
            return
        before = self.shown.version
        try:
            saved = self.templates.save(self.shown.name, self.shown.language,
                                        self.text.toPlainText(), self.session.person)
        except SafeDeskError as refused:
            self._say(refused.text(self.session.words), error=True)
            return
        self.shown = saved
        self.reload((saved.name, saved.language))
        if saved.version == before:
            self._say(self.tr("That is the current text already; nothing changed."), error=False)
        else:
            self._say(self.tr("Saved {template} as version {version}. It needs a new "
                              "pre-approval.").format(template=saved.label,
                                                      version=saved.version[:VERSION_SHOWN]),
                      error=False)

    def preapprove(self) -> PreapproveDialog | None:
        if self.shown is None or not self.session.person.role.may_approve:
            return None
        seen = self.shown
        dialog = PreapproveDialog(seen, self.session.person.name, self)
        dialog.confirmed.connect(lambda passphrase: self._sign(dialog, seen, passphrase))
        self.preapprove_dialog = dialog
        dialog.open()
        return dialog

    def _sign(self, dialog: PreapproveDialog, seen: Template, passphrase: str) -> None:
        person = self.session.person

        def work() -> object:
            return self.templates.preapprove(seen.name, seen.language, person, passphrase,
                                             seen.version)

        def done(_result: object) -> None:
            dialog.set_busy(busy=False)
            dialog.accept()
            self.reload((seen.name, seen.language))
            self._say(self.tr("You pre-approved {template} version {version}.").format(
                template=seen.label, version=seen.version[:VERSION_SHOWN]), error=False)

        def failed(error: BaseException) -> None:
            if isinstance(error, AuthenticationError):
                dialog.show_error(error.text(self.session.words))  # try again in the dialog
                return
            dialog.set_busy(busy=False)
            dialog.reject()
            self.reload((seen.name, seen.language))
            self._say(error.text(self.session.words) if isinstance(error, SafeDeskError)
                      else self.tr("Could not pre-approve: {error}").format(
                          error=error), error=True)

        self.session.in_background(work, done, failed)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)
