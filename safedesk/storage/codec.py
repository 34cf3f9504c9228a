"""Row <-> domain value conversion. Times are stored as UTC ISO-8601 text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from safedesk.core.appointments import Grant
from safedesk.core.corrections import (
    ActionState,
    CorrectionKind,
    Incident,
    IncidentTarget,
    OriginalAction,
    Route,
)
from safedesk.core.models import (
    Account,
    Approval,
    AuditEvent,
    Content,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    HistoryEntry,
    HistoryLine,
    HistoryPair,
    LengthRule,
    LinkCard,
    MediaItem,
    Pane,
    PartOut,
    Person,
    Platform,
    Publication,
    PublicationState,
    Role,
    ServerLimits,
    Translation,
    Visibility,
)
from safedesk.core.policy.settings import PolicySettings, StoredPolicy
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.storage.share_codec import history_share, share_from, share_json
from safedesk.storage.stored_time import optional_parse, optional_time

# Both stores and the team modules read and write times through this module.
from safedesk.storage.stored_time import parse_time as parse_time  # noqa: PLC0414 - re-exported
from safedesk.storage.stored_time import time_text as time_text  # noqa: PLC0414 - re-exported

Row = dict[str, Any]


def person_row(person: Person, name_key: str) -> Row:
    return {
        "id": person.id,
        "name": person.name,
        "name_key": name_key,
        "role": person.role.value,
        "passphrase_hash": person.passphrase_hash,
        "created_at": time_text(person.created_at),
    }


def person_state_row(person: Person) -> Row:
    """Whether the person is disabled or must choose a new passphrase (schema 8 and later), and
    whether their post is politically restricted (schema 14 and later)."""
    return {
        "disabled_at": time_text(person.disabled_at) if person.disabled_at else None,
        "passphrase_reset": int(person.passphrase_reset),
        "politically_restricted": int(person.politically_restricted),
    }


def person_from(row: Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        passphrase_hash=row["passphrase_hash"],
        created_at=parse_time(row["created_at"]),
        disabled_at=parse_time(row["disabled_at"]) if row["disabled_at"] else None,
        passphrase_reset=bool(row["passphrase_reset"]),
        # Absent from a file older than schema 14: no one was restricted there.
        politically_restricted=bool(row.get("politically_restricted") or 0),
    )


def policy_row(stored: StoredPolicy) -> Row:
    """The organisation's policy settings as one row: the settings as JSON text."""
    return {"settings": json.dumps(stored.settings.as_json(), ensure_ascii=False),
            "version": stored.version,
            "updated_at": time_text(stored.updated_at) if stored.updated_at else None,
            "updated_by": stored.updated_by}


def policy_from(row: Row) -> StoredPolicy:
    """Stored settings, checked as an admin's input is (``PolicySettings.from_json``)."""
    return StoredPolicy(PolicySettings.from_json(json.loads(row["settings"])),
                        int(row["version"]),
                        parse_time(row["updated_at"]) if row["updated_at"] else None,
                        str(row["updated_by"]))


def grant_row(grant: Grant) -> Row:
    return {
        "id": grant.id, "person_id": grant.person_id, "role": grant.role.value,
        "granted_by": grant.granted_by, "granted_at": time_text(grant.granted_at),
        "alone": int(grant.alone), "confirmed_by": grant.confirmed_by,
        "confirmed_at": time_text(grant.confirmed_at) if grant.confirmed_at else None,
        "closed_at": time_text(grant.closed_at) if grant.closed_at else None,
    }


def grant_from(row: Row) -> Grant:
    return Grant(
        id=row["id"], person_id=row["person_id"], role=Role(row["role"]),
        granted_by=row["granted_by"], granted_at=parse_time(row["granted_at"]),
        alone=bool(row["alone"]), confirmed_by=row["confirmed_by"] or "",
        confirmed_at=parse_time(row["confirmed_at"]) if row["confirmed_at"] else None,
        closed_at=parse_time(row["closed_at"]) if row["closed_at"] else None,
    )


def account_row(account: Account) -> Row:
    return {
        "id": account.id,
        "pane": account.pane.value,
        "platform": account.platform.value,
        "server": account.server,
        "handle": account.handle,
        "display_name": account.display_name,
        "created_at": time_text(account.created_at),
        "remote_id": account.remote_id,
        "limits": limits_json(account.limits),
        "owner_id": account.owner_id,
    }


