"""Pure functions that turn (draft, action, person) into the change the store must apply.

A :class:`DraftChange` carries the new draft, the version it replaces and the audit event that
describes it. The store applies all three in one transaction, or none.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from safedesk.core import overrides, rules
from safedesk.core.appointments import UNRESTRICTED, Standing
from safedesk.core.audit import format_time
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError, NotAllowedError, SelfApprovalError
from safedesk.core.lifecycle import IMPORTED_STATE, Action, next_state
from safedesk.core.messages import msg
from safedesk.core.models import (
    Account,
    Approval,
    Content,
    Draft,
    DraftState,
    Pane,
    Person,
    Publication,
    PublicationState,
)
from safedesk.core.platform import RemotePost
from safedesk.core.policy import DEFAULT_CONTEXT, PolicyBlockedError, PolicyContext, check_content
from safedesk.core.server_text import published_content
from safedesk.core.templates import (
    PreapprovedText,
    Template,
    TemplatePreapproval,
    preapproval_comment,
)


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An audit event before the store gives it a place, a time and a hash in the chain."""

    actor: str
    action: str
    subject: str
    details: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class DraftChange:
    draft: Draft
    expected_version: int | None  # None when the draft is new
    event: PendingEvent
    # Publications to create with the change: starting to publish records, in the same
    # transaction, one pending publication per target with its idempotency key.
    new_publications: tuple[Publication, ...] = ()


def new_draft(
    author: Person,
    pane: Pane,
    content: Content,
    accounts: Mapping[str, Account],
    now: datetime,
    draft_id: str | None = None,
) -> DraftChange:
    rules.check_targets(pane, content.targets, accounts, author)
    rules.check_share(content)
    rules.check_boost_platforms(content, accounts)
    # Stored as the servers will keep it: what is counted, approved and published is one text.
    content = published_content(content)
    draft = Draft(
        id=draft_id or str(uuid.uuid4()),
        pane=pane,
        author_id=author.id,
        content=content,
        state=DraftState.DRAFT,
        version=1,
        editors=frozenset({author.id}),
        last_editor_id=author.id,
        created_at=now,
        updated_at=now,
    )
    event = PendingEvent(
        actor=author.id,
        action="draft.create",
        subject=draft.id,
        details={"pane": pane.value, "digest": content_digest(content), "state": "draft",
                 "at": format_time(now)},
    )
    return DraftChange(draft=draft, expected_version=None, event=event)


def _event(draft: Draft, actor: Person, action: Action, new: Draft, **extra: object) -> PendingEvent:
    details: dict[str, object] = {
        "from": draft.state.value,
        "to": new.state.value,
        "digest": content_digest(new.content),
        "version": new.version,
        # The exact time written on the draft, and on an approval it makes or voids, so that
        # `audit verify` can hold those rows to it.
        "at": format_time(new.updated_at),
    }
    details.update(extra)
    return PendingEvent(actor=actor.id, action=f"draft.{action.value}", subject=draft.id,
                        details=details)


def edit(
    draft: Draft,
    editor: Person,
    content: Content,
    accounts: Mapping[str, Account],
    now: datetime,
    policy: PolicyContext = DEFAULT_CONTEXT,
) -> DraftChange:
    """Change what would be published. Any approval is voided (rule 4). A scheduled personal
    post stays scheduled, so what it becomes must still be ready to go out at a time to come;
    taking its time away unschedules it."""
    unscheduling = draft.state is DraftState.SCHEDULED and content.schedule_at is None
    action = Action.UNSCHEDULE if unscheduling else Action.EDIT
    state = next_state(draft.pane, draft.state, action)
    rules.check_targets(draft.pane, content.targets, accounts, editor)
    rules.check_share(content)
    rules.check_boost_platforms(content, accounts)
    if draft.pane is Pane.PERSONAL and editor.id != draft.author_id:
        raise NotAllowedError(msg("A personal post is its author's alone; only they can change "
                                  "it."))
    if state is DraftState.SCHEDULED:
        rules.check_ready_to_send(draft.pane, published_content(content), now, policy)
        rules.check_fits_every_target(published_content(content), accounts)
    if editor.id != draft.author_id and not editor.role.may_approve:
        raise NotAllowedError(msg(
            "Only the author or a reviewer can edit this post; {name} is neither.",
            name=editor.name))
    voided = draft.approval
    new = replace(
        draft,
        content=published_content(content),
        state=state,
        version=draft.version + 1,
        editors=draft.editors | {editor.id},
        last_editor_id=editor.id,
        updated_at=now,
        approval=None,
    )
    extra: dict[str, object] = {}
    if voided is not None:
        extra["voided_approval"] = voided.id
        extra["voided_digest"] = voided.digest
    if state is DraftState.SCHEDULED and new.content.schedule_at is not None:
        extra["schedule_at"] = format_time(new.content.schedule_at)  # rescheduled (or kept)
    return DraftChange(new, draft.version, _event(draft, editor, action, new, **extra))


