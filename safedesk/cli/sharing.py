"""``safedesk share``: boost or quote someone else's post by its link (issue 17). The party and
candidate accounts an official share warns about are set with ``safedesk policy
watched-accounts``."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json,
    print_shown,
)
from safedesk.cli.listing import print_report
from safedesk.cli.posting import _report_findings, _report_json
from safedesk.core.errors import InvalidInputError, WrongPaneError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import (
    Content,
    Pane,
    Share,
    SharedPost,
    ShareKind,
)
from safedesk.core.policy.engine import check_content
from safedesk.core.share_lines import shared_post_lines
from safedesk.services.sharing import ShareResult


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    share = commands.add_parser("share", help=msg(
        "boost or quote someone else's post by its link: personal accounts share it now, "
        "official ones after approval").render(words))
    share.add_argument("link", metavar="URL", nargs="?", help=msg(
        "the post's link (any Mastodon or fediverse server, or Bluesky)").render(words))
    share.add_argument("--account", action="append", metavar="ID", help=msg(
        "an account to share it from (repeat for more); the first reads the post through its "
        "own server").render(words))
    share.add_argument("--draft", metavar="ID", help=msg(
        "instead of a link: a share that came back to you, read again, revised (with "
        "--account, --quote or --boost if given) and resubmitted, or published if personal")
        .render(words))
    kinds = share.add_mutually_exclusive_group()
    kinds.add_argument("--quote", metavar="TEXT", help=msg(
        "quote it with these words (without: boost or repost it as it is)").render(words))
    kinds.add_argument("--boost", action="store_true", help=msg(
        "boost or repost it as it is (the default for a link); with --draft, turns a quote into "
        "a boost and leaves its words out").render(words))
    add_acting_person(share, words)
    share.add_argument("--json", action="store_true")
    share.set_defaults(handler=share_post, publishes=True)


def _post_json(post: SharedPost) -> dict[str, object]:
    return {"platform": post.platform.value, "uri": post.uri, "url": post.url,
            "author": post.author, "author_name": post.author_name, "author_id": post.author_id,
            "text": post.text,
            "created_at": post.created_at.isoformat() if post.created_at else None,
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "media": [{"url": m.url, "alt_text": m.alt_text} for m in post.media],
            "labels": list(post.labels)}


def share_post(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if args.draft is not None:
        from safedesk.cli.share_again import share_again  # noqa: PLC0415 - it imports this module
        return share_again(app, args)
    if args.link is None or not args.account:
        raise InvalidInputError(msg("Give the post's link and at least one --account (or "
                                    "--draft ID for a share that came back to you)."))
    words = args.words
    person = acting_person(app, args)
    targets = list(dict.fromkeys(args.account))
    accounts = [app.accounts.get(account_id) for account_id in targets]
    panes = {a.pane for a in accounts}
    if len(panes) != 1:
        raise WrongPaneError(msg("Those accounts are in different panes. A share goes to "
                                 "accounts of one pane only."))
    pane = panes.pop()
    post = app.sharing.read(args.link, targets[0], person)
    kind = ShareKind.BOOST if args.quote is None else ShareKind.QUOTE
    quote = args.quote or ""
    first = app.sharing.first_from(post, pane)
    content = Content(text=quote, targets=tuple(targets), share=Share(kind, post))
    findings = check_content(content, pane, app.policy.context_for(person).for_post(
        None, app.clock.now()))
    native = {a.id: app.sharing.quotes_natively(post, a.id) for a in accounts} \
        if kind is ShareKind.QUOTE else {}
    if not args.json:
        print_shown(*(say(line, words) for line in shared_post_lines(post, kind)))
        for account in accounts if native else ():
            print_shown((msg("{address} quotes it natively.", address=account.address)
                         if native[account.id] else msg(
                             "{address} cannot quote it natively: its link goes under your "
                             "words.", address=account.address)).render(words))
        if first:
            print_shown(_first_note(pane).render(words))
    _report_findings(findings, pane, words)
    result = app.sharing.share(post, kind, targets, person, pane, quote=quote)
    document: dict[str, object] = {
        "post": _post_json(post), "kind": kind.value, "first_share": first,
        **({"quotes_natively": native} if native else {}),
        "findings": [f.as_json() for f in findings]}
    return finish(app, result, words, document if args.json else None,
                  msg("Submitted for approval: a second person must approve it before it is "
                      "shared."))


def finish(app: SafeDesk, result: ShareResult, words: Words,
           document: dict[str, object] | None, waiting: Message) -> ExitCode:
    """Say what became of a share: ``document`` completed and printed for ``--json`` (None: in
    words), the draft's id and ``waiting`` for an official one, each account's result for a
    personal one. Exits FAILED when an account's send did not go out."""
    draft = result.draft
    if document is not None:
        document |= _report_json(result.report) if result.report is not None else {
            "draft_id": draft.id, "pane": draft.pane.value, "state": draft.state.value}
        print_json(document)
    elif result.report is None:
        print(draft.id)
        print(waiting.render(words))
    else:
        print_report(app, result.report, words)
    if result.report is not None and not result.report.complete:
        return ExitCode.FAILED
    return ExitCode.OK


def _first_note(pane: Pane) -> Message:
    if pane is Pane.OFFICIAL:
        return msg("Note: the organisation has never shared this author's posts from an "
                   "official account before.")
    return msg("Note: no one has shared this author's posts from a personal account on this desk "
               "before.")