def limits_json(limits: ServerLimits) -> str:
    stored: dict[str, object] = {"max_characters": limits.max_characters,
                                 "url_weight": limits.url_weight, "max_images": limits.max_images}
    if limits.length_rule is not LengthRule.MASTODON:  # rows of Mastodon's rule stay as they were
        stored["length_rule"] = limits.length_rule.value
    return json.dumps(stored)


def limits_from(text: str | None) -> ServerLimits:
    stored = json.loads(text or "{}")
    rule = LengthRule(stored.pop("length_rule", LengthRule.MASTODON.value))
    return ServerLimits(**stored, length_rule=rule)


def account_from(row: Row) -> Account:
    return Account(
        id=row["id"],
        pane=Pane(row["pane"]),
        platform=Platform(row["platform"]),
        server=row["server"],
        handle=row["handle"],
        display_name=row["display_name"] or "",
        created_at=parse_time(row["created_at"]),
        remote_id=row.get("remote_id") or "",
        limits=limits_from(row.get("limits")),
        owner_id=row.get("owner_id") or "",
    )


def _card_json(card: LinkCard | None) -> dict[str, object]:
    """The ``link_card`` entry of stored content, present only when there is a card, so content
    without one is stored exactly as it always was."""
    if card is None:
        return {}
    thumbnail = asdict(card.thumbnail) if card.thumbnail is not None else None
    return {"link_card": {"url": card.url, "title": card.title,
                          "description": card.description, "thumbnail": thumbnail}}


def _card_from(data: dict[str, Any] | None) -> LinkCard | None:
    if data is None:
        return None
    thumbnail = data.get("thumbnail")
    return LinkCard(url=data["url"], title=data["title"], description=data.get("description", ""),
                    thumbnail=MediaItem(**thumbnail) if thumbnail else None)


def content_json(content: Content) -> str:
    return json.dumps(
        {
            "text": content.text,
            "targets": list(content.targets),
            "content_warning": content.content_warning,
            "language": content.language,
            "media": [
                {"sha256": m.sha256, "mime_type": m.mime_type, "alt_text": m.alt_text,
                 "filename": m.filename, "animated": m.animated}
                for m in content.media
            ],
            "schedule_at": time_text(content.schedule_at) if content.schedule_at else None,
            "reply_to": content.reply_to,
            "visibility": content.visibility.value,
            "cw_on_bluesky": content.cw_on_bluesky.value,
            **_card_json(content.link_card),
            # Only when there is one, as in the digest.
            **({"thread": list(content.thread)} if content.thread else {}),
            **_translation_json(content.translation),
            **share_json(content.share),
        },
        ensure_ascii=False,
    )


def content_from(text: str) -> Content:
    data = json.loads(text)
    schedule = data.get("schedule_at")
    return Content(
        text=data["text"],
        targets=tuple(data["targets"]),
        content_warning=data.get("content_warning", ""),
        language=data.get("language", ""),
        media=tuple(MediaItem(**item) for item in data.get("media", [])),
        schedule_at=parse_time(schedule) if schedule else None,
        reply_to=data.get("reply_to"),
        visibility=Visibility(data.get("visibility", Visibility.PUBLIC.value)),
        cw_on_bluesky=ContentWarningOnBluesky(
            data.get("cw_on_bluesky", ContentWarningOnBluesky.REFUSE.value)),
        link_card=_card_from(data.get("link_card")),
        thread=tuple(data.get("thread", ())),
        translation=_translation_from(data.get("translation")),
        share=share_from(data.get("share")),
    )


def _translation_json(translation: Translation | None) -> dict[str, object]:
    """A pair's second language, only when there is one (as in the digest)."""
    if translation is None:
        return {}
    return {"translation": {"language": translation.language, "text": translation.text,
                            "content_warning": translation.content_warning,
                            "alt_texts": list(translation.alt_texts)}}


def _translation_from(data: object) -> Translation | None:
    if not isinstance(data, dict):
        return None
    return Translation(language=str(data["language"]), text=str(data["text"]),
                       content_warning=str(data.get("content_warning", "")),
                       alt_texts=tuple(str(alt) for alt in data.get("alt_texts", ())))


def approval_row(approval: Approval) -> Row:
    return {
        "id": approval.id,
        "draft_id": approval.draft_id,
        "approver_id": approval.approver_id,
        "digest": approval.digest,
        "approved_at": time_text(approval.approved_at),
        "comment": approval.comment,
        "voided_at": None,
        "flag": approval.flag,
        "override_reason": approval.override_reason,
        "overridden": json.dumps(list(approval.overridden)),
    }


