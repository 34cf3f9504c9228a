"""The live check the compose box and ``safedesk check`` show: counts, limits and facets per
target, computed locally with no network call."""

from __future__ import annotations

from collections.abc import Sequence

from safedesk.core.models import MediaItem
from safedesk.core.ports import Store
from safedesk.core.target_check import BLUESKY_CW_NOTE, TargetCheck, check_for


class CheckService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def check(self, account_ids: Sequence[str], text: str, content_warning: str = "",
              media: Sequence[MediaItem] = ()) -> list[TargetCheck]:
        return [check_for(self._store.get_account(account_id), text, content_warning,
                          media=media)
                for account_id in dict.fromkeys(account_ids)]


__all__ = ["BLUESKY_CW_NOTE", "CheckService", "TargetCheck", "check_for"]
