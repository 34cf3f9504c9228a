"""Run the Bluesky reference PDS (``@atproto/dev-env`` from npm) for tests, on 127.0.0.1 only.

``ensure_pds_installed`` installs a private Node 22 and ``@atproto/dev-env`` into a cache directory
(see ``pds/install.sh``); the first run takes a minute or more, later runs return at once.
``PdsServer`` starts a PLC directory and a PDS in one Node process (``pds/start-pds.mjs``), creates
accounts with app passwords and stops everything again, deleting the SQLite files and blobs.

    install = ensure_pds_installed(Path(".cache/pds"))
    with PdsServer(install) as server:
        account = server.create_account("alice")
        client = atproto.Client(base_url=server.url)
        client.login(account.handle, account.app_password, fetch_bsky_profile=False)
        client.send_post("hello", profile_identify=account.did)
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Self

import httpx

PDS_SOURCE_DIR: Final = Path(__file__).resolve().parent / "pds"
INSTALL_SCRIPT: Final = PDS_SOURCE_DIR / "install.sh"
START_SCRIPT: Final = PDS_SOURCE_DIR / "start-pds.mjs"
REPO_ROOT: Final = Path(__file__).resolve().parents[2]

#: Handles are ``<prefix>-<6 hex digits>.test``; the PDS allows at most 18 characters before ``.test``.
MAX_HANDLE_PREFIX_LENGTH: Final = 11
_HANDLE_PREFIX_RE: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_HANDLE_DOMAIN: Final = ".test"
_APP_PASSWORD_NAME: Final = "safedesk-tests"
_LOG_TAIL_LINES: Final = 60
_START_ATTEMPTS: Final = 3
_HTTP_TIMEOUT: Final = 30.0
_TCP_LISTEN_STATE: Final = "0A"


class PdsHarnessError(RuntimeError):
    """Installing, starting or talking to the test PDS failed."""


@dataclass(frozen=True)
class PdsInstall:
    """A ready installation of Node 22 and ``@atproto/dev-env`` in a cache directory."""

    cache_dir: Path
    node: Path
    app_dir: Path
    start_script: Path
    log_path: Path

    @property
    def node_bin_dir(self) -> Path:
        return self.node.parent


@dataclass(frozen=True)
class PdsAccount:
    """An account on the test PDS. ``app_password`` is what SafeDesk signs in with."""

    handle: str
    did: str
    password: str
    app_password: str | None
    email: str
    pds_url: str

    @property
    def login_password(self) -> str:
        """The app password if the PDS made one, else the account password."""
        return self.app_password if self.app_password is not None else self.password


def default_pds_cache_dir() -> Path:
    """``$SAFEDESK_CACHE/pds`` if the variable is set, else ``<repo>/.cache/pds``."""
    base = os.environ.get("SAFEDESK_CACHE")
    return (Path(base) if base else REPO_ROOT / ".cache") / "pds"


def _tail(path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return "".join(deque(handle, maxlen=lines)).rstrip()
    except FileNotFoundError:
        return f"(no log at {path})"


def ensure_pds_installed(cache_dir: Path, *, timeout: float = 1800.0) -> PdsInstall:
    """Install the PDS into ``cache_dir`` unless an identical installation is already there.

    Runs ``pds/install.sh`` (which needs the system's ``npm`` only when it has work to do) and
    writes its output to ``cache_dir/install.log``. Raises ``PdsHarnessError`` with the end of
    that log if the installation fails or takes longer than ``timeout`` seconds.
    """
    cache_dir = cache_dir.resolve()
    cache_dir.mkdir(parents=True, exist_ok=True)
    log_path = cache_dir / "install.log"
    command = ["bash", str(INSTALL_SCRIPT), str(cache_dir)]
    with log_path.open("wb") as log:
        try:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdsHarnessError(
                f"installing the test PDS took longer than {timeout:.0f} s "
                f"({' '.join(command)}); end of {log_path}:\n{_tail(log_path)}"
            ) from None
    if result.returncode != 0:
        raise PdsHarnessError(
            f"installing the test PDS failed with exit code {result.returncode} "
            f"({' '.join(command)}); end of {log_path}:\n{_tail(log_path)}"
        )
    install = PdsInstall(
        cache_dir=cache_dir,
        node=cache_dir / "node" / "bin" / "node",
        app_dir=cache_dir / "app",
        start_script=START_SCRIPT,
        log_path=log_path,
    )
    if not install.node.is_file() or not (install.app_dir / "node_modules").is_dir():
        raise PdsHarnessError(
            f"install.sh succeeded but {install.node} or {install.app_dir / 'node_modules'} is "
            f"missing; end of {log_path}:\n{_tail(log_path)}"
        )
    return install


def free_loopback_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _decode_proc_address(hex_address: str) -> tuple[str, int]:
    host_hex, port_hex = hex_address.split(":")
    raw = bytes.fromhex(host_hex)
    if len(raw) == 4:
        host = socket.inet_ntop(socket.AF_INET, raw[::-1])
    else:
        # /proc/net/tcp6 prints the address as four host-order 32-bit words.
        words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
        host = socket.inet_ntop(socket.AF_INET6, words)
    return host, int(port_hex, 16)


def listening_tcp_addresses(pid: int) -> list[tuple[str, int]]:
    """The (host, port) of every TCP socket that process ``pid`` listens on, from /proc."""
    inodes: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = fd.readlink().as_posix()
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    addresses: list[tuple[str, int]] = []
    for table in ("tcp", "tcp6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text(encoding="ascii").splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[3] == _TCP_LISTEN_STATE and fields[9] in inodes:
                addresses.append(_decode_proc_address(fields[1]))
    return sorted(addresses)


class PdsServer:
    """A PLC directory and the reference PDS in one Node process, listening on 127.0.0.1.

    Everything the servers write (SQLite files, blobs, the log) lives in a fresh run directory
    that ``stop()`` removes. Rate limits are off unless ``rate_limits=True``.
    """

    def __init__(
        self,
        install: PdsInstall,
        *,
        rate_limits: bool = False,
        run_root: Path | None = None,
        startup_timeout: float = 60.0,
        stop_timeout: float = 15.0,
    ) -> None:
        self.install = install
        self.rate_limits = rate_limits
        self._run_root = run_root
        self._startup_timeout = startup_timeout
        self._stop_timeout = stop_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._log_file: IO[bytes] | None = None
        self._run_dir: Path | None = None
        self._info: dict[str, Any] | None = None
        self._startup_seconds: float | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Start the servers and wait until they accept requests; returns ``self``."""
        if self._process is not None:
            raise PdsHarnessError("this PdsServer is already running")
        started = time.monotonic()
        for attempt in range(1, _START_ATTEMPTS + 1):
            self._run_dir = Path(tempfile.mkdtemp(prefix="safedesk-pds-", dir=self._run_root))
            try:
                self._info = self._start_once()
            except _PortTakenError:
                self.stop()
                if attempt == _START_ATTEMPTS:
                    raise PdsHarnessError(
                        f"the test PDS found its port taken {_START_ATTEMPTS} times in a row"
                    ) from None
                continue
            except BaseException:
                self._keep_failure_log()
                self.stop()
                raise
            break
        self._startup_seconds = time.monotonic() - started
        atexit.register(self.stop)
        return self

    def _start_once(self) -> dict[str, Any]:
        run_dir = self.run_dir
        tmp_dir = run_dir / "tmp"
        tmp_dir.mkdir()
        log_path = self.log_path
        pds_port = free_loopback_port()
        plc_port = free_loopback_port()
        while plc_port == pds_port:
            plc_port = free_loopback_port()
        command = [
            str(self.install.node),
            str(self.install.start_script),
            "--app-dir",
            str(self.install.app_dir),
            "--pds-port",
            str(pds_port),
            "--plc-port",
            str(plc_port),
            "--log-file",
            str(log_path),
            "--exit-on-stdin-close",
            "--orphan-cleanup-dir",
            str(run_dir),
        ]
        if self.rate_limits:
            command.append("--rate-limits")
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PDS_", "LOG_", "NODE_")) and key != "TMPDIR"
        }
        env["TMPDIR"] = str(tmp_dir)
        env["PATH"] = os.pathsep.join([str(self.install.node_bin_dir), env.get("PATH", "")])
        self._log_file = log_path.open("ab")
        # stdin stays open for the server's lifetime: if this Python process dies, the server
        # sees end-of-file, shuts down and deletes the run directory instead of living on. Its
        # own session keeps a Ctrl-C in the terminal from reaching it before the teardown does.
        self._process = subprocess.Popen(
            command,
            cwd=run_dir,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            start_new_session=True,
        )
        ready: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(
            target=self._read_stdout,
            args=(self._process, ready, log_path),
            name=f"pds-stdout-{self._process.pid}",
            daemon=True,
        )
        self._reader.start()
        return self._wait_until_ready(ready)

    @staticmethod
    def _read_stdout(
        process: subprocess.Popen[bytes], ready: queue.Queue[dict[str, Any] | None], log_path: Path
    ) -> None:
        """Hand the ready line to ``start()``; copy anything else the server prints to its log."""
        stdout = process.stdout
        if stdout is None:
            ready.put(None)
            return
        announced = False
        with log_path.open("ab") as log:
            for line in stdout:
                if not announced:
                    with contextlib.suppress(ValueError):
                        message = json.loads(line)
                        if isinstance(message, dict) and message.get("ready") is True:
                            announced = True
                            ready.put(message)
                            continue
                log.write(b"[stdout] " + line)
                log.flush()
        if not announced:
            ready.put(None)

    def _wait_until_ready(self, ready: queue.Queue[dict[str, Any] | None]) -> dict[str, Any]:
        process = self._process
        if process is None:
            raise PdsHarnessError("the test PDS process was not started")
        deadline = time.monotonic() + self._startup_timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PdsHarnessError(
                    f"the test PDS (pid {process.pid}) did not report ready within "
                    f"{self._startup_timeout:.0f} s; end of its log (kept in "
                    f"{self.failure_log_path}):\n{_tail(self.log_path)}"
                )
            try:
                message = ready.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if message is not None:
                return message
            returncode = process.wait(timeout=self._stop_timeout)
            log_tail = _tail(self.log_path)
            if "EADDRINUSE" in log_tail:
                raise _PortTakenError
            raise PdsHarnessError(
                f"the test PDS exited with code {returncode} before it was ready; end of its "
                f"log (kept in {self.failure_log_path}):\n{log_tail}"
            )

    def _keep_failure_log(self) -> None:
        """Copy the log of a failed start next to the installation, as stop() deletes the run."""
        if self._run_dir is not None and self.log_path.exists():
            with contextlib.suppress(OSError):
                shutil.copyfile(self.log_path, self.failure_log_path)

    @property
    def failure_log_path(self) -> Path:
        """Where the log of the last failed start is kept."""
        return self.install.cache_dir / "last-failed-start.log"

    def stop(self) -> None:
        """Stop the servers (SIGTERM, SIGKILL after a grace period) and delete the run directory.

        Safe to call more than once.
        """
        atexit.unregister(self.stop)
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=self._stop_timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=self._stop_timeout)
            if process.stdin is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.join(timeout=self._stop_timeout)
        if process is not None and process.stdout is not None:
            process.stdout.close()
        log_file, self._log_file = self._log_file, None
        if log_file is not None:
            log_file.close()
        run_dir, self._run_dir = self._run_dir, None
        if run_dir is not None:
            shutil.rmtree(run_dir)
        self._info = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what a running server offers ------------------------------------------------------

    @property
    def info(self) -> dict[str, Any]:
        """The ready line of ``start-pds.mjs``: pds, plc, pid, pdsPublicUrl, adminPassword, ..."""
        if self._info is None:
            raise PdsHarnessError("the test PDS is not running")
        return self._info

    @property
    def url(self) -> str:
        """The PDS, e.g. ``http://127.0.0.1:40123`` (use as ``atproto.Client(base_url=...)``)."""
        return str(self.info["pds"])

    @property
    def plc_url(self) -> str:
        return str(self.info["plc"])

    @property
    def pid(self) -> int:
        if self._process is None:
            raise PdsHarnessError("the test PDS is not running")
        return self._process.pid

    @property
    def admin_password(self) -> str:
        """Password for HTTP basic auth as ``admin`` on the PDS's admin endpoints."""
        return str(self.info["adminPassword"])

    @property
    def run_dir(self) -> Path:
        if self._run_dir is None:
            raise PdsHarnessError("the test PDS has no run directory (not started)")
        return self._run_dir

    @property
    def log_path(self) -> Path:
        """The servers' log (pino JSON lines and stderr); deleted by ``stop()``."""
        return self.run_dir / "pds.log"

    @property
    def startup_seconds(self) -> float:
        if self._startup_seconds is None:
            raise PdsHarnessError("the test PDS has not been started")
        return self._startup_seconds

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        return _tail(self.log_path, lines)

    def xrpc_post(
        self, nsid: str, body: dict[str, Any], *, access_jwt: str | None = None
    ) -> httpx.Response:
        """POST ``body`` as JSON to ``/xrpc/<nsid>`` on the PDS; returns the response as it is."""
        headers = {"Authorization": f"Bearer {access_jwt}"} if access_jwt else {}
        return httpx.post(
            f"{self.url}/xrpc/{nsid}", json=body, headers=headers, timeout=_HTTP_TIMEOUT
        )

    def _xrpc_post_ok(
        self, nsid: str, body: dict[str, Any], *, access_jwt: str | None = None
    ) -> dict[str, Any]:
        response = self.xrpc_post(nsid, body, access_jwt=access_jwt)
        if response.status_code != httpx.codes.OK:
            raise PdsHarnessError(
                f"{nsid} on the test PDS answered {response.status_code}: {response.text}"
            )
        result: dict[str, Any] = response.json()
        return result

    def create_account(self, handle_prefix: str = "user", *, app_password: bool = True) -> PdsAccount:
        """Create ``<handle_prefix>-<random>.test`` and, if asked and supported, an app password.

        ``handle_prefix`` is 1 to 11 lower-case letters, digits and inner hyphens.
        """
        if len(handle_prefix) > MAX_HANDLE_PREFIX_LENGTH or not _HANDLE_PREFIX_RE.fullmatch(
            handle_prefix
        ):
            raise ValueError(
                f"handle_prefix must be 1 to {MAX_HANDLE_PREFIX_LENGTH} characters of a-z, 0-9 "
                f"and inner '-', got {handle_prefix!r}"
            )
        local = f"{handle_prefix}-{secrets.token_hex(3)}"
        handle = f"{local}{_HANDLE_DOMAIN}"
        email = f"{local}@example.com"
        password = secrets.token_urlsafe(18)
        created = self._xrpc_post_ok(
            "com.atproto.server.createAccount",
            {"handle": handle, "email": email, "password": password},
        )
        made_app_password: str | None = None
        if app_password:
            made_app_password = self._create_app_password(str(created["accessJwt"]))
        return PdsAccount(
            handle=str(created["handle"]),
            did=str(created["did"]),
            password=password,
            app_password=made_app_password,
            email=email,
            pds_url=self.url,
        )

    def _create_app_password(self, access_jwt: str) -> str | None:
        response = self.xrpc_post(
            "com.atproto.server.createAppPassword",
            {"name": _APP_PASSWORD_NAME},
            access_jwt=access_jwt,
        )
        if response.status_code in {httpx.codes.NOT_FOUND, httpx.codes.NOT_IMPLEMENTED}:
            return None
        if response.status_code != httpx.codes.OK:
            raise PdsHarnessError(
                f"com.atproto.server.createAppPassword on the test PDS answered "
                f"{response.status_code}: {response.text}"
            )
        return str(response.json()["password"])


class _PortTakenError(Exception):
    """Another process took a port between choosing it and the server binding it."""
