"""``safedesk queue`` and ``history`` on an official post naming a watched term in an election
period: ``queue show`` prints the findings, ``queue list`` marks it, ``queue approve`` needs
``--override-reason`` (exit 2 and the reason why without it), and the override is shown once
given; an edit voids it with the approval."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, DraftState, Pane
from tests.cli_support import Run
from tests.conftest import Cast, FakeClock
from tests.override_support import REASON, watch_terms

TEXT = "Polling day: vote for whoever you like, Labour or not. Stations open 7am."


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(data_dir, capsys, monkeypatch)


def _waiting(desk: SafeDesk, cast: Cast, clock: FakeClock) -> str:
    """Submitted through the desk (its clock), to go out tomorrow in real time, so the CLI
    (real time) approves it for later without publishing; the period covers both days."""
    publish_at = datetime.now(UTC) + timedelta(days=1)
    watch_terms(desk.store, cast.admin, clock.current.astimezone().date(),
                publish_at.astimezone().date())
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        TEXT, (cast.council.id,), schedule_at=publish_at))
    return desk.drafts.submit(draft.id, cast.author).id


def test_queue_approve_needs_a_written_reason_to_override(
        desk: SafeDesk, cast: Cast, clock: FakeClock, run: Run,
        monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = _waiting(desk, cast, clock)
    code, out, err = run("queue", "show", draft_id)
    assert code == 0, err
    assert "Safety checks:" in out
    assert "- Blocked: “vote for” is a watched term in the Local elections period" in out
    assert "- Blocked: “Labour” is a watched term" in out
    assert "needs your written reason to override these blocks" in out
    code, out, _ = run("queue", "list")
    assert f"{draft_id}  by Jo Author" in out and out.rstrip().endswith("[needs an override]")
    code, out, _ = run("queue", "list", "--json")
    assert [(r["id"], r["needs_override"]) for r in json.loads(out)] == [(draft_id, True)]

    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam Approver")
    assert code == ExitCode.BAD_INPUT == 2
    assert "needs your written reason to override the block" in err
    assert "“vote for” in the text (election); “Labour” in the text (election)" in err
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED

    code, out, err = run("queue", "approve", draft_id, "--as", "Sam Approver",
                         "--override-reason", REASON)
    assert code == 0, err
    assert "Approved. It will be published at" in out
    approval = desk.drafts.get(draft_id).approval
    assert approval is not None and approval.override_reason == REASON
    code, out, _ = run("queue", "show", draft_id)
    assert "Overridden by Sam Approver on " in out and f"“{REASON}”" in out
    assert "lifted: “vote for” in the text (election); “labour” in the text (election)" in out
    code, out, _ = run("queue", "list")
    assert f"APPROVED {draft_id}" in out and "[override]" in out

    # An edit voids the approval, and the override with it: the reason is needed again.
    draft = desk.drafts.get(draft_id)
    edited = desk.drafts.edit(draft_id, cast.author, replace(
        draft.content, text=TEXT.replace("7am", "7 am")))
    assert (edited.state, edited.approval) == (DraftState.SUBMITTED, None)
    voided = [e for e in desk.store.audit_events_about(draft_id) if e.action == "draft.edit"]
    assert voided[-1].details["voided_approval"] == approval.id
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam Approver", "--digest",
                       content_digest(edited.content))
    assert code == ExitCode.BAD_INPUT and "needs your written reason" in err


def test_a_reason_with_nothing_to_override_is_not_recorded(
        desk: SafeDesk, cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_at = datetime.now(UTC) + timedelta(days=1)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        "Bins go out on Tuesday.", (cast.council.id,), schedule_at=publish_at))
    desk.drafts.submit(draft.id, cast.author)
    code, out, _ = run("queue", "show", draft.id)
    assert "Safety checks" not in out
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "sam-passphrase")
    code, out, err = run("queue", "approve", draft.id, "--as", "Sam Approver",
                         "--override-reason", REASON)
    assert code == 0, err
    assert "Nothing in this post needed an override" in out
    approval = desk.drafts.get(draft.id).approval
    assert approval is not None and (approval.override_reason, approval.overridden) == ("", ())
    approved = [e for e in desk.store.audit_events_about(draft.id) if e.action == "draft.approve"]
    assert "override_reason" not in approved[0].details


def test_history_shows_who_overrode_when_why_and_what(
        desk: SafeDesk, cast: Cast, clock: FakeClock, run: Run,
        monkeypatch: pytest.MonkeyPatch) -> None:
    today = clock.current.astimezone().date()
    watch_terms(desk.store, cast.admin, today, today)
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(TEXT, (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    decision = desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                                  content_digest(draft.content), override_reason=REASON)
    assert decision.report is not None and decision.report.complete

    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "sam-passphrase")
    code, out, err = run("history", "--as", "Sam Approver")
    assert code == 0, err
    assert (f"Overridden by Sam Approver on 21 Nov 2026 09:00: “{REASON}” (lifted: “vote "
            "for” in the text (election); “labour” in the text (election))") in out
    code, out, _ = run("history", "--json", "--as", "Sam Approver")
    [row] = json.loads(out)
    assert row["override"]["approver"] == "Sam Approver"
    assert row["override"]["reason"] == REASON
    assert row["override"]["lifted"] == [
        {"rule": "election", "field": "text", "words": "vote for"},
        {"rule": "election", "field": "text", "words": "labour"}]


def test_the_incident_export_shows_an_override(desk: SafeDesk, cast: Cast, clock: FakeClock,
                                              run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    original = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        "Polls open at 8am.", (cast.council.id,)))
    desk.drafts.submit(original.id, cast.author)
    desk.queue.approve(original.id, cast.approver, "sam-passphrase",
                       content_digest(original.content))
    today = clock.current.astimezone().date()
    watch_terms(desk.store, cast.admin, today, today)
    plan = desk.corrections.prepare(original.id, "correction",
                                    text="Correction: polls open at 7am. Vote for anyone.")
    incident = desk.corrections.publish(plan, cast.author, note="").incident
    correction = desk.drafts.get(incident.correction_draft_id)
    assert correction.state is DraftState.SUBMITTED  # waits for an approver to override
    desk.queue.approve(correction.id, cast.approver, "sam-passphrase",
                       content_digest(correction.content), override_reason=REASON)

    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    code, out, err = run("incidents", "export", incident.id, "--format", "md", "--as",
                         "Jo Author")
    assert code == 0, err
    assert "- Overrode a policy block: Sam Approver at 2026-11-21T09:00:00.0" in out
    assert f"reason “{REASON}”; lifted: “vote for” (election, text)" in out
    code, out, _ = run("incidents", "export", incident.id, "--format", "json", "--as",
                       "Jo Author")
    override = json.loads(out)["correction"]["approval"]["override"]
    assert override == {"reason": REASON, "lifted": [
        {"rule": "election", "field": "text", "words": "vote for"}]}
