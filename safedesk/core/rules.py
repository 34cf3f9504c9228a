"""The rules of DESIGN.md, as checks that raise a typed error with a human reason.

These are the only place the rules live. The GUI may hide a button the rules would refuse, but it
never decides on its own; the store's compare-and-set (rule 5) and single transaction (rule 6)
finish the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ApprovalRequiredError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    SelfApprovalError,
    WrongPaneError,
)
from safedesk.core.models import Account, Content, Draft, Pane, Person
from safedesk.core.target_check import check_for


def check_targets(pane: Pane, targets: Iterable[str], accounts: Mapping[str, Account]) -> None:
    """Rule 1: every target is an account of the draft's own pane."""
    for account_id in targets:
        account = accounts.get(account_id)
        if account is None:
            raise NotFoundError(f"There is no account with id {account_id!r}.")
        if account.pane is not pane:
            raise WrongPaneError(
                f"{account.address} is a {account.pane.value} account and cannot be a target of "
                f"a {pane.value} post. Use “Copy to the other pane” to start a new draft there."
            )


def check_ready_to_send(pane: Pane, content: Content, now: datetime) -> None:
    """What every submission or publication needs, whatever its pane."""
    if not content.targets:
        raise InvalidInputError("Choose at least one account to post as.")
    if not content.text.strip() and not content.media:
        raise InvalidInputError("The post is empty.")
    missing_alt = [m.filename or m.sha256[:12] for m in content.media if not m.alt_text.strip()]
    if missing_alt and pane is Pane.OFFICIAL:
        raise InvalidInputError(
            "Official posts need alt text on every image, so that everyone can follow them. "
            f"Add a description to: {', '.join(missing_alt)}.")
    if content.schedule_at is not None and content.schedule_at <= now:
        raise InvalidInputError(
            "The scheduled time has already passed. Choose a time in the future, or post now."
        )


def check_fits_every_target(content: Content, accounts: Mapping[str, Account]) -> None:
    """Each target must be able to take the text as it stands: too long for one platform, or a
    content warning Bluesky cannot carry without a decision, stops it here with that reason."""
    for account_id in content.targets:
        account = accounts.get(account_id)
        if account is None:
            continue  # check_targets names a missing account
        result = check_for(account, content.text, content.content_warning, content.cw_on_bluesky)
        if result.notes:
            raise InvalidInputError(f"{account.address}: {result.notes[0]}")
        if not result.length.ok:
            raise InvalidInputError(f"{account.address}: {result.length.message()}")


def check_can_approve(draft: Draft, approver: Person) -> None:
    """Rule 3: a second person, who has not touched the content, approves. No role lifts this."""
    if not approver.role.may_approve:
        raise NotAllowedError(
            f"{approver.name} is an {approver.role.value}; only approvers and admins can approve."
        )
    if approver.id == draft.author_id:
        raise SelfApprovalError(
            f"{approver.name} wrote this post, so cannot approve it. "
            "A second person must approve every official post."
        )
    if approver.id in draft.editors:
        raise SelfApprovalError(
            f"{approver.name} edited this post, so cannot approve it. "
            "Someone who has not changed it must approve it."
        )


def has_valid_approval(draft: Draft) -> bool:
    """Rules 2 and 4: an approval counts only for the exact content it was given for."""
    approval = draft.approval
    return (
        approval is not None
        and approval.digest == content_digest(draft.content)
        and approval.approver_id not in draft.editors
        and approval.approver_id != draft.author_id
    )


def check_can_publish(draft: Draft) -> None:
    """Rule 2: personal posts publish on request; official ones only with a valid approval."""
    if draft.pane is Pane.OFFICIAL and not has_valid_approval(draft):
        raise ApprovalRequiredError(
            "This official post has no valid approval for its current content, so it cannot be "
            "published. Submit it for approval."
        )
