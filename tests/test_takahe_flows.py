"""What people do with SafeDesk, on a real Mastodon-API server that was not written here:
Takahē (optional; see ``tests/takahe_support.py``). Each flow goes through the command line, in
this process, with the secrets in the real Secret Service, and is checked on the server itself
through Mastodon.py:

- a personal post, then a correction threaded under it (a reply to the original), then a
  retraction, which replies too and takes the original down;
- a long text posted with ``--thread``: the parts are replies, each to the one before, in order;
  and one made long by its links, which Takahē counts in full: too long without ``--thread``,
  before anything is sent, and a thread whose every part goes out with it;
- a post whose answer was lost, and one whose process was killed before the answer came
  (``safedesk recover``): Takahē ignores Idempotency-Key, so only looking first saves it; each
  is found and nothing goes out twice;
- an unlisted post with a content warning, kept as it was sent; no edit of it (Takahē would
  make it public), refused before the correction goes out; its correction unlisted too.

- a boost of another account's post by its link, and the boost undone (Takahē has no reblog
  statuses: its reblog endpoint answers with the boosted post itself), and a boost whose
  answer was lost recorded once; a quote, by link since Takahē has no quote posts, and its
  undoing.

Takahē names its posts ``https://HOST/...`` and resolves every link, its own too, by fetching
it over the network; here it serves plain HTTP on 127.0.0.1 and cannot fetch its own links. So
in the boost's flow a link to a post of this server is resolved by the post's id instead
(``local_links``); everything else is Takahē's own doing.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mastodon import MastodonNotFoundError

from safedesk.app import Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.corrections import ActionState
from safedesk.core.counting import mastodon_length
from safedesk.core.errors import UnsupportedError
from safedesk.core.models import Content, Pane, Role
from safedesk.core.platform import Visibility
from safedesk.platforms import mastodon_client
from safedesk.platforms.mastodon_signin import sign_in_with_token
from safedesk.platforms.mastodon_text import html_to_text
from safedesk.services.signin import mastodon_account
from tests.cli_support import Run, needs_secret_service
from tests.fault_support import SAFEDESK
from tests.servers.fake_credentials import credential_store
from tests.servers.fault_proxy import FaultProxy
from tests.takahe_support import needs_takahe, own_statuses, server_api, takahe_server
from tests.test_faults import kill

pytestmark = [needs_takahe, needs_secret_service]

STATUSES = ("POST", "/api/v1/statuses")


@pytest.fixture(scope="module")
def takahe() -> Iterator[dict[str, str]]:
    yield from takahe_server()


@pytest.fixture
def desk(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         takahe: dict[str, str]) -> tuple[Run, str]:
    """Jo's desk, with Takahē's "council" account signed in on the personal pane: (the runner,
    the account's id)."""
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    assert run("people", "add", "Jo", "--role", "admin")[0] == 0
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", takahe["MASTO_URL"], "--token-stdin",
                       stdin=takahe["MASTO_TOKEN"] + "\n")
    assert code == 0, err
    [account] = json.loads(run("accounts", "list", "--json")[1])
    return run, str(account["id"])


def tag() -> str:
    """Words no earlier run wrote: the accounts keep their posts between runs."""
    return uuid.uuid4().hex[:10]


def ferry_steps(mark: str, count: int = 15) -> str:
    """About 1,300 characters with ``count`` 15: a thread of three parts of Takahē's 500."""
    return " ".join(f"Step {n} ({mark}): the ferry timetable changes from Sunday, so check "
                    "before you travel." for n in range(1, count + 1))


def test_a_post_then_its_correction_replies_to_it_on_the_server(
        desk: tuple[Run, str], takahe: dict[str, str]) -> None:
    run, account = desk
    mark = tag()
    code, out, err = run("post", "--account", account, "--text",
                         f"Bin collection moves to Tuesday ({mark})", "--json")
    assert code == ExitCode.OK, err
    [publication] = json.loads(out)["publications"]
    assert publication["state"] == "published" and "/posts/" in publication["url"]

    code, out, err = run("correct", publication["publication_id"], "--kind", "correction",
                         "--text", f"Correction: it moves to Wednesday ({mark})", "--json")
    assert code == ExitCode.OK, err
    report = json.loads(out)
    assert report["status"] == "complete", report
    [target] = report["targets"]
    assert target["reply_state"] == "published" and target["reply_url"]

    api = server_api(takahe)
    statuses = own_statuses(api, mark)
    assert len(statuses) == 2  # the original and its correction, once each
    correction, original = statuses  # newest first
    assert "Wednesday" in correction.content and "Tuesday" in original.content
    assert str(correction.in_reply_to_id) == str(original.id)
    assert str(original.url) == publication["url"]
    assert str(correction.url) == target["reply_url"]

    # A retraction replies too, then takes the original down.
    code, out, err = run("correct", publication["publication_id"], "--kind", "retraction",
                         "--text", f"We got this wrong; please ignore it ({mark})", "--json")
    assert code == ExitCode.OK, err
    [target] = json.loads(out)["targets"]
    assert (target["reply_state"], target["action"], target["action_state"]) == (
        "published", "delete", "done")
    retraction, correction = own_statuses(api, mark)
    assert "wrong" in retraction.content and str(retraction.in_reply_to_id) == str(original.id)
    assert str(correction.in_reply_to_id) == str(original.id)
    with pytest.raises(MastodonNotFoundError):
        api.status(original.id)


