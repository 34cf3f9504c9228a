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
from safedesk.core.lifecycle import state_name
from safedesk.core.messages import ENGLISH, Message, Words, msg, msgn, say
from safedesk.core.models import Person, Publication, PublicationState
from safedesk.services.recovery import RecoveryReport


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    recover = commands.add_parser("recover", help=msg(
        "finish posts left publishing or unknown, looking before sending again").render(words))
    add_acting_person(recover, words)
    choice = recover.add_mutually_exclusive_group()
    choice.add_argument("--went-out", metavar="PUBLICATION_ID", help=msg(
        "you saw this unknown post on the account: record it as published").render(words))
    choice.add_argument("--send-again", metavar="PUBLICATION_ID", help=msg(
        "send this unknown post again without looking first (only when you checked the account "
        "and it is not there)").render(words))
    recover.add_argument("--url", default="", help=msg("with --went-out: the post's link"
                                                       ).render(words))
    recover.add_argument("--json", action="store_true")
    recover.set_defaults(handler=recover_command)


def _line(app: SafeDesk, publication: Publication) -> Message:
    address = app.accounts.get(publication.account_id).address
    if publication.state is PublicationState.PUBLISHED:
        return msg("published as {address}: {url}", address=address,
                   url=publication.url or msg("(link unknown)"))
    if publication.state is PublicationState.UNKNOWN:
        return msg("UNKNOWN whether it went out as {address} (publication {id}): {error}",
                   address=address, id=publication.id, error=publication.error)
    return msg("NOT published as {address}: {error}", address=address, error=publication.error)


def _report_lines(app: SafeDesk, report: RecoveryReport, words: Words) -> list[str]:
    lines: list[str | Message] = [msg("recorded from the journal: {line}", line=_line(app, p))
                                  for p in report.from_journal]
    for finished in report.finished:
        lines.append(msg("draft {id}: now {state}", id=finished.draft.id,
                         state=state_name(finished.draft.state)))
        lines.extend(msg("  {line}", line=_line(app, p)) for p in finished.publications)
        if finished.unsaved:
            lines.append(f"  {say(finished.unsaved, words)}")
    lines.extend(msg("draft {id}: another SafeDesk is publishing it right now; left alone",
                     id=draft_id) for draft_id in report.busy)
    lines.extend(msg("draft {id}: left as it is: {why}", id=draft_id, why=why)
                 for draft_id, why in report.skipped)
    return [say(line, words) for line in lines]


def finish_interrupted(app: SafeDesk, person: Person, words: Words = ENGLISH) -> None:
    """Before a command that publishes: finish interrupted publishing, and say so on stderr
    (stdout stays the command's own, for scripts and --json)."""
    report = app.recovery.recover_interrupted(person)
    for line in _report_lines(app, report, words):
        told = msg("interrupted earlier: {line}", line=line)
        print(f"safedesk: {told.render(words)}", file=sys.stderr)
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
            print_shown(msg("Recorded as published on your word: {line}",
                            line=_line(app, done)).render(args.words))
        return ExitCode.OK
    if args.send_again:
        sent = app.recovery.send_again(args.send_again, person)
        report = RecoveryReport(finished=(sent,))
    else:
        report = app.recovery.recover_interrupted(person, recheck_unknown=True)
    if args.json:
        print_json(_json(report))
    else:
        lines = _report_lines(app, report, args.words)
        print_shown(*lines or [msg("Nothing was left unfinished.").render(args.words)])
    unsettled = [p for r in report.finished for p in r.publications
                 if p.state is not PublicationState.PUBLISHED]
    return ExitCode.FAILED if unsettled else ExitCode.OK
