"""The publisher's notice mails, received by a real SMTP server (aiosmtpd) on 127.0.0.1: STARTTLS
with a sign-in whose password is kept in the keyring, a plain relay, an unreachable server that
never stops publishing, and configuration mistakes said in words."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from safedesk.cli.console import ExitCode
from tests.cli_support import Run
from tests.publisher_support import Office, open_office
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer, free_loopback_port

needs_secret_service = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the publisher keeps its secrets in the real Secret Service that scripts/test.sh "
           "starts")

MAIL_PASSWORD = "mail-password-for-tests"


@dataclass
class Sink:
    """Keeps every message, with whether it came over TLS and who signed in."""

    messages: list[tuple[EmailMessage, bool]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, _server: SMTP, session: Session,  # noqa: N802 - aiosmtpd's name
                          envelope: Envelope) -> str:
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((message, session.ssl is not None))
        return "250 OK"

    def authenticate(self, _server: SMTP, _session: Session, _envelope: Envelope,
                     _mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.password == MAIL_PASSWORD.encode()
        if ok:
            self.logins.append(data.login.decode())
        return AuthResult(success=ok)

    def subjects(self) -> list[str]:
        # A long subject is folded onto a second line; the parser keeps the fold's space.
        return [str(m["Subject"]).strip() for m, _tls in self.messages]


@pytest.fixture
def office(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           mastodon: MastodonTestServer, pds: PdsServer,
           request: pytest.FixtureRequest) -> Iterator[Office]:
    prefix = "mail" + request.node.name.removeprefix("test_")[:6].replace("_", "")
    with open_office(data_dir, capsys, monkeypatch, mastodon, pds, prefix) as ready:
        yield ready


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, and its key."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_sink(tmp_path: Path) -> Iterator[tuple[Sink, int, Path]]:
    """An SMTP server that demands STARTTLS and a sign-in: (sink, port, its certificate)."""
    import ssl

    cert, key = certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink, port = Sink(), free_loopback_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, auth_required=True,
                            authenticator=sink.authenticate)
    controller.start()
    yield sink, port, cert
    controller.stop()


@pytest.fixture
def relay() -> Iterator[tuple[Sink, int]]:
    """A plain relay on 127.0.0.1 that needs no sign-in."""
    sink, port = Sink(), free_loopback_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


def write_config(folder: Path, body: str) -> Path:
    path = folder / "mail.toml"
    path.write_text(body, encoding="utf-8")
    return path


def plain_config(folder: Path, port: int) -> Path:
    return write_config(folder, f"""
[smtp]
host = "127.0.0.1"
port = {port}
security = "plain"
timeout = 5

[mail]
from = "SafeDesk <safedesk@council.example>"
to = ["comms@council.example"]
""")


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


@needs_secret_service
def test_mails_say_what_was_published_and_what_failed_over_starttls(
        office: Office, tls_sink: tuple[Sink, int, Path], tmp_path: Path) -> None:
    sink, port, cert = tls_sink
    config = write_config(tmp_path, f"""
[smtp]
host = "127.0.0.1"
port = {port}
security = "starttls"
username = "publisher@council.example"
ca_file = "{cert}"

