"""Incident records: what an HR or FOI request needs about one correction.

An incident is opened by :class:`~safedesk.services.corrections.CorrectionService` together with
the correction draft. Here it is read back as a report (per account: the original, the reply,
the action on the original) and exported as Markdown or JSON with a timeline of the audit events
that concern it, each with its hash, so a reader can check them against ``safedesk audit
export``.

Both exports hide nothing from their reader: the Markdown shows each invisible or control
character (of a post, a note, a name...) as ``⟨U+XXXX⟩`` (``core.visible_text``), with a line
saying how many a post holds; the JSON keeps every text exactly, such characters written as
``\\u`` escapes. Neither puts a raw ESC sequence or text-direction override on a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from safedesk.core import rules
from safedesk.core.audit import format_time, verify_chain
from safedesk.core.corrections import ActionState, Incident, OriginalAction, Route
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg
from safedesk.core.models import (
    Account,
    AuditEvent,
    Draft,
    DraftState,
    Pane,
    Person,
    Publication,
)
from safedesk.core.overrides import lifted_block
from safedesk.core.pair_history import LANGUAGES_MARK, language_parts, parts_json
from safedesk.core.ports import Store
from safedesk.core.visible_text import hidden_note, json_safe, visible
from safedesk.services.templates import TemplateService

EXPORT_FORMATS = ("md", "json")

_WAITING = {
    DraftState.DRAFT: "not sent",
    DraftState.SUBMITTED: "waiting for approval",
    DraftState.CHANGES_REQUESTED: "sent back for changes",
    DraftState.REJECTED: "rejected",
    DraftState.APPROVED: "approved, not yet published",
    DraftState.PUBLISHING: "publishing",
}


@dataclass(frozen=True, slots=True)
class TargetReport:
    """One account: the original there, the reply under it, and the action on the original."""

    account: Account
    original: Publication
    reply: Publication | None
    action: OriginalAction
    action_state: ActionState
    detail: str
    acted_at: datetime | None
    acted_by: str

    @property
    def reply_state(self) -> str:
        if self.action_state is ActionState.SKIPPED:
            return "not posted"
        return self.reply.state.value if self.reply is not None else "not sent"

    @property
    def done(self) -> bool:
        return self.action_state in {ActionState.DONE, ActionState.SKIPPED, ActionState.DIFFERS}


@dataclass(frozen=True, slots=True)
class IncidentReport:
    incident: Incident
    original: Draft
    correction: Draft
    targets: tuple[TargetReport, ...]

    @property
    def status(self) -> str:
        """``complete``, ``partial`` (something failed: retry), or where the correction waits."""
        if all(t.done for t in self.targets):
            return "complete"
        if self.correction.state in _WAITING:
            return _WAITING[self.correction.state]
        return "partial"

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def can_retry(self) -> bool:
        return self.status == "partial"

    @property
    def urgent(self) -> bool:
        return self.incident.route is Route.QUEUED


class IncidentService:
    def __init__(self, store: Store, templates: TemplateService) -> None:
        self._store = store
        self._templates = templates

    def report(self, incident_id: str, person: Person | None = None) -> IncidentReport:
        """The incident as it stands. With ``person``, refused unless they may read it: a
        personal incident is its account owner's alone (``None`` is SafeDesk itself)."""
        incident = self._store.get_incident(incident_id)
        if person is not None:
            for target in incident.targets:
                rules.check_owner(self._store.get_account(target.account_id), person)
        return self._report(incident)

    def _readable(self, incident: Incident, person: Person) -> bool:
        return all(rules.may_use(self._store.get_account(t.account_id), person)
                   for t in incident.targets)

    def _report(self, incident: Incident) -> IncidentReport:
        correction = self._store.get_draft(incident.correction_draft_id)
        replies = {p.account_id: p for p in
                   self._store.list_publications(draft_id=correction.id)}
        targets = tuple(
            TargetReport(self._store.get_account(t.account_id),
                         self._store.get_publication(t.original_publication_id),
                         replies.get(t.account_id), t.action, t.state, t.detail, t.acted_at,
                         t.acted_by)
            for t in incident.targets)
        return IncidentReport(incident, self._store.get_draft(incident.original_draft_id),
                              correction, targets)

    def recent(self, pane: Pane | None = None,
               person: Person | None = None) -> list[IncidentReport]:
        """Newest first; with ``person``, only those they may read."""
        return [self._report(i) for i in reversed(self._store.list_incidents(pane))
                if person is None or self._readable(i, person)]

    # -- export -----------------------------------------------------------------------------

    def export(self, incident_id: str, fmt: str, person: Person | None = None) -> str:
        if fmt not in EXPORT_FORMATS:
            raise InvalidInputError(msg("Export format must be one of {formats}.",
                                        formats=", ".join(EXPORT_FORMATS)))
        document = self.document(incident_id, person)
        if fmt == "json":
            return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
        return to_markdown(document)

    def document(self, incident_id: str, person: Person | None = None) -> dict[str, Any]:
        report = self.report(incident_id, person)
        incident = report.incident
        names = {p.id: p.name for p in self._store.list_people()}

        def who(person_id: str) -> dict[str, str]:
            return {"id": person_id, "name": names.get(person_id, person_id)}

        def publication(p: Publication | None) -> dict[str, object] | None:
            if p is None:
                return None
            return {"id": p.id, "account": self._store.get_account(p.account_id).address,
                    "state": p.state.value, "url": p.url, "remote_id": p.remote_id,
                    "published_at": format_time(p.published_at) if p.published_at else None,
                    "error": p.error, "imported": p.imported,
                    # A pair's: each language's post on the account (for a pair only).
                    **({"parts": parts_json(p.parts_out)} if language_parts(p.parts_out)
                       else {})}

        approval = report.correction.approval
        events = self._timeline(report)
        chain = verify_chain(self._store.audit_events(), self._store.audit_head())
        return {
            "incident": incident.id,
            **undo_share_part(report),
            "kind": incident.kind.value,
            "pane": incident.pane.value,
            "status": report.status,
            "opened_at": format_time(incident.opened_at),
            "opened_by": who(incident.opened_by),
            "note": incident.note,
            "route": incident.route.value,
            "urgent": report.urgent,
            "queue_reason": incident.queue_reason,
            "flags": list(incident.flags),
            "template": self._template_part(incident),
            "original_action": incident.original_action.value,
            "original": {
                "draft_id": report.original.id, "imported": report.original.imported,
                # An imported post was written outside SafeDesk: its record names who imported
                # it, never a guess at who typed it.
                "author": None if report.original.imported else who(report.original.author_id),
                "imported_by": who(report.original.author_id) if report.original.imported
                else None,
                "text": report.original.content.text,
                **_pair_part(report.original),
                "publications": [publication(t.original) for t in report.targets],
            },
            # A share undone with no words has no correction of its own.
            "correction": None if not incident.has_correction else {
                "draft_id": report.correction.id, "state": report.correction.state.value,
                "text": report.correction.content.text,
                **_pair_part(report.correction),
                "approval": None if approval is None else {
                    "approver": who(approval.approver_id),
                    "approved_at": format_time(approval.approved_at),
                    "comment": approval.comment, "digest": approval.digest,
                    "flag": approval.flag,
                    # An approver's written override of a block only they may lift.
                    "override": None if not approval.override_reason else {
                        "reason": approval.override_reason,
                        "lifted": [lifted_block(k).as_json() for k in approval.overridden]}},
                "publications": [publication(t.reply) for t in report.targets],
            },
            "actions": [
                {"account": t.account.address, "platform": t.account.platform.value,
                 "action": t.action.value, "state": t.action_state.value, "detail": t.detail,
                 "at": format_time(t.acted_at) if t.acted_at else None,
                 "by": who(t.acted_by) if t.acted_by else None}
                for t in report.targets],
            "timeline": [
                {"seq": e.seq, "at": format_time(e.occurred_at), "who": who(e.actor),
                 "action": e.action, "subject": e.subject, "details": e.details,
                 "event_hash": e.event_hash}
                for e in events],
            "audit": {"intact": chain.intact, "checked": chain.checked,
                      "problem": chain.problem},
        }

    def _template_part(self, incident: Incident) -> dict[str, Any] | None:
        if not incident.template_name:
            return None
        text = next((t.text for t in self._templates.versions(incident.template_name,
                                                                incident.template_language)
                     if t.version == incident.template_version), "")
        preapproval = next((p for p in self._store.list_preapprovals(incident.template_name)
                            if p.id == incident.preapproval_id), None)
        names = {p.id: p.name for p in self._store.list_people()}
        return {"name": incident.template_name, "language": incident.template_language,
                "version": incident.template_version, "text": text,
                "fields": dict(incident.fields),
                "preapproved_by": None if preapproval is None else {
                    "id": preapproval.approver_id,
                    "name": names.get(preapproval.approver_id, preapproval.approver_id),
                    "at": format_time(preapproval.approved_at)}}

    def _timeline(self, report: IncidentReport) -> list[AuditEvent]:
        incident = report.incident
        subjects = {incident.id, report.original.id, report.correction.id}
        for target in report.targets:
            subjects.add(target.original.id)
            if target.reply is not None:
                subjects.add(target.reply.id)
        template_subject = f"{incident.template_name}.{incident.template_language}"

        def concerns(event: AuditEvent) -> bool:
            if event.subject in subjects:
                return True
            return (event.subject == template_subject and incident.preapproval_id != ""
                    and event.details.get("preapproval") == incident.preapproval_id)

        return [e for e in self._store.audit_events() if concerns(e)]


