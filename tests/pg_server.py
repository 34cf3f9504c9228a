"""A real PostgreSQL server for the tests, from Debian's `postgresql` package.

``PostgresServer`` runs ``initdb`` in a fresh temporary folder and starts ``postgres`` listening
on 127.0.0.1 only, on a free port of its own, with its Unix socket inside that folder. The
superuser ``safedesk_root`` signs in with a generated password (SCRAM over TCP). ``stop()`` sends
the postmaster its fast-shutdown signal by the PID in ``postmaster.pid`` and waits for it to exit,
keeping the data so that ``start()`` brings the same cluster back on the same port; ``close()``
stops it and removes the folder.

initdb and postgres refuse to run as root, and the tests run as root, so as root every server
command runs as the ``postgres`` OS user (``runuser``) and the folder belongs to that user.
Durability is switched off (fsync, synchronous_commit, full_page_writes): a crashed test server is
thrown away, never recovered.
"""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import psycopg
from psycopg import sql

from tests.servers.pds_harness import free_loopback_port

SUPERUSER = "safedesk_root"
LOOPBACK = "127.0.0.1"
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
PACKAGE_HINT = (
    "install Debian's `postgresql` package (apt-get install postgresql; scripts/test.sh does this)"
)
_START_TIMEOUT = 30.0
_STOP_TIMEOUT = 30.0


class PostgresServerError(RuntimeError):
    """The test PostgreSQL could not be set up, started or stopped; the message says why."""


def find_postgres_bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<major>/bin`` holding initdb and postgres."""
    candidates: list[tuple[int, Path]] = []
    for bin_dir in Path("/").glob(DEBIAN_BIN_GLOB.lstrip("/")):
        major = bin_dir.parent.name
        if major.isdigit() and (bin_dir / "initdb").is_file() and (bin_dir / "postgres").is_file():
            candidates.append((int(major), bin_dir))
    if not candidates:
        raise PostgresServerError(
            f"The tests need a real PostgreSQL server, but no initdb/postgres was found in "
            f"{DEBIAN_BIN_GLOB}: {PACKAGE_HINT}."
        )
    return max(candidates)[1]


def _server_os_user() -> pwd.struct_passwd | None:
    """Who runs initdb and postgres: the `postgres` OS user when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresServerError(
            "The tests run as root, and PostgreSQL refuses to, but there is no `postgres` OS "
            f"user to run it as: {PACKAGE_HINT}."
        ) from None


