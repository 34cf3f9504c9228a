"""Sharing through ``safedesk share`` on the real reference PDS: a personal repost and quote go out
once; an official repost waits for a second person and appears once; a post deleted after
approval voids the approval and nothing is sent; a post whose author turned quotes off is never
quoted, even when that happens after approval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import DraftState
from safedesk.core.platform import PostRequest, RemoteRef, make_tid
from tests.bluesky_support import Desk, list_records, open_desk
from tests.cli_support import Run, as_person, needs_secret_service, team
from tests.servers.fake_credentials import credential_store
from tests.servers.pds_harness import PdsServer

pytestmark = needs_secret_service

REPOST = "app.bsky.feed.repost"
WARNING = "Flood warning for the valley tonight."


def _prefix(request: pytest.FixtureRequest, letters: str) -> str:
    return letters + str(abs(hash(request.node.name)) % 10**6)


@pytest.fixture
def fire(pds: PdsServer, request: pytest.FixtureRequest) -> Desk:
    """The fire service's account, whose post is shared."""
    return open_desk(pds, _prefix(request, "fr"), credential_store())


@pytest.fixture
def office(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           pds: PdsServer, request: pytest.FixtureRequest) -> tuple[Run, dict[str, str],
                                                                    dict[str, str]]:
    """Ada, Jo and Sam; the council's official Bluesky account and Jo's own: (runner, account
    ids by pane, DIDs by pane)."""
    run = team(data_dir, capsys, monkeypatch)
    dids = {}
    for pane, person, letters in (("official", "Ada", "co"), ("personal", "Jo", "jo")):
        owner = pds.create_account(_prefix(request, letters))
        as_person(monkeypatch, f"{person.lower()}-passphrase")
        code, _, err = run("accounts", "add", "--pane", pane, "--platform", "bluesky",
                           "--server", pds.url, "--handle", owner.handle,
                           "--app-password-stdin", "--as", person,
                           stdin=f"{owner.app_password}\n")
        assert code == 0, err
        dids[pane] = owner.did
    listed = json.loads(run("accounts", "list", "--json", "--as", "Jo")[1])
    return run, {a["pane"]: a["id"] for a in listed}, dids


def warning(fire: Desk) -> tuple[str, str]:
    """The fire service's post: (its at:// URI, its bsky.app link)."""
    made = fire.client.publish(PostRequest(text=WARNING, idempotency_key=make_tid()))
    rkey = made.ref.uri.rsplit("/", 1)[1]
    return made.ref.uri, f"https://bsky.app/profile/{fire.account.handle}/post/{rkey}"


def reposts_of(pds: PdsServer, did: str, uri: str) -> int:
    return sum(1 for r in list_records(pds, did, REPOST) if r["value"]["subject"]["uri"] == uri)


