"""``safedesk recover``: finish what a crash, a full disk or a silent server left undone. The
same recovery runs quietly before every command that publishes (``finish_interrupted``)."""

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
)
from safedesk.core.messages import ENGLISH, Words, msgn
from safedesk.core.models import Person, Publication, PublicationState
from safedesk.services.recovery import RecoveryReport


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    recover = commands.add_parser(
        "recover", help="finish posts left publishing or unknown, looking before sending again")
    add_acting_person(recover)
    choice = recover.add_mutually_exclusive_group()
    choice.add_argument("--went-out", metavar="PUBLICATION_ID",
                        help="you saw this unknown post on the account: record it as published")
    choice.add_argument("--send-again", metavar="PUBLICATION_ID",
                        help="send this unknown post again without looking first (only when you "
                             "checked the account and it is not there)")
    recover.add_argument("--url", default="", help="with --went-out: the post's link")
    recover.add_argument("--json", action="store_true")
    recover.set_defaults(handler=recover_command)


def _line(app: SafeDesk, publication: Publication) -> str:
    address = app.accounts.get(publication.account_id).address
    if publication.state is PublicationState.PUBLISHED:
        return f"published as {address}: {publication.url or '(link unknown)'}"
    if publication.state is PublicationState.UNKNOWN:
        return (f"UNKNOWN whether it went out as {address} (publication {publication.id}): "
                f"{publication.error}")
    return f"NOT published as {address}: {publication.error}"


def _report_lines(app: SafeDesk, report: RecoveryReport) -> list[str]:
    lines = [f"recorded from the journal: {_line(app, p)}" for p in report.from_journal]
    for finished in report.finished:
        lines.append(f"draft {finished.draft.id}: now {finished.draft.state.value}")
        lines.extend(f"  {_line(app, p)}" for p in finished.publications)
        if finished.unsaved:
            lines.append(f"  {finished.unsaved}")
    lines.extend(f"draft {draft_id}: another SafeDesk is publishing it right now; left alone"
                 for draft_id in report.busy)
    lines.extend(f"draft {draft_id}: left as it is: {why}" for draft_id, why in report.skipped)
    return lines


def finish_interrupted(app: SafeDesk, person: Person, words: Words = ENGLISH) -> None:
    """Before a command that publishes: finish interrupted publishing, and say so on stderr
    (stdout stays the command's own, for scripts and --json)."""
    report = app.recovery.recover_interrupted(person)
    for line in _report_lines(app, report):
        print(f"safedesk: interrupted earlier: {line}", file=sys.stderr)
    waiting = app.recovery.needs_attention()
    if waiting:
        told = msgn("{count} post may or may not have gone out; run `safedesk recover` to check.",
                    "{count} posts may or may not have gone out; run `safedesk recover` to "
                    "check.", waiting)
        print(f"safedesk: {told.render(words)}", file=sys.stderr)


def _json(report: RecoveryReport) -> dict[str, object]:
    def row(p: Publication) -> dict[str, object]:
        return {"publication_id": p.id, "draft_id": p.draft_id, "account": p.account_id,
                "state": p.state.value, "url": p.url, "error": p.error}

    return {"from_journal": [row(p) for p in report.from_journal],
            "finished": [{"draft_id": r.draft.id, "state": r.draft.state.value,
                          "unsaved": r.unsaved, "publications": [row(p) for p in r.publications]}
                         for r in report.finished],
            "busy": list(report.busy),
            "skipped": [{"draft_id": d, "reason": why} for d, why in report.skipped]}


def recover_command(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    if args.went_out:
        done = app.recovery.confirm(args.went_out, person, args.url)
        print_json({"publication_id": done.id, "state": done.state.value}) if args.json else \
            print_shown(f"Recorded as published on your word: {_line(app, done)}")
        return ExitCode.OK
    if args.send_again:
        sent = app.recovery.send_again(args.send_again, person)
        report = RecoveryReport(finished=(sent,))
    else:
        report = app.recovery.recover_interrupted(person, recheck_unknown=True)
    if args.json:
        print_json(_json(report))
    else:
        lines = _report_lines(app, report)
        print_shown(*lines or ["Nothing was left unfinished."])
    unsettled = [p for r in report.finished for p in r.publications
                 if p.state is not PublicationState.PUBLISHED]
    return ExitCode.FAILED if unsettled else ExitCode.OK