def submit(draft: Draft, author: Person, accounts: Mapping[str, Account],
           now: datetime, *, urgent: bool = False,
           policy: PolicyContext = DEFAULT_CONTEXT) -> DraftChange:
    state = next_state(draft.pane, draft.state, Action.SUBMIT)
    if author.id != draft.author_id:
        raise NotAllowedError(msg("Only the author can submit this post."))
    rules.check_targets(draft.pane, draft.content.targets, accounts, author)
    rules.check_ready_to_send(draft.pane, draft.content, now, policy)
    rules.check_fits_every_target(draft.content, accounts)
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  approval=None, decision_note="", urgent=urgent, submitted_at=now)
    return DraftChange(new, draft.version,
                       _event(draft, author, Action.SUBMIT, new, urgent=urgent))


def schedule(draft: Draft, author: Person, accounts: Mapping[str, Account],
             now: datetime, policy: PolicyContext = DEFAULT_CONTEXT) -> DraftChange:
    """Set a personal post to go out at its "Publish at" time, when SafeDesk publishes it. It
    must be ready now (what is checked before posting at once), and the time still to come."""
    state = next_state(draft.pane, draft.state, Action.SCHEDULE)
    if author.id != draft.author_id:
        raise NotAllowedError(msg("Only the author can schedule a personal post."))
    moment = draft.content.schedule_at
    if moment is None:
        raise InvalidInputError(msg("Choose a time to publish at, or post it now."))
    rules.check_targets(draft.pane, draft.content.targets, accounts, author)
    rules.check_ready_to_send(draft.pane, draft.content, now, policy)
    rules.check_fits_every_target(draft.content, accounts)
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  decision_note="")
    return DraftChange(new, draft.version, _event(draft, author, Action.SCHEDULE, new,
                                                  schedule_at=format_time(moment)))


def unschedule(draft: Draft, author: Person, now: datetime) -> DraftChange:
    """Cancel a personal post's schedule: it stays, as an unsent draft (with the time it had,
    to schedule again or untick)."""
    state = next_state(draft.pane, draft.state, Action.UNSCHEDULE)
    if author.id != draft.author_id:
        raise NotAllowedError(msg("Only the author can cancel this post's schedule."))
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now)
    moment = draft.content.schedule_at
    extra = {"schedule_at": format_time(moment)} if moment is not None else {}
    return DraftChange(new, draft.version,
                       _event(draft, author, Action.UNSCHEDULE, new, **extra))


def withdraw(draft: Draft, author: Person, now: datetime) -> DraftChange:
    state = next_state(draft.pane, draft.state, Action.WITHDRAW)
    if author.id != draft.author_id:
        raise NotAllowedError(msg("Only the author can withdraw this post."))
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now, approval=None)
    extra = {"voided_approval": draft.approval.id} if draft.approval else {}
    return DraftChange(new, draft.version, _event(draft, author, Action.WITHDRAW, new, **extra))


