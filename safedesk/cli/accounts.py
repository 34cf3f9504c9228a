"""``safedesk accounts``: the accounts in each pane, added, signed in to again and removed."""

from __future__ import annotations

import argparse
import sys
import webbrowser

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    joined_with_and,
    print_json,
    print_table,
    read_stdin_line,
)
from safedesk.core import rules
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import Pane, Platform
from safedesk.services.signin import (
    NewAccount,
    bluesky_account,
    mastodon_account,
    signin_module,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    accounts = commands.add_parser("accounts", help=msg(
        "add, list, sign in again to and remove the accounts in each pane").render(words))
    sub = accounts.add_subparsers(dest="accounts_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help=msg(
        "the official accounts and your own personal ones, with their pane").render(words))
    listing.add_argument("--pane", choices=[p.value for p in Pane])
    listing.add_argument("--json", action="store_true")
    add_acting_person(listing, words)
    listing.set_defaults(handler=list_accounts)

    add = sub.add_parser("add", help=msg(
        "sign in to an account and put it in a pane, for good").render(words))
    add.add_argument("--pane", required=True, choices=[p.value for p in Pane])
    add.add_argument("--platform", required=True, choices=[p.value for p in Platform])
    add.add_argument("--server", required=True, help=msg(
        "e.g. mastodon.social or https://bsky.social").render(words))
    add.add_argument("--handle", help=msg("Bluesky handle or DID").render(words))
    _add_secret_options(add, words)
    add.set_defaults(handler=add_account)

    again = sub.add_parser("signin", help=msg(
        "sign in again to an account whose sign-in was revoked or expired; it keeps its id, "
        "pane and history").render(words))
    again.add_argument("account_id", metavar="ID")
    _add_secret_options(again, words)
    again.set_defaults(handler=sign_in_again)

    remove = sub.add_parser("remove", help=msg(
        "sign out and remove an account (its history stays)").render(words))
    remove.add_argument("account_id", metavar="ID")
    add_acting_person(remove, words)
    remove.set_defaults(handler=remove_account)


def _add_secret_options(parser: argparse.ArgumentParser, words: Words) -> None:
    parser.add_argument("--app-password-stdin", action="store_true", help=msg(
        "Bluesky: read the app password from standard input").render(words))
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--oauth", action="store_true",
                     help=msg("Mastodon: sign in through the browser (PKCE)").render(words))
    how.add_argument("--token-stdin", action="store_true", help=msg(
        "Mastodon: read an access token from standard input").render(words))
    add_acting_person(parser, words)


def list_accounts(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    accounts = app.accounts.for_person(person, Pane(args.pane) if args.pane else None)
    if args.json:
        print_json([{"id": a.id, "pane": a.pane.value, "platform": a.platform.value,
                     "address": a.address, "server": a.server, "display_name": a.display_name,
                     "max_characters": a.limits.max_characters} for a in accounts])
        return ExitCode.OK
    if not accounts:
        print(msg("No accounts yet.").render(args.words))
        return ExitCode.OK
    print_table([{"pane": say(a.pane.label, args.words).upper(), "account": a.address,
                  "platform": a.platform.value, "id": a.id} for a in accounts],
                ["pane", "account", "platform", "id"],
                {"pane": msg("pane"), "account": msg("account"), "platform": msg("platform"),
                 "id": msg("id")}, args.words)
    return ExitCode.OK


def _secret_from_stdin(what: Message) -> str:
    secret = read_stdin_line(what)
    if not secret:
        raise InvalidInputError(msg("No {what} on standard input.", what=what))
    return secret


def _sign_in(app: SafeDesk, args: argparse.Namespace) -> NewAccount:
    if args.platform == Platform.BLUESKY.value:
        if not args.handle or not args.app_password_stdin:
            missing = joined_with_and([option for option, given in (
                ("--handle", args.handle), ("--app-password-stdin", args.app_password_stdin))
                if not given])
            raise InvalidInputError(msg("For Bluesky give {missing}.", missing=missing))
        module = signin_module(Platform.BLUESKY)
        return bluesky_account(module.sign_in(args.server, args.handle,
                                              _secret_from_stdin(msg("app password"))))
    module = signin_module(Platform.MASTODON)
    if args.token_stdin:
        return mastodon_account(module.sign_in_with_token(
            args.server, _secret_from_stdin(msg("access token"))))
    if not args.oauth:
        raise InvalidInputError(msg("For Mastodon give --oauth (browser) or --token-stdin."))

    def show(url: str) -> bool:
        print(msg("Opening the sign-in page. If no browser opens, visit:\n  {url}",
                  url=url).render(args.words), file=sys.stderr)
        return webbrowser.open(url)

    flow = module.LoopbackOAuth(args.server, app.credentials, open_browser=show)
    return mastodon_account(flow.run())


def add_account(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    app.signin.check_allowed(person, Pane(args.pane), "add")  # before any sign-in starts
    new = _sign_in(app, args)
    account = app.signin.add(Pane(args.pane), new, person)
    print(msg("Added {address} ({platform}) to the {pane} pane, for good. Its id is {id}.",
              address=account.address, platform=account.platform.value,
              pane=account.pane.word, id=account.id).render(args.words))
    for warning in getattr(new.identity, "warnings", ()):
        told = msg("warning: {warning}", warning=warning)
        print(f"safedesk: {told.render(args.words)}", file=sys.stderr)
    return ExitCode.OK


def sign_in_again(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    """The account's own platform, server and name (its DID on Bluesky, which survives a handle
    change) go to the same sign-in as ``accounts add``; only the same remote account is taken."""
    person = acting_person(app, args)
    account = app.accounts.get(args.account_id)
    rules.check_owner(account, person)  # before any sign-in is asked for
    app.signin.check_allowed(person, account.pane, "sign in again to")
    args.platform, args.server = account.platform.value, account.server
    args.handle = account.remote_id if account.platform is Platform.BLUESKY and \
        account.remote_id else account.handle
    refreshed = app.signin.reauthenticate(account.id, _sign_in(app, args), person)
    print(msg("Signed in again as {address}. It stays in the {pane} pane, with its history; its "
              "id is still {id}.", address=refreshed.address, pane=refreshed.pane.word,
              id=refreshed.id).render(args.words))
    return ExitCode.OK


def remove_account(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    print(say(app.signin.remove(args.account_id, person), args.words))
    return ExitCode.OK