def approval_from(row: Row) -> Approval:
    return Approval(
        id=row["id"],
        draft_id=row["draft_id"],
        approver_id=row["approver_id"],
        digest=row["digest"],
        approved_at=parse_time(row["approved_at"]),
        comment=row["comment"] or "",
        flag=row["flag"] or "",
        override_reason=row.get("override_reason") or "",
        overridden=_overridden(row.get("overridden")),
    )


def _overridden(value: object) -> tuple[str, ...]:
    """The override keys as stored: JSON text (SQLite), a list (PostgreSQL's jsonb), or
    nothing (a row from before overrides)."""
    keys = json.loads(value) if isinstance(value, str | bytes) else value
    return tuple(str(k) for k in keys) if isinstance(keys, list) else ()


def moment(value: str | datetime) -> datetime:
    """A stored time: ISO text (SQLite) or an aware datetime (PostgreSQL), in UTC."""
    return value.astimezone(UTC) if isinstance(value, datetime) else parse_time(value)


def draft_from(row: Row, approval: Approval | None) -> Draft:
    return Draft(
        id=row["id"],
        pane=Pane(row["pane"]),
        author_id=row["author_id"],
        content=content_from(row["content"]),
        state=DraftState(row["state"]),
        version=int(row["version"]),
        editors=frozenset(json.loads(row["editors"])),
        last_editor_id=row["last_editor_id"],
        created_at=moment(row["created_at"]),
        updated_at=moment(row["updated_at"]),
        approval=approval,
        decision_note=row["decision_note"] or "",
        urgent=bool(row.get("urgent") or 0),
        submitted_at=moment(row["submitted_at"]) if row.get("submitted_at") else None,
        imported=bool(row.get("imported") or 0),
    )


def audit_from(row: Row) -> AuditEvent:
    return AuditEvent(
        seq=int(row["seq"]),
        occurred_at=parse_time(row["occurred_at"]),
        actor=row["actor"],
        action=row["action"],
        subject=row["subject"],
        details=json.loads(row["details"]),
        prev_hash=row["prev_hash"],
        event_hash=row["event_hash"],
    )


def publication_row(publication: Publication) -> Row:
    return {
        "id": publication.id,
        "draft_id": publication.draft_id,
        "account_id": publication.account_id,
        "pane": publication.pane.value,
        "idempotency_key": publication.idempotency_key,
        "state": publication.state.value,
        "remote_id": publication.remote_id,
        "url": publication.url,
        "published_at": time_text(publication.published_at) if publication.published_at else None,
        "error": publication.error,
        "remote_uri": publication.remote_uri,
        "remote_cid": publication.remote_cid,
        "attempts": publication.attempts,
        "imported": int(publication.imported),
        "first_attempt_at": optional_time(publication.first_attempt_at),
        "last_attempt_at": optional_time(publication.last_attempt_at),
        "confirmed_by": publication.confirmed_by,
        "thread": thread_progress_json(publication),
    }


def publication_from(row: Row) -> Publication:
    return Publication(
        id=row["id"],
        draft_id=row["draft_id"],
        account_id=row["account_id"],
        pane=Pane(row["pane"]),
        idempotency_key=row["idempotency_key"],
        state=PublicationState(row["state"]),
        remote_id=row["remote_id"] or "",
        url=row["url"] or "",
        published_at=parse_time(row["published_at"]) if row["published_at"] else None,
        error=row["error"] or "",
        remote_uri=row["remote_uri"] or "",
        remote_cid=row["remote_cid"] or "",
        attempts=int(row["attempts"] or 0),
        imported=bool(row.get("imported") or 0),
        first_attempt_at=optional_parse(row.get("first_attempt_at")),
        last_attempt_at=optional_parse(row.get("last_attempt_at")),
        confirmed_by=str(row.get("confirmed_by") or ""),
        **thread_progress_from(row.get("thread")),
    )


def thread_progress_json(publication: Publication) -> str:
    """A thread's progress on one account as one text column ("" for a single post)."""
    if not publication.parts_out and publication.next_part_tried_at is None:
        return ""
    return json.dumps({
        "out": [_part_json(p) for p in publication.parts_out],
        "next_tried_at": optional_time(publication.next_part_tried_at),
    }, ensure_ascii=False)