def chain(statuses: list[Any]) -> list[str]:
    """The statuses' texts, oldest first, after checking that the first answers nothing and
    each next one answers the one before."""
    ordered = sorted(statuses, key=lambda s: int(s.id))
    assert ordered[0].in_reply_to_id is None
    for before, after in itertools.pairwise(ordered):
        assert str(after.in_reply_to_id) == str(before.id)
    return [html_to_text(str(s.content)) for s in ordered]


def test_a_long_text_goes_out_as_a_thread_of_replies_in_order(
        desk: tuple[Run, str], takahe: dict[str, str]) -> None:
    run, account = desk
    mark = tag()
    text = ferry_steps(mark)
    code, _, err = run("post", "--account", account, "--text", text)
    assert code == ExitCode.BAD_INPUT and "Too long for" in err
    code, out, err = run("post", "--account", account, "--text", text, "--thread", "--json")
    assert code == ExitCode.OK, err
    assert json.loads(out)["publications"][0]["state"] == "published"
    parts = chain(own_statuses(server_api(takahe), mark))
    total = len(parts)
    assert total >= 3
    assert [p.rsplit(" ", 1)[1] for p in parts] == [f"{n}/{total}" for n in range(1, total + 1)]
    assert " ".join(p.rsplit(" ", 1)[0] for p in parts) == text



def test_links_count_in_full_as_takahe_counts_them(
        desk: tuple[Run, str], takahe: dict[str, str]) -> None:
    """Takahē announces 23 characters a link, as Mastodon, but measures the status as sent: a
    text Mastodon would take whole is too long here, and its thread's parts all go out."""
    run, account = desk
    mark = tag()
    links = [f"https://www.example.gov.uk/ferry/{mark}/{n}/" + "timetable/" * 15
             for n in range(4)]
    text = "New ferry times from Monday: " + " ".join(links)
    assert mastodon_length(text) < 500 < len(text)
    code, _, err = run("post", "--account", account, "--text", text)
    assert code == ExitCode.BAD_INPUT and "Too long for" in err
    code, _, err = run("post", "--account", account, "--text", text, "--thread")
    assert code == ExitCode.OK, err
    parts = sorted(own_statuses(server_api(takahe), mark), key=lambda s: int(s.id))
    assert len(parts) == 2
    chain(parts)
    assert [link for link in links if any(link in str(s.content) for s in parts)] == links

@pytest.fixture
def proxied(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            takahe: dict[str, str]) -> Iterator[tuple[Run, str, FaultProxy]]:
    """Jo's desk with "council" signed in through a fault proxy in front of Takahē."""
    with FaultProxy(takahe["MASTO_URL"]) as proxy:
        run = Run(data_dir, capsys, monkeypatch)
        monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
        assert run("people", "add", "Jo", "--role", "admin")[0] == 0
        code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                           "--server", proxy.url, "--token-stdin",
                           stdin=takahe["MASTO_TOKEN"] + "\n")
        assert code == 0, err
        [account] = json.loads(run("accounts", "list", "--json")[1])
        yield run, str(account["id"]), proxy


@pytest.mark.parametrize("text", [
    "Swimming pool open late on Friday",
    # Takahē renders these its own way (links, mentions, tags, paragraphs, entities), so the
    # post is known by its text as the server gives it back, or by its source.
    ("Road works on the A55 & B5113, see https://www.example.gov.uk/roads/a55?from=1&to=24\n\n"
     "Thanks @jo for the photos! #Llandudno \"pier\" < 3 🎄"),
])
def test_a_lost_answer_is_looked_for_and_not_sent_twice(
        proxied: tuple[Run, str, FaultProxy], takahe: dict[str, str], text: str) -> None:
    """Takahē stores the post, and its answer never arrives: SafeDesk looks before anything
    else, finds it, and records it as published. Sent once, on the server once."""
    run, account, proxy = proxied
    mark = tag()
    proxy.on_answer(*STATUSES, relay=False)
    code, out, err = run("post", "--account", account, "--text", f"{text} ({mark})", "--json")
    assert code == ExitCode.OK, err
    [publication] = json.loads(out)["publications"]
    [status] = own_statuses(server_api(takahe), mark)
    assert publication["state"] == "published" and publication["url"] == str(status.url)
    assert proxy.count(*STATUSES) == 1


