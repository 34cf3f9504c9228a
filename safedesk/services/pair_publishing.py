"""Publishing a bilingual pair (``core.pairs``) on one account, as the organisation's style for
that account says (``core.pair_posts.plan_for``):

- two posts: two top-level posts (the second is not a reply to the first), first language first,
  each with its own text, warning, language tag and the images with that language's alt texts.
  They are sent as the parts of one publication (``services.post_parts``), so each goes out
  exactly once: the part out is recorded with its language and the time its server answered,
  and a retry sends only the missing one, looking for it first when it may be out already. Both
  or neither: a failure of either leaves the publication failed (or unknown), saying in words
  which language is out and which is not.
- one post: both languages in one post, an ordinary single post.

A pair answering an earlier post (a correction) threads each language under the part in the same
language of the original on that account (``core.pair_posts.reply_target``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from safedesk.core.audit import format_time
from safedesk.core.errors import SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Content, PartOut, Platform, Publication
from safedesk.core.pair_posts import PairPlan, language_name, plan_for
from safedesk.core.pairs import LanguagePart, PairLayout, PairStyle, in_order, parts_of
from safedesk.core.platform import EarlierAttempt, PostRequest, RemotePost, RemoteRef
from safedesk.core.threads import part_key
from safedesk.services.post_parts import told_as

# Where each language of a pair goes under the post it answers (None: it answers nothing).
ReplyFor = Callable[[str], RemoteRef | None]


@dataclass(frozen=True, slots=True)
class PairParts:
    """A pair as two top-level posts on one account: a :class:`~services.post_parts.PartPlan`."""

    parts: tuple[LanguagePart, ...]
    replies: tuple[RemoteRef | None, ...]

    @property
    def count(self) -> int:
        return len(self.parts)

    def request(self, first: PostRequest, progress: Publication, index: int,
                earlier: EarlierAttempt | None) -> PostRequest:
        part = self.parts[index]
        return replace(
            language_request(first, part, self.replies[index]),
            idempotency_key=part_key(progress.idempotency_key, index),
            earlier_attempt=first.earlier_attempt if index == 0 else earlier)

    def part_out(self, index: int, post: RemotePost, now: datetime) -> PartOut:
        return PartOut(post.ref.remote_id, post.ref.uri, post.ref.cid, post.url,
                       language=self.parts[index].language, out_at=now)

    def error(self, error: SafeDeskError, index: int) -> SafeDeskError:
        return told_as(error, pair_failure(self.parts, index, error.message))

    def unexpected(self, index: int, kind: str) -> Message:
        return pair_failure(self.parts, index, msg(
            "Unexpected problem: {kind}. SafeDesk checks for the post before sending it "
            "again.", kind=kind))

    def details(self, index: int) -> Mapping[str, object]:
        return {"part": index + 1, "parts": self.count, "language": self.parts[index].language}

    def published_details(self, parts: tuple[PartOut, ...]) -> Mapping[str, object]:
        return {"pair": pair_record(parts)}


def pair_failure(parts: tuple[LanguagePart, ...], index: int,
                 error: Message | str) -> Message:
    """A pair's failure in words that name the languages: which is out, which failed."""
    first, second = (language_name(part.language) for part in parts)
    if index == 0:
        return msg("The {first} post failed, so the {second} post was not sent either: "
                   "{error}", first=first, second=second, error=error)
    return msg("The {first} post is out; the {second} post failed: {error}", first=first,
               second=second, error=error)


def pair_record(parts: tuple[PartOut, ...]) -> dict[str, object]:
    """What the audit log keeps of a pair that went out as two posts: each language's post and
    the time its server answered, and the gap between the two, in seconds."""
    record: dict[str, object] = {"parts": [
        {"language": part.language, "remote_id": part.remote_id, "url": part.url,
         "out_at": format_time(part.out_at) if part.out_at else None} for part in parts]}
    times = [part.out_at for part in parts if part.out_at is not None]
    if len(times) == 2:
        record["gap_seconds"] = round((times[1] - times[0]).total_seconds(), 3)
    return record


def language_request(base: PostRequest, part: LanguagePart,
                     reply_to: RemoteRef | None) -> PostRequest:
    """``base`` in one language of the pair: its words, its tag, its alt texts."""
    images = tuple(replace(image, alt_text=alt)
                   for image, alt in zip(base.images, part.alt_texts, strict=True))
    return replace(base, text=part.text, content_warning=part.content_warning,
                   language=part.language, images=images, reply_to=reply_to, reply_root=None)


def pair_plan(content: Content, account: Account, style: PairStyle,
              publication: Publication) -> PairPlan:
    """How the pair goes out on ``account``. Once a part is out, the rest follows the way it
    started, in the order it started, whatever the style says now."""
    if publication.parts_out:
        order = [part.language for part in publication.parts_out]
        first, second = in_order(content, replace(style, first_language=order[0]))
        return PairPlan(PairLayout.TWO_POSTS, (first, second))
    return plan_for(content, account, style)


def one_post_request(base: PostRequest, content: Content, plan: PairPlan, account: Account,
                     reply_for: ReplyFor) -> PostRequest:
    """The pair as one post: tagged with its first language on Mastodon, both on Bluesky."""
    [both] = plan.parts
    request = language_request(base, both, reply_for(both.language))
    if account.platform is Platform.BLUESKY:
        others = tuple(part.language for part in parts_of(content)
                       if part.language != both.language)
        request = replace(request, more_languages=others)
    return request


def two_post_parts(plan: PairPlan, reply_for: ReplyFor) -> PairParts:
    return PairParts(plan.parts, tuple(reply_for(part.language) for part in plan.parts))
