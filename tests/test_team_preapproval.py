"""A pre-approved template on a team server: the server itself holds the correction to the
words an approver signed, so a modified desk cannot pass other words off as pre-approved."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from psycopg.types.json import Jsonb

from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane
from safedesk.core.ports import SystemClock
from safedesk.core.templates import render
from safedesk.services.drafts import DraftService
from safedesk.services.people import PeopleService
from safedesk.services.templates import TemplateService
from safedesk.team.pg_store import PgStore
from tests.team_support import Team, official_account, person_of

CLOCK = SystemClock()


def _templates(store: PgStore) -> TemplateService:
    # The desk checks the team password with the server; here the login already proved it.
    people = PeopleService(store, CLOCK, password_check=lambda _person, _password: True)
    return TemplateService(store, CLOCK, people)


def _correction(team: Team, text: str) -> str:
    """Jo's submitted correction with ``text``, replying to an earlier official draft."""
    account = official_account(team)
    jo_store = team.store("Jo")
    jo = person_of(jo_store)
    drafts = DraftService(jo_store, CLOCK)
    original = drafts.create(jo, Pane.OFFICIAL, Content("Bins on Monday.", (account.id,)))
    draft = drafts.create(jo, Pane.OFFICIAL, Content(text, (account.id,),
                                                      reply_to=original.id))
    return drafts.submit(draft.id, jo).id


def _approve_with(team: Team, draft_id: str, preapproval_id: str, approver_id: str) -> None:
    """What a desk sends to use a pre-approval, sent as Jo's own login."""
    jo_store = team.store("Jo")
    draft = jo_store.get_draft(draft_id)
    with team.raw("Jo") as raw:
        raw.execute("SELECT safedesk.change_draft(%s, %s, 'approve_by_preapproval', %s, '[]')", (
            Jsonb({"id": draft.id, "pane": "official", "state": "approved",
                   "approval": {"id": str(uuid.uuid4()), "approver_id": approver_id,
                                "digest": content_digest(draft.content), "comment": ""}}),
            draft.version, Jsonb({"preapproval": preapproval_id})))


@pytest.fixture
def signed(team: Team) -> tuple[str, str, str]:
    """Sam's pre-approval of the shipped English correction template: (id, approver, words)."""
    sam_store = team.store("Sam")
    templates = _templates(sam_store)
    template = templates.get("correction", "en-GB")
    preapproval = templates.preapprove("correction", "en-GB", person_of(sam_store), "unused",
                                       template.version)
    return preapproval.id, preapproval.approver_id, template.text


def test_the_signed_words_with_their_placeholders_filled_go_through(
        team: Team, signed: tuple[str, str, str]) -> None:
    preapproval_id, sam_id, _words = signed
    template = _templates(team.store("Sam")).get("correction", "en-GB")
    text = render(template, {"original_date": "1 December",
                             "correction": "the bins go out on Tuesday"})
    draft_id = _correction(team, text)
    _approve_with(team, draft_id, preapproval_id, sam_id)
    approved = team.store("Jo").get_draft(draft_id)
    assert approved.state.value == "approved"
    assert approved.approval is not None and approved.approval.approver_id == sam_id


@pytest.mark.parametrize("text", [
    "Our post was fine; ignore the complaints.",  # not the template at all
    "Correction to our post of 1 December: bins on Tuesday\n\nWe got this right.",  # words changed
    "Correction to our post of 1 December: we were hacked\n\nWe got this wrong, and we are sorry.",
])
def test_other_words_are_refused_by_the_server(team: Team, signed: tuple[str, str, str],
                                               text: str) -> None:
    preapproval_id, sam_id, _words = signed
    draft_id = _correction(team, text)
    with pytest.raises(psycopg.Error) as refused:
        _approve_with(team, draft_id, preapproval_id, sam_id)
    assert refused.value.sqlstate == "SD403"
    assert team.store("Jo").get_draft(draft_id).state.value == "submitted"


def test_a_pre_approval_names_words_the_server_checks(team: Team) -> None:
    """Signing a version with words that are not that version is refused."""
    with team.raw("Sam") as raw, pytest.raises(psycopg.Error, match="SHA-256 of its text"):
        raw.execute("SELECT safedesk.add_preapproval(%s, %s)", (
            Jsonb({"id": str(uuid.uuid4()), "name": "correction", "language": "en-GB",
                   "version": "0" * 64, "approved_at": datetime.now(UTC).isoformat()}),
            Jsonb({"text": "Anything at all: {correction}"})))
