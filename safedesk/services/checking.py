"""The live check the compose box and ``safedesk check`` show: counts, limits and facets per
target, computed locally with no network call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from safedesk.core.counting import LengthCheck, check_bluesky, check_mastodon
from safedesk.core.facets import FacetSpan, find_facets
from safedesk.core.models import Account, ContentWarningOnBluesky, Platform
from safedesk.core.platform import bluesky_text
from safedesk.core.ports import Store

BLUESKY_CW_NOTE = ("Bluesky has no content warnings: choose whether to leave Bluesky out, put the "
                   "warning at the top of the text, or post without it.")


@dataclass(frozen=True, slots=True)
class TargetCheck:
    account: Account
    length: LengthCheck
    facets: tuple[FacetSpan, ...]
    notes: tuple[str, ...]


def check_for(account: Account, text: str, content_warning: str = "",
              cw_on_bluesky: ContentWarningOnBluesky = ContentWarningOnBluesky.REFUSE,
              ) -> TargetCheck:
    if account.platform is Platform.MASTODON:
        length = check_mastodon(text, content_warning,
                                max_characters=account.limits.max_characters,
                                url_weight=account.limits.url_weight)
        return TargetCheck(account, length, (), ())
    notes: tuple[str, ...] = ()
    if content_warning.strip() and cw_on_bluesky is ContentWarningOnBluesky.REFUSE:
        notes = (BLUESKY_CW_NOTE,)
    else:
        text = bluesky_text(text, content_warning, cw_on_bluesky)
    return TargetCheck(account, check_bluesky(text), tuple(find_facets(text)), notes)


class CheckService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def check(self, account_ids: Sequence[str], text: str,
              content_warning: str = "") -> list[TargetCheck]:
        return [check_for(self._store.get_account(account_id), text, content_warning)
                for account_id in dict.fromkeys(account_ids)]
