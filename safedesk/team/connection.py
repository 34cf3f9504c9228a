"""Connecting to the team server, and its refusals in words.

The server's own rule refusals arrive as SQLSTATEs of class ``SD`` (see ``sql/v1_functions.sql``)
and become SafeDesk's usual errors, so the desk shows them as it shows the embedded store's.
Everything about the connection itself (a wrong password, TLS required, the server gone) becomes
a :class:`TeamConnectionError` that says what to do.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg.types.string import TextLoader

from safedesk.core.errors import (
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


def explain_error(error: psycopg.Error, server: str = "the team server") -> SafeDeskError:
    state = error.sqlstate or ""
    message = error.diag.message_primary or str(error).strip()
    if state in _RULE_ERRORS:
        return _RULE_ERRORS[state](message)
    if state == "42501":  # insufficient_privilege: a table or function this login may not use
        return NotAllowedError(f"The team server refused this: {message}. Your login may only "
                               "change things through SafeDesk's own rules.")
    if isinstance(error, psycopg.OperationalError):
        return explain_connection_failure(str(error), server)
    return StorageError(f"The team server could not do this: {message}")


def explain_connection_failure(text: str, server: str) -> TeamConnectionError:
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return TeamConnectionError(
            f"{server} refused the password for this login. Check it with your admin, then "
            "join again with `safedesk team join URL`.")
    if "no encryption" in lowered or ("ssl" in lowered and "required" in lowered):
        return TeamConnectionError(
            f"{server} accepts only encrypted (TLS) connections. Add `?sslmode=verify-full` "
            "(with the server's certificate authority) or `?sslmode=require` to the team URL.")
    if "does not exist" in lowered and "role" in lowered:
        return TeamConnectionError(f"{server} has no such login. Ask your admin to add you "
                                   "with `safedesk team add-person`.")
    if "does not exist" in lowered and "database" in lowered:
        return TeamConnectionError(f"{server}: that database does not exist. Check the team "
                                   "URL with your admin.")
    if "certificate" in lowered:
        return TeamConnectionError(f"{server} could not be verified: {text.strip()}. Check the "
                                   "certificate files named in the team URL.")
    return TeamUnreachableError(
        f"{server} cannot be reached ({_first_line(text)}). Official drafts wait on this "
        "computer and are sent to the team when it is back.")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no answer"


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
        with psycopg.connect(conninfo, password=password, connect_timeout=10):
            return True
    except psycopg.OperationalError as error:
        refused = explain_connection_failure(str(error), describe_server(conninfo))
        if isinstance(refused, TeamUnreachableError):
            raise refused from None
        return False
