"""Adding an account: the pane first (for good), then the platform's own sign-in.

Every sign-in talks to a server, so it runs in the background; the dialog stays responsive and
can be cancelled. Secrets go straight from the sign-in to the keyring, never to the database.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import Account, Pane, Platform
from safedesk.core.rules import OFFICIAL_CUSTODY_REASON
from safedesk.gui.session import DeskSession
from safedesk.gui.tasks import error_words
from safedesk.gui.theme import mark_error
from safedesk.services.changes import ACCOUNTS
from safedesk.services.signin import NewAccount, bluesky_account, mastodon_account, signin_module

# Where a Bluesky user makes an app password (the app's own settings page).
BLUESKY_APP_PASSWORDS_URL = "https://bsky.app/settings/app-passwords"

# Translated where shown (``translate("AddAccount", ...)``).
PANE_EXPLANATIONS = {
    Pane.PERSONAL: str(QT_TRANSLATE_NOOP(
        "AddAccount", "Personal: your own account. Posts go out when you press Post.")),
    Pane.OFFICIAL: str(QT_TRANSLATE_NOOP(
        "AddAccount", "Official: your organisation's account. Every post waits for a second "
        "person's approval. You cannot move an account between panes later.")),
}


class AddAccountDialog(QDialog):
    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None,
                 *, reauth: Account | None = None,
                 open_browser: Callable[[str], object] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reauth = reauth
        self.open_browser = open_browser
        self.account: Account | None = None
        self._pending: Any = None  # a sign-in flow waiting on the browser, to cancel
        self.setWindowTitle(self.tr("Sign in again as {address}").format(address=reauth.address)
                            if reauth else self.tr("Add an account"))

        pane_box = self._pane_box(pane, reauth)

        self.mastodon = QRadioButton("Mastodon", self)
        self.bluesky = QRadioButton("Bluesky", self)
        platform_row = QHBoxLayout()
        platform_row.addWidget(QLabel(self.tr("2. Platform:")))
        platform_row.addWidget(self.mastodon)
        platform_row.addWidget(self.bluesky)
        platform_row.addStretch(1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._mastodon_page())
        self.pages.addWidget(self._bluesky_page())
        self.mastodon.toggled.connect(lambda on: self.pages.setCurrentIndex(0 if on else 1))
        (self.bluesky if reauth and reauth.platform is Platform.BLUESKY else self.mastodon
         ).setChecked(True)
        if reauth is not None:
            self.mastodon.setEnabled(False)
            self.bluesky.setEnabled(False)
            self.server.setText(reauth.server)
            self.bsky_server.setText(reauth.server)
            self.handle.setText(reauth.handle)
            # A Mastodon account is its server's; a Bluesky one is its DID, checked after
            # sign-in, and may have moved to another server or handle since.
            self.server.setReadOnly(True)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Sign-in status"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self._cancel)
        column = QVBoxLayout(self)
        column.addWidget(pane_box)
        column.addLayout(platform_row)
        column.addWidget(self.pages)
        column.addWidget(self.status)
        column.addWidget(self.cancel_button)
        if reauth is not None and not session.may_manage_accounts(reauth.pane):
            self.pages.setEnabled(False)
            self.status.setText(self._custody_words())

    def _custody_words(self) -> str:
        return self.tr("{reason} Ask an admin.").format(
            reason=self.session.say(OFFICIAL_CUSTODY_REASON))

    # -- pages ------------------------------------------------------------------------------

    def _pane_box(self, pane: Pane, reauth: Account | None) -> QGroupBox:
        self.pane_group = QButtonGroup(self)
        pane_box = QGroupBox(
            self.tr("1. Which pane? An account stays in its pane for good."), self)
        pane_column = QVBoxLayout(pane_box)
        self.pane_buttons: dict[Pane, QRadioButton] = {}
        for option in Pane:
            button = QRadioButton(
                QCoreApplication.translate("AddAccount", PANE_EXPLANATIONS[option]), pane_box)
            style = self.session.theme.style(option)
            button.setStyleSheet(f"QRadioButton {{ border-left: {style.border_width}px"
                                 f" solid {style.band_colour}; padding-left: 6px; }}")
            self.pane_group.addButton(button)
            self.pane_buttons[option] = button
            pane_column.addWidget(button)
        # The services refuse the official pane to non-admins; this says so before any sign-in.
        allowed = {option: self.session.may_manage_accounts(option) for option in Pane}
        self.custody_note = QLabel(self._custody_words(), pane_box)
        self.custody_note.setWordWrap(True)
        self.custody_note.setVisible(not all(allowed.values()))
        pane_column.addWidget(self.custody_note)
        for option, button in self.pane_buttons.items():
            button.setEnabled(allowed[option])
        wanted = reauth.pane if reauth else pane
        if reauth is None and not allowed[wanted]:
            wanted = Pane.PERSONAL
        self.pane_buttons[wanted].setChecked(True)
        pane_box.setEnabled(reauth is None)
        return pane_box

    def _mastodon_page(self) -> QWidget:
        page = QWidget(self)
        self.server = QLineEdit(page)
        self.server.setPlaceholderText("mastodon.social")
        self.server.setAccessibleName(self.tr("Mastodon server"))
        self.browser_button = QPushButton(self.tr("Sign in with the browser (recommended)"), page)
        self.code_button = QPushButton(self.tr("Get a code to paste…"), page)
        self.code = QLineEdit(page)
        self.code.setPlaceholderText(self.tr("Paste the code the server showed you"))
        self.code.setAccessibleName(self.tr("Authorization code"))
        self.code_finish = QPushButton(self.tr("Use this code"), page)
        self.token = QLineEdit(page)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("An access token your IT team gave you"))
        self.token.setAccessibleName(self.tr("Access token"))
        self.token_button = QPushButton(self.tr("Sign in with this token"), page)
        self.browser_button.clicked.connect(self._mastodon_browser)
        self.code_button.clicked.connect(self._mastodon_code_start)
        self.code_finish.clicked.connect(self._mastodon_code_finish)
        self.token_button.clicked.connect(self._mastodon_token)
        self.server.returnPressed.connect(self.browser_button.click)
        self.code.returnPressed.connect(self.code_finish.click)
        self.token.returnPressed.connect(self.token_button.click)
        form = QFormLayout(page)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.browser_button)
        form.addRow(self.code_button)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.code_finish)
        form.addRow(self.tr("Token"), self.token)
        form.addRow(self.token_button)
        return page

    def _bluesky_page(self) -> QWidget:
        page = QWidget(self)
        self.bsky_server = QLineEdit("https://bsky.social", page)
        self.bsky_server.setAccessibleName(self.tr("Bluesky server"))
        self.handle = QLineEdit(page)
        self.handle.setPlaceholderText(self.tr("you.bsky.social"))  # an example handle
        self.handle.setAccessibleName(self.tr("Handle"))
        self.app_password = QLineEdit(page)
        self.app_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.app_password.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
        self.app_password.setAccessibleName(self.tr("App password"))
        hint = QLabel(self.tr("Use an app password (Settings > Privacy and security > App "
                              "passwords), never your main password."), page)
        hint.setWordWrap(True)
        self.bsky_button = QPushButton(self.tr("Sign in"), page)
        self.bsky_button.clicked.connect(self._bluesky)
        # Enter does what the field is for: on to the password, then sign in.
        self.handle.returnPressed.connect(self.app_password.setFocus)
        self.app_password.returnPressed.connect(self.bsky_button.click)
        form = QFormLayout(page)
        form.addRow(self.tr("Server"), self.bsky_server)
        form.addRow(self.tr("Handle"), self.handle)
        form.addRow(self.tr("App password"), self.app_password)
        form.addRow(hint)
        form.addRow(self.bsky_button)
        return page

    # -- flows ------------------------------------------------------------------------------

    def chosen_pane(self) -> Pane:
        return next(p for p, b in self.pane_buttons.items() if b.isChecked())

    def _busy(self, message: str) -> None:
        mark_error(self.status, error=False)
        self.status.setText(message)
        self.pages.setEnabled(False)

    def _run(self, message: str, work: Callable[[], NewAccount]) -> None:
        self._busy(message)
        self.session.in_background(work, self._signed_in, self._failed)

    def _mastodon_browser(self) -> None:
        module = signin_module(Platform.MASTODON)
        options = {"open_browser": self.open_browser} if self.open_browser else {}
        flow = module.LoopbackOAuth(self.server.text(), self.session.app.credentials, **options)
        self._pending = flow
        self._run(self.tr("Waiting for you to allow SafeDesk in your browser…"),
                  lambda: mastodon_account(flow.run()))

    def _mastodon_code_start(self) -> None:
        module = signin_module(Platform.MASTODON)
        flow = module.PasteCodeSignIn(self.server.text(), self.session.app.credentials)
        self._pending = flow
        self._busy(self.tr("Asking the server for a sign-in page…"))
        self.session.in_background(flow.start, self._show_code_url, self._failed)

    def _show_code_url(self, url: object) -> None:
        self.pages.setEnabled(True)
        self.status.setText(self.tr('Open <a href="{url}">the sign-in page</a>, allow SafeDesk, '
                                    "then paste the code it shows.").format(url=url))
        self.status.setOpenExternalLinks(True)
        if self.open_browser is not None:
            self.open_browser(str(url))
        self.code.setFocus()

    def _mastodon_code_finish(self) -> None:
        flow, code = self._pending, self.code.text()
        if flow is None:
            self.status.setText(self.tr("Get a code first."))
            return
        self._run(self.tr("Checking the code…"), lambda: mastodon_account(flow.finish(code)))

    def _mastodon_token(self) -> None:
        module = signin_module(Platform.MASTODON)
        server, token = self.server.text(), self.token.text()
        self._run(self.tr("Checking the token…"),
                  lambda: mastodon_account(module.sign_in_with_token(server, token)))

    def _bluesky(self) -> None:
        module = signin_module(Platform.BLUESKY)
        server, handle, password = (self.bsky_server.text(), self.handle.text(),
                                    self.app_password.text())
        self._run(self.tr("Signing in to Bluesky…"),
                  lambda: bluesky_account(module.sign_in(server, handle, password)))

    def _signed_in(self, new: object) -> None:
        if not isinstance(new, NewAccount):
            raise TypeError("a sign-in must produce a NewAccount")
        self._pending = None
        signin, person = self.session.app.signin, self.session.person
        try:
            if self.reauth is not None:
                self.account = signin.reauthenticate(self.reauth.id, new, person)
            else:
                self.account = signin.add(self.chosen_pane(), new, person)
        except Exception as error:  # noqa: BLE001 - shown to the person, nothing half-added
            self._failed(error)
            return
        self.session.report(ACCOUNTS)
        warnings = tuple(self.session.say(w) for w in getattr(new.identity, "warnings", ()))
        if warnings:
            self._warn(warnings)
            return
        self.accept()

    def _warn(self, warnings: tuple[str, ...]) -> None:
        """The account is added, but the sign-in found something the person must know (the
        Bluesky main password, not an app password): say so here, with the way to fix it, and
        close only when they have read it."""
        self.pages.setEnabled(False)
        mark_error(self.status)
        words = " ".join(html.escape(self.session.say(warning)) for warning in warnings)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setText(self.tr(
            '{warnings} <a href="{url}">Create an app password in Bluesky</a>, then use Sign in '
            "again on the Accounts tab.").format(warnings=words, url=BLUESKY_APP_PASSWORDS_URL))
        self.status.setOpenExternalLinks(True)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.clicked.disconnect(self._cancel)
        self.cancel_button.clicked.connect(self.accept)
        self.cancel_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.pages.setEnabled(True)
        mark_error(self.status)
        self.status.setText(error_words(error, self.session.words))

    def _cancel(self) -> None:
        closer = getattr(self._pending, "close", None)
        if callable(closer):
            closer()
        self.reject()
