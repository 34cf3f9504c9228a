"""``safedesk share --draft ID``: a share that came back to its author (its post edited or
deleted after approval, changes requested, rejected, or withdrawn) read again through the
account that read it, shown as ``safedesk share`` shows a post, revised (other accounts or words
if given) and sent on: an official share to the queue for a fresh approval, a personal one
published now."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode, acting_person, print_shown
from safedesk.cli.posting import _report_findings
from safedesk.cli.sharing import _post_json, finish
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg, say
from safedesk.core.models import Content, Share, ShareKind
from safedesk.core.policy.engine import check_content
from safedesk.core.share_lines import shared_post_lines
from safedesk.services.share_check import reader_of, why_it_came_back


def share_again(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    words = args.words
    if args.link is not None:
        raise InvalidInputError(msg("Give the post's link or --draft, not both: a share draft "
                                    "is read again at its own post."))
    person = acting_person(app, args)
    draft = app.sharing.draft_of(args.draft, person)
    share = draft.content.share
    if share is None:  # draft_of refuses a post; said again for the type checker
        raise InvalidInputError(msg("That draft is a post, not a share: open it in the "
                                    "compose box."))
    targets = list(dict.fromkeys(args.account)) if args.account else list(draft.content.targets)
    accounts = {a.id: a for a in app.accounts.list()}
    reader = reader_of(share.post, accounts, targets)
    if reader is None:
        raise InvalidInputError(msg("No account of this desk on {platform} can read the shared "
                                    "post again: name one with --account.",
                                    platform=share.post.platform.value))
    post = app.sharing.read(share.post.uri or share.post.url, reader.id, person)
    kind = ShareKind.BOOST if args.boost else \
        ShareKind.QUOTE if args.quote is not None else share.kind
    quote = args.quote if args.quote is not None else draft.content.text
    content = Content(text=quote if kind is ShareKind.QUOTE else "",
                      targets=tuple(targets), share=Share(kind, post))
    findings = check_content(content, draft.pane, app.policy.context_for(person).for_post(
        None, app.clock.now()))
    if not args.json:
        if draft.decision_note:
            print_shown(msg("Came back: {note}", note=say(why_it_came_back(
                draft.decision_note), words)).render(words))
        print_shown(*(say(line, words) for line in shared_post_lines(post, kind)))
    _report_findings(findings, draft.pane, words)
    revised = app.sharing.revise(draft.id, person, post=post, kind=kind, targets=targets,
                                 quote=quote)
    result = app.sharing.resubmit(revised.id, person)
    document: dict[str, object] = {"post": _post_json(post), "kind": kind.value,
                                   "findings": [f.as_json() for f in findings]}
    return finish(app, result, words, document if args.json else None,
                  msg("Resubmitted for approval: a second person must approve it before it is "
                      "shared."))
