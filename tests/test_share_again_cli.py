"""``safedesk share --draft ID`` on the Mastodon test server: an official boost approved, its
post edited on the server, publishing sends it back to Jo; Jo reads it again and resubmits it;
Sam approves it and it goes out once, a boost all along. Bad input exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Content, DraftState, Pane, ShareKind
from tests import test_share_live_mastodon as live
from tests.cli_support import Run, as_person
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_share_live_mastodon import _submitted, reblogs_by

server, office = live.server, live.office  # that module's fixtures: the server and the desk

EDITED = "Flood warning: the river valley road is closed tonight."


def voided_after_approval(data_dir: Path, draft_id: str, server: MastodonTestServer,
                          local_id: str) -> None:
    """Sam approves the share, the fire service edits its post, publishing sends it back."""
    app = build(Settings(data_dir))
    try:
        sam = app.people.get("Sam")
        app.drafts.approve(draft_id, sam, content_digest(app.drafts.get(draft_id).content))
        server.edit_remote_status(local_id, EDITED)
        with pytest.raises(NotAllowedError, match="edited after approval"):
            app.publisher.publish(draft_id, sam)
        assert app.drafts.get(draft_id).state is DraftState.CHANGES_REQUESTED
    finally:
        app.close()


def test_a_voided_official_boost_is_read_again_resubmitted_and_goes_out_once(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    run, council, _jo, local_id = office
    draft_id = _submitted(run, council, monkeypatch)
    voided_after_approval(data_dir, draft_id, server, local_id)

    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", "--draft", draft_id, "--as", "Jo")
    assert code == 0, err
    assert "Came back: The shared post was edited after approval" in out
    assert "Written by Service (@service@fire.example)" in out and EDITED in out
    assert out.splitlines()[-2] == draft_id and "Resubmitted for approval" in out
    assert reblogs_by(server, local_id, "council") == 0  # nothing out before a second person

    as_person(monkeypatch, "sam-passphrase")
    code, _out, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    assert reblogs_by(server, local_id, "council") == 1
    [boost] = server.statuses_for("council")  # a boost: no post of the council's own words
    assert boost["reblog"], boost
    app = build(Settings(data_dir))
    try:
        out_draft = app.drafts.get(draft_id)
        assert out_draft.state is DraftState.PUBLISHED
        share = out_draft.content.share
        assert share is not None and share.kind is ShareKind.BOOST and EDITED in share.post.text
        assert out_draft.content.text == ""
        actions = [e.action for e in app.store.audit_events_about(draft_id)]
        assert actions.count("draft.shared_post_changed") == 1 and "draft.edit" in actions
    finally:
        app.close()


def test_share_draft_refuses_what_it_cannot_revise(
        office: tuple[Run, str, str, str], server: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    run, council, _jo, _local_id = office
    draft_id = _submitted(run, council, monkeypatch)
    as_person(monkeypatch, "jo-passphrase")
    code, _out, err = run("share", "--draft", draft_id, "--as", "Jo")
    assert code == 2 and "Only a share that came back" in err  # still waiting in the queue
    code, _out, err = run("share", "https://fire.example/@service/1", "--draft", draft_id,
                          "--as", "Jo")
    assert code == 2 and "not both" in err
    code, _out, err = run("share", "--as", "Jo")
    assert code == 2 and "--account" in err
    app = build(Settings(data_dir))
    try:
        post = app.drafts.create(app.people.get("Jo"), Pane.OFFICIAL,
                                 Content(text="Bins on Tuesday.", targets=(council,)))
    finally:
        app.close()
    code, _out, err = run("share", "--draft", post.id, "--as", "Jo")
    assert code == 2 and "not a share" in err

    as_person(monkeypatch, "sam-passphrase")
    assert run("queue", "reject", draft_id, "--reason", "Not ours to boost.", "--as",
               "Sam")[0] == 0
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    as_person(monkeypatch, "pat-passphrase")
    assert run("people", "add", "Pat", "--role", "author", "--as", "Ada")[0] == 0
    code, _out, err = run("share", "--draft", draft_id, "--as", "Pat")
    assert code == 2 and "not yours" in err
