"""``safedesk correct ID --undo-share``: take a boost/repost or a quote down from every account it
went to, with a correction or apology if asked (``services.undo_share``). Kept apart from
``cli.corrections`` for its length; how listings name a share is ``core.share_lines``."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import print_shown
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import Person
from safedesk.core.share_lines import share_words
from safedesk.services.correction_plan import CorrectionPlan
from safedesk.services.incidents import IncidentReport


def undo_plan(app: SafeDesk, args: argparse.Namespace, person: Person,
              fields: dict[str, str]) -> CorrectionPlan | None:
    """The words to post with ``correct --undo-share``, if ``--kind`` asked for any."""
    if args.target.strip().startswith(("http://", "https://", "at://")):
        raise InvalidInputError(msg("--undo-share takes the publication or draft id of the share "
                                    "from `safedesk history`, not a link."))
    if args.original or args.text_en or args.field_en:
        raise InvalidInputError(msg("--undo-share always takes the share down: --original, "
                                    "--text-en and --field-en do not go with it."))
    if args.kind is None:
        if args.text is not None or fields or args.template or args.dry_run:
            raise InvalidInputError(msg("Give --kind correction or --kind apology with the "
                                        "words to post when undoing the share."))
        return None
    return app.corrections.prepare_undo_share(args.target.strip(), args.kind, person,
                                              template=args.template, language=args.lang,
                                              fields=fields, text=args.text)


def print_undo(report: IncidentReport, words: Words) -> None:
    """What happened on each account: the share undone, already gone, or failed."""
    incident = report.incident
    share = report.original.content.share
    if share is not None:
        print_shown(msg("Undo share: {share}", share=share_words(
            share.kind, share.post.author, share.post.url)).render(words))
    if not incident.has_correction:
        print_shown(msg("No correction or apology posted.").render(words))
    for target in report.targets:
        print_shown(msg("- {account}: {state}", account=target.account.address,
                        state=_undo_state(target.action_state.value)).render(words)
                    + (f" ({say(target.detail, words)})" if target.detail else ""))


def _undo_state(state: str) -> Message | str:
    return {"done": msg("share undone"), "skipped": msg("already undone"),
            "failed": msg("FAILED, retry with `safedesk incidents retry`"),
            "pending": msg("waits for the correction to be published")}.get(state, state)