def undo_share_part(report: IncidentReport) -> dict[str, object]:
    """What an undone share shared, and whether words went with the undo: for the undo of a
    share only, so every other export keeps its shape."""
    share = report.original.content.share
    if share is None or report.incident.original_action is not OriginalAction.DELETE:
        return {}
    post = share.post
    return {"undo_share": {"kind": share.kind.value, "url": post.url, "author": post.author,
                           "author_name": post.author_name, "text": post.text,
                           "words_posted": report.incident.has_correction}}


def _pair_part(draft: Draft) -> dict[str, object]:
    """A bilingual pair's languages beside its ``text``: for a pair only, so every other export
    keeps its shape."""
    translation = draft.content.translation
    if translation is None:
        return {}
    return {"language": draft.content.language,
            "translation": {"language": translation.language, "text": translation.text}}


def _texts(part: Mapping[str, Any]) -> list[str]:
    """The quoted text; for a pair, both languages, Welsh first, each under its name."""
    translation = part.get("translation")
    if translation is None:
        return _quote(part["text"])
    texts = {part["language"]: part["text"], translation["language"]: translation["text"]}
    lines = [f"Bilingual ({LANGUAGES_MARK}): one post in two languages.", ""]
    for code, name in (("cy", "Welsh (cy)"), ("en", "English (en)")):
        lines += [f"{name}:", "", *_quote(texts.get(code, "")), ""]
    return lines[:-1]


