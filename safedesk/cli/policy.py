"""``safedesk policy``: the organisation's policy settings (its names, handles and hashtags, the
political terms, election periods and their terms, and each rule's level), which admins change.

Each change is saved whole from the settings as just read and audited (``services.policy``);
``show`` prints them for anyone.
"""

from __future__ import annotations

import argparse
import sys

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json,
    print_shown,
    print_table,
)
from safedesk.core.errors import NotFoundError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.pair_posts import language_name
from safedesk.core.pairs import PairLayout, PairStyle, pair_style
from safedesk.core.policy import RULES, RuleLevel
from safedesk.core.policy.settings import StoredPolicy, election_period
from safedesk.services.policy import PolicySave, TermList, check_rule, parse_level

_LIST_HELP = {
    TermList.NAMES: msg("add or remove the organisation's own names (personal text using them "
                        "reads as official) (admins)"),
    TermList.HANDLES: msg("add or remove the organisation's handles, e.g. "
                          "@council@social.example (admins)"),
    TermList.HASHTAGS: msg("add or remove the organisation's hashtags, e.g. #TrefNews (admins)"),
    TermList.TERMS: msg("add or remove political terms watched all year: parties, candidates, "
                        "“vote for” (admins)"),
}


def _list_line(kind: TermList, values: str | Message) -> Message:
    lines = {TermList.NAMES: msg("Organisation names: {values}", values=values),
             TermList.HANDLES: msg("Organisation handles: {values}", values=values),
             TermList.HASHTAGS: msg("Organisation hashtags: {values}", values=values),
             TermList.TERMS: msg("Political terms: {values}", values=values)}
    return lines[kind]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    policy = commands.add_parser("policy", help=msg(
        "the organisation's policy settings: names, political terms, election periods, rule "
        "levels").render(words))
    sub = policy.add_subparsers(dest="policy_command", required=True, metavar="COMMAND")

    show = sub.add_parser("show", help=msg("the settings every check uses now").render(words))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_policy)

    for kind in TermList:
        parser = sub.add_parser(kind.value, help=_LIST_HELP[kind].render(words))
        parser.add_argument("change", choices=["add", "remove"])
        parser.add_argument("values", nargs="+", metavar="VALUE")
        add_acting_person(parser, words)
        parser.set_defaults(handler=change_list, term_list=kind.value)

    _register_watched(sub, words)

    period = sub.add_parser("period", help=msg("add or remove an election period (admins)"
                                               ).render(words))
    periods = period.add_subparsers(dest="period_command", required=True, metavar="COMMAND")
    add = periods.add_parser("add", help=msg(
        "a period of heightened sensitivity, both days included, with the terms it watches"
    ).render(words))
    add.add_argument("name")
    add.add_argument("start", metavar="START", help=msg("first day, YYYY-MM-DD").render(words))
    add.add_argument("end", metavar="END", help=msg("last day, YYYY-MM-DD").render(words))
    add.add_argument("--term", action="append", default=[], metavar="T",
                     help=msg("a term this period watches, e.g. a candidate (repeat for "
                              "several)").render(words))
    add_acting_person(add, words)
    add.set_defaults(handler=add_period)
    remove = periods.add_parser("remove", help=msg("remove an election period by its name"
                                                   ).render(words))
    remove.add_argument("name")
    add_acting_person(remove, words)
    remove.set_defaults(handler=remove_period)

    rule = sub.add_parser("rule", help=msg(
        "set a rule's level (admins): default keeps its own severities, off turns it off"
    ).render(words))
    # Checked by the handler rather than by argparse's choices: a wrong word gets the words
    # every other bad input gets (and exit 2) before any passphrase is asked for.
    rule.add_argument("rule", metavar="RULE", help=msg(
        "one of {choices}", choices=", ".join(sorted(RULES))).render(words))
    rule.add_argument("level", metavar="LEVEL", help=msg(
        "one of {choices}", choices=", ".join(level.value for level in RuleLevel)).render(words))
    add_acting_person(rule, words)
    rule.set_defaults(handler=set_rule)

    pairs = sub.add_parser("pair-style", help=msg(
        "how a bilingual post goes out on an account (admins): two posts or one holding both, "
        "and which language comes first").render(words))
    pairs.add_argument("account", metavar="ACCOUNT")
    pairs.add_argument("--layout", required=True, metavar="LAYOUT", help=msg(
        "two_posts or one_post (one post falls back to two where both do not fit)"
    ).render(words))
    pairs.add_argument("--first", required=True, metavar="LANG", help=msg(
        "the language that comes first: cy or en").render(words))
    add_acting_person(pairs, words)
    pairs.set_defaults(handler=set_pair_style)


def _updated_by(app: SafeDesk, stored: StoredPolicy) -> str:
    if not stored.updated_by:
        return ""
    try:
        return app.store.get_person(stored.updated_by).name
    except NotFoundError:
        return stored.updated_by


