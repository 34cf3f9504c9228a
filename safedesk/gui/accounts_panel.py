"""A pane's accounts: who, on which platform, in which pane; add, remove, sign in again."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.messages import Message
from safedesk.core.models import Account, Pane
from safedesk.core.rules import OFFICIAL_CUSTODY_REASON
from safedesk.gui.session import DeskSession
from safedesk.gui.tasks import error_words
from safedesk.gui.theme import PaneStyle, default_style, pane_words
from safedesk.services.changes import ACCOUNTS

AVATAR_SIZE = 32


def initials_avatar(account: Account, style: PaneStyle) -> QIcon:
    """A round badge with the handle's first letter in the pane's colour (``style``, the pane's
    current style from the session's theme).

    SafeDesk does not download profile pictures: a picture an attacker can change is a poor way
    to tell accounts apart, and the handle beside it is what matters.
    """
    pixmap = QPixmap(QSize(AVATAR_SIZE, AVATAR_SIZE))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(style.band_colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, AVATAR_SIZE, AVATAR_SIZE)
    painter.setPen(QColor(style.band_text_colour))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(AVATAR_SIZE // 2)
    painter.setFont(font)
    letter = (account.display_name or account.handle or "?")[:1].upper()
    painter.drawText(QRectF(0, 0, AVATAR_SIZE, AVATAR_SIZE), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


def account_line(account: Account) -> str:
    name = f"{account.display_name} · " if account.display_name else ""
    pane = pane_words(default_style(account.pane).title)
    return f"{name}{account.address} · {account.platform.value.title()} · {pane}"


class AccountsPanel(QWidget):
    add_requested = Signal(object)  # the Pane to add an account to
    reauth_requested = Signal(object)  # the Account to sign in again

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Personal accounts") if pane is Pane.PERSONAL
                                    else self.tr("Official accounts"))
        self.list.setIconSize(QSize(AVATAR_SIZE, AVATAR_SIZE))
        self.add_button = QPushButton(self.tr("Add personal account…") if pane is Pane.PERSONAL
                                      else self.tr("Add official account…"), self)
        self.reauth_button = QPushButton(self.tr("Sign in again…"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.allowed = session.may_manage_accounts(pane)
        self.custody_note = QLabel(self.tr("{reason} Ask an admin.").format(
            reason=session.say(OFFICIAL_CUSTODY_REASON)), self)
        self.custody_note.setWordWrap(True)
        self.custody_note.setVisible(not self.allowed)
        self.add_button.setEnabled(self.allowed)
        self.reauth_button.setToolTip(self.tr(
            "Sign the chosen account in again, after its sign-in was revoked or expired. It keeps "
            "its place and its history."))
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.pane))
        self.remove_button.clicked.connect(self.remove_selected)
        self.reauth_button.clicked.connect(self._reauth_selected)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(self._reauth_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reauth_button)
        buttons.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addWidget(self.notice)
        column.addWidget(self.custody_note)
        column.addLayout(buttons)
        session.accounts_changed.connect(self.reload)
        session.theme.changed.connect(self._theme_changed)
        self.reload()

    def _theme_changed(self, pane: Pane) -> None:
        if pane is self.pane:
            self.reload()  # the avatars are drawn in the pane's colour

    def reload(self) -> None:
        self.list.clear()
        style = self.session.theme.style(self.pane)
        for account in self.session.accounts(self.pane):
            item = QListWidgetItem(initials_avatar(account, style), account_line(account))
            item.setData(Qt.ItemDataRole.UserRole, account)
            self.list.addItem(item)
        self._chosen()

    def _chosen(self, *_items: object) -> None:
        """The per-account buttons act on the chosen row, so they work only with one chosen."""
        chosen = self.selected() is not None and self.allowed
        self.reauth_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def selected(self) -> Account | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, Account) else None

    def _reauth_selected(self, *_item: object) -> None:
        account = self.selected()
        if account is not None and self.allowed:
            self.reauth_requested.emit(account)

    def remove_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove account"),
            self.tr("Remove {address} from SafeDesk? Its history stays; SafeDesk signs it out "
                    "and forgets its password or token.").format(address=account.address))
        if answer != QMessageBox.StandardButton.Yes:
            return
        person = self.session.person
        signin = self.session.app.signin
        self.session.in_background(lambda: signin.remove(account.id, person), self._removed,
                                   self._not_removed)

    def _removed(self, message: Message) -> None:
        self.session.report(ACCOUNTS)
        self.notice.setText(self.session.say(message) if isinstance(message, Message)
                            else str(message))

    def _not_removed(self, error: BaseException) -> None:
        self.notice.setText(self.tr("Not removed: {error}").format(
            error=error_words(error, self.session.words)))