def _part_json(part: PartOut) -> dict[str, str | None]:
    written: dict[str, str | None] = {"remote_id": part.remote_id, "uri": part.uri,
                                      "cid": part.cid, "url": part.url}
    if part.language:  # a pair's part; a thread's parts keep the shape they always had
        written |= {"language": part.language, "out_at": optional_time(part.out_at)}
    return written


def _part_from(data: dict[str, Any]) -> PartOut:
    return PartOut(remote_id=data["remote_id"], uri=data.get("uri", ""), cid=data.get("cid", ""),
                   url=data.get("url", ""), language=data.get("language", ""),
                   out_at=optional_parse(data.get("out_at")))


def thread_progress_from(text: object) -> dict[str, Any]:
    if not isinstance(text, str) or not text:
        return {}
    data = json.loads(text)
    return {"parts_out": tuple(_part_from(part) for part in data.get("out", [])),
            "next_part_tried_at": optional_parse(data.get("next_tried_at"))}


# The account columns a history row carries, each as ``account__<column>`` beside the
# publication's own.
HISTORY_ACCOUNT_COLUMNS = ("id", "pane", "platform", "server", "handle", "display_name",
                           "created_at", "remote_id", "limits", "owner_id")


def history_account_columns(alias: str) -> str:
    """The select list of :data:`HISTORY_ACCOUNT_COLUMNS` from the accounts table ``alias``."""
    return ", ".join(f"{alias}.{c} AS account__{c}" for c in HISTORY_ACCOUNT_COLUMNS)


def history_entries(rows: Iterable[Row]) -> list[HistoryEntry]:
    """Publication rows joined with their account's columns, ``draft_text`` and
    ``approval_flag``; each account is made once, however many rows name it."""
    accounts: dict[object, Account] = {}
    entries = []
    for row in rows:
        account = accounts.get(row["account__id"])
        if account is None:
            account = accounts[row["account__id"]] = account_from(
                {c: row[f"account__{c}"] for c in HISTORY_ACCOUNT_COLUMNS})
        entries.append(HistoryEntry(publication_from(row), account, row["draft_text"] or "",
                                    row["approval_flag"] or "",
                                    override_approval(row.get("approval_override")),
                                    history_pair(row.get("draft_pair")),
                                    share_from(_json_value(row.get("draft_share")))))
    return entries


