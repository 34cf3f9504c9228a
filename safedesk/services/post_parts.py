"""A publication made of several posts on one account, sent in order exactly once each: a
thread's parts (each a reply to the one before), or a bilingual pair's two languages (two
top-level posts, ``services.pair_publishing``). ``PublishService`` sends any :class:`PartPlan`
the same way: each part with its own idempotency key (``core.threads.part_key``), its answer
saved before the next is tried, and a retry that starts at the first part not known to be out,
looking for it first when an earlier run may have sent it."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from safedesk.core.errors import SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import PartOut, Publication
from safedesk.core.platform import EarlierAttempt, PostRequest, RemotePost, RemoteRef
from safedesk.core.threads import part_key


class PartPlan(Protocol):
    """What each part of a publication is, and how its failures are told."""

    @property
    def count(self) -> int: ...

    def request(self, first: PostRequest, progress: Publication, index: int,
                earlier: EarlierAttempt | None) -> PostRequest:
        """Part ``index``'s request; ``first`` is the publication's own request, and
        ``earlier`` the look due before this part (only ever for index > 0)."""
        ...

    def part_out(self, index: int, post: RemotePost, now: datetime) -> PartOut: ...

    def error(self, error: SafeDeskError, index: int) -> SafeDeskError:
        """``error`` told as the failure of part ``index``, saying which parts are out."""
        ...

    def unexpected(self, index: int, kind: str) -> Message: ...

    def details(self, index: int) -> Mapping[str, object]:
        """What the audit event of part ``index`` going out says about the part."""
        ...

    def published_details(self, parts: tuple[PartOut, ...]) -> Mapping[str, object]:
        """What the audit event of the whole publication going out adds."""
        ...


@dataclass(frozen=True, slots=True)
class ThreadParts:
    """A thread: the draft's text, then each later part, each a reply to the one before."""

    texts: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.texts)

    def request(self, first: PostRequest, progress: Publication, index: int,
                earlier: EarlierAttempt | None) -> PostRequest:
        if index == 0:
            return first
        return thread_part_request(first, progress, index, self.texts[index], earlier)

    def part_out(self, index: int, post: RemotePost,  # noqa: ARG002 - a PartPlan's signature
                 now: datetime) -> PartOut:  # noqa: ARG002 - a thread's parts keep no time
        return PartOut(post.ref.remote_id, post.ref.uri, post.ref.cid, post.url)

    def error(self, error: SafeDeskError, index: int) -> SafeDeskError:
        return part_error(error, index, self.count)

    def unexpected(self, index: int, kind: str) -> Message:
        return msg("Unexpected problem with part {part} of {parts}: {kind}. SafeDesk checks "
                   "for it before sending it again.", part=index + 1, parts=self.count,
                   kind=kind)

    def details(self, index: int) -> Mapping[str, object]:
        return {"part": index + 1, "parts": self.count}

    def published_details(self,
                          parts: tuple[PartOut, ...]) -> Mapping[str, object]:  # noqa: ARG002
        return {}  # the part events said it all


def thread_part_request(first: PostRequest, progress: Publication, index: int, text: str,
                        earlier: EarlierAttempt | None) -> PostRequest:
    """Part ``index`` of a thread (counted from 0, so never the first): its own text and key, a
    reply to the part before on the same account (Bluesky finds the thread's root from it), with
    the language and audience of the whole; the warning and the images go on the first part
    only."""
    before = progress.parts_out[index - 1]
    return replace(first, text=text, idempotency_key=part_key(progress.idempotency_key, index),
                   content_warning="", images=(),
                   reply_to=RemoteRef(before.remote_id, before.uri, before.cid), reply_root=None,
                   earlier_attempt=earlier)


def told_as(error: SafeDeskError, told: Message) -> SafeDeskError:
    """The same error (same type and details), saying ``told``."""
    said = copy.copy(error)
    said.message, said.args = told, (told,)
    return said


def part_error(error: SafeDeskError, index: int, total: int) -> SafeDeskError:
    """The same error (same type and details), its message saying which part of the thread it
    is about and which parts are out."""
    fields = {"part": index + 1, "total": total, "error": error.message, "index": index}
    if index > 1:
        told = msg("Part {part} of {total}: {error} Parts 1 to {index} are out.", **fields)
    elif index == 1:
        told = msg("Part {part} of {total}: {error} Part 1 is out.", **fields)
    else:
        told = msg("Part {part} of {total}: {error}", **fields)
    return told_as(error, told)