def approve(draft: Draft, approver: Person, seen_digest: str, now: datetime,
            comment: str = "", standing: Standing = UNRESTRICTED, *,
            policy: PolicyContext = DEFAULT_CONTEXT, override_reason: str = "",
            seen_overrides: Collection[str] | None = None) -> DraftChange:
    """Approve exactly the content the approver saw, named by its digest. The approval carries
    the approver's flag (``appointments.standing``), for the queue, history and exports.

    The policy is checked as of the post's day: a block no one may lift (hidden text, profanity
    on official) refuses the approval, since the text must change; blocks only an approver may
    lift (a watched term in an election period) need ``override_reason``, and the approval then
    names each block it lifts. A reason with nothing to lift is not recorded: the findings
    depend on the settings and the day, which may have changed since the approver read the post,
    and an override that lifted nothing would be a false line in the audit trail.

    ``seen_overrides`` are the blocks the approver was shown as needing an override (their
    ``override_key``); a block beyond them (a term an admin added meanwhile) refuses the
    approval, as a changed digest does: no one overrides what they did not read."""
    state = next_state(draft.pane, draft.state, Action.APPROVE)
    rules.check_can_approve(draft, approver, standing)
    current = content_digest(draft.content)
    if seen_digest != current:
        raise NotAllowedError(msg(
            "This post changed after you opened it. Review the new version before approving."))
    findings = check_content(draft.content, draft.pane,
                             policy.for_post(draft.content.schedule_at, now))
    fixed = overrides.fixed_blocks(findings)
    if fixed:
        raise PolicyBlockedError(fixed)
    lifted = overrides.overridable_blocks(findings)
    reason = " ".join(override_reason.split()) if lifted else ""
    if lifted and not reason:
        raise InvalidInputError(overrides.needs_reason(lifted))
    unseen = [f for f in lifted
              if seen_overrides is not None and f.override_key not in seen_overrides]
    if unseen:
        raise NotAllowedError(overrides.needs_more(unseen))
    approval = Approval(
        id=str(uuid.uuid4()),
        draft_id=draft.id,
        approver_id=approver.id,
        digest=current,
        approved_at=now,
        comment=comment,
        flag=standing.flag,
        override_reason=reason,
        overridden=tuple(f.override_key for f in lifted),
    )
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  approval=approval, decision_note=comment)
    extra: dict[str, object] = {"approval": approval.id}
    if standing.flag:
        extra["flag"] = standing.flag
    if lifted:
        # Who overrode is the event's actor; the reason and what it lifted are kept with it.
        extra["override_reason"] = reason
        extra["overridden"] = [overrides.lifted_by(f).as_json() for f in lifted]
    return DraftChange(new, draft.version, _event(draft, approver, Action.APPROVE, new, **extra))


def approve_by_preapproval(draft: Draft, preapproval: TemplatePreapproval, approver: Person,
                           template: Template, fields: Mapping[str, str], actor: Person,
                           now: datetime, standing: Standing = UNRESTRICTED,
                           policy: PolicyContext = DEFAULT_CONTEXT,
                           translation: PreapprovedText | None = None) -> DraftChange:
    """Approve a correction with an approver's earlier pre-approval of its template version.

    The same transition as :func:`approve` (the lifecycle table decides), and the same rule-3
    checks against the pre-approving approver, who is named in the approval; ``actor`` is the
    person who used the pre-approval just now, and is who the audit event names as acting. A
    bilingual correction names its second language's pre-approved template in ``translation``.
    """
    state = next_state(draft.pane, draft.state, Action.APPROVE)
    rules.check_preapproved_template(draft, preapproval, approver, template, fields, standing,
                                     policy.for_post(None, now), translation)
    comment = preapproval_comment(preapproval)
    approval = Approval(id=str(uuid.uuid4()), draft_id=draft.id, approver_id=approver.id,
                        digest=content_digest(draft.content), approved_at=now, comment=comment,
                        flag=standing.flag)
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  approval=approval, decision_note=comment)
    details: dict[str, object] = {
        "from": draft.state.value, "to": new.state.value, "digest": approval.digest,
        "version": new.version, "approval": approval.id, "approver": approver.id,
        "preapproval": preapproval.id, "template": template.name,
        "language": template.language, "template_version": template.version,
        "at": format_time(now),
    }
    if standing.flag:
        details["flag"] = standing.flag
    if translation is not None:
        details["translation"] = {
            "preapproval": translation.preapproval.id, "template": translation.template.name,
            "language": translation.template.language,
            "template_version": translation.template.version}
    event = PendingEvent(actor.id, "draft.approve_by_preapproval", draft.id, details)
    return DraftChange(new, draft.version, event)


