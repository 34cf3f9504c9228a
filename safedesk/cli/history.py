"""``safedesk history``: what each pane has published, as text or JSON."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json_list,
    print_shown,
    print_shown_lines,
)
from safedesk.cli.listing import first_line_of
from safedesk.core.messages import Words, msg
from safedesk.core.models import (
    Account,
    Approval,
    HistoryLine,
    Pane,
)
from safedesk.core.overrides import lifted_block, override_summary
from safedesk.core.pair_history import history_json, links_message
from safedesk.core.share_lines import share_words


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    history = commands.add_parser("history", help=msg(
        "what each pane has published (personal: from your own accounts only)").render(words))
    history.add_argument("--pane", choices=[p.value for p in Pane])
    history.add_argument("--json", action="store_true")
    add_acting_person(history, words)
    history.set_defaults(handler=show_history)


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
            "imported": bool(imported), "text": first_line_of(text),
            "approval_flag": approval_flag}
        if override is not None:  # only then: every other row keeps its shape
            row["override"] = _override_json(override, name)
        if pair is not None:  # likewise: a pair's second language and each language's post
            row |= history_json(pair)
        if share is not None:  # likewise: what a share shared
            row["share"] = {"kind": share.kind, "url": share.url, "author": share.author}
        yield row
