"""Rules about sharing someone else's post (``Content.share``) from the official pane.

In a pre-election period an official account that shares a party's or a candidate's post, or a
post naming watched terms, can look like the organisation taking sides, however neutral its own
words. These warn (the shared words are not the organisation's to change); the approver reads
them beside the post.
"""

from __future__ import annotations

from collections.abc import Iterator

from safedesk.core.messages import msg
from safedesk.core.models import Content, Pane, SharedPost
from safedesk.core.policy.findings import FieldKind, FieldRef, Finding, Severity
from safedesk.core.policy.politics import find_terms
from safedesk.core.policy.settings import ElectionPeriod, PolicySettings

WATCHED_SHARE = "watched_share"
SHARED_POST = FieldRef(FieldKind.SHARED_POST)


def _plain(name: str) -> str:
    return name.strip().lstrip("@").casefold()


def is_watched(post: SharedPost, watched: tuple[str, ...]) -> bool:
    """Whether the post's author is one of ``watched`` (an address, handle or DID, with or
    without its leading @, in any case)."""
    names = {_plain(post.author), _plain(post.author_id)} - {""}
    return any(_plain(entry) in names for entry in watched)


def watched_share(content: Content, pane: Pane, settings: PolicySettings,
                  period: ElectionPeriod | None) -> Iterator[Finding]:
    """In an election period, an official share warns when the shared post's author is a
    watched account, and for each watched term the shared post's text names."""
    share = content.share
    if share is None or period is None or pane is not Pane.OFFICIAL:
        return
    post = share.post
    if is_watched(post, settings.watched_accounts):
        yield Finding(WATCHED_SHARE, Severity.WARN, msg(
            "The shared post is by {author}, a watched party or candidate account, in the "
            "{period} period ({starts} to {ends}): an official account sharing it may look like "
            "taking sides", author=post.author, period=period.name, starts=period.starts,
            ends=period.ends), SHARED_POST, matched=post.author)
    named: dict[str, str] = {}
    for match in find_terms(post.text, settings.political_terms + period.terms):
        named.setdefault(match.group().casefold(), match.group())
    for words in named.values():
        yield Finding(WATCHED_SHARE, Severity.WARN, msg(
            "The shared post names “{words}”, a watched term in the {period} period ({starts} to "
            "{ends}): an official account sharing it may look like taking sides", words=words,
            period=period.name, starts=period.starts, ends=period.ends), SHARED_POST,
            matched=words)
