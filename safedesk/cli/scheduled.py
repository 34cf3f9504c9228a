"""``safedesk scheduled``: your personal posts waiting for their time (``post --at``), and
cancelling one. Only the acting person's own are listed or touched. To change one, cancel it and
post it again, or change it in the window."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json_list,
    print_shown,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scheduled = commands.add_parser("scheduled", help="your personal posts waiting for their "
                                                      "time, and cancelling one")
    sub = scheduled.add_subparsers(dest="scheduled_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help="soonest first")
    listing.add_argument("--json", action="store_true")
    add_acting_person(listing)
    listing.set_defaults(handler=scheduled_list)
    cancel = sub.add_parser("cancel", help="it stays as an unsent draft; nothing is published")
    cancel.add_argument("draft_id", metavar="ID")
    add_acting_person(cancel)
    cancel.set_defaults(handler=scheduled_cancel)


def scheduled_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    drafts = app.scheduled.scheduled_for(person)
    names = {d.id: [app.accounts.get(t).address for t in d.content.targets] for d in drafts}
    if args.json:
        print_json_list([{"id": d.id, "accounts": names[d.id], "text": d.content.text,
                          "schedule_at": d.content.schedule_at.isoformat()
                          if d.content.schedule_at else None} for d in drafts])
        return ExitCode.OK
    if not drafts:
        print("Nothing is scheduled.")
    for draft in drafts:
        moment = draft.content.schedule_at
        when = f"{moment.astimezone():%Y-%m-%d %H:%M}" if moment else "-"
        lines = draft.content.text.strip()[:70].splitlines()
        print_shown(f"{draft.id}  {when} as {', '.join(names[draft.id])}: "
                    f"{lines[0] if lines else '(no text)'}")
    return ExitCode.OK


def scheduled_cancel(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    draft = app.drafts.unschedule(args.draft_id, person)
    print(f"No longer scheduled; {draft.id} stays as an unsent draft. Nothing was published.")
    return ExitCode.OK