def void_approval(draft: Draft, actor: Person, reason: str, now: datetime) -> DraftChange:
    """The approval no longer counts (its approver was disabled): back to the queue."""
    return _voided(draft, actor, Action.VOID_APPROVAL, reason, now)


def shared_post_changed(draft: Draft, actor: Person, note: str, now: datetime) -> DraftChange:
    """The post an approved share shares was edited or deleted since it was read: the approval
    no longer describes what would go out, so it is void and the share goes back to its author
    with ``note`` saying why. Nothing was sent."""
    return _voided(draft, actor, Action.SHARED_POST_CHANGED, note, now)


def _voided(draft: Draft, actor: Person, action: Action, reason: str,
            now: datetime) -> DraftChange:
    """The approval is void, for ``reason`` (kept as the decision note and in the event)."""
    state = next_state(draft.pane, draft.state, action)
    voided = draft.approval
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now, approval=None,
                  decision_note=reason)
    extra: dict[str, object] = {"reason": reason}
    if voided is not None:
        extra["voided_approval"] = voided.id
        extra["voided_digest"] = voided.digest
    return DraftChange(new, draft.version, _event(draft, actor, action, new, **extra))


def return_to_draft(draft: Draft, actor: Person, note: str, now: datetime) -> DraftChange:
    """A submitted draft goes back to its author's drafts, with a note saying why."""
    state = next_state(draft.pane, draft.state, Action.RETURN_TO_DRAFT)
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now, approval=None,
                  decision_note=note)
    return DraftChange(new, draft.version,
                       _event(draft, actor, Action.RETURN_TO_DRAFT, new, note=note))


def decline(draft: Draft, approver: Person, action: Action, reason: str,
            now: datetime) -> DraftChange:
    """Reject, or send back for changes. Either needs a reason the author will read."""
    if action not in {Action.REJECT, Action.REQUEST_CHANGES}:
        raise ValueError(msg("{action} is not a decline", action=action))
    state = next_state(draft.pane, draft.state, action)
    if not approver.role.may_approve:
        raise NotAllowedError(msg("{name} is not an approver.", name=approver.name))
    if approver.id in draft.editors:
        # Deciding on one's own post is for someone else; its author can withdraw it instead.
        raise SelfApprovalError(msg("{name} wrote or edited this post, so cannot decide "
                                    "on it. Withdraw it instead, or leave it to a colleague.",
                                    name=approver.name))
    if not reason.strip():
        raise InvalidInputError(msg("Say why, so the author knows what to change."))
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  decision_note=reason.strip())
    return DraftChange(new, draft.version,
                       _event(draft, approver, action, new, reason=reason.strip()))


def start_publish(draft: Draft, actor: Person, accounts: Mapping[str, Account],
                  now: datetime, new_publications: tuple[Publication, ...] = (),
                  policy: PolicyContext = DEFAULT_CONTEXT) -> DraftChange:
    state = next_state(draft.pane, draft.state, Action.START_PUBLISH)
    rules.check_targets(draft.pane, draft.content.targets, accounts, actor)
    policy = policy.for_post(None, now)  # the day it goes out is today
    if draft.pane is Pane.PERSONAL:
        rules.check_complete(draft.pane, draft.content, policy)
        rules.check_due(draft.content, now)
        rules.check_fits_every_target(draft.content, accounts)
        if actor.id != draft.author_id:
            raise NotAllowedError(msg("Only the author can publish a personal post."))
    rules.check_can_publish(draft)
    # Checked again as it goes out, so a post approved before a rule existed, or a correction,
    # cannot carry a block past it; an approver's override lifts only the blocks it names.
    rules.check_policy(draft.pane, draft.content, policy,
                       draft.approval.overridden if draft.approval else ())
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now)
    for publication in new_publications:
        if publication.account_id not in draft.content.targets:
            raise NotAllowedError(msg("A publication must go to one of the draft's own targets."))
    extra: dict[str, object] = {"approval": draft.approval.id} if draft.approval else {}
    if new_publications:
        extra["publications"] = {p.account_id: p.idempotency_key for p in new_publications}
    return DraftChange(new, draft.version,
                       _event(draft, actor, Action.START_PUBLISH, new, **extra),
                       new_publications)