def _cell(value: object) -> str:
    return str(value if value not in (None, "") else "—").replace("|", "\\|").replace("\n", " ")


def _name(person: Mapping[str, str] | None) -> str:
    return person["name"] if person else "—"


def _table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _quote(text: str) -> list[str]:
    """The text as a Markdown quote, made visible before it is split: a hidden line separator
    must not pass for a line break."""
    note = hidden_note([text])
    quoted = [f"> {line}" if line else ">" for line in visible(text).splitlines() or [""]]
    return [str(note), "", *quoted] if note else quoted


def _publications(publications: Sequence[Mapping[str, Any] | None]) -> list[str]:
    rows = [(p["account"], p["state"], p["published_at"], _links(p))
            for p in publications if p is not None]
    return _table(rows, ["account", "state", "published (UTC)", "link or error"])


def _links(publication: Mapping[str, Any]) -> str:
    """The link, or for a pair each language's link; the error when there is none."""
    parts = publication.get("parts")
    if parts:
        return " ".join(f"{p['language']}: {p['url'] or p['remote_id']}" for p in parts)
    return str(publication["url"] or publication["error"])


def _kind(doc: Mapping[str, Any]) -> str:
    undo = doc.get("undo_share")
    if undo is None:
        return str(doc["kind"])
    if not undo["words_posted"]:
        return "undo share, with no correction or apology"
    article = "an" if str(doc["kind"])[:1] in "aeiou" else "a"
    return f"undo share, with {article} {doc['kind']}"


