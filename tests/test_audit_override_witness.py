"""`audit verify` holds an approval's override (its reason and the blocks it lifted) to the
``draft.approve`` event that recorded it, in both stores: an override rewritten in the database
behind the trail is named."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.models import Draft
from safedesk.core.policy import PolicyContext
from safedesk.core.policy.settings import election_period, settings_of
from safedesk.core.witness_checks import Finding
from safedesk.services.audit import AuditService
from tests.store_family import (
    CLOCK,
    PgFamily,
    SqliteFamily,
    StoreFamily,
    assert_audit_agrees,
    submitted,
)

REASON = "Polling times are a factual notice."


def overridden(family: StoreFamily) -> Draft:
    """An official post naming a watched term in an election period, approved by Sam with a
    written override."""
    council = family.add_official_account("council")
    draft = submitted(family, council, text="Polling stations: vote Labour or not, 7am-10pm.")
    today = CLOCK.now().astimezone().date()
    policy = PolicyContext(settings_of(political_terms=["Labour"], periods=[
        election_period("Local elections", today, today + timedelta(days=7))]))
    store = family.for_person("Sam")
    approved = store.apply(workflow.approve(
        draft, family.person("Sam"), content_digest(draft.content), CLOCK.now(), policy=policy,
        override_reason=REASON))
    assert approved.approval is not None and approved.approval.overridden
    return approved


def rewrite(family: StoreFamily, statement: str, *params: object) -> None:
    """What someone with the database could do, past the guards that keep approvals as made."""
    if isinstance(family, SqliteFamily):
        conn = sqlite3.connect(family.store.path)
        conn.execute(statement, params)
        conn.commit()
        conn.close()
        return
    assert isinstance(family, PgFamily)
    with family.team.database.connect() as superuser:
        superuser.execute("SET search_path TO safedesk")
        superuser.execute("ALTER TABLE approvals DISABLE TRIGGER USER")
        superuser.execute(statement.replace("?", "%s").encode(), params)
        superuser.execute("ALTER TABLE approvals ENABLE TRIGGER USER")


def problems(family: StoreFamily) -> list[str]:
    report = AuditService(family.for_person("Sam")).verify()
    assert report.chain.intact  # the chain itself was not touched
    return [finding.problem for finding in report.findings]


def test_a_clean_override_is_vouched_for_in_one_read(family: StoreFamily,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    overridden(family)

    def read_again(_service: AuditService) -> list[Finding]:
        raise AssertionError("the tally doubted an override that agrees with its event")

    monkeypatch.setattr(AuditService, "_every_finding", read_again)
    assert_audit_agrees(family.for_person("Sam"))


def test_an_override_reason_rewritten_behind_the_trail_is_named(family: StoreFamily) -> None:
    draft = overridden(family)
    assert draft.approval is not None
    rewrite(family, "UPDATE approvals SET override_reason = ? WHERE id = ?",
            "Agreed by the leader's office.", draft.approval.id)
    said = (f"approval of draft {draft.id} by Sam has the override reason “Agreed by the "
            f"leader's office.” but its event recorded “{REASON}” (event "
            f"#{_approve_seq(family, draft)})")
    assert problems(family) == [said]

    # The reason wiped, as if the approver had given none.
    rewrite(family, "UPDATE approvals SET override_reason = '' WHERE id = ?", draft.approval.id)
    said = (f"approval of draft {draft.id} by Sam has no override reason but its event "
            f"recorded “{REASON}” (event #{_approve_seq(family, draft)})")
    assert problems(family) == [said]


def test_the_blocks_an_override_lifted_rewritten_behind_the_trail_are_named(
        family: StoreFamily) -> None:
    draft = overridden(family)
    assert draft.approval is not None
    widened = '["election|text|labour", "election|text|conservative"]'
    rewrite(family, "UPDATE approvals SET overridden = ? WHERE id = ?", widened,
            draft.approval.id)
    said = (f"approval of draft {draft.id} by Sam lifts election|text|conservative; "
            "election|text|labour but its event lifted election|text|labour "
            f"(event #{_approve_seq(family, draft)})")
    assert problems(family) == [said]


def _approve_seq(family: StoreFamily, draft: Draft) -> int:
    events = family.for_person("Sam").audit_events_about(draft.id)
    return [e.seq for e in events if e.action == "draft.approve"][-1]


def test_a_rewritten_reason_cannot_hide_its_finding_from_a_terminal(family: StoreFamily) -> None:
    draft = overridden(family)
    assert draft.approval is not None
    rewrite(family, "UPDATE approvals SET override_reason = ? WHERE id = ?",
            "Agreed.\x1b[8m hidden", draft.approval.id)
    [said] = problems(family)
    assert "\x1b" not in said and "Agreed.⟨U+001B⟩[8m hidden" in said