def finish_publish(draft: Draft, actor: Person, *, outcome: DraftState, now: datetime,
                   note: str = "") -> DraftChange:
    """End a round of sending: ``outcome`` is PUBLISHED (every target is out), UNKNOWN (some
    may be out, no one can tell yet) or FAILED."""
    actions = {DraftState.PUBLISHED: Action.PUBLISH_SUCCEEDED,
               DraftState.FAILED: Action.PUBLISH_FAILED,
               DraftState.UNKNOWN: Action.PUBLISH_UNKNOWN}
    state = next_state(draft.pane, draft.state, actions[outcome])
    new = replace(draft, state=state, version=draft.version + 1, updated_at=now,
                  decision_note=note)
    extra = {"note": note} if note else {}
    return DraftChange(new, draft.version, _event(draft, actor, actions[outcome], new, **extra))


def copy_to_pane(source: Draft, person: Person, accounts: Mapping[str, Account],
                 now: datetime) -> DraftChange:
    """Start a new draft in the other pane with the same words and images but no targets.

    Nothing moves across: the copy is a new draft, by the person copying, that must meet every
    rule of its own pane (an official copy still needs a second person's approval).
    """
    content = replace(source.content, targets=(), reply_to=None, schedule_at=None)
    change = new_draft(person, source.pane.other, content, accounts, now)
    event = PendingEvent(
        actor=person.id, action="draft.copy_to_pane", subject=change.draft.id,
        details={**change.event.details, "copied_from": source.id,
                 "from_pane": source.pane.value},
    )
    return DraftChange(change.draft, None, event)


def import_external(person: Person, pane: Pane, content: Content,
                    posts: Sequence[tuple[str, RemotePost]], accounts: Mapping[str, Account],
                    now: datetime) -> DraftChange:
    """Record posts made outside SafeDesk, as one published draft with one publication each.

    Nothing is sent: the record exists so the correction flow can reply under them. Each
    publication's idempotency key names the remote post, so the same post is never imported
    twice (the store's unique index refuses it).
    """
    rules.check_targets(pane, content.targets, accounts, person)
    for account_id, _post in posts:
        if account_id not in content.targets:
            raise NotAllowedError(msg("An imported post must belong to one of the record's "
                                      "accounts."))
    draft = Draft(id=str(uuid.uuid4()), pane=pane, author_id=person.id, content=content,
                  state=IMPORTED_STATE, version=1, editors=frozenset({person.id}),
                  last_editor_id=person.id, created_at=now, updated_at=now, imported=True)
    publications = tuple(
        Publication(id=str(uuid.uuid4()), draft_id=draft.id, account_id=account_id, pane=pane,
                    idempotency_key=f"imported:{account_id}:{post.ref.remote_id}",
                    state=PublicationState.PUBLISHED, remote_id=post.ref.remote_id,
                    url=post.url, published_at=post.created_at or now, remote_uri=post.ref.uri,
                    remote_cid=post.ref.cid, imported=True)
        for account_id, post in posts)
    event = PendingEvent(
        actor=person.id, action="draft.import", subject=draft.id,
        details={"pane": pane.value, "digest": content_digest(content),
                 "state": draft.state.value, "at": format_time(now),
                 "publications": {p.account_id: p.url or p.remote_id for p in publications}})
    return DraftChange(draft, None, event, publications)
