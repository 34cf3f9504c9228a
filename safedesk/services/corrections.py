"""Correct, apologise for, or retract a published post, threaded under it everywhere it went.

The flow, one small method per step (plain synchronous Python; the GUI runs each off its thread):

1. :meth:`CorrectionService.prepare` (or :meth:`~CorrectionService.import_link` first, for a post
   made outside SafeDesk) gives a :class:`CorrectionPlan`: every account the original went to,
   whether the original is still there (a post found deleted is recorded as such), the text from
   the template, what is still unfilled, any claim of a hack, the default action on the
   original, and per account what that action can mean (Bluesky has no edit).
   :meth:`~CorrectionService.revise` changes the fields or the text without the network.
2. :meth:`CorrectionService.publish` makes ONE draft in the original's pane replying to the
   original draft, to every account where the original still is, and opens the incident.
   Personal: it is published at once. Official: a pre-approved template version with only its
   placeholders filled is approved in the pre-approving approver's name and published at once;
   anything else waits in the queue as urgent, and :meth:`~CorrectionService.on_urgent`
   listeners hear of it.
3. After each round of publishing (here, from the queue, a retry, or crash recovery), the action
   on the original runs on each account whose reply is published, and only there: keep, delete,
   or (Mastodon) edit to add a note. :meth:`~CorrectionService.retry` sends what failed again
   with the same idempotency keys, and repeats failed actions.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from safedesk.core import rules
from safedesk.core.corrections import (
    NOTE_TEMPLATE,
    ActionState,
    CorrectionKind,
    Incident,
    IncidentTarget,
    OriginalAction,
    Route,
    action_for,
    edited_text,
)
from safedesk.core.edits import DIFFERENCES, describe
from safedesk.core.errors import (
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    PlatformError,
    SafeDeskError,
)
from safedesk.core.messages import msg
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    Pane,
    Person,
    Publication,
    PublicationState,
)
from safedesk.core.pair_corrections import FIRST_TEMPLATE_LANGUAGE, SECOND_TEMPLATE_LANGUAGE
from safedesk.core.pairs import is_pair
from safedesk.core.platform import PostRequest, RemoteRef
from safedesk.core.ports import Clock, Store
from safedesk.core.target_check import check_for
from safedesk.core.templates import (
    LANGUAGES,
    PreapprovedText,
    Template,
    TemplatePreapproval,
    check_language,
    clean_text,
    format_date,
    hack_claims,
    leftover_placeholders,
    preview,
    render,
    template_for,
)
from safedesk.core.threads import posted_refs
from safedesk.core.workflow import PendingEvent
from safedesk.services.correction_plan import (
    CorrectionPlan,
    PlannedTarget,
    check_edits,
    check_ready,
)
from safedesk.services.correction_routes import correction_route
from safedesk.services.drafts import DraftService
from safedesk.services.external_posts import import_post
from safedesk.services.incidents import IncidentReport, IncidentService
from safedesk.services.pair_corrections import (
    approve_pair,
    check_one_language,
    second_language,
)
from safedesk.services.publishing import ClientFactory, PublishReport, PublishService
from safedesk.services.templates import TemplateService
from safedesk.services.undo_share import ShareUndoing, check_not_boost, undone_detail

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"  # who records what a check found, when no person did anything
_LIVE = frozenset({PublicationState.PUBLISHED, PublicationState.CORRECTED})
_GONE_NOTE = "The original was already deleted here, so there is nothing to reply to."


@dataclass(frozen=True, slots=True)
class UrgentNotice:
    """Told to :meth:`CorrectionService.on_urgent` listeners when a correction joins the queue."""

    incident_id: str
    draft_id: str
    pane: Pane
    reason: str
    flags: tuple[str, ...]


UrgentListener = Callable[[UrgentNotice], None]


class CorrectionService:
    def __init__(self, store: Store, clock: Clock, drafts: DraftService,
                 publisher: PublishService, templates: TemplateService,
                 incidents: IncidentService, clients: ClientFactory) -> None:
        self._store = store
        self._clock = clock
        self._drafts = drafts
        self._publisher = publisher
        self._templates = templates
        self._incidents = incidents
        self._clients = clients
        self._urgent: list[UrgentListener] = []
        self._unsharing = ShareUndoing(store, clock, self, templates)
        # However the correction gets published (at once, from the queue, a retry, after a
        # crash), the action on the original follows.
        publisher.after_publish(self._after_publish)

    def on_urgent(self, listener: UrgentListener) -> Callable[[], None]:
        """Hear of each correction put in the queue as urgent; returns a function that stops.
        Called on the thread that published (the GUI must hand it to its own thread)."""
        self._urgent.append(listener)
        return lambda: self._urgent.remove(listener)

    # -- undoing a share (``services.undo_share``) ------------------------------------------

    def prepare_undo_share(self, publication_or_draft_id: str, kind: CorrectionKind | str,
                           person: Person, *, template: str | None = None,
                           language: str = "en-GB", fields: Mapping[str, str] | None = None,
                           text: str | None = None) -> CorrectionPlan:
        """The correction or apology to post with a share's undo, worded as ``prepare``'s."""
        return self._unsharing.prepare(publication_or_draft_id, kind, person, template=template,
                                       language=language, fields=fields, text=text)

    def undo_share(self, publication_or_draft_id: str, person: Person, *,
                   plan: CorrectionPlan | None = None, note: str = "") -> IncidentReport:
        """Undo a boost/repost or a quote everywhere it went: at once, or with ``plan`` (from
        ``prepare_undo_share``) once its words are out on each account. Returns the incident."""
        return self._unsharing.undo(publication_or_draft_id, person, plan=plan, note=note)

    # -- planning ---------------------------------------------------------------------------

    def import_link(self, link: str, person: Person, pane: Pane | None = None) -> Publication:
        """The publication a post link names, importing a post made outside SafeDesk (audited).
        Refused for a post that is not by one of ``pane``'s accounts (any pane when None)."""
        return import_post(self._store, self._clock, self._clients, link, person, pane)

    def prepare(self, publication_or_draft_id: str, kind: CorrectionKind | str, *,
                template: str | None = None, language: str = "en-GB",
                fields: Mapping[str, str] | None = None, text: str | None = None,
                check_originals: bool = True, person: Person | None = None,
                second_fields: Mapping[str, str] | None = None,
                second_text: str | None = None) -> CorrectionPlan:
        """A plan for correcting a published post, from the template (``template`` or the
        kind's own) or, with ``text``, the author's own words. With ``check_originals`` each
        original is looked up on its platform; one found deleted is recorded as deleted.
        With ``person`` (the GUI and CLI always give it), refused before anything is looked up
        when the post went out from someone else's personal account. A bilingual original's
        correction is in Welsh (``language`` cy, ``fields``, ``text``) and English
        (``second_fields``, ``second_text``), whatever ``language`` asked for."""
        kind = CorrectionKind(kind)
        check_language(language)
        if text is not None and fields:
            raise InvalidInputError(msg("Give either your own text or values for the template's "
                                        "placeholders, not both."))
        original = self._original(publication_or_draft_id)
        pair = is_pair(original.content)
        if not pair:
            check_one_language(second_fields, second_text)
        language = FIRST_TEMPLATE_LANGUAGE if pair else language
        publications = [p for p in self._store.list_publications(draft_id=original.id)
                        if p.state in _LIVE | {PublicationState.DELETED}]
        if not publications:
            raise InvalidInputError(msg("This post has not been published anywhere, so there is "
                                        "nothing to correct. Change the draft instead."))
        if person is not None:
            for listed in publications:
                rules.check_owner(self._store.get_account(listed.account_id), person)
        live = {a.id for a in self._store.list_accounts(original.pane)}
        targets: list[tuple[Account, Publication, bool, tuple[str, ...]]] = []
        for listed in publications:
            account = self._store.get_account(listed.account_id)
            if account.id not in live:
                targets.append((account, listed, False, (
                    "This account was removed from SafeDesk, so nothing can be posted there.",)))
                continue
            publication, note = self._look_up(listed, account) \
                if check_originals and listed.state in _LIVE else (listed, "")
            sending = publication.state in _LIVE
            notes = (note,) if note else () if sending else (_GONE_NOTE,)
            targets.append((account, publication, sending, notes))
        name = template or template_for(kind.value, original.pane)
        chosen = None if text is not None else self._templates.get(name, language)
        accounts = [t[0] for t in targets]
        values = self._defaults(chosen, original, publications, accounts, language)
        values.update(fields or {})
        second = second_language(
            self._templates, name, lambda english: self._defaults(
                english, original, publications, accounts, SECOND_TEMPLATE_LANGUAGE),
            second_fields, second_text) if pair else None
        plan = CorrectionPlan(
            id=str(uuid.uuid4()), pane=original.pane, kind=kind, original=original,
            language=language, text="", template=chosen, fields=tuple(sorted(values.items())),
            targets=tuple(PlannedTarget(account=a, original=p, check=check_for(a, ""),
                                        sending=sending, notes=notes)
                          for a, p, sending, notes in targets), translation=second)
        return self.revise(plan, text=text)

    def revise(self, plan: CorrectionPlan, *, fields: Mapping[str, str] | None = None,
               text: str | None = None, second_fields: Mapping[str, str] | None = None,
               second_text: str | None = None) -> CorrectionPlan:
        """The plan with new placeholder values, or with the author's own text (which no
        pre-approval covers), measured again for every account; for a pair, the English's too
        (``second_fields``, ``second_text``). No network."""
        values = dict(plan.fields) if fields is None else {**dict(plan.fields), **fields}
        missing: tuple[str, ...] = ()
        if text is None and plan.template is not None:
            rendering = preview(plan.template, values)
            text, missing = rendering.text, rendering.missing
        elif text is not None:
            missing = leftover_placeholders(text)
        body = clean_text(text or "")
        targets = tuple(replace(t, check=check_for(t.account, body)) for t in plan.targets)
        second = plan.translation and plan.translation.revised(second_fields, second_text)
        return replace(plan, text=body, fields=tuple(sorted(values.items())), missing=missing,
                       flags=hack_claims(body) + (second.flags if second else ()),
                       targets=targets, translation=second)

    def _original(self, publication_or_draft_id: str) -> Draft:
        try:
            publication = self._store.get_publication(publication_or_draft_id)
        except NotFoundError:
            return self._store.get_draft(publication_or_draft_id)
        return self._store.get_draft(publication.draft_id)

    def _defaults(self, template: Template | None, original: Draft,
                  publications: list[Publication], accounts: list[Account],
                  language: str) -> dict[str, str]:
        if template is None:
            return {}
        values: dict[str, str] = {}
        times = [p.published_at for p in publications if p.published_at is not None]
        if "original_date" in template.placeholders and times:
            # The reader's calendar day, not UTC's: SafeDesk runs on the desk's own machine.
            values["original_date"] = format_date(min(times).astimezone().date(), language)
        if "account" in template.placeholders and accounts:
            names = list(dict.fromkeys(a.display_name for a in accounts if a.display_name))
            values["account"] = names[0] if len(names) == 1 else accounts[0].address
        shared = original.content.share
        if "author" in template.placeholders and shared is not None:
            # The address without its "@": an apology must not mention, and so notify, the
            # person whose post was shared.
            values["author"] = shared.post.author_name or shared.post.author.lstrip("@")
        return values

    def _look_up(self, publication: Publication, account: Account) -> tuple[Publication, str]:
        """The publication as the platform now has it: marked deleted if it is gone there."""
        try:
            found = self._clients(account).fetch(_ref(publication))
        except PlatformError as error:
            return publication, f"Could not check that the original is still there: {error}"
        if found is not None:
            return publication, ""
        gone = replace(publication, state=PublicationState.DELETED)
        self._store.update_publication(gone, PendingEvent(
            SYSTEM_ACTOR, "publication.gone", publication.id,
            {"draft": publication.draft_id, "account": account.id, "url": publication.url,
             "found": "deleted on the platform"}))
        return gone, _GONE_NOTE

    # -- publishing -------------------------------------------------------------------------

    def publish(self, plan: CorrectionPlan, person: Person,
                original_action: OriginalAction | str | None = None,
                note: str = "") -> IncidentReport:
        """Post the correction as planned and open its incident; see the module docstring.
        A plan already published gives its incident's report again, and posts nothing."""
        _check_owner(plan, person)  # before anything is looked up, edited or sent
        try:
            self._store.get_incident(plan.id)
        except NotFoundError:
            pass
        else:
            return self.follow_up(plan.id, person)
        action = OriginalAction(original_action) if original_action else plan.default_action
        check_not_boost(plan.original)
        check_ready(plan)
        if action is OriginalAction.EDIT:
            self._check_edit(plan, person)
        plan = self.recheck(plan)
        if plan.problems:
            raise NotAllowedError(plan.problems[0])
        return self.send(plan, person, action, note, reply_to=plan.original.id)

    def send(self, plan: CorrectionPlan, person: Person, action: OriginalAction, note: str, *,
             reply_to: str | None) -> IncidentReport:
        """Make the correction draft (replying to ``reply_to``'s publications, or a new post on
        each account when None), open the incident and send it by its route. For a plan
        already checked (``publish``, ``undo_share``)."""
        route, preapproval, reason, second = correction_route(self._store, self._templates,
                                                             plan, person)
        content = Content(text=plan.text, targets=tuple(t.account.id for t in plan.sending),
                          language=LANGUAGES[plan.language], reply_to=reply_to,
                          visibility=plan.original.content.visibility,
                          translation=plan.translation.translation() if plan.translation
                          else None)
        draft = self._drafts.create(person, plan.pane, content)
        incident = self._open(plan, draft, person, action, note, route, preapproval, reason)
        if plan.pane is Pane.PERSONAL:
            self._publisher.publish(draft.id, person)
        elif route is Route.PREAPPROVED and preapproval is not None and plan.template:
            self._drafts.submit(draft.id, person)
            try:
                self._preapprove(draft.id, plan.template, dict(plan.fields), preapproval,
                                 second, person)
            except NotAllowedError as refused:
                self._requeue(incident, draft.id, person, str(refused))
            else:
                self._publisher.publish(draft.id, person)
        else:
            self._drafts.submit(draft.id, person, urgent=True)
            self._notify(incident)
        return self.follow_up(incident.id, person)

    def _preapprove(self, draft_id: str, template: Template, fields: Mapping[str, str],
                    preapproval: TemplatePreapproval, second: PreapprovedText | None,
                    person: Person) -> None:
        if second is None:
            self._drafts.approve_by_preapproval(draft_id, preapproval, template, fields, person)
        else:  # a pair: both languages' pre-approvals, or none
            approve_pair(self._store, self._clock, draft_id, preapproval, template, fields,
                         second, person)

    def _check_edit(self, plan: CorrectionPlan, person: Person) -> None:
        """Refused unless the original can be edited to add a note, before anything is sent."""
        if plan.translation is not None:
            raise InvalidInputError(msg("A bilingual post is not edited to add a note: keep the "
                                        "original, or delete it."))
        if not any(t.can_edit for t in plan.sending):
            raise InvalidInputError(msg("Bluesky posts cannot be edited. Keep the original, or "
                                        "delete it."))
        self._edit_note(plan.pane, plan.language, dict(plan.fields), person)
        check_edits(plan, self._clients)  # asks the servers: before anything is sent

    def recheck(self, plan: CorrectionPlan) -> CorrectionPlan:
        """The plan with each original looked up once more, just before sending."""
        targets = []
        for target in plan.targets:
            publication, note = self._look_up(target.original, target.account) \
                if target.sending else (target.original, "")
            gone = target.sending and publication.state not in _LIVE
            targets.append(replace(target, original=publication, sending=False, notes=(note,))
                           if gone else target)
        return replace(plan, targets=tuple(targets))

    def _open(self, plan: CorrectionPlan, draft: Draft, person: Person, action: OriginalAction,
              note: str, route: Route, preapproval: TemplatePreapproval | None,
              reason: str) -> Incident:
        targets = []
        for target in plan.targets:
            effective, detail = action_for(target.account.platform, action)
            if not target.sending:
                targets.append(IncidentTarget(target.account.id, target.original.id, effective,
                                              ActionState.SKIPPED, " ".join(target.notes)))
            else:
                targets.append(IncidentTarget(target.account.id, target.original.id, effective,
                                              ActionState.PENDING, detail))
        template = plan.template
        incident = Incident(
            id=plan.id, pane=plan.pane, kind=plan.kind,
            original_draft_id=plan.original.id, correction_draft_id=draft.id,
            opened_by=person.id, opened_at=self._clock.now(), original_action=action,
            targets=tuple(targets), note=note.strip(),
            template_name=template.name if template else "", template_language=plan.language,
            template_version=template.version if template else "", fields=plan.fields,
            route=route, preapproval_id=preapproval.id if preapproval else "",
            queue_reason=reason, flags=plan.flags, imported=plan.original.imported)
        self._store.add_incident(incident, PendingEvent(
            person.id, "incident.open", incident.id,
            {"kind": plan.kind.value, "pane": plan.pane.value, "original": plan.original.id,
             "correction": draft.id, "action": action.value, "route": route.value,
             "template": f"{incident.template_name}.{plan.language}@{incident.template_version}"
             if template else "", "flags": list(plan.flags),
             "skipped": [t.account_id for t in targets if t.state is ActionState.SKIPPED],
             **_translation_details(plan)}))
        return incident

    def _requeue(self, incident: Incident, draft_id: str, person: Person, reason: str) -> None:
        """The pre-approval no longer applied at the last moment: the queue, urgent, instead."""
        self._drafts.withdraw(draft_id, person)
        self._drafts.submit(draft_id, person, urgent=True)
        queued = replace(incident, route=Route.QUEUED, preapproval_id="", queue_reason=reason)
        self._store.update_incident(queued, PendingEvent(person.id, "incident.queued",
                                                         incident.id, {"reason": reason}))
        self._notify(queued)

    def _notify(self, incident: Incident) -> None:
        notice = UrgentNotice(incident.id, incident.correction_draft_id, incident.pane,
                              incident.queue_reason, incident.flags)
        for listener in list(self._urgent):
            try:
                listener(notice)
            except Exception:  # a broken notifier must not undo the submission
                log.exception("an urgent-correction listener failed")

    # -- after publishing: the action on the original ---------------------------------------

    def _after_publish(self, report: PublishReport, actor: Person) -> None:
        incident = self._store.find_incident(report.draft.id)
        if incident is not None:
            self.follow_up(incident.id, actor)

    def follow_up(self, incident_id: str, actor: Person) -> IncidentReport:
        """Carry out the action on the original on each account whose reply is published and
        where it is not done yet. Safe to repeat: what is done is not done again."""
        incident = self._store.get_incident(incident_id)
        replies = {p.account_id: p for p in
                   self._store.list_publications(draft_id=incident.correction_draft_id)}
        original = self._store.get_draft(incident.original_draft_id)
        for target in incident.targets:
            reply = replies.get(target.account_id)
            # With no correction, the "reply" is the share itself: undone at once.
            if target.state in {ActionState.PENDING, ActionState.FAILED} and reply is not None \
                    and (reply.state is PublicationState.PUBLISHED
                         or not incident.has_correction):
                self._act(incident, target, original, actor)
        return self._incidents.report(incident_id)

    def _act(self, incident: Incident, target: IncidentTarget, original: Draft,
             actor: Person) -> None:
        account = self._store.get_account(target.account_id)
        publication = self._store.get_publication(target.original_publication_id)
        try:
            changed, detail, differences = self._carry_out(incident, target.action, account,
                                                           publication, original)
        except SafeDeskError as error:
            self._store.record_action(
                incident.id, replace(target, state=ActionState.FAILED, detail=str(error),
                                     acted_at=self._clock.now(), acted_by=actor.id), None,
                PendingEvent(actor.id, "incident.action_failed", incident.id,
                             {"account": account.id, "publication": publication.id,
                              "action": target.action.value, "error": str(error)}))
            return
        platform_note = action_for(account.platform, incident.original_action)[1]
        if differences:
            # Never a silent "done": what the server changed besides is the first thing said.
            detail = (f"Check the original on {account.address}: the server changed more than "
                      f"SafeDesk asked. {describe(differences)} {detail}")
        done = replace(target, state=ActionState.DIFFERS if differences else ActionState.DONE,
                       detail=f"{detail} {platform_note}".strip(),
                       acted_at=self._clock.now(), acted_by=actor.id)
        self._store.record_action(incident.id, done, changed, PendingEvent(
            actor.id, f"original.{target.action.value}", incident.id,
            {"account": account.id, "publication": publication.id, "url": publication.url,
             "state": (changed or publication).state.value, "detail": done.detail,
             **({"differences": list(differences)} if differences else {})}))

    def _carry_out(self, incident: Incident, action: OriginalAction, account: Account,
                   publication: Publication, original: Draft,
                   ) -> tuple[Publication | None, str, tuple[str, ...]]:
        """(the original's new record, what happened, what the server changed besides).
        Raises a SafeDeskError on failure."""
        corrected = replace(publication, state=PublicationState.CORRECTED) \
            if publication.state is PublicationState.PUBLISHED else None
        if action is OriginalAction.KEEP:
            return corrected, "Kept, with the correction under it.", ()
        client = self._clients(account)
        if action is OriginalAction.DELETE:
            for ref in reversed(posted_refs(publication)):  # a thread: every part, last first
                client.delete(ref)  # an original already gone counts as deleted (or unshared)
            return (replace(publication, state=PublicationState.DELETED),
                    undone_detail(original, incident), ())
        author = self._store.get_person(incident.opened_by)
        note = self._edit_note(incident.pane, incident.template_language or "en-GB",
                               dict(incident.fields), author)
        current = client.fetch(_ref(publication))
        if current is None:
            return (replace(publication, state=PublicationState.DELETED),
                    "It had already been deleted, so there was nothing to edit.", ())
        content = original.content
        # Only the note is added: the warning stays as the post has it now (it may have been
        # changed since it was posted), and the adapter keeps the images and the sensitive mark.
        warning = current.extra.get("content_warning", content.content_warning)
        edited = client.edit(_ref(publication), PostRequest(
            text=edited_text(content.text, note), idempotency_key=f"edit-{incident.id}",
            content_warning=str(warning), visibility=content.visibility))
        found = edited.extra.get(DIFFERENCES)
        differences = tuple(str(d) for d in found) if isinstance(found, list | tuple) else ()
        return corrected, f"Edited to add: {note}", differences

    def _edit_note(self, pane: Pane, language: str, fields: Mapping[str, str],
                   author: Person) -> str:
        """The note for an edited original. On official accounts it is published without a
        second person, so it must be a pre-approved version of the note template."""
        template = self._templates.get(NOTE_TEMPLATE, language)
        note = render(template, {k: v for k, v in fields.items() if k in template.placeholders})
        if pane is Pane.OFFICIAL and self._templates.usable_preapproval(template, author) is None:
            raise NotAllowedError(
                msg("On official accounts the note added to an edited original must be "
                    "pre-approved: ask an approver to pre-approve the {label} template, "
                    "or keep or delete the original instead.", label=template.label))
        return note

    # -- retrying and reading ---------------------------------------------------------------

    def retry(self, incident_id: str, person: Person) -> IncidentReport:
        """Send the correction again where it failed (same idempotency keys, so never twice),
        then repeat any failed action on an original."""
        incident = self._incidents.report(incident_id, person).incident
        draft = self._store.get_draft(incident.correction_draft_id)
        if draft.state in {DraftState.SUBMITTED, DraftState.CHANGES_REQUESTED}:
            raise NotAllowedError(msg("The correction is still waiting for an approver."))
        if draft.state is DraftState.REJECTED:
            raise NotAllowedError(msg("An approver rejected this correction; there is nothing to "
                                      "retry."))
        # A share undone with no words has no correction to send: only the undo is repeated.
        if incident.has_correction and draft.state in {DraftState.FAILED, DraftState.APPROVED} \
                and self._still_worth_sending(incident, person):
            self._publisher.publish(draft.id, person)
        return self.follow_up(incident_id, person)

    def _still_worth_sending(self, incident: Incident, person: Person) -> bool:
        """Look up the originals under failed replies; where one is gone, stop waiting for it."""
        replies = {p.account_id: p for p in
                   self._store.list_publications(draft_id=incident.correction_draft_id)}
        worth = False
        for target in incident.targets:
            reply = replies.get(target.account_id)
            if target.state is ActionState.SKIPPED or (
                    reply is not None and reply.state is PublicationState.PUBLISHED):
                continue
            account = self._store.get_account(target.account_id)
            publication, _ = self._look_up(
                self._store.get_publication(target.original_publication_id), account)
            if publication.state in _LIVE:
                worth = True
                continue
            self._store.record_action(incident.id, replace(
                target, state=ActionState.SKIPPED, acted_at=self._clock.now(),
                acted_by=person.id,
                detail="The original was deleted before the correction reached it, so there "
                       "is nothing to reply to here."), None,
                PendingEvent(person.id, "incident.target_skipped", incident.id,
                             {"account": account.id, "publication": publication.id}))
        return worth

    def report(self, incident_id: str, person: Person | None = None) -> IncidentReport:
        return self._incidents.report(incident_id, person)

    def incident_for_draft(self, draft_id: str) -> Incident | None:
        """The incident a correction draft belongs to (for the queue: what approving does)."""
        return self._store.find_incident(draft_id)


def _check_owner(plan: CorrectionPlan, person: Person) -> None:
    for target in plan.targets:
        rules.check_owner(target.account, person)


def _ref(publication: Publication) -> RemoteRef:
    return RemoteRef(publication.remote_id, publication.remote_uri, publication.remote_cid)


def _translation_details(plan: CorrectionPlan) -> dict[str, object]:
    """A pair's English template and values, for the incident's audit event (none: not a pair;
    the English of the author's own words is in the correction draft)."""
    second = plan.translation
    if second is None:
        return {}
    template = second.template
    return {"translation": {
        "template": f"{template.name}.{second.language}@{template.version}" if template else "",
        "fields": dict(second.fields)}}
