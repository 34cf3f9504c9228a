"""The look before a share goes out: is the shared post still the one that was read?

An approval (and a person's own "share it") binds to the version of the shared post that was read
(``SharedPost.content_hash``). Before a share's draft starts publishing, on every path (the
author's, the queue's, the team publisher's, a retry, a schedule: all pass through
``PublishService.publish``), the post is read again through the account that read it. If it is
gone or different, or it is a quote and its author has turned quoting off since, nothing is sent:
an official share's approval is void and it goes back to its author
(``core.workflow.shared_post_changed``); a personal share is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from safedesk.core import rules
from safedesk.core.errors import PlatformError, SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import (
    Account,
    Draft,
    DraftState,
    Pane,
    Publication,
    PublicationState,
    SharedPost,
)
from safedesk.core.platform import PlatformClient

# A publication in one of these states may be out: the share's approval has already acted.
_OUT = frozenset({PublicationState.PUBLISHED, PublicationState.UNKNOWN,
                  PublicationState.CORRECTED, PublicationState.DELETED})

EDITED_NOTE = msg("The shared post was edited after approval, so the approval no longer holds. "
                  "Look at it again and resubmit.")
DELETED_NOTE = msg("The shared post was deleted after approval, so the approval no longer "
                   "holds. Look at it again and resubmit.")
EDITED_PERSONAL = msg("The shared post was edited since you read it, so nothing was sent. Read "
                      "it again, and share it if you still want to.")
DELETED_PERSONAL = msg("The shared post was deleted since you read it, so nothing was sent.")
QUOTES_OFF_NOTE = msg("The shared post's author turned off quotes of it after approval, so the "
                      "approval no longer holds. Boost it instead, or quote it only from accounts "
                      "on other platforms, and resubmit.")
QUOTES_OFF_PERSONAL = msg("The shared post's author has turned off quotes of it since you read "
                          "it, so nothing was sent. Boost it instead, or quote it only from "
                          "accounts on other platforms.")


def why_it_came_back(note: str) -> Message | str:
    """A share's stored decision note, as a message to say in the reader's language when it is
    one of the look's own (stored in English, as every decision note), else as it was written."""
    return {str(known): known
            for known in (EDITED_NOTE, DELETED_NOTE, QUOTES_OFF_NOTE)}.get(note, note)


def reader_of(post: SharedPost, accounts: Mapping[str, Account],
              targets: Iterable[str]) -> Account | None:
    """The account to read the post again through: the one that read it, or else a target on
    the post's own platform (a fediverse post has another id on each server)."""
    via = accounts.get(post.via_account)
    if via is not None:
        return via
    return next((accounts[t] for t in targets
                 if t in accounts and accounts[t].platform is post.platform), None)


def shared_post_changed(draft: Draft, accounts: Mapping[str, Account],
                        publications: Iterable[Publication],
                        clients: Callable[[Account], PlatformClient]) -> Message | None:
    """Read the shared post of ``draft`` again as it is about to start going out, and say why it
    must not (edited, deleted, or a quote of a post whose author has since turned quotes off),
    or None when it may: not a share, already partly out (the approval has already acted), or
    the post is as it was read. A failed look raises a ``PlatformError`` saying nothing was
    sent."""
    share = draft.content.share
    if share is None or draft.state is DraftState.UNKNOWN or \
            any(p.state in _OUT for p in publications):
        return None
    post = share.post
    account = reader_of(post, accounts, draft.content.targets)
    if account is None:
        raise PlatformError(msg("No account of this desk on {platform} can read the shared post "
                                "again, so SafeDesk could not check that it is unchanged. "
                                "Nothing was sent.", platform=post.platform.value))
    try:
        now = clients(account).read_shared(post.uri or post.url)
    except SafeDeskError as error:
        raise PlatformError(msg(
            "SafeDesk could not check that the shared post is unchanged ({reason}), so nothing "
            "was sent. Try again in a moment.", reason=error.message)) from error
    official = draft.pane is Pane.OFFICIAL
    if now is not None and rules.quoting_refused(replace(draft.content, share=replace(
            share, post=replace(post, quotes_allowed=now.quotes_allowed))), accounts):
        return QUOTES_OFF_NOTE if official else QUOTES_OFF_PERSONAL
    if now is not None and now.content_hash == post.content_hash:
        return None
    if now is None:
        return DELETED_NOTE if official else DELETED_PERSONAL
    return EDITED_NOTE if official else EDITED_PERSONAL


def share_details(draft: Draft) -> dict[str, object]:
    """What a share's publication event records of the post it shared ({} for a post)."""
    share = draft.content.share
    if share is None:
        return {}
    return {"shared_uri": share.post.uri, "shared_author": share.post.author}