def show_policy(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    stored = app.policy.current()
    settings = stored.settings
    if args.json:
        print_json({"version": stored.version,
                    "updated_at": stored.updated_at.isoformat() if stored.updated_at else None,
                    "updated_by": _updated_by(app, stored), **settings.as_json(),
                    "rules": {rule: settings.level(rule).value for rule in sorted(RULES)},
                    "locked_by_it": app.policy.managed.locked_names()})
        return ExitCode.OK
    words: Words = args.words
    locked = app.policy.managed.locked_names()
    if locked:
        print_shown(msg("🔒 Set by your organisation's IT department (cannot be changed here): "
                        "{names}", names=", ".join(locked)).render(words))
    if stored.version == 0:
        print(msg("No policy settings saved yet: the built-in rules apply.").render(words))
    else:
        when = f"{stored.updated_at.astimezone():%Y-%m-%d %H:%M}" if stored.updated_at else ""
        print_shown(msg("Version {version}, saved {when} by {name}.", version=stored.version,
                        when=when, name=_updated_by(app, stored)).render(words))
    for kind in TermList:
        values = kind.of(settings)
        shown = ", ".join(f"#{v}" if kind is TermList.HASHTAGS else v for v in values)
        print_shown(_list_line(kind, shown or msg("(none)")).render(words))
    print_shown(msg("Watched accounts: {values}", values=", ".join(settings.watched_accounts)
                    or msg("(none)")).render(words))
    if settings.election_periods:
        print(msg("Election periods:").render(words))
        print_table([{"name": p.name, "start": p.starts.isoformat(), "end": p.ends.isoformat(),
                      "terms": ", ".join(p.terms)} for p in settings.election_periods],
                    ["name", "start", "end", "terms"],
                    {"name": msg("name"), "start": msg("start"), "end": msg("end"),
                     "terms": msg("terms")}, words)
    else:
        print(msg("Election periods: (none)").render(words))
    for account_id, style in sorted(settings.pair_styles.items()):
        print_shown(_pair_style_line(app, account_id, style).render(words))
    print(msg("Rules:").render(words))
    print_table([{"rule": rule, "level": settings.level(rule).value,
                  "reads": say(RULES[rule], words)} for rule in sorted(RULES)],
                ["rule", "level", "reads"],
                {"rule": msg("rule"), "level": msg("level"), "reads": msg("reads")}, words)
    return ExitCode.OK


def _report(saved: PolicySave, words: Words) -> ExitCode:
    if not saved.changes:
        print(msg("Nothing changed: the settings already say that.").render(words))
        return ExitCode.OK
    print(msg("Saved the policy settings (version {version}):",
              version=saved.stored.version).render(words))
    print_shown(*(f"  {say(line, words)}" for line in saved.changes))
    return ExitCode.OK


def change_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    kind = TermList(args.term_list)
    app.policy.managed.refuse(kind.field)  # before any passphrase is asked for
    admin = acting_person(app, args)
    if args.change == "add":
        return _report(app.policy.add_terms(admin, kind, args.values), args.words)
    return _report(app.policy.remove_terms(admin, kind, args.values), args.words)


def add_period(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    election_period(args.name, args.start, args.end, args.term)  # bad dates: before any prompt
    app.policy.managed.refuse("election_periods")
    admin = acting_person(app, args)
    return _report(app.policy.add_period(admin, args.name, args.start, args.end, args.term), args.words)


def remove_period(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    app.policy.managed.refuse("election_periods")
    return _report(app.policy.remove_period(acting_person(app, args), args.name), args.words)


def set_rule(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    rule, level = check_rule(args.rule), parse_level(args.level)
    app.policy.managed.refuse(f"rule_levels.{rule}")
    admin = acting_person(app, args)
    return _report(app.policy.set_rule_level(admin, rule, level), args.words)


def set_pair_style(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    style = pair_style(args.layout, args.first)  # a wrong word: exit 2 before any passphrase
    account = app.accounts.get(args.account)
    admin = acting_person(app, args)
    return _report(app.policy.set_pair_style(admin, account.id, style), args.words)


def _pair_style_line(app: SafeDesk, account_id: str, style: PairStyle) -> Message:
    try:
        address = app.accounts.get(account_id).address
    except NotFoundError:
        address = account_id
    first = language_name(style.first_language)
    if style.layout is PairLayout.ONE_POST:
        return msg("Bilingual posts on {address}: one post holding both, {first} first",
                   address=address, first=first)
    return msg("Bilingual posts on {address}: two posts, {first} first", address=address,
               first=first)


def _register_watched(policy: argparse._SubParsersAction[argparse.ArgumentParser],
                     words: Words) -> None:
    """``policy watched-accounts add|remove|list`` (registered under ``policy``)."""
    watched = policy.add_parser("watched-accounts", help=msg(
        "party and candidate accounts (addresses, handles or DIDs): sharing their posts from "
        "an official account in an election period warns (admins)").render(words))
    watched.add_argument("change", choices=["add", "remove", "list"])
    watched.add_argument("values", nargs="*", metavar="ACCOUNT")
    add_acting_person(watched, words)
    watched.set_defaults(handler=change_watched)


def change_watched(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    words = args.words
    if args.change == "list":
        for address in app.policy.current().settings.watched_accounts:
            print_shown(address)
        return ExitCode.OK
    if not args.values:
        print(msg("Name at least one account to {change}.", change=args.change).render(words),
              file=sys.stderr)
        return ExitCode.BAD_INPUT
    app.policy.managed.refuse("watched_accounts")
    admin = acting_person(app, args)
    saved = app.policy.add_watched_accounts(admin, args.values) if args.change == "add" \
        else app.policy.remove_watched_accounts(admin, args.values)
    return _report(saved, words)
