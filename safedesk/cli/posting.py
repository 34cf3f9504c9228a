"""``safedesk post``, ``safedesk queue`` and ``safedesk history``: writing, approving, and what
went out. A personal post publishes at once, or with ``--at`` is scheduled (``safedesk
scheduled`` lists and cancels it); an official one is submitted to the queue. ``queue
publish-due`` publishes both kinds when due, the personal ones of the person running it only."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from safedesk.app import SafeDesk, post_language
from safedesk.cli import team
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    joined_with_and,
    print_json,
    print_json_list,
    print_shown,
    print_shown_lines,
    read_passphrase,
)
from safedesk.cli.pair_options import add_pair_options, first_lines, show_pair, with_translation
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError, NotAllowedError, WrongPaneError
from safedesk.core.lifecycle import state_name
from safedesk.core.messages import Message, Words, msg, msgn, say
from safedesk.core.models import (
    Account,
    Approval,
    Content,
    Draft,
    HistoryLine,
    MediaItem,
    Pane,
    Platform,
    PublicationState,
    ShareKind,
)
from safedesk.core.overrides import lifted_block, override_summary
from safedesk.core.pair_history import history_json, links_message
from safedesk.core.policy import Finding, PolicyBlockedError, blocking, check_content
from safedesk.core.post_language import language_for
from safedesk.core.share_lines import listed_text, share_json, share_words, shared_post_lines
from safedesk.core.target_check import bluesky_still_note
from safedesk.core.templates import hack_claims
from safedesk.core.threads import fits_every, split_text
from safedesk.core.visible_text import content_texts, hidden_note
from safedesk.services.link_cards import card_words
from safedesk.services.publishing import PublishReport
from safedesk.services.queue import QueueItem
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
    post.add_argument("--lang", default="", help=msg(
        "language code, e.g. en or cy (without it: the language the text reads as, when that "
        "is clear, else the desk's default)").render(words))
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

    queue = commands.add_parser("queue", help=msg(
        "official posts waiting for approval").render(words))
    sub = queue.add_subparsers(dest="queue_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help=msg(
        "what waits, urgent first, then oldest").render(words))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=queue_list)
    show = sub.add_parser("show", help=msg(
        "exactly what would be published, and its history").render(words))
    show.add_argument("draft_id", metavar="ID")
    show.set_defaults(handler=queue_show)
    approve = sub.add_parser("approve", help=msg(
        "approve (asks your passphrase) and publish").render(words))
    approve.add_argument("draft_id", metavar="ID")
    approve.add_argument("--digest", help=msg(
        "the digest `queue show` printed (refused if the post changed since)").render(words))
    approve.add_argument("--comment", default="")
    approve.add_argument("--override-reason", default="", metavar="TEXT", help=msg(
        "your written reason for lifting a block only an approver may lift (a watched term in "
        "an election period); audited").render(words))
    add_acting_person(approve, words)
    approve.set_defaults(handler=queue_approve, publishes=True)
    reject = sub.add_parser("reject", help=msg(
        "reject, with a reason the author will read").render(words))
    reject.add_argument("draft_id", metavar="ID")
    reject.add_argument("--reason", required=True)
    add_acting_person(reject, words)
    reject.set_defaults(handler=queue_reject)
    changes = sub.add_parser("request-changes", help=msg(
        "send back to the author with a comment").render(words))
    changes.add_argument("draft_id", metavar="ID")
    changes.add_argument("--comment", required=True)
    add_acting_person(changes, words)
    changes.set_defaults(handler=queue_request_changes)
    due = sub.add_parser("publish-due", help=msg(
        "publish approved official posts, and your own scheduled personal posts, whose time has "
        "come (run it from a timer when SafeDesk is closed)").render(words))
    add_acting_person(due, words)
    due.set_defaults(handler=queue_publish_due, publishes=True)

    history = commands.add_parser("history", help=msg(
        "what each pane has published (personal: from your own accounts only)").render(words))
    history.add_argument("--pane", choices=[p.value for p in Pane])
    history.add_argument("--json", action="store_true")
    add_acting_person(history, words)
    history.set_defaults(handler=show_history)


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


def _print_report(app: SafeDesk, report: PublishReport, words: Words) -> None:
    for publication in report.publications:
        address = app.accounts.get(publication.account_id).address
        if publication.state is PublicationState.PUBLISHED:
            told = msg("published as {address}: {url}", address=address, url=publication.url)
        elif publication.state is PublicationState.UNKNOWN:
            told = msg("UNKNOWN whether it went out as {address}: {error} (publication {id}; see "
                       "`safedesk recover --help`)", address=address, error=publication.error,
                       id=publication.id)
        else:
            told = msg("NOT published as {address}: {error}", address=address,
                       error=publication.error)
        print_shown(told.render(words))
    if report.unsaved:
        print(f"safedesk: {say(report.unsaved, words)}", file=sys.stderr)


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
        _print_report(app, report, args.words)
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


def _first_line(draft: Draft) -> str:
    return first_lines(draft, _first_line_of)


def _first_line_of(text: str) -> str:
    text = text.strip()
    # The first line's first 70 characters are the first line of the first 70: the rest of a
    # long text is never split (a listing does this for every publication).
    return text[:70].splitlines()[0] if text else "(no text)"


def queue_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    pending = app.queue.pending()
    approved = app.queue.approved_waiting()
    # A few people and accounts name a thousand waiting posts: each is read once.
    name = functools.cache(lambda person_id: app.store.get_person(person_id).name)
    address = functools.cache(lambda account_id: app.accounts.get(account_id).address)
    to_override = app.queue.needing_override(pending)
    rows: list[dict[str, object]] = [{"id": d.id, "urgent": d.urgent,
             "author": name(d.author_id),
             "submitted_at": (d.submitted_at or d.updated_at).isoformat(),
             "accounts": [address(a) for a in d.content.targets],
             "schedule_at": d.content.schedule_at.isoformat() if d.content.schedule_at else None,
             "flags": list(hack_claims(d.content.text)),
             "state": d.state.value,
             "approval_flag": d.approval.flag if d.approval else "",
             "needs_override": d.id in to_override,
             "override_reason": d.approval.override_reason if d.approval else "",
             "text": _first_line(d), **share_json(d.content.share)}
            for d in [*approved, *pending]]
    here = team.waiting_here(app)
    rows += [{"id": w.draft.id, "state": "not_submitted", "waiting": str(w.words),
              "author": name(w.draft.author_id),
              "accounts": [address(a) for a in w.draft.content.targets],
              "text": _first_line(w.draft)} for w in here]
    if args.json:
        print_json_list(rows)
        return ExitCode.OK
    words = args.words
    if team.team_unreachable(app):
        print_shown(msg("The team server cannot be reached, so its queue cannot be shown; only "
                        "what waits on this computer is listed.").render(words))
    elif not pending:
        print_shown(msg("Nothing is waiting for approval.").render(words))
    for entry in here:
        print_shown(f"{entry.draft.id}  {say(entry.words, words)}: {_first_line(entry.draft)}")
    for draft in approved:
        approval = draft.approval
        if approval is not None:
            flagged = f" [{say(approval.flag, words)}]" if approval.flag else ""
            if approval.override_reason:
                flagged += " [" + msg("override").render(words) + "]"
            print_shown(msg("APPROVED {id}  by {author}, approved by {approver}: {text}{flags}",
                            id=draft.id, author=name(draft.author_id),
                            approver=name(approval.approver_id),
                            text=listed_text(draft, _first_line(draft)),
                            flags=flagged).render(words))
    for draft in pending:
        claims = hack_claims(draft.content.text)
        review = " [" + msg("claims: {claims}", claims=", ".join(claims)).render(words) + "]" \
            if claims else ""
        if draft.id in to_override:
            review += " [" + msg("needs an override").render(words) + "]"
        fields = {"id": draft.id, "author": name(draft.author_id),
                  "text": listed_text(draft, _first_line(draft)),
                  "accounts": ", ".join(address(a) for a in draft.content.targets),
                  "flags": review}
        line = msg("URGENT {id}  by {author} to {accounts}: {text}{flags}", **fields) \
            if draft.urgent else msg("{id}  by {author} to {accounts}: {text}{flags}", **fields)
        print_shown(line.render(words))
    return ExitCode.OK


def queue_show(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    item = app.queue.show(args.draft_id)
    draft = item.draft
    names = {p.id: p.name for p in app.people.list()}
    words: Words = args.words

    def show(message: Message | str) -> None:
        print_shown(say(message, words))

    show(msg("Draft {id} ({state}, URGENT)", id=draft.id, state=state_name(draft.state))
         if draft.urgent else msg("Draft {id} ({state})", id=draft.id,
                                 state=state_name(draft.state)))
    show(msg("Author: {author}; edited by: {editors}", author=item.author.name,
             editors=", ".join(names.get(e, e) for e in item.editors)))
    show(msg("Digest: {digest}", digest=item.digest))
    if draft.approval is not None:
        _print_approval(draft.approval, names, words)
    if item.flags:
        show(msg("Says the account was hacked or misused: {claims}. Check this claim before "
                 "approving.", claims=", ".join(item.flags)))
    incident = app.corrections.incident_for_draft(draft.id)
    if incident is not None:
        actions = "; ".join(f"{app.accounts.get(t.account_id).address}: {t.action.value}"
                            for t in incident.targets)
        show(msg("A {kind} of draft {original}, replying under it. Once published, the "
                 "original: {actions}.", kind=incident.kind.value,
                 original=incident.original_draft_id, actions=actions))
        if incident.queue_reason:
            show(msg("Why it waits: {reason}", reason=incident.queue_reason))
    if draft.content.schedule_at:
        show(msg("Scheduled for: {when}",
                 when=f"{draft.content.schedule_at.astimezone():%Y-%m-%d %H:%M %Z}"))
    if draft.content.content_warning:
        show(msg("Content warning: {warning}", warning=draft.content.content_warning))
    for media in draft.content.media:
        image = media.filename or media.sha256[:12]
        show(msg("Image {image} (animated): alt text: '{alt}'", image=image, alt=media.alt_text)
             if media.animated else
             msg("Image {image}: alt text: '{alt}'", image=image, alt=media.alt_text))
    if draft.content.link_card is not None:
        show(msg("Link card (Bluesky only): {card}", card=card_words(draft.content.link_card)))
    note = hidden_note(content_texts(draft.content))
    if note:
        show(note)
    _print_text(draft, words)
    for check in item.checks:
        print_shown(f"- {check.account.address}: {say(check.length.message(), words)}")
    show_pair(app, draft, words)
    _print_review_findings(item, words)
    show(msg("History:"))
    for event in item.history:
        flag = event.details.get("flag")
        print_shown(f"  {event.occurred_at.astimezone():%Y-%m-%d %H:%M} {names.get(event.actor, event.actor)}"
                    f" {event.action}" + (f" [{flag}]" if flag else ""))
    return ExitCode.OK


def _print_text(draft: Draft, words: Words) -> None:
    """``queue show``'s text: a share's shared post in full and whose it is, then the draft's
    own words (a boost has none), each part of a thread under its number."""
    content, share = draft.content, draft.content.share
    for line in shared_post_lines(share.post, share.kind) if share is not None else ():
        print_shown(say(line, words))
    if share is not None and share.kind is ShareKind.BOOST:
        return
    print_shown(say(msg("Text:") if not content.thread else
                    msg("A thread of {parts} parts, each a reply to the one before. Part 1 "
                        "(with the warning and images):", parts=len(content.thread) + 1), words))
    print_shown(content.text)
    for number, part in enumerate(content.thread, start=2):
        print_shown(say(msg("Part {number}:", number=number), words), part)


def _print_approval(approval: Approval, names: dict[str, str], words: Words) -> None:
    approver = names.get(approval.approver_id, approval.approver_id)
    print_shown((msg("Approved by {approver}: {flag}", approver=approver, flag=approval.flag)
                 if approval.flag else msg("Approved by {approver}", approver=approver)
                 ).render(words))
    if approval.override_reason:
        print_shown(say(override_summary(approval, approver), words))


def _print_review_findings(item: QueueItem, words: Words) -> None:
    """What the policy finds, as the approver must weigh it, and what approving needs."""
    if not item.findings:
        return
    print_shown(msg("Safety checks:").render(words))
    for finding in item.findings:
        print_shown(f"- {say(finding.line(), words)}")
    if item.cannot_pass:
        print_shown(msg("This post cannot be approved as it stands: no one can lift that block. "
                        "Send it back for the author to change the text.").render(words))
    elif item.to_override:
        print_shown(msgn("Approving it needs your written reason to override this block: "
                         "`safedesk queue approve ID --override-reason TEXT`.",
                         "Approving it needs your written reason to override these blocks: "
                         "`safedesk queue approve ID --override-reason TEXT`.",
                         len(item.to_override)).render(words))


def queue_approve(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if not args.acting and app.team is None:
        raise NotAllowedError(msg("Approving needs --as NAME and that person's passphrase."))
    person = acting_person(app, args)
    current = content_digest(app.drafts.get(args.draft_id).content)
    seen = args.digest or current
    if args.digest and len(args.digest) >= 8 and current.startswith(args.digest.lower()):
        seen = current  # a prefix of what `queue show` printed is enough
    decision = app.queue.approve(args.draft_id, person, _passphrase_again(person.name, args),
                                 seen, args.comment, args.override_reason)
    approval = decision.draft.approval
    if args.override_reason.strip() and (approval is None or not approval.override_reason):
        print(msg("Nothing in this post needed an override, so your reason was not recorded as "
                  "one.").render(args.words))
    print(say(decision.note, args.words))
    if decision.report is not None:
        _print_report(app, decision.report, args.words)
        return ExitCode.OK if decision.report.complete else ExitCode.FAILED
    return ExitCode.OK


def _passphrase_again(name: str, args: argparse.Namespace) -> str:
    return read_passphrase(msg("Passphrase for {name}, to sign this approval: ", name=name),
                           words=args.words)


def queue_reject(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    draft = app.queue.reject(args.draft_id, person, _passphrase_again(person.name, args),
                             args.reason)
    print(msg("Rejected. {author} will see: {reason}",
              author=app.store.get_person(draft.author_id).name,
              reason=args.reason).render(args.words))
    return ExitCode.OK


def queue_request_changes(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    app.queue.request_changes(args.draft_id, person, _passphrase_again(person.name, args),
                              args.comment)
    print(msg("Sent back to the author for changes.").render(args.words))
    return ExitCode.OK


def queue_publish_due(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    # The approved official posts due, then this person's own scheduled personal posts (never
    # another person's: their personal accounts are theirs alone).
    results = [*app.queue.publish_due(person), *app.scheduled.publish_due(person)]
    if not results:
        print(msg("Nothing is due.").render(args.words))
    ok = True
    for draft, report, note in results:
        told = say(note or msg("published on time."), args.words)
        print(f"{draft.id}: {told}")
        _print_report(app, report, args.words)
        ok = ok and report.complete
    return ExitCode.OK if ok else ExitCode.FAILED


def show_history(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    pane = Pane(args.pane) if args.pane else None
    # One query, streamed: the lines written a page at a time as they are read, however long
    # the history is (memory stays flat).
    name = functools.cache(lambda person_id: app.store.get_person(person_id).name)
    lines = app.drafts.history_lines(acting_person(app, args), pane)
    if args.json:
        print_json_list(_history_rows(lines, name))
    elif not print_shown_lines(_history_text(lines, name, args.words)):
        print_shown(msg("Nothing published yet.").render(args.words))
    return ExitCode.OK


def _history_text(lines: Iterable[tuple[HistoryLine, Account]], name: Callable[[str], str],
                  words: Words) -> Iterator[str]:
    """What ``history`` prints for a person: a line for each publication, and one more under
    it for an approver's override."""
    addresses: dict[str, str] = {}  # each account's, worked out once
    for (_, _, pane, account_id, state, published_at, url, error, _, _, approval_flag,
         override, pair, share), account in lines:
        try:
            address = addresses[account_id]
        except KeyError:
            address = addresses[account_id] = account.address
        flag = f" [{approval_flag}]" if approval_flag else ""
        yield f"{published_at or '-':32} {pane:8} {address} {state}: {url or error}{flag}"
        if override is not None and override.override_reason:
            yield f"{'':32} {override_summary(override, name(override.approver_id))}"
        if pair is not None:  # a bilingual pair: each language's post and the gap between
            yield f"{'':32} {links_message(pair.parts).render(words)}"
        if share is not None:  # someone else's post, boosted or quoted
            yield f"{'':32} {share_words(share.kind, share.author, share.url).render(words)}"