def _json_value(value: object) -> object:
    """A JSON column as SQLite gives it (text) or PostgreSQL (already decoded); None stays."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def history_pair(value: object) -> HistoryPair | None:
    """A pair's second language and parts as a history row reads them: JSON text (SQLite's
    ``json_object``), a mapping (PostgreSQL's jsonb), or nothing (not a pair: most rows). The
    parts come as the publication's ``thread`` column holds them."""
    if not value:
        return None
    raw: Any = json.loads(value) if isinstance(value, str | bytes) else value
    parts = thread_progress_from(raw.get("parts")).get("parts_out", ())
    return HistoryPair(raw.get("language") or "", raw.get("text") or "", parts)


def override_approval(value: object) -> Approval | None:
    """The live approval a history row reads with it when it overrode a block: JSON text
    (SQLite's ``json_object``, or PostgreSQL's ``to_jsonb`` as the codec's rows give it), a
    mapping (PostgreSQL as stored), or nothing (most rows)."""
    if not value:
        return None
    raw: Any = json.loads(value) if isinstance(value, str | bytes) else value
    data = dict(raw)
    data["approved_at"] = time_text(moment(data["approved_at"]))
    return approval_from(data)


_TIME_TEXT_LENGTH = len("2026-12-01T09:30:00.000001+00:00")  # what time_text writes


def shown_time(stored: str | datetime) -> str:
    """A stored time as ``parse_time(stored).isoformat()`` writes it (a :class:`datetime` from
    PostgreSQL, in UTC). SafeDesk stores times in just that form (``time_text``) unless their
    microseconds are nought, so those are passed on as they are: parsing and writing thousands
    back was a listing's slowest step."""
    if isinstance(stored, datetime):
        return stored.astimezone(UTC).isoformat()
    if (len(stored) == _TIME_TEXT_LENGTH and stored[10] == "T" and stored[19] == "."
            and stored.endswith("+00:00") and stored[20:26] != "000000"):
        return stored
    return parse_time(stored).isoformat()


def history_line(row: Sequence[Any]) -> HistoryLine:
    """A history row as its columns come, in :class:`HistoryLine`'s order (the publication's id,
    draft id, pane, account id, state, published_at, url, error and imported, then the draft's
    text, the live approval's flag, that approval when it overrode a block, a pair's second
    language and parts, and a share's kind, link and author), the time as the listing shows it
    and the approval, pair and share decoded."""
    (publication_id, draft_id, pane, account_id, state, published_at, url, error, imported,
     text, approval_flag, override, pair, share) = row
    return HistoryLine(publication_id, draft_id, pane, account_id, state,
                       shown_time(published_at) if published_at else None, url or "",
                       error or "", imported, text or "", approval_flag or "",
                       override_approval(override) if override else None, history_pair(pair),
                       history_share(share))


def template_row(template: Template, row_id: str) -> Row:
    if template.editor_id is None or template.saved_at is None:
        raise ValueError("only edited templates are stored; shipped ones live in resources/")
    return {"id": row_id, "name": template.name, "language": template.language,
            "version": template.version, "text": template.text, "editor_id": template.editor_id,
            "saved_at": time_text(template.saved_at)}


def template_from(row: Row) -> Template:
    return Template(name=row["name"], language=row["language"], text=row["text"],
                    editor_id=row["editor_id"], saved_at=parse_time(row["saved_at"]))


def preapproval_row(preapproval: TemplatePreapproval) -> Row:
    return {"id": preapproval.id, "name": preapproval.name, "language": preapproval.language,
            "version": preapproval.version, "approver_id": preapproval.approver_id,
            "approved_at": time_text(preapproval.approved_at), "comment": preapproval.comment}


def preapproval_from(row: Row) -> TemplatePreapproval:
    return TemplatePreapproval(id=row["id"], name=row["name"], language=row["language"],
                               version=row["version"], approver_id=row["approver_id"],
                               approved_at=parse_time(row["approved_at"]),
                               comment=row["comment"] or "")


def incident_row(incident: Incident) -> Row:
    return {
        "id": incident.id, "pane": incident.pane.value, "kind": incident.kind.value,
        "original_draft_id": incident.original_draft_id,
        "correction_draft_id": incident.correction_draft_id, "opened_by": incident.opened_by,
        "opened_at": time_text(incident.opened_at),
        "original_action": incident.original_action.value, "note": incident.note,
        "template_name": incident.template_name,
        "template_language": incident.template_language,
        "template_version": incident.template_version,
        "fields": json.dumps(dict(incident.fields), ensure_ascii=False, sort_keys=True),
        "route": incident.route.value, "preapproval_id": incident.preapproval_id,
        "queue_reason": incident.queue_reason,
        "flags": json.dumps(list(incident.flags), ensure_ascii=False),
        "imported": int(incident.imported),
    }


def incident_target_row(incident_id: str, target: IncidentTarget) -> Row:
    return {"incident_id": incident_id, "account_id": target.account_id,
            "original_publication_id": target.original_publication_id,
            "action": target.action.value, "state": target.state.value, "detail": target.detail,
            "acted_at": time_text(target.acted_at) if target.acted_at else None,
            "acted_by": target.acted_by}


def incident_target_from(row: Row) -> IncidentTarget:
    return IncidentTarget(account_id=row["account_id"],
                          original_publication_id=row["original_publication_id"],
                          action=OriginalAction(row["action"]), state=ActionState(row["state"]),
                          detail=row["detail"] or "",
                          acted_at=parse_time(row["acted_at"]) if row["acted_at"] else None,
                          acted_by=row["acted_by"] or "")


def incident_from(row: Row, targets: list[IncidentTarget]) -> Incident:
    return Incident(
        id=row["id"], pane=Pane(row["pane"]), kind=CorrectionKind(row["kind"]),
        original_draft_id=row["original_draft_id"],
        correction_draft_id=row["correction_draft_id"], opened_by=row["opened_by"],
        opened_at=parse_time(row["opened_at"]),
        original_action=OriginalAction(row["original_action"]), targets=tuple(targets),
        note=row["note"] or "", template_name=row["template_name"] or "",
        template_language=row["template_language"] or "",
        template_version=row["template_version"] or "",
        fields=tuple(sorted(json.loads(row["fields"] or "{}").items())),
        route=Route(row["route"]), preapproval_id=row["preapproval_id"] or "",
        queue_reason=row["queue_reason"] or "", flags=tuple(json.loads(row["flags"] or "[]")),
        imported=bool(row["imported"] or 0),
    )
