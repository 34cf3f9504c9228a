"""SafeDesk's files are private to the operating-system user who runs it, whatever the umask.

The database holds unpublished official drafts, the audit trail and passphrase hashes; the
journal and media hold what was or will be posted. Folders are made 0700 and files 0600 with
explicit modes (a umask of 000 would otherwise leave them world-writable, 022 world-readable).
An install made before this rule, or by hand, is tightened at start-up, and that is said once:
once tightened, nothing is looser the next time.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from safedesk.core.messages import Message, msg, msgn

log = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_OTHERS = 0o077  # group and world bits: none may be set


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents, as the umask makes them) and make it 0700."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(PRIVATE_FOLDER)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if it does not exist; an existing file is left as it is
    (:func:`tighten` deals with one that is looser)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return path
    try:
        os.fchmod(fd, PRIVATE_FILE)  # a umask such as 0277 would have taken the owner's bits
    finally:
        os.close(fd)
    return path


def _tighten_one(path: Path) -> bool:
    """Make one folder 0700 or one file 0600 if group or others may use it; whether it was."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode) or not (mode & _OTHERS):
        return False  # a link is not followed: what it points at is not SafeDesk's to change
    path.chmod(PRIVATE_FOLDER if stat.S_ISDIR(mode) else PRIVATE_FILE)
    return True


def tighten(files: Iterable[Path], trees: Iterable[Path] = ()) -> list[Path]:
    """Tighten each of ``files`` (folders or files) and everything under each of ``trees``;
    return what was looser. Only what SafeDesk made is touched, never a whole ``--data-dir``
    that may hold the person's own files."""
    loose: list[Path] = []
    candidates = list(files)
    for tree in trees:
        if not tree.is_dir() or tree.is_symlink():
            continue
        candidates.append(tree)
        # A 0700 folder already keeps everyone else out of all it holds, so its contents are
        # walked only when the folder itself is looser: start-up does not grow with the media.
        if stat.S_IMODE(tree.lstat().st_mode) & _OTHERS:
            for folder, subfolders, names in os.walk(tree):
                candidates.extend(Path(folder) / name for name in (*subfolders, *names))
    for path in candidates:
        try:
            if _tighten_one(path):
                loose.append(path)
        except OSError as error:  # not ours (another owner): say so, go on with the rest
            log.warning("could not make %s private: %s", path, error.strerror)
    if loose:
        log.warning("made private to this user (other users could read them before): %s",
                    ", ".join(str(p) for p in loose))
    return loose


def tightened_notice(loose: list[Path], data_dir: Path) -> str | Message:
    """The sentence a person reads once after :func:`tighten` found looser files."""
    if not loose:
        return ""
    names = ", ".join(str(p.relative_to(data_dir)) if p.is_relative_to(data_dir) else str(p)
                      for p in loose[:4])
    if len(loose) > 4:
        return msgn("SafeDesk made its data in {data_dir} private to you: {names} and {count} "
                    "more could be read by other users of this computer before. Folders are now "
                    "0700 and files 0600.",
                    "SafeDesk made its data in {data_dir} private to you: {names} and {count} "
                    "more could be read by other users of this computer before. Folders are now "
                    "0700 and files 0600.", len(loose) - 4, data_dir=data_dir, names=names)
    return msg("SafeDesk made its data in {data_dir} private to you: {names} could be read by "
               "other users of this computer before. Folders are now 0700 and files 0600.",
               data_dir=data_dir, names=names)
