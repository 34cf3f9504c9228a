"""Connecting to the team server, and its refusals in words.

The server's own rule refusals arrive as SQLSTATEs of class ``SD`` (see ``sql/v1_functions.sql``)
and become SafeDesk's usual errors, so the desk shows them as it shows the embedded store's.
Everything about the connection itself (a wrong password, TLS required, the server gone) becomes
a :class:`TeamConnectionError` that says what to do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg.types.string import TextLoader

from safedesk.core.errors import (
    AuthenticationError,
    ConcurrentChangeError,
    InvalidInputError,
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    SafeDeskError,
    SelfApprovalError,
    StorageError,
    TeamConnectionError,
    TeamUnreachableError,
)
from safedesk.core.messages import Message, msg


class ChangeNotRecordedError(TeamConnectionError):
    """The connection dropped during a change, and the server, read again, does not have it."""


class ChangeOutcomeUnknownError(TeamUnreachableError):
    """The connection dropped during a change, and the server cannot be asked whether it has it."""


# What a person did, as the message after a dropped connection names it: (noun, do it again,
# do it), each a message of its own so that a translation can put it where its language needs.
_DONE_WORDS: dict[str, tuple[Message, Message, Message]] = {
    "approve": (msg("approval"), msg("approve it again"), msg("approve it")),
    "reject": (msg("rejection"), msg("reject it again"), msg("reject it")),
    "request_changes": (msg("request for changes"), msg("send it back again"),
                        msg("send it back")),
    "submit": (msg("submission"), msg("submit it again"), msg("submit it")),
    "withdraw": (msg("withdrawal"), msg("withdraw it again"), msg("withdraw it")),
    "edit": (msg("edit"), msg("save your changes again"), msg("save your changes")),
}
DROPPED_ACTIONS = frozenset(_DONE_WORDS)


def recorded_words(action: str) -> Message:
    noun = _DONE_WORDS[action][0]
    return msg("Your {noun} was recorded before the connection to the team server dropped; "
               "nothing more to do.", noun=noun)


def not_recorded_error(action: str) -> ChangeNotRecordedError:
    noun, again, _ = _DONE_WORDS[action]
    return ChangeNotRecordedError(
        msg("The connection to the team server dropped and your {noun} was not recorded; "
            "{again}.", noun=noun, again=again))


def unknown_outcome_error(action: str, draft_id: str, server: str) -> ChangeOutcomeUnknownError:
    noun, _, verb = _DONE_WORDS[action]
    return ChangeOutcomeUnknownError(
        msg("The connection to {server} dropped during your {noun}, and the server is still "
            "unreachable, so whether it was recorded is not known. When it is back, look at the "
            "post (`safedesk queue show {draft_id}`) before you {verb}: "
            "the server records each decision once, never twice.",
            server=server, noun=noun, draft_id=draft_id, verb=verb))


_RULE_ERRORS: dict[str, type[SafeDeskError]] = {
    "SD403": NotAllowedError,
    "SD404": NotFoundError,
    "SD409": ConcurrentChangeError,
    "SD410": SelfApprovalError,
    "SD422": InvalidInputError,
    "SD423": InvalidTransitionError,
}


def describe_server(conninfo: str) -> str:
    """``host:port/dbname`` as a person would name the server (never the password)."""
    try:
        parts = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "the team server"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or ''}".rstrip("/")


# The server, when nothing names it better.
THE_TEAM_SERVER = msg("the team server")


def explain_error(error: psycopg.Error, server: str | Message = THE_TEAM_SERVER,
                  ) -> SafeDeskError:
    state = error.sqlstate or ""
    message = error.diag.message_primary or str(error).strip()
    if state in _RULE_ERRORS:
        return _RULE_ERRORS[state](message)
    if state == "42501":  # insufficient_privilege: a table or function this login may not use
        return NotAllowedError(msg("The team server refused this: {message}. Your login may only "
                                   "change things through SafeDesk's own rules.",
                                   message=message))
    if isinstance(error, psycopg.OperationalError):
        # A connection lost mid-call names why in its primary message (the rest is the call's
        # context); a failed connect puts libpq's reason on its last line.
        return explain_connection_failure(str(error), server, error.diag.message_primary)
    return StorageError(msg("The team server could not do this: {message}", message=message))


_TLS_ONLY = msg("{server} accepts only encrypted (TLS) connections. Add `?sslmode=verify-full` "
                "(with the server's certificate authority) or `?sslmode=require` to the team URL.")
# The connection's own refusals: (words libpq uses, all of which must appear; what to say).
# "{server}" and "{detail}" (libpq's last line) are filled in; the first match wins.
_REFUSALS: tuple[tuple[tuple[str, ...], Message], ...] = (
    (("password authentication failed",),
     msg("{server} refused the password for this login. Check it with your admin, then join "
         "again with `safedesk team join URL`.")),
    (("no password supplied",),
     msg("{server} asks for a password and none is kept for this login. Join again with "
         "`safedesk team join URL`.")),
    (("server does not support ssl",),
     msg("The team URL asks for an encrypted (TLS) connection, but {server} does not offer "
         "TLS. Ask your admin to turn TLS on for the team server.")),
    (("no encryption",), _TLS_ONLY),
    (("ssl", "required"), _TLS_ONLY),
    (("role", "does not exist"),
     msg("{server} has no such login. Ask your admin to add you with "
         "`safedesk team add-person`.")),
    (("database", "does not exist"),
     msg("{server}: that database does not exist. Check the team URL with your admin.")),
    (("certificate",),
     msg("{server} could not be verified: {detail}. Check the certificate files named in the "
         "team URL.")),
)


def explain_connection_failure(text: str, server: str | Message,
                               reason: str | None = None) -> TeamConnectionError:
    lowered = text.lower()
    for words, message in _REFUSALS:
        if all(word in lowered for word in words):
            return TeamConnectionError(replace(message, fields=(
                ("server", server), ("detail", _first_line(text)))))
    return TeamUnreachableError(
        msg("{server} cannot be reached ({reason}). Official drafts wait on "
            "this computer and are sent to the team when it is back.",
            server=server, reason=reason or _first_line(text)))


def _first_line(text: str) -> str | Message:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else msg("no answer")


def open_connection(conninfo: str, *, password: str | None = None,
                    connect_timeout: float = 10.0) -> psycopg.Connection[dict[str, Any]]:
    """One autocommit connection: each function call on the server is its own transaction."""
    extra: dict[str, Any] = {"connect_timeout": max(1, int(connect_timeout)),
                             "application_name": "SafeDesk"}
    if password is not None:
        extra["password"] = password
    try:
        conn = psycopg.connect(conninfo, autocommit=True, row_factory=dict_row, **extra)
    except psycopg.Error as error:
        raise explain_error(error, describe_server(conninfo)) from None
    # JSON stays text: the codec reads it once, instead of psycopg decoding it, SafeDesk
    # encoding it again and the codec decoding it a second time.
    conn.adapters.register_loader("jsonb", TextLoader)
    conn.adapters.register_loader("json", TextLoader)
    return conn


def password_opens(conninfo: str, password: str) -> bool:
    """Whether the server takes this password for the login in ``conninfo``: asked of the server
    itself, so that approving on a team desk is signed with the person's own password."""
    try:
        with psycopg.connect(conninfo, password=password, connect_timeout=10) as conn:
            if not conn.pgconn.used_password:
                # A certificate (or trust) login: the server never asked, so the typed
                # password proves nothing and cannot sign an approval.
                raise AuthenticationError(
                    msg("This login signs in with a certificate, so the team server cannot check a "
                        "password when you approve. Ask your admin for a password login to "
                        "approve."))
            return True
    except psycopg.OperationalError as error:
        refused = explain_connection_failure(str(error), describe_server(conninfo))
        if isinstance(refused, TeamUnreachableError):
            raise refused from None
        return False