[mail]
from = "SafeDesk <safedesk@council.example>"
to = ["comms@council.example", "duty@council.example"]
""")
    code, _, err = office.run("publisher", "run", "--once", "--mail-config", str(config),
                              "--as", "Pat")
    assert code == ExitCode.BAD_INPUT and "publisher mail-password" in err  # none kept yet
    code, out, err = office.run("publisher", "mail-password", "--mail-config", str(config),
                                stdin=MAIL_PASSWORD + "\n")
    assert code == ExitCode.OK, err
    assert MAIL_PASSWORD not in out + err and MAIL_PASSWORD not in config.read_text()

    [published] = office.approve(["Parking is free on Sunday"],
                                 (office.masto_id, office.sky_id))
    code, out, err = office.run("publisher", "run", "--once", "--mail-config", str(config),
                                "--as", "Pat")
    assert code == ExitCode.OK, out + err
    [(message, over_tls)] = sink.messages
    assert over_tls and sink.logins == ["publisher@council.example"]
    assert sink.subjects()[0].startswith('Published: "Parking is free on Sunday" on @council@')
    assert message["To"] == "comms@council.example, duty@council.example"
    [status] = office.mastodon.statuses_for("council")
    body = body_of(message)
    assert f"Draft: {published}" in body and str(status["url"]) in body
    assert "mailed comms@council.example, duty@council.example" in out

    office.mastodon.revoke(office.masto_token)  # the next post cannot go out on Mastodon
    office.approve(["Road works on Station Road"], (office.masto_id,))
    code, out, err = office.run("publisher", "run", "--once", "--mail-config", str(config),
                                "--as", "Pat")
    assert code == ExitCode.FAILED, out + err
    assert len(sink.messages) == 2
    failed = sink.messages[1][0]
    assert sink.subjects()[1].startswith('FAILED to publish: "Road works on Station Road" on '
                                        "@council@")
    assert "not published." in body_of(failed) and "sign in again" in body_of(failed).lower()


@needs_secret_service
def test_an_unreachable_mail_server_never_stops_publishing(office: Office,
                                                           tmp_path: Path) -> None:
    config = plain_config(tmp_path, free_loopback_port())  # nothing listens there
    office.approve(["Swimming pool closed for repairs", "Swimming pool open again"],
                   (office.masto_id,))
    code, out, err = office.run("publisher", "run", "--once", "--mail-config", str(config),
                                "--as", "Pat")
    assert code == ExitCode.OK, out + err
    assert sorted(str(s["text"]) for s in office.mastodon.statuses_for("council")) == [
        "Swimming pool closed for repairs", "Swimming pool open again"]
    failures = [line for line in out.splitlines() if "could not send the notice mail" in line]
    assert len(failures) == 2 and all("could not reach 127.0.0.1:" in f for f in failures), out


@needs_secret_service
def test_mail_test_reaches_a_plain_relay(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch,
                                         relay: tuple[Sink, int], tmp_path: Path) -> None:
    sink, port = relay
    run = Run(data_dir, capsys, monkeypatch)
    code, out, err = run("publisher", "mail-test", "--mail-config", str(plain_config(tmp_path,
                                                                                      port)))
    assert code == ExitCode.OK, err
    assert "A test mail went to comms@council.example" in out
    assert sink.subjects() == ['Published: "A test notice from SafeDesk" on its accounts']


MAIL_PART = '[mail]\nfrom = "a@b.example"\nto = ["c@d.example"]\n'


@pytest.mark.parametrize(("smtp", "said"), [
    ('host = "mail.council.example"\nsecurity = "plain"\nusername = "pub"\n',
     "a password would cross the network unencrypted to mail.council.example"),
    ('host = "mail.council.example"\npassword = "x"\n',
     "[smtp] has password, which SafeDesk does not know"),
    ('host = "mail.council.example"\nsecurity = "ssl"\n',
     "security must be starttls, tls or plain"),
    ('host = "mail.council.example"\nca_file = "/nowhere/ca.pem"\n',
     "ca_file must name a certificate file that exists"),
    ('host = 1\n[mail\n', "is not valid TOML"),
])
def test_mail_configuration_mistakes_are_refused_in_words(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, smtp: str, said: str) -> None:
    run = Run(data_dir, capsys, monkeypatch)
    code, _, err = run("publisher", "mail-test", "--mail-config",
                       str(write_config(tmp_path, f"[smtp]\n{smtp}{MAIL_PART}")))
    assert code == ExitCode.BAD_INPUT and said in err, err
    no_one = '[smtp]\nhost = "mail.council.example"\n[mail]\nfrom = "a@b.example"\nto = []\n'
    code, _, err = run("publisher", "mail-test", "--mail-config", str(write_config(tmp_path,
                                                                                    no_one)))
    assert code == ExitCode.BAD_INPUT and "[mail] to must list at least one address" in err
