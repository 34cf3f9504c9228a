"""One target's verdict on a text: its count against its own limits, Bluesky's facets, and what
the person still has to decide. Pure, so the compose box can run it on every keystroke and the
rules can run it before anything is submitted or sent.

The text is measured as the server will keep it (``server_text.published_text``), so the count
and the facets are those of what gets published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from safedesk.core.counting import LengthCheck, check_bluesky, check_mastodon
from safedesk.core.facets import FacetSpan, find_facets
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, ContentWarningOnBluesky, MediaItem, Platform
from safedesk.core.platform import bluesky_text
from safedesk.core.server_text import published_text

BLUESKY_CW_NOTE = msg("Bluesky has no content warnings: choose whether to leave Bluesky out, put "
                      "the warning at the top of the text, or post without it.")


def bluesky_still_note(item: MediaItem) -> Message:
    """Why an animated picture stops a Bluesky target, and the two ways on."""
    return msg("Bluesky shows only still pictures, and {name} is animated: use a still of its "
               "first frame instead, or leave Bluesky out.", name=item.filename or item.sha256[:12])


@dataclass(frozen=True, slots=True)
class TargetCheck:
    account: Account
    length: LengthCheck
    notes: tuple[Message, ...]
    # The text as Bluesky gets it ("" for Mastodon): its facets are found when asked for, since
    # the compose box, which checks at every keystroke, does not show them.
    bluesky_text: str = ""

    @property
    def facets(self) -> tuple[FacetSpan, ...]:
        return _facets(self.bluesky_text) if self.bluesky_text else ()


def check_for(account: Account, text: str, content_warning: str = "",
              cw_on_bluesky: ContentWarningOnBluesky = ContentWarningOnBluesky.REFUSE,
              media: Sequence[MediaItem] = ()) -> TargetCheck:
    text = published_text(text)
    if account.platform is Platform.MASTODON:
        length = check_mastodon(text, content_warning,
                                max_characters=account.limits.max_characters,
                                url_weight=account.limits.url_weight,
                                rule=account.limits.length_rule)
        return TargetCheck(account, length, ())
    # Never a silent change: an animation would arrive as its first frame, so the person
    # chooses a still (a new image, which the digest and any approver see) or another target.
    notes = tuple(bluesky_still_note(item) for item in media if item.animated)
    if content_warning.strip() and cw_on_bluesky is ContentWarningOnBluesky.REFUSE:
        notes = (BLUESKY_CW_NOTE, *notes)
    else:
        text = bluesky_text(text, content_warning, cw_on_bluesky)
    return TargetCheck(account, check_bluesky(text), notes, text)


@lru_cache(maxsize=8)
def _facets(text: str) -> tuple[FacetSpan, ...]:
    # Every Bluesky target of a post asks at each keystroke, for the same text.
    return tuple(find_facets(text))
