"""How long a post is, the way each platform counts it, with no network call.

- Mastodon counts grapheme clusters of the text plus the content warning; every URL counts as
  ``characters_reserved_per_url`` (23) whatever its length, and a mention counts only its
  ``@user`` part, not the ``@server``. The maximum comes from the server (500 by default).
  Takahē, whose instance document says the same, counts code points of the text alone, links
  and mentions in full (``LengthRule.CODE_POINTS``, told from the version it announces).
- Bluesky allows 300 grapheme clusters and 3000 UTF-8 bytes; both must hold.

Grapheme clusters follow Unicode's extended rules (the ``regex`` module's ``\\X``), so a family
emoji joined with ZWJ, a flag, or an accented letter typed as two code points each count once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache, partial

import regex

from safedesk.core.facets import trim_link_end
from safedesk.core.graphemes import grapheme_count
from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import LengthRule, Platform
from safedesk.core.running_count import RunningCount

__all__ = ["grapheme_count"]  # re-exported: counting is where callers look for it

# Close to Mastodon's own rules (twitter-text, as config/initializers/twitter_regex.rb adjusts
# it): only a URL with its scheme and a domain ending in letters counts as a URL, since Mastodon
# extracts none without a scheme (``www.gov.uk/bins`` counts letter by letter). It runs until
# white space, and does not end in punctuation or in a bracket it did not open.
MASTODON_URL = regex.compile(
    r"(?<![\w/@$#\uff20\uff03])https?://(?:[\w-]+\.)+[^\W\d_]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?",
    regex.IGNORECASE)
_MASTODON_URL_TRAILING = ".,;:!?'\"*"
# A mention is @user or @user@domain not glued to a word or a path.
MASTODON_MENTION = regex.compile(
    r"(?<![\w/])@(?P<user>[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\w.-]+\w)?",
    regex.IGNORECASE,
)

DEFAULT_MASTODON_MAX = 500
DEFAULT_URL_WEIGHT = 23
BLUESKY_MAX_GRAPHEMES = 300
BLUESKY_MAX_BYTES = 3000


class Unit(enum.StrEnum):
    CHARACTERS = "characters"
    BYTES = "bytes"


@dataclass(frozen=True, slots=True)
class Measure:
    unit: Unit
    used: int
    maximum: int

    @property
    def over(self) -> bool:
        return self.used > self.maximum

    @property
    def remaining(self) -> int:
        return self.maximum - self.used


@dataclass(frozen=True, slots=True)
class LengthCheck:
    """One target's verdict: every measure the platform applies, and a sentence for people."""

    platform: Platform
    measures: tuple[Measure, ...]

    @property
    def ok(self) -> bool:
        return not any(m.over for m in self.measures)

    @property
    def headline(self) -> Measure:
        """The measure to show in the counter: the first one over, else the tightest."""
        over = [m for m in self.measures if m.over]
        if over:
            return over[0]
        return min(self.measures, key=lambda m: m.remaining / m.maximum)

    def message(self) -> Message:
        """The room left, or how much to cut, on the tightest measure: the counts line's words
        (the compose box, the queue, the command line)."""
        shown = self.headline
        platform = self.platform.value.title()
        in_bytes = shown.unit is Unit.BYTES
        if shown.over:
            fields = {"platform": platform, "used": shown.used, "limit": shown.maximum,
                      "over": -shown.remaining}
            return msg("Too long for {platform}: {used} of {limit} bytes. Remove {over}.",
                       **fields) if in_bytes else \
                msg("Too long for {platform}: {used} of {limit} characters. Remove {over}.",
                    **fields)
        if in_bytes:
            return msgn("{count} byte left on {platform}.", "{count} bytes left on {platform}.",
                        shown.remaining, platform=platform)
        return msgn("{count} character left on {platform}.",
                    "{count} characters left on {platform}.", shown.remaining, platform=platform)


def mastodon_countable_text(text: str, url_weight: int = DEFAULT_URL_WEIGHT) -> str:
    """The text as Mastodon measures it: each URL as a fixed run, each mention as @user."""
    placeholder = "x" * url_weight

    def shorten(match: regex.Match[str]) -> str:
        url = match.group()
        return placeholder + url[len(trim_link_end(url, _MASTODON_URL_TRAILING)):]

    shortened = MASTODON_URL.sub(shorten, text)
    return MASTODON_MENTION.sub(lambda m: "@" + m.group("user"), shortened)


# Each target of a post runs the same check on the same text at every keystroke (two Mastodon
# accounts with the same limits give the same verdict): a few verdicts are kept. A verdict is
# frozen, so sharing it is safe.
@lru_cache(maxsize=8)
def check_mastodon(text: str, content_warning: str = "", *,
                   max_characters: int = DEFAULT_MASTODON_MAX,
                   url_weight: int = DEFAULT_URL_WEIGHT,
                   rule: LengthRule = LengthRule.MASTODON) -> LengthCheck:
    if rule is LengthRule.CODE_POINTS:
        used = len(text)  # what such a server's own check measures: the status as sent
    else:
        used = _mastodon_tally(url_weight).count(text) + grapheme_count(content_warning)
    return LengthCheck(Platform.MASTODON, (Measure(Unit.CHARACTERS, used, max_characters),))


@lru_cache(maxsize=8)
def check_bluesky(text: str) -> LengthCheck:
    return LengthCheck(Platform.BLUESKY, (
        Measure(Unit.CHARACTERS, _BLUESKY_TALLY.count(text), BLUESKY_MAX_GRAPHEMES),
        Measure(Unit.BYTES, len(text.encode("utf-8")), BLUESKY_MAX_BYTES),
    ))


def mastodon_length(text: str, url_weight: int = DEFAULT_URL_WEIGHT) -> int:
    """What Mastodon counts for ``text`` (without a content warning), from scratch."""
    return grapheme_count(mastodon_countable_text(text, url_weight))


@lru_cache(maxsize=4)
def _mastodon_tally(url_weight: int) -> RunningCount:
    return RunningCount(partial(mastodon_length, url_weight=url_weight))


_BLUESKY_TALLY = RunningCount(grapheme_count)
