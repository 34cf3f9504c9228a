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
from safedesk.core.messages import Words, msg


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    scheduled = commands.add_parser("scheduled", help=msg(
        "your personal posts waiting for their time, and cancelling one").render(words))
    sub = scheduled.add_subparsers(dest="scheduled_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help=msg("soonest first").render(words))
    listing.add_argument("--json", action="store_true")
    add_acting_person(listing, words)
    listing.set_defaults(handler=scheduled_list)
    cancel = sub.add_parser("cancel", help=msg(
        "it stays as an unsent draft; nothing is published").render(words))
    cancel.add_argument("draft_id", metavar="ID")
    add_acting_person(cancel, words)
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
        print(msg("Nothing is scheduled.").render(args.words))
    for draft in drafts:
        moment = draft.content.schedule_at
        when = f"{moment.astimezone():%Y-%m-%d %H:%M}" if moment else "-"
        lines = draft.content.text.strip()[:70].splitlines()
        print_shown(msg("{id}  {when} as {accounts}: {text}", id=draft.id, when=when,
                        accounts=", ".join(names[draft.id]),
                        text=lines[0] if lines else msg("(no text)")).render(args.words))
    return ExitCode.OK


def scheduled_cancel(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    draft = app.drafts.unschedule(args.draft_id, person)
    print(msg("No longer scheduled; {id} stays as an unsent draft. Nothing was published.",
              id=draft.id).render(args.words))
    return ExitCode.OK
