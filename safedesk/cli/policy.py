"""``safedesk policy``: the organisation's policy settings (its names, handles and hashtags, the
political terms, election periods and their terms, and each rule's level), which admins change.

Each change is saved whole from the settings as just read and audited (``services.policy``);
``show`` prints them for anyone.
"""

from __future__ import annotations

import argparse

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
from safedesk.core.policy import RULES, RuleLevel
from safedesk.core.policy.settings import StoredPolicy, election_period
from safedesk.services.policy import PolicySave, TermList, check_rule, parse_level

_LIST_HELP = {
    TermList.NAMES: "the organisation's own names (personal text using them reads as official)",
    TermList.HANDLES: "the organisation's handles, e.g. @council@social.example",
    TermList.HASHTAGS: "the organisation's hashtags, e.g. #TrefNews",
    TermList.TERMS: "political terms watched all year: parties, candidates, “vote for”",
}
_LIST_TITLES = {TermList.NAMES: "Organisation names", TermList.HANDLES: "Organisation handles",
                TermList.HASHTAGS: "Organisation hashtags", TermList.TERMS: "Political terms"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    policy = commands.add_parser("policy", help="the organisation's policy settings: names, "
                                                "political terms, election periods, rule levels")
    sub = policy.add_subparsers(dest="policy_command", required=True, metavar="COMMAND")

    show = sub.add_parser("show", help="the settings every check uses now")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_policy)

    for kind in TermList:
        parser = sub.add_parser(kind.value, help=f"add or remove {_LIST_HELP[kind]} (admins)")
        parser.add_argument("change", choices=["add", "remove"])
        parser.add_argument("values", nargs="+", metavar="VALUE")
        add_acting_person(parser)
        parser.set_defaults(handler=change_list, term_list=kind.value)

    period = sub.add_parser("period", help="add or remove an election period (admins)")
    periods = period.add_subparsers(dest="period_command", required=True, metavar="COMMAND")
    add = periods.add_parser("add", help="a period of heightened sensitivity, both days "
                                         "included, with the terms it watches")
    add.add_argument("name")
    add.add_argument("start", metavar="START", help="first day, YYYY-MM-DD")
    add.add_argument("end", metavar="END", help="last day, YYYY-MM-DD")
    add.add_argument("--term", action="append", default=[], metavar="T",
                     help="a term this period watches, e.g. a candidate (repeat for several)")
    add_acting_person(add)
    add.set_defaults(handler=add_period)
    remove = periods.add_parser("remove", help="remove an election period by its name")
    remove.add_argument("name")
    add_acting_person(remove)
    remove.set_defaults(handler=remove_period)

    rule = sub.add_parser("rule", help="set a rule's level (admins): default keeps its own "
                                       "severities, off turns it off")
    # Checked by the handler rather than by argparse's choices: a wrong word gets the words
    # every other bad input gets (and exit 2) before any passphrase is asked for.
    rule.add_argument("rule", metavar="RULE", help=f"one of {', '.join(sorted(RULES))}")
    rule.add_argument("level", metavar="LEVEL",
                      help=f"one of {', '.join(level.value for level in RuleLevel)}")
    add_acting_person(rule)
    rule.set_defaults(handler=set_rule)


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
                    "rules": {rule: settings.level(rule).value for rule in sorted(RULES)}})
        return ExitCode.OK
    if stored.version == 0:
        print("No policy settings saved yet: the built-in rules apply.")
    else:
        when = f"{stored.updated_at.astimezone():%Y-%m-%d %H:%M}" if stored.updated_at else ""
        print_shown(f"Version {stored.version}, saved {when} by {_updated_by(app, stored)}.")
    for kind in TermList:
        values = kind.of(settings)
        shown = ", ".join(f"#{v}" if kind is TermList.HASHTAGS else v for v in values)
        print_shown(f"{_LIST_TITLES[kind]}: {shown or '(none)'}")
    if settings.election_periods:
        print("Election periods:")
        print_table([{"name": p.name, "start": p.starts.isoformat(), "end": p.ends.isoformat(),
                      "terms": ", ".join(p.terms)} for p in settings.election_periods],
                    ["name", "start", "end", "terms"])
    else:
        print("Election periods: (none)")
    print("Rules:")
    print_table([{"rule": rule, "level": settings.level(rule).value,
                  "reads": RULES[rule]} for rule in sorted(RULES)], ["rule", "level", "reads"])
    return ExitCode.OK


def _report(saved: PolicySave) -> ExitCode:
    if not saved.changes:
        print("Nothing changed: the settings already say that.")
        return ExitCode.OK
    print(f"Saved the policy settings (version {saved.stored.version}):")
    print_shown(*(f"  {line}" for line in saved.changes))
    return ExitCode.OK


def change_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    admin = acting_person(app, args)
    kind = TermList(args.term_list)
    if args.change == "add":
        return _report(app.policy.add_terms(admin, kind, args.values))
    return _report(app.policy.remove_terms(admin, kind, args.values))


def add_period(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    election_period(args.name, args.start, args.end, args.term)  # bad dates: before any prompt
    admin = acting_person(app, args)
    return _report(app.policy.add_period(admin, args.name, args.start, args.end, args.term))


def remove_period(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    return _report(app.policy.remove_period(acting_person(app, args), args.name))


def set_rule(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    rule, level = check_rule(args.rule), parse_level(args.level)
    admin = acting_person(app, args)
    return _report(app.policy.set_rule_level(admin, rule, level))