def _shared(undo: Mapping[str, Any], original: Mapping[str, Any]) -> list[str]:
    """The undone share: what it shared, whose, and (a quote) the organisation's words."""
    lines = [f"Undo of a {undo['kind']} of {undo['author']}'s post: {undo['url']}", "",
             (f"Shared by {_name(original['author'])}; the post shared, by "
             f"{undo['author_name'] or undo['author']}:"), "", *_quote(undo["text"])]
    if original["text"].strip():
        lines += ["", "The words that went with it:", "", *_texts(original)]
    return lines


def _correction(correction: Mapping[str, Any]) -> list[str]:
    """The correction's text, who approved it, and where it was published."""
    lines = _texts(correction)
    approval = correction["approval"]
    if approval:
        lines += ["", (f"Approved by {_name(approval['approver'])} at "
                       f"{approval['approved_at']} ({approval['comment'] or 'no comment'}), "
                       f"digest {approval['digest']}")]
        if approval.get("flag"):
            lines.append(f"- Flagged: {approval['flag']}")
        override = approval.get("override")
        if override:
            lifted = "; ".join(f"“{b['words']}” ({b['rule']}, {b['field']})"
                               for b in override["lifted"])
            lines.append(f"- Overrode a policy block: {_name(approval['approver'])} at "
                         f"{approval['approved_at']}, reason “{override['reason']}”; lifted: "
                         f"{lifted}")
    return [*lines, "", *_publications(correction["publications"])]


def to_markdown(doc: Mapping[str, Any]) -> str:
    """The export for people: headed sections, tables, quoted texts, times in UTC."""
    original, correction, template = doc["original"], doc["correction"], doc["template"]
    lines = [f"# Incident {doc['incident']}", "",
             f"- Kind: {_kind(doc)}", f"- Pane: {doc['pane']}", f"- Status: {doc['status']}",
             f"- Opened: {doc['opened_at']} by {_name(doc['opened_by'])}",
             f"- Action on the original: {doc['original_action']}",
             f"- Internal note: {_cell(doc['note'])}"]
    if template is None:
        lines.append("- Template: none (the author's own words)")
    else:
        lines.append(f"- Template: {template['name']} ({template['language']}), version "
                     f"{template['version']}")
        by = template["preapproved_by"]
        lines.append(f"- Pre-approved by: {by['name']} at {by['at']}" if by
                     else "- Pre-approved: no")
    lines.append(f"- Urgent: {'yes' if doc['urgent'] else 'no'}"
                 + (f" ({doc['queue_reason']})" if doc["queue_reason"] else ""))
    if doc["flags"]:
        lines.append(f"- Flagged for review: {', '.join(doc['flags'])}")
    undo = doc.get("undo_share")
    if undo is not None:
        lines += ["", "## The share", "", *_shared(undo, original)]
    else:
        lines += ["", "## The original", "",
                  f"Posted outside SafeDesk; imported by {_name(original['imported_by'])}"
                  if original["imported"] else f"Written by {_name(original['author'])}", ""]
        lines += _texts(original)
    lines += ["", *_publications(original["publications"]), "", "## The correction", ""]
    if correction is None:
        lines += ["No correction or apology was posted: the share was undone on its own."]
    else:
        lines += _correction(correction)
    lines += ["", "## Action on the " + ("share" if undo else "original"), ""]
    lines += _table([(a["account"], a["action"], a["state"], a["detail"], a["at"], _name(a["by"]))
                     for a in doc["actions"]],
                    ["account", "action", "result", "detail", "when (UTC)", "by"])
    lines += ["", "## Timeline", ""]
    lines += _table([(e["at"], _name(e["who"]), e["action"], e["subject"], e["event_hash"])
                     for e in doc["timeline"]],
                    ["when (UTC)", "who", "what", "subject", "audit event hash"])
    audit = doc["audit"]
    lines += ["", f"Audit chain: {'intact' if audit['intact'] else 'BROKEN'} "
                  f"({audit['checked']} events checked)"
              + (f": {audit['problem']}" if audit["problem"] else "")]
    # Names, notes, details and errors are shown as visibly as the texts.
    return visible("\n".join(lines)) + "\n"
