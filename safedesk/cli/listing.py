"""What several commands print alike: how a publishing went, account by account, and a post's
first line in a listing."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from safedesk.cli.console import print_shown
from safedesk.cli.pair_options import first_lines
from safedesk.core.messages import Words, msg, say
from safedesk.core.models import Draft, DraftState, Pane, PublicationState

if TYPE_CHECKING:
    from safedesk.app import SafeDesk
    from safedesk.services.publishing import PublishReport


def print_report(app: SafeDesk, report: PublishReport, words: Words) -> None:
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
    if report.draft.state is DraftState.FAILED and report.draft.pane is Pane.OFFICIAL:
        print(msg("Retry it, once the account can post again, with `safedesk queue retry {id}`.",
                  id=report.draft.id).render(words))
    if report.unsaved:
        print(f"safedesk: {say(report.unsaved, words)}", file=sys.stderr)


def first_line(draft: Draft) -> str:
    return first_lines(draft, first_line_of)


def first_line_of(text: str) -> str:
    text = text.strip()
    # The first line's first 70 characters are the first line of the first 70: the rest of a
    # long text is never split (a listing does this for every publication).
    return text[:70].splitlines()[0] if text else "(no text)"
