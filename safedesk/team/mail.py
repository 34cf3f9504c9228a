"""Notice mails from the publisher, through an SMTP server the organisation configures.

The configuration is a small TOML file (``safedesk publisher run --mail-config FILE``)::

    [smtp]
    host = "smtp.example.gov.uk"
    port = 587                  # default: 587 for starttls, 465 for tls, 25 for plain
    security = "starttls"       # starttls | tls | plain (plain: a relay without TLS)
    username = "safedesk"       # optional; the password is kept in the keyring
    timeout = 20                # seconds
    ca_file = "/etc/ssl/certs/our-ca.pem"   # optional: trust this CA too (an internal server)

    [mail]
    from = "SafeDesk <safedesk@example.gov.uk>"
    to = ["comms-team@example.gov.uk"]
    on = ["published", "failed", "unknown"]   # optional: which outcomes to mail

The password never goes in the file: ``safedesk publisher mail-password --mail-config FILE``
puts it in the keyring, where the official accounts' secrets are. A password is sent over
"plain" only to a relay on this machine (127.0.0.1, ::1, localhost).

Mail goes out on a thread of its own, so a slow or unreachable mail server never holds up a
post; a mail that cannot be sent is logged in words and dropped (the post's record and the
audit trail are what count, the mail is a courtesy).
"""

from __future__ import annotations

import ipaddress
import queue
import smtplib
import ssl
import threading
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Literal, cast

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, msg
from safedesk.core.models import PublicationState
from safedesk.core.ports import CredentialStore
from safedesk.team.publisher import Outcome, PostOutcome

Security = Literal["starttls", "tls", "plain"]
_DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "tls": 465, "plain": 25}
_SMTP_KEYS = {"host", "port", "security", "username", "timeout", "ca_file"}
_MAIL_KEYS = {"from", "to", "on"}
PASSWORD_KIND = "password"  # noqa: S105 - the keyring entry's kind, not a secret


@dataclass(frozen=True, slots=True)
class MailConfig:
    host: str
    port: int
    security: Security
    sender: str
    recipients: tuple[str, ...]
    username: str = ""
    timeout_s: float = 20.0
    ca_file: str = ""  # a CA certificate file to trust besides the system's
    outcomes: frozenset[Outcome] = frozenset(Outcome)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def keyring_id(self) -> str:
        """Where the password is kept: one entry per user name and server."""
        return f"smtp:{self.username}@{self.host}:{self.port}"


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _table(document: Mapping[str, object], name: str, keys: set[str],
           source: str) -> Mapping[str, object]:
    table = document.get(name)
    if not isinstance(table, dict):
        raise InvalidInputError(msg("{source} needs a [{name}] section.",
                                    source=source, name=name))
    unknown = sorted(set(table) - keys)
    if unknown:
        raise InvalidInputError(msg("{source}: [{name}] has {unknown}, which SafeDesk "
                                    "does not know (it knows {known}).",
                                    source=source, name=name,
                                    unknown=", ".join(unknown), known=", ".join(sorted(keys))))
    return cast(Mapping[str, object], table)


def _address(value: object, what: str | Message, source: str) -> str:
    if not isinstance(value, str) or "@" not in parseaddr(value)[1]:
        raise InvalidInputError(msg("{source}: {what} must be a mail address like "
                                    "safedesk@example.org; it is '{value}'.",
                                    source=source, what=what, value=value))
    return value


