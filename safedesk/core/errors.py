"""Typed errors, each carrying a message written for the person in front of the app.

The CLI maps each family to its own exit code and both interfaces show the error's message in
the person's language (``safedesk.i18n``), so every message here must make sense to a comms
officer and must never contain a secret. A message is a :class:`~safedesk.core.messages.Message`
where SafeDesk wrote it; plain text only where it is someone else's words (a server's answer).
``str(error)`` is the English.
"""

from __future__ import annotations

from datetime import datetime

from safedesk.core.messages import ENGLISH, Message, Words, say


class SafeDeskError(Exception):
    """Base of every error SafeDesk raises on purpose."""

    def __init__(self, message: str | Message = "", *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def __str__(self) -> str:
        return self.text(ENGLISH)

    def text(self, words: Words) -> str:
        """The message in the language of ``words``."""
        return say(self.message, words)


class NotAllowedError(SafeDeskError):
    """A rule forbids what was asked. Nothing was changed."""


class WrongPaneError(NotAllowedError):
    """A draft named an account from the other pane."""


class SelfApprovalError(NotAllowedError):
    """The would-be approver wrote or edited the draft."""


class ApprovalRequiredError(NotAllowedError):
    """An official draft was about to publish without a valid approval."""


class InvalidTransitionError(NotAllowedError):
    """The draft is not in a state where that action makes sense."""


class ConcurrentChangeError(NotAllowedError):
    """Someone else changed the draft first; the action was not applied."""


class AuthenticationError(NotAllowedError):
    """A person's name or passphrase did not match."""


class PassphraseResetError(AuthenticationError):
    """An admin reset this person's passphrase: they must choose a new one before anything else."""


class LockedSettingError(NotAllowedError):
    """The organisation's IT department locked this setting (``core.managed``)."""


class InvalidInputError(SafeDeskError):
    """The input itself is unusable (empty passphrase, duplicate name, unknown role...)."""


class NotFoundError(SafeDeskError):
    """The thing named does not exist."""


class StorageError(SafeDeskError):
    """The database cannot be used as it is."""


class StorageFullError(StorageError):
    """The disk is full: nothing more can be saved until space is freed."""


class StorageBusyError(StorageError):
    """Another program held the database's write lock for too long."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer SafeDesk."""


class NotASafeDeskDatabaseError(StorageError):
    """The file is corrupt, or is some other program's database."""


class DataDirError(StorageError):
    """The data folder cannot be created or written."""


class TeamConnectionError(StorageError):
    """The team server could not be reached, or refused this login."""


class TeamUnreachableError(TeamConnectionError):
    """No answer from the team server: work waits until it returns."""


class CredentialsUnavailableError(SafeDeskError):
    """No usable system keyring: secrets cannot be stored or read safely."""


class PlatformError(SafeDeskError):
    """A Mastodon or Bluesky server could not do what was asked. Subclasses say why."""


class SignedOutError(PlatformError):
    """The token was revoked or the session expired for good: the user must sign in again.
    ``account_id`` names the account, where whoever raised it knows which."""

    def __init__(self, message: str | Message = "", account_id: str = "") -> None:
        super().__init__(message)
        self.account_id = account_id


class RateLimitedError(PlatformError):
    """The server asked SafeDesk to slow down; ``reset_at`` says when it may try again."""

    def __init__(self, message: str | Message, reset_at: datetime | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class ConnectionFailedError(PlatformError):
    """The server could not be reached at all; nothing was sent."""


class OutcomeUnknownError(PlatformError):
    """The request may or may not have taken effect (a timeout, a dropped connection, an
    unreadable answer). Check before sending again."""


class CheckFailedError(OutcomeUnknownError):
    """An earlier attempt may have gone out, and looking for it failed: sending again could post
    twice, so nothing was sent."""


class RejectedError(PlatformError):
    """The server refused the content itself (too long, bad media...). Sending again won't help."""


class ServerFailureError(PlatformError):
    """The server failed (5xx). Trying later may work."""


class UnsupportedError(PlatformError):
    """The platform has no such feature (editing on Bluesky, for example)."""