@pytest.mark.parametrize("thread", [False, True], ids=["post", "thread"])
def test_killed_before_the_answer_then_recover_finds_the_post(
        proxied: tuple[Run, str, FaultProxy], takahe: dict[str, str], data_dir: Path,
        thread: bool) -> None:
    """``safedesk post`` is killed while Takahē answers (for a thread, the last part's answer):
    the draft is left publishing. ``safedesk recover`` looks for the post first and finds it;
    the same key sent again would have made a second status here, since Takahē ignores
    Idempotency-Key. A thread's parts already answered are not sent again either."""
    _run, account, proxy = proxied
    mark = tag()
    text, parts = (ferry_steps(mark), 3) if thread else (f"Road closed at the bridge ({mark})", 1)
    running: list[subprocess.Popen[str]] = []
    if parts > 1:
        proxy.on_answer(*STATUSES, times=parts - 1)  # answered
    proxy.on_answer(*STATUSES, lambda: kill(running[0]), relay=False)
    env = {**os.environ, "SAFEDESK_PASSPHRASE": "jo-passphrase"}
    command = [SAFEDESK, "--data-dir", str(data_dir)]
    running.append(subprocess.Popen(
        [*command, "post", "--account", account, "--text", text,
         *(["--thread"] if thread else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    running[0].communicate(timeout=120)
    assert len(own_statuses(server_api(takahe), mark)) == parts  # every one reached the server
    history = subprocess.run([*command, "history", "--json"], capture_output=True, text=True,
                             env=env, timeout=120, check=True)
    assert [r["state"] for r in json.loads(history.stdout)] == ["pending"]

    recovered = subprocess.run([*command, "recover"], capture_output=True, text=True, env=env,
                               timeout=120, check=False)
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    assert "Traceback" not in recovered.stderr
    history = subprocess.run([*command, "history", "--json"], capture_output=True, text=True,
                             env=env, timeout=120, check=True)
    [row] = json.loads(history.stdout)
    statuses = own_statuses(server_api(takahe), mark)
    assert (row["state"], row["url"]) == ("published", str(statuses[-1].url))  # the first
    assert proxy.count(*STATUSES) == parts  # nothing was sent again
    if thread:
        assert [p.rsplit(" ", 1)[1] for p in chain(statuses)] == ["1/3", "2/3", "3/3"]


def test_a_warning_and_an_audience_are_kept_and_a_quiet_original_is_not_edited(
        takahe: dict[str, str], tmp_path: Path) -> None:
    """An unlisted post with a content warning, through the publishing service: Takahē stores
    both. Asked to edit the original to add a note, SafeDesk refuses before anything goes out
    (Takahē would make it public); kept, the correction goes out under it, unlisted too."""
    desk = build(Settings(tmp_path / "desk"), credentials=credential_store())
    try:
        person = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
        account = desk.signin.add(Pane.PERSONAL, mastodon_account(
            sign_in_with_token(takahe["MASTO_URL"], takahe["MASTO_TOKEN"], timeout=30)), person)
        mark = tag()
        draft = desk.drafts.create(person, Pane.PERSONAL, Content(
            text=f"The panto's ending, for those who missed it ({mark})",
            targets=(account.id,), content_warning="Panto spoilers",
            visibility=Visibility.UNLISTED))
        [published] = desk.publisher.publish(draft.id, person).publications
        api = server_api(takahe)
        [original] = own_statuses(api, mark)
        assert (original.visibility, original.spoiler_text, original.sensitive) == (
            "unlisted", "Panto spoilers", True)
        assert str(original.id) == published.remote_id

        plan = desk.corrections.prepare(published.id, "correction", person=person,
                                        text=f"Correction: the panto runs to Sunday ({mark})")
        with pytest.raises(UnsupportedError, match="makes every post it edits public"):
            desk.corrections.publish(plan, person, "edit")
        assert len(own_statuses(api, mark)) == 1  # nothing went out
        report = desk.corrections.publish(plan, person, "keep")
        [target] = report.targets
        assert (target.reply_state, target.action_state) == ("published", ActionState.DONE)
        correction, original = own_statuses(api, mark)
        assert str(correction.in_reply_to_id) == str(original.id)
        assert correction.visibility == "unlisted"
        assert (original.visibility, original.edited_at) == ("unlisted", None)
    finally:
        desk.close()


@pytest.fixture
def local_links(monkeypatch: pytest.MonkeyPatch, takahe: dict[str, str]) -> None:
    """A link to a post of this Takahē (``https://HOST/@name/posts/ID/``) resolved by its id,
    where a Takahē on the internet would fetch it from itself (see the module docstring)."""
    host = takahe["MASTO_URL"].split("://", 1)[1]
    shape = re.compile(rf"https://{re.escape(host)}/@[^/]+/posts/(\d+)/?")
    searched = mastodon_client.search_status

    def search(api: Any, address: str) -> Any:
        found = searched(api, address)
        local = shape.fullmatch(address.strip())
        return found if found is not None or local is None else api.status(local[1])

    monkeypatch.setattr(mastodon_client, "search_status", search)


@pytest.mark.usefixtures("local_links")
def test_a_boost_of_another_accounts_post_goes_out_once_and_comes_down(
        desk: tuple[Run, str], takahe: dict[str, str]) -> None:
    """Jo's Takahē account posts; council boosts it by its Takahē link, then undoes the boost:
    the boost is gone, Jo's post is not."""
    run, account = desk
    jo, council = server_api(takahe, as_jo=True), server_api(takahe)
    original = jo.status_post(f"Lost cat in Elm Street, answers to Mog ({tag()})")
    try:
        code, out, err = run("share", str(original.url), "--account", account, "--json")
        assert code == ExitCode.OK, err
        [publication] = json.loads(out)["publications"]
        assert (publication["state"], publication["url"]) == ("published", str(original.url))
        assert council.status(original.id).reblogged

        code, out, err = run("correct", publication["publication_id"], "--undo-share", "--json")
        assert code == ExitCode.OK, err
        assert [t["action_state"] for t in json.loads(out)["targets"]] == ["done"]
        assert not council.status(original.id).reblogged
        assert jo.status(original.id).reblogs_count == 0  # and Jo's post is still there
    finally:
        jo.status_delete(original.id)


@pytest.mark.usefixtures("local_links")
def test_a_quote_goes_out_by_link_and_its_undoing_deletes_it(
        desk: tuple[Run, str], takahe: dict[str, str]) -> None:
    """Takahē has no quote posts: the quote is council's words with the post's link after them,
    once; undone, that post is deleted and Jo's is not."""
    run, account = desk
    mark = tag()
    jo, council = server_api(takahe, as_jo=True), server_api(takahe)
    original = jo.status_post(f"Library quiz night on Thursday ({mark})")
    try:
        code, out, err = run("share", str(original.url), "--account", account, "--quote",
                             f"Come along, all welcome ({mark})", "--json")
        assert code == ExitCode.OK, err
        [publication] = json.loads(out)["publications"]
        [quote] = own_statuses(council, mark)
        assert publication["url"] == str(quote.url)
        text = html_to_text(str(quote.content))
        assert text.startswith("Come along") and text.endswith(str(original.url))

        code, out, err = run("correct", publication["publication_id"], "--undo-share", "--json")
        assert code == ExitCode.OK, err
        assert own_statuses(council, mark) == []
        assert jo.status(original.id).content
    finally:
        jo.status_delete(original.id)


@pytest.mark.usefixtures("local_links")
def test_a_boost_whose_answer_was_lost_is_recorded_once(
        proxied: tuple[Run, str, FaultProxy], takahe: dict[str, str]) -> None:
    """Takahē boosts, and its answer never arrives: SafeDesk reads the post again, sees it
    boosted, and records the boost without asking again (Takahē lists no reblog to find)."""
    run, account, proxy = proxied
    jo, council = server_api(takahe, as_jo=True), server_api(takahe)
    original = jo.status_post(f"Road gritting tonight from 8pm ({tag()})")
    reblog = ("POST", f"/api/v1/statuses/{original.id}/reblog")
    try:
        proxy.on_answer(*reblog, relay=False)
        code, out, err = run("share", str(original.url), "--account", account, "--json")
        assert code == ExitCode.OK, err
        assert [p["state"] for p in json.loads(out)["publications"]] == ["published"]
        assert proxy.count(*reblog) == 1
        assert council.status(original.id).reblogged
        assert jo.status(original.id).reblogs_count == 1
    finally:
        council.status_unreblog(original.id)
        jo.status_delete(original.id)