def test_a_personal_repost_and_quote_go_out_once(
        office: tuple[Run, dict[str, str], dict[str, str]], fire: Desk, pds: PdsServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run, ids, dids = office
    uri, link = warning(fire)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", link, "--account", ids["personal"], "--as", "Jo")
    assert code == 0, err
    assert WARNING in out and "published as @" in out
    assert reposts_of(pds, dids["personal"], uri) == 1
    code, out, err = run("share", link, "--account", ids["personal"], "--quote",
                         "Please take care.", "--as", "Jo")
    assert code == 0, err
    assert "quotes it natively" in out
    posts = list_records(pds, dids["personal"])
    assert [(p["value"]["text"], p["value"]["embed"]["record"]["uri"]) for p in posts] == [
        ("Please take care.", uri)]
    assert reposts_of(pds, dids["personal"], uri) == 1


def test_an_official_repost_waits_is_approved_and_appears_once(
        office: tuple[Run, dict[str, str], dict[str, str]], fire: Desk, pds: PdsServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run, ids, dids = office
    uri, link = warning(fire)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", link, "--account", ids["official"], "--as", "Jo")
    assert code == 0, err
    draft_id = out.splitlines()[-2]
    assert reposts_of(pds, dids["official"], uri) == 0
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    assert reposts_of(pds, dids["official"], uri) == 1
    code, _, err = run("recover", "--as", "Sam")  # nothing left to finish, nothing sent again
    assert code == 0, err
    assert reposts_of(pds, dids["official"], uri) == 1


def test_a_post_deleted_after_approval_voids_the_approval(
        office: tuple[Run, dict[str, str], dict[str, str]], fire: Desk, pds: PdsServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    run, ids, dids = office
    uri, link = warning(fire)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", link, "--account", ids["official"], "--as", "Jo")
    assert code == 0, err
    draft_id = out.splitlines()[-2]
    app = build(Settings(data_dir))
    try:
        sam = app.people.get("Sam")
        app.drafts.approve(draft_id, sam, content_digest(app.drafts.get(draft_id).content))
        [made] = list_records(pds, fire.owner.did)
        fire.client.delete(RemoteRef(made["uri"], made["uri"], made["cid"]))
        with pytest.raises(NotAllowedError, match="deleted after approval"):
            app.publisher.publish(draft_id, sam)
        assert app.drafts.get(draft_id).state is DraftState.CHANGES_REQUESTED
    finally:
        app.close()
    assert reposts_of(pds, dids["official"], uri) == 0


def turn_quotes_off(pds: PdsServer, author: Desk, uri: str) -> None:
    """What the Bluesky app does when an author turns off quotes of a post: a post gate under the
    post's own record key, with the rule that disables quoting."""
    session = pds.xrpc_post("com.atproto.server.createSession", {
        "identifier": author.owner.handle, "password": author.owner.password}).json()
    made = pds.xrpc_post("com.atproto.repo.createRecord", {
        "repo": author.owner.did, "collection": "app.bsky.feed.postgate",
        "rkey": uri.rsplit("/", 1)[1],
        "record": {"$type": "app.bsky.feed.postgate", "post": uri,
                   "createdAt": "2026-12-02T09:00:00.000Z",
                   "embeddingRules": [{"$type": "app.bsky.feed.postgate#disableRule"}]},
    }, access_jwt=session["accessJwt"])
    assert made.status_code == 200, made.text


def test_a_post_whose_author_turned_quotes_off_is_boosted_but_never_quoted(
        office: tuple[Run, dict[str, str], dict[str, str]], fire: Desk, pds: PdsServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run, ids, dids = office
    uri, link = warning(fire)
    turn_quotes_off(pds, fire, uri)
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("share", link, "--account", ids["personal"], "--quote",
                       "Please take care.", "--as", "Jo")
    assert code != 0
    assert f"@{fire.owner.handle} has turned off quotes of this post" in err
    assert list_records(pds, dids["personal"]) == []
    code, _, err = run("share", link, "--account", ids["personal"], "--as", "Jo")
    assert code == 0, err  # a repost is still the author's to allow
    assert reposts_of(pds, dids["personal"], uri) == 1


def test_quotes_turned_off_after_approval_void_the_approval_and_nothing_is_sent(
        office: tuple[Run, dict[str, str], dict[str, str]], fire: Desk, pds: PdsServer,
        monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    run, ids, dids = office
    uri, link = warning(fire)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", link, "--account", ids["official"], "--quote",
                         "Please take care tonight.", "--as", "Jo")
    assert code == 0, err
    draft_id = out.splitlines()[-2]
    app = build(Settings(data_dir))
    try:
        sam = app.people.get("Sam")
        app.drafts.approve(draft_id, sam, content_digest(app.drafts.get(draft_id).content))
        turn_quotes_off(pds, fire, uri)
        with pytest.raises(NotAllowedError, match="turned off quotes of it after approval"):
            app.publisher.publish(draft_id, sam)
        back = app.drafts.get(draft_id)
        assert back.state is DraftState.CHANGES_REQUESTED and back.approval is None
    finally:
        app.close()
    assert list_records(pds, dids["official"]) == []
    # The author takes the advice: the same share, as a boost, goes back for approval.
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", "--draft", draft_id, "--boost", "--as", "Jo")
    assert code == 0, err
    assert "turned off quotes of it after approval" in out  # why it came back
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("queue", "approve", draft_id, "--as", "Sam")
    assert code == 0, err
    assert reposts_of(pds, dids["official"], uri) == 1
    assert list_records(pds, dids["official"]) == []  # a repost, no quote post
    with pytest.raises(SystemExit):  # argparse's own refusal: one kind or the other
        run("share", "--draft", draft_id, "--boost", "--quote", "x", "--as", "Jo")
