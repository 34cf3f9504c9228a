"""Sharing through ``safedesk share`` and the services on the Mastodon test server (run as
Mastodon 4.5, with a post "of another server" seeded on it): a personal boost and quote go out
once; an official boost waits for a second person and goes out once; an edit or a deletion of
the shared post after approval voids the approval and nothing is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import DraftState
from tests.cli_support import Run, as_person, needs_secret_service, team
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_share_mastodon import FIRE_URI, FIRE_URL, WARNING

pytestmark = needs_secret_service



@pytest.fixture
def server() -> Iterator[MastodonTestServer]:
    with MastodonTestServer(version="4.5.2", api_version=7) as running:
        yield running
        assert running.crashes == []


@pytest.fixture
def office(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           server: MastodonTestServer) -> tuple[Run, str, str, str]:
    """Ada, Jo and Sam; the council's official account and Jo's own, on the test server; the
    fire service's post seeded there: (runner, council's id, Jo's id, the post's local id)."""
    run = team(data_dir, capsys, monkeypatch)
    as_person(monkeypatch, "ada-passphrase")
    assert run("accounts", "add", "--pane", "official", "--platform", "mastodon", "--server",
               server.url, "--token-stdin", "--as", "Ada",
               stdin=server.create_user("council") + "\n")[0] == 0
    as_person(monkeypatch, "jo-passphrase")
    assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon", "--server",
               server.url, "--token-stdin", "--as", "Jo",
               stdin=server.create_user("jo") + "\n")[0] == 0
    listed = json.loads(run("accounts", "list", "--json", "--as", "Jo")[1])
    ids = {a["pane"]: a["id"] for a in listed}
    local_id = server.add_remote_status(FIRE_URL, "service@fire.example", WARNING, uri=FIRE_URI)
    return run, ids["official"], ids["personal"], local_id


def reblogs_by(server: MastodonTestServer, local_id: str, username: str) -> int:
    return sum(1 for s in server.reblogs_of(local_id) if s["account"]["username"] == username)


def test_a_personal_boost_and_quote_go_out_once(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run, _council, jo_id, local_id = office
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", FIRE_URL, "--account", jo_id, "--as", "Jo")
    assert code == 0, err
    assert "Written by Service (@service@fire.example)" in out and WARNING in out
    assert "no one has shared this author's posts from a personal account" in out
    assert "published as @jo@" in out
    assert reblogs_by(server, local_id, "jo") == 1
    code, out, err = run("share", FIRE_URL, "--account", jo_id, "--quote", "Please take care.",
                         "--as", "Jo")
    assert code == 0, err
    assert "quotes it natively" in out and "no one has shared" not in out
    quotes = [s for s in server.statuses_for("jo") if s.get("quote")]
    assert len(quotes) == 1 and "Please take care." in str(quotes[0]["text"])
    assert reblogs_by(server, local_id, "jo") == 1


def _submitted(run: Run, council: str, monkeypatch: pytest.MonkeyPatch) -> str:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", FIRE_URL, "--account", council, "--as", "Jo")
    assert code == 0, err
    assert "Submitted for approval" in out
    return out.splitlines()[-2]


def test_an_official_boost_waits_for_a_second_person_and_goes_out_once(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run, council, _jo, local_id = office
    draft_id = _submitted(run, council, monkeypatch)
    assert reblogs_by(server, local_id, "council") == 0
    as_person(monkeypatch, "sam-passphrase")
    code, _out, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    assert reblogs_by(server, local_id, "council") == 1
    history = json.loads(run("history", "--json", "--as", "Sam")[1])
    assert [h["state"] for h in history if h["draft_id"] == draft_id] == ["published"]


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_a_change_to_the_shared_post_after_approval_voids_the_approval(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path, change: str) -> None:
    run, council, _jo, local_id = office
    draft_id = _submitted(run, council, monkeypatch)
    app = build(Settings(data_dir))
    try:
        sam = app.people.get("Sam")
        draft = app.drafts.get(draft_id)
        app.drafts.approve(draft_id, sam, content_digest(draft.content))
        if change == "edit":
            server.edit_remote_status(local_id, "Vote Blue on Thursday!")
        else:
            server.delete_remote_status(local_id)
        word = "edited" if change == "edit" else "deleted"
        with pytest.raises(NotAllowedError, match=f"{word} after approval"):
            app.publisher.publish(draft_id, sam)
        back = app.drafts.get(draft_id)
        assert back.state is DraftState.CHANGES_REQUESTED and back.approval is None
        assert f"{word} after approval" in back.decision_note
        assert [e.action for e in app.store.audit_events_about(draft_id)][-1] == \
            "draft.shared_post_changed"
        assert not app.store.list_publications(draft_id=draft_id)
    finally:
        app.close()
    assert reblogs_by(server, local_id, "council") == 0
    assert not server.statuses_for("council")


def test_the_publisher_looks_before_it_sends_an_approved_share(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """The headless publisher publishes through the same service: an approved share whose post
    was edited meanwhile goes back to its author; an unchanged one goes out once."""
    run, council, _jo, local_id = office
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    as_person(monkeypatch, "pat-passphrase")
    assert run("people", "add", "Pat", "--role", "author", "--as", "Ada")[0] == 0
    other_id = server.add_remote_status("https://fire.example/@service/2", "service@fire.example",
                                        "Roads closed by the flood.",
                                        uri="https://fire.example/users/service/statuses/2")
    changed = _submitted(run, council, monkeypatch)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", "https://fire.example/@service/2", "--account", council,
                         "--as", "Jo")
    assert code == 0, err
    unchanged = out.splitlines()[-2]
    app = build(Settings(data_dir))
    try:
        sam = app.people.get("Sam")
        for draft_id in (changed, unchanged):
            app.drafts.approve(draft_id, sam, content_digest(app.drafts.get(draft_id).content))
    finally:
        app.close()
    server.edit_remote_status(local_id, "Vote Blue on Thursday!")
    as_person(monkeypatch, "pat-passphrase")
    code, out, err = run("publisher", "run", "--once", "--as", "Pat")
    assert "edited after approval" in out + err
    assert reblogs_by(server, local_id, "council") == 0
    assert reblogs_by(server, other_id, "council") == 1
    app = build(Settings(data_dir))
    try:
        back = app.drafts.get(changed)
        assert back.state is DraftState.CHANGES_REQUESTED and back.approval is None
        assert app.drafts.get(unchanged).state is DraftState.PUBLISHED
    finally:
        app.close()
    assert run("audit", "verify")[0] == 0
