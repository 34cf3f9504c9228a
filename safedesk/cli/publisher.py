"""``safedesk publisher``: the headless publisher that sends approved official posts, and its
notice mail. ``run`` is meant for a service manager (systemd, NSSM, a scheduled task): it logs a
line per post on standard output, stops cleanly on SIGTERM or Ctrl+C after the post in hand, and
exits non-zero with a message when it cannot go on (the service manager then restarts it)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    PASSPHRASE_VARIABLE,
    ExitCode,
    acting_person,
    add_acting_person,
    read_stdin_line,
    read_text_file,
)
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Words, msg
from safedesk.core.models import Person
from safedesk.team.publisher import (
    DEFAULT_INTERVAL_S,
    FileHeartbeat,
    Heartbeat,
    Outcome,
    PostOutcome,
    Publisher,
    print_line,
    stop_on_signals,
)

if TYPE_CHECKING:
    from safedesk.team.live import TeamChange, TeamListener
    from safedesk.team.mail import MailConfig, Mailer

# systemd's LoadCredential= hands the passphrase over in a file only the service can read.
PASSPHRASE_CREDENTIAL = "safedesk-passphrase"  # noqa: S105 - a file name, not a secret
_KEYRING_PROBE = ("publisher", "probe")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    publisher = commands.add_parser("publisher", help=msg(
        "the headless publisher that sends approved official posts").render(words))
    sub = publisher.add_subparsers(dest="publisher_command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help=msg("publish approved posts when due, until stopped"
                                         ).render(words))
    run.add_argument("--once", action="store_true", help=msg(
        "one round (finish interrupted posts, publish what is due), then exit").render(words))
    run.add_argument("--interval", type=_seconds_in(words), default=DEFAULT_INTERVAL_S,
                     metavar="SECONDS", help=msg("how often to look (default {seconds})",
                                                 seconds=f"{DEFAULT_INTERVAL_S:g}").render(words))
    run.add_argument("--mail-config", type=Path, metavar="FILE", help=msg(
        "a TOML file naming the SMTP server and who gets notice mails").render(words))
    add_acting_person(run, words)
    run.set_defaults(handler=run_publisher)

    password = sub.add_parser("mail-password", help=msg(
        "keep the SMTP password (from standard input) in the keyring").render(words))
    password.add_argument("--mail-config", type=Path, metavar="FILE", required=True)
    password.set_defaults(handler=store_mail_password)

    test = sub.add_parser("mail-test", help=msg(
        "send a test notice mail now and say how it went").render(words))
    test.add_argument("--mail-config", type=Path, metavar="FILE", required=True)
    test.set_defaults(handler=send_test_mail)


def _seconds_in(words: Words) -> Callable[[str], float]:
    """The ``--interval`` argument's type, which argparse refuses in the person's language."""
    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(msg("'{text}' is not a number of seconds",
                                                 text=text).render(words)) from None
        if not 0.05 <= value <= 86400:
            raise argparse.ArgumentTypeError(msg(
                "the interval must be between 0.05 and 86400 seconds").render(words))
        return value

    return seconds


def _publisher_person(app: SafeDesk, args: argparse.Namespace) -> Person:
    """``--as NAME`` (or the only person), the passphrase from SAFEDESK_PASSPHRASE, a prompt, or
    the service manager's credential file ``$CREDENTIALS_DIRECTORY/safedesk-passphrase``."""
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if args.acting and PASSPHRASE_VARIABLE not in os.environ and directory:
        path = Path(directory) / PASSPHRASE_CREDENTIAL
        if path.is_file():
            passphrase = read_text_file(str(path), msg("passphrase")).rstrip("\r\n")
            return app.people.authenticate(args.acting, passphrase)
    return acting_person(app, args)


def heartbeat_for(app: SafeDesk) -> Heartbeat:
    """The store's own heartbeat where it has one (the PostgreSQL store's ``beat``), else the
    file beside the SQLite database."""
    store: object = app.store
    if isinstance(store, Heartbeat):
        return store
    return FileHeartbeat(app.settings.data_dir)