def parse_mail_config(text: str, source: str = "The mail configuration") -> MailConfig:
    """A :class:`MailConfig` from TOML text, or :class:`InvalidInputError` saying what is wrong
    and where."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInputError(msg("{source} is not valid TOML: {error}.",
                                    source=source, error=error)) from None
    smtp = _table(document, "smtp", _SMTP_KEYS, source)
    mail = _table(document, "mail", _MAIL_KEYS, source)
    host = smtp.get("host")
    if not isinstance(host, str) or not host.strip():
        raise InvalidInputError(msg("{source}: [smtp] host must name the mail server.",
                                    source=source))
    security = smtp.get("security", "starttls")
    if security not in _DEFAULT_PORTS:
        raise InvalidInputError(msg("{source}: [smtp] security must be starttls, tls or plain; it "
                                    "is '{security}'.", source=source, security=security))
    port = smtp.get("port", _DEFAULT_PORTS[str(security)])
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise InvalidInputError(msg("{source}: [smtp] port must be a number from 1 to 65535.",
                                    source=source))
    username = smtp.get("username", "")
    if not isinstance(username, str):
        raise InvalidInputError(msg("{source}: [smtp] username must be text.", source=source))
    if username and security == "plain" and not _is_loopback(host):
        raise InvalidInputError(
            msg("{source}: a password would cross the network unencrypted to {host}. Use "
                "security = \"starttls\" or \"tls\", or leave username out for a relay that "
                "needs no sign-in.", source=source, host=host))
    timeout = smtp.get("timeout", 20)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise InvalidInputError(msg("{source}: [smtp] timeout must be a number of seconds.",
                                    source=source))
    ca_file = smtp.get("ca_file", "")
    if not isinstance(ca_file, str) or (ca_file and not Path(ca_file).is_file()):
        raise InvalidInputError(msg("{source}: [smtp] ca_file must name a certificate file that "
                                    "exists; '{ca_file}' does not.",
                                    source=source, ca_file=ca_file))
    recipients = mail.get("to")
    if isinstance(recipients, str):
        recipients = [recipients]
    if not isinstance(recipients, list) or not recipients:
        raise InvalidInputError(msg("{source}: [mail] to must list at least one address.",
                                    source=source))
    outcomes = mail.get("on", [o.value for o in Outcome])
    known = {o.value for o in Outcome}
    if not isinstance(outcomes, list) or not set(map(str, outcomes)) <= known:
        raise InvalidInputError(msg("{source}: [mail] on may list {known}.",
                                    source=source, known=", ".join(sorted(known))))
    return MailConfig(
        host=host.strip(), port=port, security=cast(Security, security),
        sender=_address(mail.get("from"), "[mail] from", source),
        recipients=tuple(_address(r, msg("each address in [mail] to"), source) for r in recipients),
        username=username, timeout_s=float(timeout), ca_file=ca_file,
        outcomes=frozenset(Outcome(str(o)) for o in outcomes))


def load_mail_config(path: Path) -> MailConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(msg("{path} is not UTF-8 text.", path=path)) from None
    except OSError as error:
        raise InvalidInputError(msg("The mail configuration {path} cannot be read: "
                                    "{strerror}.", path=path, strerror=error.strerror)) from None
    return parse_mail_config(text, str(path))


def mail_password(config: MailConfig, credentials: CredentialStore) -> str | None:
    """The SMTP password from the keyring (None when the server needs no sign-in); a missing
    one is :class:`InvalidInputError` saying how to store it."""
    if not config.username:
        return None
    password = credentials.get(config.keyring_id, PASSWORD_KIND)
    if password is None:
        raise InvalidInputError(
            msg("No password for {username} on {server} is in the keyring. Store it "
                "with: safedesk publisher mail-password --mail-config FILE (the password on "
                "standard input).", username=config.username, server=config.server))
    return password


_HEADINGS = {Outcome.PUBLISHED: "Published",
             Outcome.FAILED: "FAILED to publish",
             Outcome.UNKNOWN: "Not known whether it went out"}


_RECOVERED = ("The publisher was interrupted while sending this post and finished it afterwards, "
              "looking on each server before sending anything again.")
_ADVICE = {
    Outcome.UNKNOWN: ("Look at the account. Then, on the publisher, `safedesk recover` checks "
                      "again and sends only what is certainly not there."),
    Outcome.FAILED: ("The approval still holds: once the problem is fixed, retry from the queue "
                     "or the history. Nothing is sent twice."),
}


def compose(outcome: PostOutcome, config: MailConfig, host: str,
            when: datetime | None = None) -> EmailMessage:
    """The notice for one post: the subject names the outcome, the post and its accounts; the
    body has a line per account with its link or what went wrong."""
    addresses = ", ".join(a.address for a in outcome.accounts) or "its accounts"
    message = EmailMessage()
    message["Subject"] = f'{_HEADINGS[outcome.outcome]}: "{outcome.excerpt}" on {addresses}'
    message["From"] = config.sender
    message["To"] = ", ".join(config.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=parseaddr(config.sender)[1].rpartition("@")[2])
    lines = [f"The SafeDesk publisher on {host} reports on an official post.", "",
             f"Post: {outcome.excerpt}", f"Draft: {outcome.draft_id}",
             f"Outcome: {_HEADINGS[outcome.outcome].lower()}", ""]
    for account in outcome.accounts:
        if account.state is PublicationState.PUBLISHED:
            lines.append(f"- {account.address}: published, {account.url or '(no link given)'}")
        elif account.state is PublicationState.UNKNOWN:
            lines.append(f"- {account.address}: not known whether it went out. {account.error}")
        else:
            lines.append(f"- {account.address}: not published. {account.error}")
    if outcome.note:
        lines += ["", outcome.note]
    if outcome.recovered:
        lines += ["", _RECOVERED]
    if outcome.outcome in _ADVICE:
        lines += ["", _ADVICE[outcome.outcome]]
    stamp = (when or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M:%S %Z")
    lines += ["", f"Sent by SafeDesk at {stamp}."]
    message.set_content("\n".join(lines) + "\n")
    return message


def describe_mail_error(error: Exception, config: MailConfig) -> str:
    """What went wrong with the mail server, in words (never the password)."""
    where = config.server
    said: str
    match error:
        case smtplib.SMTPAuthenticationError():
            said = f"{where} refused the user name or password for {config.username}"
        case smtplib.SMTPRecipientsRefused(recipients=refused):
            said = f"{where} refused the recipients {', '.join(refused)}"
        case smtplib.SMTPSenderRefused():
            said = f"{where} refused the sender {config.sender}"
        case smtplib.SMTPNotSupportedError():
            said = f"{where} does not offer what the configuration asks ({error})"
        case ssl.SSLError():
            said = f"the TLS connection to {where} failed ({error.reason or error})"
        case smtplib.SMTPException():
            said = f"{where} answered with an error ({error})"
        case TimeoutError():
            said = f"{where} did not answer within {config.timeout_s:g} s"
        case OSError():
            said = f"SafeDesk could not reach {where} ({error.strerror or error})"
        case _:
            said = f"{type(error).__name__} while talking to {where}"
    return said


SmtpFactory = Callable[[MailConfig], smtplib.SMTP]


def open_smtp(config: MailConfig) -> smtplib.SMTP:
    """A connected SMTP session, encrypted as the configuration says."""
    context = ssl.create_default_context(cafile=config.ca_file or None)
    if config.security == "tls":
        return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout_s,
                                context=context)
    session = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
    if config.security == "starttls":
        session.ehlo()
        session.starttls(context=context)
        session.ehlo()
    return session


class Mailer:
    """Sends a notice for each post outcome, on a thread of its own.

    :meth:`notify` is a :data:`~safedesk.team.publisher.PostListener`; it only queues the mail.
    :meth:`close` waits (up to a limit) for what is queued to go out."""

    def __init__(self, config: MailConfig, password: str | None, host: str, *,
                 say: Callable[[str], None], connect: SmtpFactory = open_smtp) -> None:
        self.config = config
        self._password = password
        self._host = host
        self._say = say
        self._connect = connect
        self._queue: queue.Queue[EmailMessage | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="mail", daemon=True)
        self._thread.start()

    def notify(self, outcome: PostOutcome) -> None:
        if outcome.outcome in self.config.outcomes:
            self._queue.put(compose(outcome, self.config, self._host))

    def send(self, message: EmailMessage) -> None:
        """Send one message now, on this thread; raises what the server or network raised."""
        with self._connect(self.config) as session:
            if self.config.username and self._password is not None:
                session.login(self.config.username, self._password)
            session.send_message(message)

    def _work(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self.send(message)
            except Exception as error:  # noqa: BLE001 - a mail must never stop publishing
                self._say(f"could not send the notice mail \"{message['Subject']}\": "
                          f"{describe_mail_error(error, self.config)}")
            else:
                self._say(f"mailed {', '.join(self.config.recipients)}: {message['Subject']}")

    def close(self, timeout_s: float = 60.0) -> None:
        """Send what is queued (waiting at most ``timeout_s``), then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            self._say(f"gave up waiting for {self.config.server}; notice mails still queued "
                      "were not sent")
