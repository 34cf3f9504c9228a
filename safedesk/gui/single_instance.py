"""One window per data folder: a second launch brings the running window forward instead.

Two windows on one desk would each hold their own copy of the same drafts and queue, and save
over each other's. So the first window on a data folder listens on a local socket
(``QLocalServer``: a Unix socket, a named pipe on Windows) named after the user and the folder;
a second launch on the same folder finds it, asks it to come forward and exits. Desks on other
data folders have other names and run side by side; another user's launch never reaches ours
(the name is theirs, and the socket is open to its owner only).

A crashed instance leaves its socket file behind: nobody answers on it, so it is removed and
listened on again. Looking and listening happen under a lock file, so two launches at the same
moment cannot both decide they are first.

Only the window takes part: command-line commands never look.
"""

from __future__ import annotations

import enum
import getpass
import hashlib
import logging
import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"shown\n"
CONNECT_TIMEOUT_MS = 1_000
# The running window answers from its event loop, which may be busy for a moment while it opens
# its database; longer than that, and it still comes forward once it can (the request waits).
ANSWER_TIMEOUT_MS = 5_000
LOCK_TIMEOUT_MS = 5_000


class Launch(enum.Enum):
    FIRST = "first"  # nothing else runs on this data folder: open the window
    FORWARDED = "forwarded"  # the running window answered and came forward
    ASKED = "asked"  # one runs, and was asked, but did not answer in time: it will come forward


def instance_name(data_dir: Path, user: str | None = None) -> str:
    """The socket's name for this user and data folder: short (macOS allows a socket path of
    104 bytes, and Qt puts it in the temporary folder, long there) and the same however the
    folder was written."""
    folder = os.path.normcase(str(data_dir.expanduser().resolve()))
    who = user if user is not None else _user()
    digest = hashlib.sha256(f"{who}\0{folder}".encode()).hexdigest()[:20]
    return f"safedesk-{digest}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no password-database entry (a container)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def ask_to_come_forward(name: str, answer_timeout_ms: int = ANSWER_TIMEOUT_MS) -> Launch:
    """Ask whoever listens on ``name`` to bring its window forward; FIRST if nobody does."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return Launch.FIRST
    socket.write(SHOW)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    answered = socket.waitForReadyRead(answer_timeout_ms) and bytes(socket.readLine().data()) == SHOWN
    socket.disconnectFromServer()
    return Launch.FORWARDED if answered else Launch.ASKED


class SingleInstance(QObject):
    """The running window's side: listens for later launches on the same data folder."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        # Only this user may connect (Unix: the socket is 0700; Windows: the pipe's ACL).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def claim(self, answer_timeout_ms: int = ANSWER_TIMEOUT_MS) -> Launch:
        """FIRST (and listening) if no window runs on this data folder; else it was asked to
        come forward, and this launch should end."""
        lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{self.name}.lock"))
        locked = lock.tryLock(LOCK_TIMEOUT_MS)  # a stale lock of a crashed launch is taken over
        try:
            found = ask_to_come_forward(self.name, answer_timeout_ms)
            if found is not Launch.FIRST:
                return found
            # Nobody answered: a socket left there was a crashed instance's. (On Unix, with
            # UserAccessOption, Qt would also put its new socket over it; not so otherwise.)
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                log.info("listening for later launches as %s", self.server.fullServerName())
            else:  # the window still opens; a second launch would then open another
                log.warning("cannot listen for later launches as %s: %s", self.name,
                            self.server.errorString())
            return Launch.FIRST
        finally:
            if locked:
                lock.unlock()

    def stop(self) -> None:
        self.server.close()

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(partial(self._read, socket))
            self._read(socket)  # a launch that gave up waiting may have written and gone
        # An answered socket is left to the server, which deletes it with itself: a second
        # launch is rare, and a deleteLater() still pending when the server goes crashes Qt.

    def _read(self, socket: QLocalSocket) -> None:
        if socket.canReadLine() and bytes(socket.readLine().data()) == SHOW:
            log.info("a later launch asked the window to come forward")
            self.activation_requested.emit()
            socket.write(SHOWN)
            socket.flush()
            socket.disconnectFromServer()


def bring_forward(widget: QWidget) -> None:
    """Shown, as it was before being minimised (normal or maximised), raised and active."""
    state = widget.windowState()
    if state & Qt.WindowState.WindowMinimized:
        widget.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    widget.show()
    widget.raise_()
    widget.activateWindow()
