"""One target's verdict on a text: its count against its own limits, Bluesky's facets, and what
the person still has to decide. Pure, so the compose box can run it on every keystroke and the
rules can run it before anything is submitted or sent."""

from __future__ import annotations

from dataclasses import dataclass

from safedesk.core.counting import LengthCheck, check_bluesky, check_mastodon
from safedesk.core.facets import FacetSpan, find_facets
from safedesk.core.models import Account, ContentWarningOnBluesky, Platform
from safedesk.core.platform import bluesky_text

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
