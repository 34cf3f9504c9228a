"""``safedesk share`` and ``safedesk policy watched-accounts`` through the CLI's main(), on
scripted servers (the command reads and shares through the platform adapters, replaced here by
scripted ones; the live tests drive the real servers)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.core.errors import OutcomeUnknownError
from safedesk.core.models import Account, DraftState, Pane, Platform, SharedMedia
from safedesk.core.platform import PostRequest
from tests.cli_support import Run, as_person
from tests.conftest import Cast, FakeClock
from tests.override_support import watch_terms
from tests.share_support import SharingPlatform, fire_post

PARTY = "@blue@party.example"


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> dict[str, SharingPlatform]:
    """Each account's scripted server, as the CLI's own desk opens it; each shows the fire
    service's post on its platform."""
    made: dict[str, SharingPlatform] = {}

    def open_client(account: Account, _credentials: object) -> SharingPlatform:
        if account.id not in made:
            made[account.id] = SharingPlatform(account)
            post = fire_post(account.platform)
            made[account.id].show(post, post.url, post.uri)
        return made[account.id]

    monkeypatch.setattr("safedesk.app.open_client", open_client)
    return made


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(data_dir, capsys, monkeypatch)


URL = fire_post().url


def test_a_personal_boost_shows_the_post_and_goes_out(
        cast: Cast, run: Run, servers: dict[str, SharingPlatform],
        monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", URL, "--account", cast.jo.id, "--as", "Jo Author")
    assert code == 0, err
    assert "Boost of @fire@service.example's post: https://service.example/@fire/1" in out
    assert "Written by Fire Service (@fire@service.example)" in out
    assert "The shared post's text:\nFlood warning: River Tref is rising." in out
    assert "Note: no one has shared this author's posts from a personal account" in out
    assert f"published as {cast.jo.address}" in out
    [request] = servers[cast.jo.id].requests
    assert request.share is not None and request.text == ""
    code, out, err = run("share", URL, "--account", cast.jo.id, "--quote", "Stay safe",
                         "--as", "Jo Author", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["kind"] == "quote" and document["first_share"] is False
    assert document["quotes_natively"] == {cast.jo.id: True}
    assert document["post"]["author"] == "@fire@service.example"
    assert [p["state"] for p in document["publications"]] == ["published"]


def test_an_official_share_is_submitted_with_the_checks(
        desk: SafeDesk, cast: Cast, clock: FakeClock, run: Run,
        servers: dict[str, SharingPlatform], monkeypatch: pytest.MonkeyPatch) -> None:
    today = datetime.now(UTC).astimezone().date()
    watch_terms(desk.store, cast.admin, today - timedelta(days=1), today,
                terms=("River Tref",))
    as_person(monkeypatch, "admin-passphrase")
    code, out, err = run("policy", "watched-accounts", "add", "fire@service.example",
                         "--as", "Ada Admin")
    assert code == 0, err
    assert "added watched account “fire@service.example”" in out
    code, out, _ = run("policy", "watched-accounts", "list")
    assert out.split() == ["fire@service.example"]
    picture = SharedMedia("https://service.example/flood.jpg", "Water over the bridge")
    post = fire_post()
    servers[cast.council.id] = SharingPlatform(cast.council)
    servers[cast.council.id].show(replace(post, media=(picture,)), post.url, post.uri)
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", URL, "--account", cast.council.id, "--as", "Jo Author")
    assert code == 0, err
    assert ("Shared image 1: https://service.example/flood.jpg: alt text: 'Water over the bridge'"
            in out)
    assert "never shared this author's posts from an official account before" in out
    assert "Warning: The shared post is by @fire@service.example, a watched party" in err
    assert "Warning: The shared post names “River Tref”, a watched term" in err
    draft_id = out.splitlines()[-2]
    assert "Submitted for approval" in out.splitlines()[-1]
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    assert not servers[cast.council.id].requests


def test_watched_accounts_are_for_admins(
        cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("policy", "watched-accounts", "add", PARTY, "--as", "Jo Author")
    assert code == ExitCode.NOT_ALLOWED, err
    as_person(monkeypatch, "admin-passphrase")
    code, _, err = run("policy", "watched-accounts", "remove", PARTY, "--as", "Ada Admin")
    assert code == ExitCode.BAD_INPUT and "is not one of the watched accounts" in err


def test_bad_input_exits_2(cast: Cast, run: Run, servers: dict[str, SharingPlatform],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("share", URL, "--account", cast.council.id, "--account",
                       cast.council_sky.id, "--as", "Jo Author")
    assert code == ExitCode.BAD_INPUT == 2
    assert "is on Bluesky, and the shared post is on Mastodon" in err
    code, _, err = run("share", URL, "--account", cast.jo.id, "--quote", " ", "--as",
                       "Jo Author")
    assert code == 2 and "needs your own words" in err
    assert not any(s.requests for s in servers.values())


def test_a_share_undone_is_never_sent_again(
        desk: SafeDesk, cast: Cast, run: Run, servers: dict[str, SharingPlatform],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Jo's boost went out on one account and no one could tell on the other; Jo undoes it.
    Checking or sending the unknown one again must not put a live share outside the undo."""
    second = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social",
                                    "jo_too", owner=cast.author)
    post = fire_post()
    servers[second.id] = SharingPlatform(second)
    servers[second.id].show(post, post.url, post.uri)

    def silent(_request: PostRequest) -> None:
        raise OutcomeUnknownError("the server did not answer")

    servers[second.id].before_publish = silent
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", URL, "--account", cast.jo.id, "--account", second.id,
                         "--as", "Jo Author", "--json")
    assert code == ExitCode.FAILED, err
    states = {p["account"]: (p["publication_id"], p["state"])
              for p in json.loads(out)["publications"]}
    assert states[cast.jo.id][1] == "published" and states[second.id][1] == "unknown"
    code, _, err = run("correct", states[cast.jo.id][0], "--undo-share", "--as", "Jo Author")
    assert code == 0, err
    servers[second.id].before_publish = None  # the server answers again
    sent = len(servers[second.id].requests)

    code, _, err = run("recover", "--send-again", states[second.id][0], "--as", "Jo Author")
    assert code == ExitCode.NOT_ALLOWED
    assert "This share was undone, so SafeDesk will not send it again." in err
    code, out, err = run("recover", "--as", "Jo Author")
    assert "left as it is: This share was undone" in out, err
    assert len(servers[second.id].requests) == sent and not servers[second.id].posts


SHARED_BY_MISTAKE = ("I shared a post by Fire Service that I should not have shared, and I have "
                     "removed my share.")


@pytest.mark.parametrize(("language", "words"), [
    ("en-GB", SHARED_BY_MISTAKE),
    ("cy", "Fe wnes i rannu neges gan Fire Service na ddylwn fod wedi'i rhannu")])
def test_the_apology_for_a_share_says_whose_post_was_shared(
        cast: Cast, run: Run, servers: dict[str, SharingPlatform],
        monkeypatch: pytest.MonkeyPatch, language: str, words: str) -> None:
    """The account did not write the post it boosted: its apology says so, never "my post"."""
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("share", URL, "--account", cast.jo.id, "--as", "Jo Author", "--json")
    assert code == 0, err
    [boost] = json.loads(out)["publications"]
    code, _, err = run("correct", boost["publication_id"], "--undo-share", "--kind", "apology",
                       "--lang", language, "--as", "Jo Author")
    assert code == 0, err
    [apology] = [r for r in servers[cast.jo.id].requests if r.share is None]
    assert words in apology.text
    assert "post of" not in apology.text and "fy neges ar" not in apology.text
    assert servers[cast.jo.id].deleted  # and the boost is undone


def test_an_author_without_a_display_name_is_named_but_never_mentioned(
        cast: Cast, run: Run, servers: dict[str, SharingPlatform],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A mention would notify the person whose post was shared: the apology names the address
    without its "@"."""
    as_person(monkeypatch, "jo-passphrase")
    nameless = replace(fire_post(), author_name="")
    servers[cast.jo.id] = SharingPlatform(cast.jo)
    servers[cast.jo.id].show(nameless, nameless.url, nameless.uri)
    code, out, err = run("share", URL, "--account", cast.jo.id, "--as", "Jo Author", "--json")
    assert code == 0, err
    [boost] = json.loads(out)["publications"]
    code, _, err = run("correct", boost["publication_id"], "--undo-share", "--kind", "apology",
                       "--as", "Jo Author")
    assert code == 0, err
    [apology] = [r for r in servers[cast.jo.id].requests if r.share is None]
    assert "a post by fire@service.example that" in apology.text
    assert "@fire@service.example" not in apology.text
