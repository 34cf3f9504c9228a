"""``safedesk post``, ``safedesk queue`` and ``safedesk history``: writing, approving, and what
went out. A personal post publishes at once, or with ``--at`` is scheduled (``safedesk
scheduled`` lists and cancels it); an official one is submitted to the queue. ``queue
publish-due`` publishes both kinds when due, the personal ones of the person running it only."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from safedesk.app import SafeDesk, post_language
from safedesk.cli import team
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    joined_with_and,
    print_json,
)
from safedesk.cli.listing import print_report
from safedesk.cli.pair_options import (
    add_language_option,
    add_pair_options,
    note_unread_language,
    with_translation,
)
from safedesk.core.errors import InvalidInputError, WrongPaneError
from safedesk.core.messages import Words, msg, say
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    MediaItem,
    Pane,
    Platform,
)
from safedesk.core.policy import Finding, PolicyBlockedError, blocking, check_content
from safedesk.core.post_language import language_for
from safedesk.core.target_check import bluesky_still_note
from safedesk.core.threads import fits_every, split_text
from safedesk.services.publishing import PublishReport
from safedesk.team import SAVED_OFFLINE


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    post = commands.add_parser("post", help=msg(
        "post as personal accounts now or at a time, or submit an official post for approval"
    ).render(words))
    add_acting_person(post, words)
    post.add_argument("--account", action="append", required=True, metavar="ID")
    post.add_argument("--text", required=True)
    post.add_argument("--cw", default="", help=msg("content warning").render(words))
    add_language_option(post, words)
    post.add_argument("--image", action="append", default=[], type=Path, metavar="PATH")
    post.add_argument("--alt", action="append", default=[], metavar="TEXT", help=msg(
        "alt text, one per --image, in the same order").render(words))
    post.add_argument("--still", action="store_true", help=msg(
        "post animated images as a still of their first frame, on every account (Bluesky shows "
        "only still pictures)").render(words))
    post.add_argument("--at", metavar="ISO", help=msg(
        "publish at this time (this computer's time unless it says its zone): an official post "
        "once approved, a personal one is scheduled").render(words))
    post.add_argument("--thread", action="store_true", help=msg(
        "if the text is too long for an account, split it into a numbered thread whose every "
        "part fits every account").render(words))
    add_pair_options(post, words)
    post.add_argument("--json", action="store_true")
    post.set_defaults(handler=post_now, publishes=True)



def _schedule(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(msg("'{text}' is not a date and time like 2026-12-01T09:30.",
                                    text=text)) from None
    return moment if moment.tzinfo else moment.astimezone()  # naive means this computer's time


def _media(app: SafeDesk, images: list[Path], alts: list[str]) -> tuple[MediaItem, ...]:
    if len(alts) > len(images):
        raise InvalidInputError(msg("There are more --alt texts than --image files."))
    padded = alts + [""] * (len(images) - len(alts))
    return tuple(app.media.import_file(path, alt) for path, alt in zip(images, padded, strict=True))


def _stills_where_chosen(app: SafeDesk, accounts: list[Account], media: tuple[MediaItem, ...],
                         *, still: bool, words: Words) -> tuple[MediaItem, ...]:
    """Animated images as they are, or (``--still``) as a still of their first frame. Bluesky
    shows only stills, so an animation bound for it stops here until the person chooses."""
    animated = [m for m in media if m.animated]
    if not animated:
        return media
    if still:
        for item in animated:
            told = msg("{file} is animated; every account gets a still of its first frame.",
                       file=item.filename)
            print(f"safedesk: {told.render(words)}", file=sys.stderr)
        return tuple(app.media.first_frame(m) if m.animated else m for m in media)
    bluesky = next((a for a in accounts if a.platform is Platform.BLUESKY), None)
    if bluesky is not None:
        raise InvalidInputError(msg("{address}: {note} Add --still to post a still of its first "
                                    "frame everywhere.", address=bluesky.address,
                                    note=bluesky_still_note(animated[0])))
    return media


def _report_json(report: PublishReport) -> dict[str, object]:
    return {"draft_id": report.draft.id, "pane": report.draft.pane.value,
            "state": report.draft.state.value, "unsaved": report.unsaved,
            "publications": [{"publication_id": p.id, "account": p.account_id,
                              "state": p.state.value, "url": p.url, "error": p.error}
                             for p in report.publications]}


def post_now(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    accounts = [app.accounts.get(account_id) for account_id in args.account]
    panes = {a.pane for a in accounts}
    if len(panes) != 1:
        raise WrongPaneError(msg("Those accounts are in different panes. A post goes to accounts "
                                 "of one pane only."))
    pane = panes.pop()
    schedule = _schedule(args.at)
    media = _stills_where_chosen(app, accounts, _media(app, args.image, args.alt),
                                 still=args.still, words=args.words)
    language = args.lang or language_for(
        args.text, app.languages, post_language(app.settings, app.managed))
    content = Content(text=args.text, targets=tuple(args.account), content_warning=args.cw,
                      language=language, media=media, schedule_at=schedule)
    content = with_translation(content, args)
    if args.thread:
        content = _as_thread(content, accounts)
    _report_findings(check_content(content, pane, app.policy.context_for(person).for_post(
        schedule, app.clock.now())), pane, args.words)
    note_unread_language(app, args.words)
    draft = app.drafts.create(person, pane, content)
    if pane is Pane.OFFICIAL:
        draft = app.drafts.submit(draft.id, person)
        # On a team desk whose server cannot be reached, it waits here (still exit 0: saved,
        # and submitted by the next command or `safedesk team sync`; posting again would make
        # a second draft).
        waiting = team.waiting_here(app, draft.id)
        if args.json:
            print_json({"draft_id": draft.id, "pane": "official", "state": draft.state.value,
                        **({"waiting": str(waiting[0].words)} if waiting else {})})
        else:
            print(draft.id)
            print(say(SAVED_OFFLINE, args.words) if waiting else msg(
                "Submitted for approval: a second person must approve it before it is published."
            ).render(args.words))
        return ExitCode.OK
    if schedule is not None:
        _print_scheduled(app, app.drafts.schedule(draft.id, person), json=args.json,
                         words=args.words)
        return ExitCode.OK
    report = app.publisher.publish(draft.id, person)
    if args.json:
        print_json(_report_json(report))
    else:
        print_report(app, report, args.words)
    return ExitCode.OK if report.complete else ExitCode.FAILED


def _report_findings(findings: tuple[Finding, ...], pane: Pane, words: Words) -> None:
    """Warnings are printed and the post goes on; a block stops it before any draft is made
    (exit 2, with each reason), as core would refuse it at submit or publish anyway. An
    official post's block that an approver may lift (a watched term in an election period) is
    printed and the post goes on to the approver, as core allows."""
    for finding in findings:
        print(f"safedesk: {say(finding.line(), words)}", file=sys.stderr)
    blocks = [f for f in blocking(findings)
              if not (pane is Pane.OFFICIAL and f.overridable)]
    if blocks:
        raise PolicyBlockedError(blocks)


def _print_scheduled(app: SafeDesk, draft: Draft, *, json: bool, words: Words) -> None:
    moment = draft.content.schedule_at
    if json:
        print_json({"draft_id": draft.id, "pane": draft.pane.value, "state": draft.state.value,
                    "schedule_at": moment.isoformat() if moment else None})
        return
    names = joined_with_and([app.accounts.get(t).address for t in draft.content.targets])
    print(draft.id)
    print((msg("Scheduled for {when} as {names}. SafeDesk publishes it then while its window is "
               "open; otherwise `safedesk queue publish-due` does (a system timer can run it). "
               "`safedesk scheduled cancel ID` cancels it.",
               when=f"{moment.astimezone():%Y-%m-%d %H:%M %Z}", names=names)
           if moment else msg("Scheduled.")).render(words))



def _as_thread(content: Content, accounts: list[Account]) -> Content:
    """The content split into a numbered thread that fits every account (unchanged if it fits
    whole)."""
    try:
        parts = split_text(content.text, fits_every(accounts, content))
    except ValueError as error:  # ThreadTooLongError too
        raise InvalidInputError(msg("This text cannot be split into a thread: {error}",
                                    error=str(error))) from None
    if len(parts) < 2:
        return content
    return replace(content, text=parts[0], thread=parts[1:])