class PostgresServer:
    """One PostgreSQL cluster on 127.0.0.1 in a temporary folder. Use as a context manager, or
    call ``start()`` and finally ``close()``. With ``tls=True`` the server has a self-signed
    certificate for 127.0.0.1 (``ca_file``) and its pg_hba.conf accepts only TLS connections."""

    host = LOOPBACK
    superuser = SUPERUSER

    def __init__(self, *, tls: bool = False, bin_dir: Path | None = None) -> None:
        self.tls = tls
        self.bin_dir = bin_dir or find_postgres_bin_dir()
        self.os_user = _server_os_user()
        self.superuser_password = secrets.token_urlsafe(24)
        self.port = free_loopback_port()
        self.run_dir = Path(tempfile.mkdtemp(prefix="safedesk-pg-"))
        self.data_dir = self.run_dir / "data"
        self.socket_dir = self.run_dir / "socket"
        self.log_path = self.run_dir / "postgres.log"
        self.ca_file: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._initialised = False
        atexit.register(self.close)

    # --- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The postmaster's PID while it runs (from ``postmaster.pid``), else None."""
        if self._process is None:
            return None
        return self._read_postmaster_pid()

    def start(self) -> None:
        """Start the server (making the cluster on the first call) and wait until it accepts
        connections. After ``stop()`` this starts the same data folder on the same port."""
        if self._process is not None:
            return
        if not self._initialised:
            self._init_cluster()
        log = self.log_path.open("ab")
        try:
            self._process = subprocess.Popen(
                [*self._as_server_user(), str(self.bin_dir / "postgres"), "-D", str(self.data_dir)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.run_dir,
            )
        finally:
            log.close()
        self._wait_until_ready()

    def stop(self) -> None:
        """Fast shutdown by PID (SIGINT to the postmaster), waiting for it and its children to
        exit. The data stays for ``start()``."""
        process, self._process = self._process, None
        if process is None:
            return
        pid = self._read_postmaster_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGINT)
        try:
            process.wait(timeout=_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGQUIT)  # immediate shutdown
            process.kill()
            process.wait()
            raise PostgresServerError(
                f"PostgreSQL (PID {pid}) did not stop within {_STOP_TIMEOUT:.0f} s; "
                f"end of {self.log_path}:\n{self.log_tail()}"
            ) from None
        if pid is not None:
            _wait_for_exit(pid)

    def close(self) -> None:
        """Stop the server and remove its folder. Safe to call more than once."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            atexit.unregister(self.close)

    # --- what tests use ---------------------------------------------------------------------

    def dsn(
        self, user: str = SUPERUSER, password: str | None = None, dbname: str = "postgres",
        *, sslmode: str | None = None,
    ) -> str:
        """A postgresql:// URL for ``user`` (the superuser's password when none is given). With
        ``sslmode`` it also names this server's certificate as ``sslrootcert`` (TLS servers)."""
        if password is None and user == SUPERUSER:
            password = self.superuser_password
        credentials = quote(user, safe="")
        if password is not None:
            credentials += ":" + quote(password, safe="")
        url = f"postgresql://{credentials}@{self.host}:{self.port}/{quote(dbname, safe='')}"
        if sslmode is not None:
            url += f"?sslmode={quote(sslmode, safe='')}"
            if self.ca_file is not None:
                url += f"&sslrootcert={quote(str(self.ca_file), safe='')}"
        return url

    def connect(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """An autocommit superuser connection over TCP (the caller closes it)."""
        sslmode = "verify-full" if self.tls else None
        return psycopg.connect(self.dsn(dbname=dbname, sslmode=sslmode), autocommit=True)

    def create_database(self, name: str) -> str:
        """Create database ``name`` (owned by the superuser) and return its name."""
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, ending its sessions first."""
        self.terminate_backends(name)
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def terminate_backends(self, dbname: str) -> int:
        """End every session connected to ``dbname`` (as a dropped connection would); returns
        how many were ended."""
        with self.connect() as conn:
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000))"
                " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (dbname,),
            ).fetchone()
        return int(str(row[0])) if row else 0

    def drop_role(self, name: str) -> None:
        """Drop login or group role ``name`` if it exists (cluster-wide)."""
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # --- setting up -------------------------------------------------------------------------

    def _as_server_user(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if self.os_user else []

    def _give_to_server_user(self, path: Path) -> None:
        if self.os_user is not None:
            os.chown(path, self.os_user.pw_uid, self.os_user.pw_gid)

    def _init_cluster(self) -> None:
        self._give_to_server_user(self.run_dir)
        self.socket_dir.mkdir(mode=0o700)
        self._give_to_server_user(self.socket_dir)
        password_file = self.run_dir / "superuser-password"
        password_file.write_text(self.superuser_password + "\n")
        password_file.chmod(0o600)
        self._give_to_server_user(password_file)
        try:
            self._run([
                str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
                f"--pwfile={password_file}", "--encoding=UTF8", "--locale=C.UTF-8",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions",
            ], "initdb")
        finally:
            password_file.unlink()
        settings = {
            "listen_addresses": f"'{LOOPBACK}'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "password_encryption": "'scram-sha-256'",
            "max_connections": "200",
            "ssl": "off",
        }
        host_rule = "host"
        if self.tls:
            host_rule = "hostssl"
            cert, key = self._make_certificate()
            settings |= {"ssl": "on", "ssl_cert_file": f"'{cert}'", "ssl_key_file": f"'{key}'"}
        config = self.data_dir / "postgresql.conf"
        with config.open("a") as out:
            out.write("\n# safedesk tests\n")
            out.writelines(f"{name} = {value}\n" for name, value in settings.items())
        # Only the Unix socket in our own folder trusts; TCP always needs the SCRAM password.
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\n"
            f"{host_rule} all all {LOOPBACK}/32 scram-sha-256\n"
        )
        self._initialised = True

    def _make_certificate(self) -> tuple[Path, Path]:
        tls_dir = self.run_dir / "tls"
        tls_dir.mkdir(mode=0o700)
        cert, key = tls_dir / "server.crt", tls_dir / "server.key"
        write_self_signed_certificate(cert, key, LOOPBACK)
        key.chmod(0o600)
        for path in (tls_dir, cert, key):
            self._give_to_server_user(path)
        self.ca_file = cert
        return cert, key

    def _run(self, command: list[str], what: str) -> None:
        result = subprocess.run(
            [*self._as_server_user(), *command], capture_output=True, text=True, cwd=self.run_dir,
            check=False,
        )
        if result.returncode != 0:
            raise PostgresServerError(
                f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )

    def _read_postmaster_pid(self) -> int | None:
        try:
            first = (self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
        except OSError:
            return None
        return int(first) if first.strip().isdigit() else None

    def _wait_until_ready(self) -> None:
        """Wait for postmaster.pid to say "ready" (what pg_ctl -w waits for)."""
        assert self._process is not None
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise PostgresServerError(
                    f"PostgreSQL exited while starting on {LOOPBACK}:{self.port}; end of "
                    f"{self.log_path}:\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                lines = (self.data_dir / "postmaster.pid").read_text().splitlines()
                if len(lines) >= 8 and lines[7].strip() == "ready":
                    return
            time.sleep(0.05)
        self.stop()
        raise PostgresServerError(
            f"PostgreSQL was not ready within {_START_TIMEOUT:.0f} s; end of {self.log_path}:\n"
            f"{self.log_tail()}"
        )


def _wait_for_exit(pid: int, timeout: float = _STOP_TIMEOUT) -> None:
    """The postmaster is not our child (runuser is), so poll /proc until it is gone."""
    deadline = time.monotonic() + timeout
    stat = Path(f"/proc/{pid}/stat")
    while time.monotonic() < deadline:
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in {"Z", "X"}:
            return
        time.sleep(0.02)
    raise PostgresServerError(f"PostgreSQL postmaster PID {pid} is still running after stop")


def write_self_signed_certificate(cert_path: Path, key_path: Path, ip: str) -> None:
    """A self-signed certificate for ``ip`` (as CN and IP SAN) and its key, in PEM. Uses the
    `cryptography` package when installed, else the `openssl` command."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            raise PostgresServerError(
                "A TLS test server needs the `cryptography` package or the `openssl` command "
                "(Debian package `openssl`)."
            ) from None
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", f"/CN={ip}", "-addext", f"subjectAltName=IP:{ip}",
             "-keyout", str(key_path), "-out", str(cert_path)],
            check=True, capture_output=True,
        )
        return
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ip)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))


_UNSAFE_NAME_CHARACTERS = re.compile(r"[^a-z0-9_]+")


def identifier_from(text: str, limit: int = 40) -> str:
    """A lower-case, underscore-only name made from ``text`` (e.g. a test's name), so database
    and role names say which test made them while staying plain identifiers."""
    return _UNSAFE_NAME_CHARACTERS.sub("_", text.lower()).strip("_")[:limit] or "t"