def _mailer(app: SafeDesk, config: MailConfig | None, host: str) -> Mailer | None:
    if config is None:
        return None
    from safedesk.team.mail import Mailer, mail_password  # noqa: PLC0415 - see _load_config

    return Mailer(config, mail_password(config, app.credentials), host, say=print_line)


def _load_config(path: Path) -> MailConfig:
    # Mail (smtplib, ssl, email) is loaded by the commands that send it, not by every start of
    # SafeDesk, whose command line lists these commands.
    from safedesk.team.mail import load_mail_config  # noqa: PLC0415

    return load_mail_config(path)


def run_publisher(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    config = _load_config(args.mail_config) if args.mail_config else None
    person = _publisher_person(app, args)
    # The official accounts' secrets are read from the keyring for every post: without a
    # usable keyring every post would fail, so say so now, once (exit 5).
    app.credentials.get(*_KEYRING_PROBE)
    publisher = Publisher(app.store, app.queue, app.recovery, person, heartbeat_for(app),
                          interval_s=args.interval)
    mailer = _mailer(app, config, publisher.host)
    if mailer is not None:
        publisher.add_listener(mailer.notify)
    listener = _wake_on_approvals(app, publisher) if not args.once else None
    try:
        with stop_on_signals(publisher):
            if args.once:
                report = publisher.run_once()
                if not report.outcomes:
                    print_line("nothing was due")
                return ExitCode.OK if report.complete else ExitCode.FAILED
            publisher.run()
            return ExitCode.OK
    finally:
        if listener is not None:
            listener.stop()
        if mailer is not None:
            mailer.close()


def _wake_on_approvals(app: SafeDesk, publisher: Publisher) -> TeamListener | None:
    """On a team, the server announces each approval: the publisher starts a round at once
    instead of waiting out its interval (which stays, for schedules falling due)."""
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415 - team desks only
    from safedesk.team.live import TeamListener  # noqa: PLC0415

    if not isinstance(app.store, DeskStore):
        return None
    listener = TeamListener.for_store(app.store.team)

    def wake(change: TeamChange) -> None:
        if change.kind == "draft" and change.state == "approved":
            publisher.wake()

    listener.on_change(wake)
    listener.start()
    return listener


def store_mail_password(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    from safedesk.team.mail import PASSWORD_KIND  # noqa: PLC0415 - see _load_config

    config = _load_config(args.mail_config)
    if not config.username:
        raise InvalidInputError(msg("{file} names no username, so {server} needs no password.",
                                    file=str(args.mail_config), server=config.server))
    password = read_stdin_line(msg("SMTP password"))
    if not password:
        raise InvalidInputError(msg("No password was given on standard input. Nothing was "
                                    "changed."))
    app.credentials.put(config.keyring_id, PASSWORD_KIND, password)
    print(msg("The password for {user} on {server} is in the keyring.", user=config.username,
              server=config.server).render(args.words))
    return ExitCode.OK


def send_test_mail(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    from safedesk.team.mail import Mailer, compose, describe_mail_error, mail_password  # noqa: PLC0415

    config = _load_config(args.mail_config)
    mailer = Mailer(config, mail_password(config, app.credentials), "this computer",
                    say=print_line)
    try:
        notice = PostOutcome("(test)", Outcome.PUBLISHED, "A test notice from SafeDesk", ())
        mailer.send(compose(notice, config, "this computer"))
    except Exception as error:  # noqa: BLE001 - every failure is said in words
        told = msg("the test mail was not sent: {why}.", why=describe_mail_error(error, config))
        print(f"safedesk: {told.render(args.words)}", file=sys.stderr)
        return ExitCode.FAILED
    finally:
        mailer.close()
    print(msg("A test mail went to {recipients} through {server}.",
              recipients=", ".join(config.recipients), server=config.server).render(args.words))
    return ExitCode.OK
