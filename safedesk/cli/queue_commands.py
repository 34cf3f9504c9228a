"""``safedesk queue``: what waits for approval, shown exactly as it would go out; approve,
reject, request changes, retry a failed post, publish what is due."""

from __future__ import annotations

import argparse
import functools

from safedesk.app import SafeDesk
from safedesk.cli import team
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json_list,
    print_shown,
    read_passphrase,
)
from safedesk.cli.listing import first_line, print_report
from safedesk.cli.pair_options import show_pair
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.lifecycle import state_name
from safedesk.core.messages import Message, Words, msg, msgn, say
from safedesk.core.models import Approval, Draft, ShareKind
from safedesk.core.overrides import override_summary
from safedesk.core.share_lines import listed_text, share_json, shared_post_lines
from safedesk.core.templates import hack_claims
from safedesk.core.visible_text import content_texts, hidden_note
from safedesk.services.link_cards import card_words
from safedesk.services.queue import QueueItem


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
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
    retry = sub.add_parser("retry", help=msg(
        "publish again an approved post whose publishing failed, to the accounts it did not "
        "reach (its approval still holds)").render(words))
    retry.add_argument("draft_id", metavar="ID")
    add_acting_person(retry, words)
    retry.set_defaults(handler=queue_retry, publishes=True)
    due = sub.add_parser("publish-due", help=msg(
        "publish approved official posts, and your own scheduled personal posts, whose time has "
        "come (run it from a timer when SafeDesk is closed)").render(words))
    add_acting_person(due, words)
    due.set_defaults(handler=queue_publish_due, publishes=True)



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
             "text": first_line(d), **share_json(d.content.share)}
            for d in [*approved, *pending]]
    here = team.waiting_here(app)
    rows += [{"id": w.draft.id, "state": "not_submitted", "waiting": str(w.words),
              "author": name(w.draft.author_id),
              "accounts": [address(a) for a in w.draft.content.targets],
              "text": first_line(w.draft)} for w in here]
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
        print_shown(f"{entry.draft.id}  {say(entry.words, words)}: {first_line(entry.draft)}")
    for draft in approved:
        approval = draft.approval
        if approval is not None:
            flagged = f" [{say(approval.flag, words)}]" if approval.flag else ""
            if approval.override_reason:
                flagged += " [" + msg("override").render(words) + "]"
            print_shown(msg("APPROVED {id}  by {author}, approved by {approver}: {text}{flags}",
                            id=draft.id, author=name(draft.author_id),
                            approver=name(approval.approver_id),
                            text=listed_text(draft, first_line(draft)),
                            flags=flagged).render(words))
    for draft in pending:
        claims = hack_claims(draft.content.text)
        review = " [" + msg("claims: {claims}", claims=", ".join(claims)).render(words) + "]" \
            if claims else ""
        if draft.id in to_override:
            review += " [" + msg("needs an override").render(words) + "]"
        fields = {"id": draft.id, "author": name(draft.author_id),
                  "text": listed_text(draft, first_line(draft)),
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
        print_report(app, decision.report, args.words)
        return ExitCode.OK if decision.report.complete else ExitCode.FAILED
    return ExitCode.OK


def queue_retry(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    report = app.queue.retry(args.draft_id, acting_person(app, args))
    print_report(app, report, args.words)
    return ExitCode.OK if report.complete else ExitCode.FAILED


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
        print_report(app, report, args.words)
        ok = ok and report.complete
    return ExitCode.OK if ok else ExitCode.FAILED