def _override_json(approval: Approval | None,
                   name: Callable[[str], str]) -> dict[str, object] | None:
    """An approver's override of a policy block, for a history row: who, when, why, what."""
    if approval is None or not approval.override_reason:
        return None
    return {"approver": name(approval.approver_id), "approved_at": approval.approved_at.isoformat(),
            "reason": approval.override_reason,
            "lifted": [lifted_block(k).as_json() for k in approval.overridden],
            "summary": override_summary(approval, name(approval.approver_id))}


def _history_rows(lines: Iterable[tuple[HistoryLine, Account]],
                  name: Callable[[str], str]) -> Iterator[dict[str, Any]]:
    """The rows of ``history --json``, one per line as it comes (the lines' panes and states
    are their values already, the times as they are printed). Run for every publication, so
    it does as little as it can per line."""
    named: dict[str, tuple[str, str]] = {}  # each account's address and platform, worked out once
    for (publication_id, draft_id, pane, account_id, state, published_at, url, error, imported,
         text, approval_flag, override, pair, share), account in lines:
        try:
            address, platform = named[account_id]
        except KeyError:
            address, platform = named[account_id] = (account.address, account.platform.value)
        row: dict[str, Any] = {
            "publication_id": publication_id, "draft_id": draft_id, "pane": pane,
            "account": address, "platform": platform, "state": state,
            "published_at": published_at, "url": url, "error": error,
            "imported": bool(imported), "text": _first_line_of(text),
            "approval_flag": approval_flag}
        if override is not None:  # only then: every other row keeps its shape
            row["override"] = _override_json(override, name)
        if pair is not None:  # likewise: a pair's second language and each language's post
            row |= history_json(pair)
        if share is not None:  # likewise: what a share shared
            row["share"] = {"kind": share.kind, "url": share.url, "author": share.author}
        yield row
