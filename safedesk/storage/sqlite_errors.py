"""Opening SafeDesk's SQLite file, and SQLite's errors in words a person can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from safedesk.core.errors import (
    DataDirError,
    NotASafeDeskDatabaseError,
    StorageBusyError,
    StorageError,
    StorageFullError,
)
from safedesk.core.messages import msg
from safedesk.storage.private_files import private_file, private_folder

# How long a write waits for another SafeDesk's write lock before saying so.
BUSY_TIMEOUT_S = 15.0


def open_connection(path: Path) -> sqlite3.Connection:
    """The store's connection, the file created private first."""
    try:
        private_folder(path.parent)
        # Created 0600 before SQLite opens it: SQLite gives its -journal, -wal and -shm files
        # the database file's own mode, so they are private too, whatever the umask.
        private_file(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
    except (OSError, sqlite3.OperationalError) as error:
        raise DataDirError(
            msg("SafeDesk cannot create or open its data in {parent}: {error}. Choose a folder "
                "you can write to with --data-dir or SAFEDESK_HOME.",
                parent=path.parent, error=error)
        ) from None
    return conn


def explain(path: Path, error: sqlite3.DatabaseError) -> StorageError:
    """SQLite's error about ``path`` in words a person can act on."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return NotASafeDeskDatabaseError(
            msg("{path} is damaged or is not a SafeDesk database. Move it away (keep a copy "
                "for investigation) and start SafeDesk again, or restore it from a backup.",
                path=path)
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(
            msg("The disk holding SafeDesk's data ({parent}) is full, so nothing more "
                "could be saved. Free some space, then try again.", parent=path.parent))
    if "locked" in text or "busy" in text:
        return StorageBusyError(
            msg("Another program kept SafeDesk's database ({path}) busy for longer than "
                "{seconds:g} seconds, so this could not be saved. Close other copies of "
                "SafeDesk or programs using the file, then try again.",
                path=path, seconds=BUSY_TIMEOUT_S))
    if "readonly" in text or "unable to open" in text or "disk i/o" in text:
        return DataDirError(
            msg("SafeDesk cannot write to {path}: {error}. Check the folder's permissions "
                "and free space, or choose another with --data-dir.", path=path, error=error)
        )
    return StorageError(msg("The database at {path} could not be used: {error}.",
                            path=path, error=error))
