"""Rules about party politics: watched terms in an election period, and the photo question.

Councils answer to the Code of Recommended Practice on Local Authority Publicity and, before an
election, to the LGA's guidance: no naming candidates or parties, no photos with candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from safedesk.core.messages import msg
from safedesk.core.models import MediaItem, Pane
from safedesk.core.policy.findings import FieldKind, FieldRef, Finding, Severity
from safedesk.core.policy.phrases import Phrases, alternative
from safedesk.core.policy.settings import ElectionPeriod

ELECTION = "election"


@functools.lru_cache(maxsize=64)
def _phrases(terms: tuple[str, ...]) -> Phrases:
    """Whole-word, any-case matches of ``terms``, any run of spaces between their words; the
    longest term first, so "Jane Smith" wins over "Smith"."""
    unique = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    return Phrases(alternative(term) for term in unique)


def find_terms(text: str, terms: tuple[str, ...]) -> Iterator[re.Match[str]]:
    return _phrases(terms).finditer(text)


def election_terms(text: str, pane: Pane, period: ElectionPeriod | None,
                   political_terms: tuple[str, ...], where: FieldRef) -> Iterator[Finding]:
    """Inside an election period, an official post naming a watched term (the organisation's
    political terms and the period's own) is blocked until an approver overrides it with a
    written reason."""
    if period is None or pane is not Pane.OFFICIAL:
        return
    for match in find_terms(text, political_terms + period.terms):
        yield Finding(ELECTION, Severity.BLOCK,
                      msg("“{words}” is a watched term in the {period} period "
                          "({starts} to {ends}): an official post "
                          "must not name parties or candidates now, unless an approver overrides "
                          "with a written reason", words=match.group(), period=period.name,
                          starts=period.starts, ends=period.ends), where, match.start(), match.end(),
                      overridable=True, matched=match.group())


def election_photos(media: tuple[MediaItem, ...], pane: Pane,
                    period: ElectionPeriod | None) -> Iterator[Finding]:
    """Inside an election period, each image on an official post asks its question."""
    if period is None or pane is not Pane.OFFICIAL:
        return
    for number, _item in enumerate(media, start=1):
        yield Finding(ELECTION, Severity.WARN,
                      msg("Does image {number} show a candidate or party material? In the "
                          "{period} period an official post must not", number=number,
                          period=period.name),
                      FieldRef(FieldKind.ALT_TEXT, number))
