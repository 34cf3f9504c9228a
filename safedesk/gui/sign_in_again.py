"""The "Sign in again" button, wherever a view shows that an account's sign-in no longer works.

Adapters end every such message with "Sign in again" (a revoked token, an expired session, a
scope the token lacks), and the message is often all a view has: a failed publication keeps only
its words. The button asks the session for a sign-in; the main window opens the dialog for that
account (``MainWindow.sign_in_again``), which keeps its id, pane and history.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from safedesk.core.errors import SignedOutError
from safedesk.core.models import Account
from safedesk.core.rules import OFFICIAL_CUSTODY_REASON
from safedesk.gui.session import DeskSession


def asks_to_sign_in(problem: BaseException | str) -> bool:
    if isinstance(problem, SignedOutError):
        return True
    return "sign in again" in str(problem).lower()


def sign_in_again_button(session: DeskSession, account: Account,
                         parent: QWidget | None = None) -> QPushButton:
    """The button for ``account``; disabled, saying why, for someone who may not sign it in."""
    if not session.may_manage_accounts(account.pane):
        button = QPushButton(f"Ask an admin to sign in again as {account.address}", parent)
        button.setAccessibleName(f"Ask an admin to sign in again as {account.address}")
        button.setToolTip(session.say(OFFICIAL_CUSTODY_REASON))
        button.setEnabled(False)
        return button
    button = QPushButton(f"Sign in again as {account.address}…", parent)
    button.setAccessibleName(f"Sign in again as {account.address}")
    button.clicked.connect(lambda: session.sign_in_requested.emit(account))
    return button
