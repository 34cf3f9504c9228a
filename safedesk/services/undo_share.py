"""Undo a share: take a boost/repost or a quote down from every account it went to, with a
correction or apology if asked. Reached through :meth:`CorrectionService.prepare_undo_share
<safedesk.services.corrections.CorrectionService.prepare_undo_share>` and
:meth:`~safedesk.services.corrections.CorrectionService.undo_share`.

It is the corrections flow's delete action on the share's publications: ``client.delete`` on a
boost's publication unreblogs on Mastodon and deletes the ``app.bsky.feed.repost`` record on
Bluesky; on a quote's it deletes the quote post. Each share is recorded as an incident, personal
ones too (read only by the owner), so a failure on one account is retried like any other.

- With no words posted, the share is undone at once on every account, by the person asking
  (the owner of a personal account; anyone who may use an official one). The incident then has
  no correction draft of its own: it names the share's draft in that place
  (``Incident.has_correction`` is False). This follows how an official post is deleted today:
  a second person approves the words a correction publishes, never the taking down, which
  follows on its own once the words are out.
- With a correction or apology, the words take the corrections route (personal: at once;
  official: a pre-approved template with only its placeholders filled publishes at once,
  anything else waits, urgent, for an approver), and on each account the share is undone only
  once the words are out there, as a retraction deletes an original. So the record keeps the
  mistake and its fix together. To take an official share down before an approver has read the
  apology, undo it again with no words: that happens at once.
- A boost has nothing of the account's own to reply under: its correction is a new post on
  each account. A quote is a post: its correction threads under it.
- Undoing again, or a share already gone, is not an error: nothing is sent twice, and each
  account's action says it was already undone.
- Once an undo is asked for, the share's draft is never sent again: a retry of an account that
  failed, a check of an unknown one, a send-again are all refused in ``PublishService.publish``
  (:func:`check_not_undone`), which every path goes through, so no live share is left outside
  the incident.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from safedesk.core import rules
from safedesk.core.corrections import (
    ActionState,
    CorrectionKind,
    Incident,
    IncidentTarget,
    OriginalAction,
    Route,
)
from safedesk.core.errors import InvalidInputError, NotAllowedError, NotFoundError
from safedesk.core.messages import msg
from safedesk.core.models import (
    Draft,
    DraftState,
    Pane,
    Person,
    Publication,
    PublicationState,
    ShareKind,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.templates import share_template_for
from safedesk.core.workflow import PendingEvent
from safedesk.services.correction_plan import CorrectionPlan, check_ready

if TYPE_CHECKING:
    from safedesk.services.corrections import CorrectionService
    from safedesk.services.incidents import IncidentReport
    from safedesk.services.templates import TemplateService

_LIVE = frozenset({PublicationState.PUBLISHED, PublicationState.CORRECTED})
ALREADY_UNDONE = "The share was already undone here, so there was nothing to take down."
REMOVED_ACCOUNT = "This account was removed from SafeDesk, so the share cannot be undone there."


def undone_detail(original: Draft, incident: Incident) -> str:
    """What an incident's delete action says it did on one account."""
    if original.content.share is None:
        return "Deleted after the correction was published."
    if incident.has_correction:
        return "Share undone after the correction was published."
    return "Share undone."


def check_not_boost(original: Draft) -> None:
    """A correction replies under the original, and a boost has nothing of the account's own to
    reply under: refused, pointing to the undo (which can post the words as a new post)."""
    share = original.content.share
    if share is not None and share.kind is ShareKind.BOOST:
        raise InvalidInputError(msg("A boost has nothing of yours to reply under. Undo the "
                                    "boost instead, with a correction or apology if you want "
                                    "one: it goes out as a new post."))


def earlier_undo(store: Store, share: Draft, *, words: bool) -> Incident | None:
    """The newest undo of this share already asked for, with words (not rejected by an
    approver) or with none."""
    for incident in reversed(store.list_incidents(share.pane)):
        if incident.original_draft_id != share.id or incident.has_correction is not words \
                or incident.original_action is not OriginalAction.DELETE:
            continue
        if not words or store.get_draft(
                incident.correction_draft_id).state is not DraftState.REJECTED:
            return incident
    return None


def check_not_undone(store: Store, draft: Draft) -> None:
    """A share whose undo was asked for is never sent again (a retry, a check of an unknown
    post, a send-again): what went out again would be live outside the incident that took the
    share down. Refused before anything is sent."""
    if draft.content.share is None:
        return
    if earlier_undo(store, draft, words=False) or earlier_undo(store, draft, words=True):
        raise NotAllowedError(msg("This share was undone, so SafeDesk will not send it again. "
                                  "To share the post again, share it anew."))


class ShareUndoing:
    """The undo of a share, on the corrections flow of ``corrections`` (see the module doc)."""

    def __init__(self, store: Store, clock: Clock, corrections: CorrectionService,
                 templates: TemplateService) -> None:
        self._store = store
        self._clock = clock
        self._corrections = corrections
        self._templates = templates

    def prepare(self, publication_or_draft_id: str, kind: CorrectionKind | str, person: Person,
                *, template: str | None = None, language: str = "en-GB",
                fields: Mapping[str, str] | None = None,
                text: str | None = None) -> CorrectionPlan:
        """The correction or apology to post with the undo, to show and revise like any
        correction's plan (``CorrectionService.revise``); its accounts are those the share is
        still on. No network."""
        share = self._share(publication_or_draft_id)
        self._publications(share, person)
        if template is None and text is None:
            template = self._share_template(CorrectionKind(kind), share.pane, language)
        plan = self._corrections.prepare(share.id, kind, template=template, language=language,
                                         fields=fields, text=text, check_originals=False,
                                         person=person)
        return replace(plan, targets=tuple(
            replace(t, notes=(ALREADY_UNDONE,))
            if t.original.state is PublicationState.DELETED else t for t in plan.targets))

    def undo(self, publication_or_draft_id: str, person: Person, *,
             plan: CorrectionPlan | None = None, note: str = "") -> IncidentReport:
        """Undo the share everywhere it went: at once with no ``plan``; with a ``plan`` from
        :meth:`prepare`, after its words are published on each account. Returns the incident."""
        share = self._share(publication_or_draft_id)
        publications = self._publications(share, person)
        if plan is not None and plan.original.id != share.id:
            raise InvalidInputError(msg("That correction was prepared for another post."))
        if plan is not None and self._opened(plan.id):
            return self._corrections.follow_up(plan.id, person)  # a double click: sent once
        live = any(p.state in _LIVE for p in publications)
        # Asked again: the earlier undo (its failures retried), never a second one.
        earlier = earlier_undo(self._store, share, words=plan is not None) if live else (
            earlier_undo(self._store, share, words=True)
            or earlier_undo(self._store, share, words=False))
        if earlier is not None:
            return self._corrections.follow_up(earlier.id, person)
        if plan is None or not live:
            return self._undo_now(share, publications, person, note)
        boost = share.content.share is not None and share.content.share.kind is ShareKind.BOOST
        if not boost:
            plan = self._corrections.recheck(plan)  # a quote is a post: is it still there?
        check_ready(plan)
        return self._corrections.send(plan, person, OriginalAction.DELETE, note,
                                      reply_to=None if boost else share.id)

    def _share_template(self, kind: CorrectionKind, pane: Pane, language: str) -> str | None:
        """The share's own wording of ``kind`` ("we shared a post by…"), where there is one;
        None: the kind's usual template."""
        name = share_template_for(kind.value, pane)
        try:
            self._templates.get(name, language)
        except NotFoundError:
            return None
        return name

    def _opened(self, incident_id: str) -> bool:
        try:
            self._store.get_incident(incident_id)
        except NotFoundError:
            return False
        return True

    def _share(self, publication_or_draft_id: str) -> Draft:
        try:
            draft_id = self._store.get_publication(publication_or_draft_id).draft_id
        except NotFoundError:
            draft_id = publication_or_draft_id
        draft = self._store.get_draft(draft_id)
        if draft.content.share is None:
            raise InvalidInputError(msg("That is not a share of someone else's post. To take "
                                        "down a post of your own, retract it."))
        return draft

    def _publications(self, share: Draft, person: Person) -> list[Publication]:
        publications = [p for p in self._store.list_publications(draft_id=share.id)
                        if p.state in _LIVE | {PublicationState.DELETED}]
        if not publications:
            raise InvalidInputError(msg("This share has not been published anywhere, so there "
                                        "is nothing to undo."))
        for publication in publications:  # before anything is sent
            rules.check_owner(self._store.get_account(publication.account_id), person)
        return publications

    def _undo_now(self, share: Draft, publications: list[Publication], person: Person,
                  note: str) -> IncidentReport:
        """The incident of an undo with no words, acted on at once."""
        accounts = {a.id for a in self._store.list_accounts(share.pane)}
        targets = []
        for publication in publications:
            if publication.account_id not in accounts:
                state, detail = ActionState.SKIPPED, REMOVED_ACCOUNT
            elif publication.state is PublicationState.DELETED:
                state, detail = ActionState.SKIPPED, ALREADY_UNDONE
            else:
                state, detail = ActionState.PENDING, ""
            targets.append(IncidentTarget(publication.account_id, publication.id,
                                          OriginalAction.DELETE, state, detail))
        incident = Incident(
            id=str(uuid.uuid4()), pane=share.pane, kind=CorrectionKind.RETRACTION,
            original_draft_id=share.id, correction_draft_id=share.id, opened_by=person.id,
            opened_at=self._clock.now(), original_action=OriginalAction.DELETE,
            targets=tuple(targets), note=note.strip(),
            route=Route.DIRECT, imported=share.imported)
        post = share.content.share
        self._store.add_incident(incident, PendingEvent(
            person.id, "incident.open", incident.id,
            {"kind": "undo_share", "pane": share.pane.value, "original": share.id,
             "correction": "", "action": OriginalAction.DELETE.value,
             "route": Route.DIRECT.value,
             "share": {"kind": post.kind.value, "url": post.post.url,
                       "author": post.post.author} if post else {},
             "skipped": [t.account_id for t in targets if t.state is ActionState.SKIPPED]}))
        return self._corrections.follow_up(incident.id, person)
