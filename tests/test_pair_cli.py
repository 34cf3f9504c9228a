"""Bilingual pairs from the command line, on the Mastodon test server (through the real
Mastodon.py) and the reference PDS: an official pair submitted with ``post --pair-text``, shown
in both languages by ``queue show`` and ``queue list``, approved once, and published as two
top-level posts on each account, Welsh first, each with its own language and alt texts, the gap
between them recorded; an admin's ``policy pair-style`` choosing one post holding both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from safedesk.cli.console import ExitCode
from tests.bluesky_support import list_records
from tests.cli_support import Run, add_accounts, as_person, needs_secret_service, team
from tests.image_samples import png
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = needs_secret_service

WELSH = "Mae'r llyfrgell ar agor yn hwyr heno tan naw o'r gloch."
ENGLISH = "The library is open late tonight until nine o'clock."


def _digest(run: Run, draft_id: str) -> str:
    _, out, _ = run("queue", "show", draft_id)
    return next(line.split()[1] for line in out.splitlines() if line.startswith("Digest:"))


def _published_events(run: Run) -> list[dict[str, Any]]:
    as_person(run.monkeypatch, "ada-passphrase")
    code, out, err = run("audit", "export", "--format", "json")
    assert code == 0, err
    exported = json.loads(out)
    events = exported["events"] if isinstance(exported, dict) else exported
    return [e for e in events if e["action"] == "publication.published"]


def _submit_pair(run: Run, accounts: list[str], image: Path, *, welsh: str = WELSH,
                 english: str = ENGLISH, english_first: bool = False) -> str:
    """Jo submits a pair with one image, written in Welsh first (or English first)."""
    as_person(run.monkeypatch, "jo-passphrase")
    targets = [arg for account in accounts for arg in ("--account", account)]
    cy = ("cy", welsh, "Drws y llyfrgell")
    en = ("en", english, "The library door")
    (lang, text, alt), (_, pair, pair_alt) = (en, cy) if english_first else (cy, en)
    code, out, err = run("post", "--as", "Jo", *targets, "--lang", lang, "--text", text,
                         "--pair-text", pair, "--image", str(image), "--alt", alt,
                         "--pair-alt", pair_alt, "--json")
    assert code == 0, err
    return str(json.loads(out)["draft_id"])


def test_an_official_pair_goes_out_as_two_posts_on_each_account_welsh_first(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    masto_id, sky_id, did, _ = add_accounts(run, monkeypatch, mastodon, pds, "clipair")
    # The author writes English first; the organisation's default still puts Welsh first.
    draft_id = _submit_pair(run, [masto_id, sky_id], png(tmp_path / "door.png"),
                            english_first=True)

    _, listed, _ = run("queue", "list")
    assert f"[cy] {WELSH}" in listed and f"[en] {ENGLISH}" in listed
    _, shown, _ = run("queue", "show", draft_id)
    assert ENGLISH in shown and WELSH in shown
    assert "Bilingual post. Second language (Welsh):" in shown
    assert "Image door.png: alt text: 'Drws y llyfrgell'" in shown
    assert "publishes it as two posts, Welsh first." in shown

    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam",
                         "--digest", _digest(run, draft_id)[:12])
    assert code == 0, out + err

    statuses = mastodon.statuses_for("council")
    assert [(s["text"], s["language"], s["in_reply_to_id"]) for s in statuses] == [
        (WELSH, "cy", None), (ENGLISH, "en", None)]  # two top-level posts, Welsh first
    assert [[m["description"] for m in s["media_attachments"]] for s in statuses] == [
        ["Drws y llyfrgell"], ["The library door"]]
    records = sorted(list_records(pds, did), key=lambda r: r["uri"])
    assert [(r["value"]["text"], r["value"]["langs"], "reply" in r["value"]) for r in records] \
        == [(WELSH, ["cy"], False), (ENGLISH, ["en"], False)]
    assert [[i["alt"] for i in r["value"]["embed"]["images"]] for r in records] == [
        ["Drws y llyfrgell"], ["The library door"]]

    # The gap between the two languages is on record, for each account.
    pairs = [e["details"]["pair"] for e in _published_events(run)]
    assert len(pairs) == 2
    for pair in pairs:
        assert [p["language"] for p in pair["parts"]] == ["cy", "en"]
        assert all(p["out_at"] for p in pair["parts"])
        assert 0 <= pair["gap_seconds"] < 60


def test_a_pair_on_a_bad_footing_is_refused_in_words_with_exit_2(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    masto_id, sky_id, _, _ = add_accounts(run, monkeypatch, mastodon, pds, "clipairbad")
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--text", WELSH,
                       "--lang", "cy", "--pair-text", ENGLISH, "--pair-lang", "cy")
    assert code == ExitCode.BAD_INPUT
    assert "one part in Welsh (cy) and one in English (en)" in err
    code, _, err = run("post", "--as", "Jo", "--account", sky_id, "--text", WELSH,
                       "--lang", "cy", "--pair-text", "Open late. " * 30)
    assert code == ExitCode.BAD_INPUT
    assert "the English text: Too long for Bluesky" in err
    code, _, err = run("post", "--as", "Jo", "--account", masto_id, "--text", WELSH,
                       "--lang", "cy", "--pair-text", ENGLISH,
                       "--image", str(png(tmp_path / "door.png")), "--alt", "Drws")
    assert code == ExitCode.BAD_INPUT
    assert "Add the English description of each image" in err
    assert mastodon.statuses_for("council") == []


def test_the_one_post_style_and_its_fallback_to_two_posts_where_both_do_not_fit(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    masto_id, sky_id, did, _ = add_accounts(run, monkeypatch, mastodon, pds, "clipairone")
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("policy", "pair-style", masto_id, "--layout", "one_post", "--first",
                       "cy", "--as", "Jo")
    assert code != 0 and "admin" in err  # only an admin chooses
    as_person(monkeypatch, "ada-passphrase")
    for account in (masto_id, sky_id):
        code, out, err = run("policy", "pair-style", account, "--layout", "one_post",
                             "--first", "cy", "--as", "Ada")
        assert code == 0, err
        assert "one_post, cy first (was two_posts, cy first)" in out
    code, _, err = run("policy", "pair-style", masto_id, "--layout", "sideways", "--first",
                       "cy", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT and "two_posts or one_post" in err

    # About 180 characters each: both fit one Mastodon post of 500, not one Bluesky post of 300.
    welsh = (WELSH + " Dewch â'ch cerdyn llyfrgell, ac mae croeso i blant hefyd, gyda stori "
             "am saith ac ychydig o de a bisgedi wedyn.")
    english = (ENGLISH + " Bring your library card, and children are welcome too, with a story "
               "at seven and some tea and biscuits afterwards.")
    assert 160 < len(welsh) < 240 and 160 < len(english) < 240
    draft_id = _submit_pair(run, [masto_id, sky_id], png(tmp_path / "door.png"),
                            welsh=welsh, english=english)
    _, shown, _ = run("queue", "show", draft_id)
    assert "publishes it as one post holding both languages, Welsh first." in shown
    assert ("publishes it as two posts, Welsh first: both languages do not fit in one post "
            "here.") in shown

    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam",
                         "--digest", _digest(run, draft_id)[:12])
    assert code == 0, out + err
    [status] = mastodon.statuses_for("council")
    assert status["text"] == f"{welsh}\n\n{english}" and status["language"] == "cy"
    assert [m["description"] for m in status["media_attachments"]] == [
        "Drws y llyfrgell\n\nThe library door"]
    records = sorted(list_records(pds, did), key=lambda r: r["uri"])
    assert [(r["value"]["text"], r["value"]["langs"]) for r in records] == [
        (welsh, ["cy"]), (english, ["en"])]


def test_one_post_on_bluesky_is_tagged_with_both_languages(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    _, sky_id, did, _ = add_accounts(run, monkeypatch, mastodon, pds, "clipairtag")
    as_person(monkeypatch, "ada-passphrase")
    assert run("policy", "pair-style", sky_id, "--layout", "one_post", "--first", "en",
               "--as", "Ada")[0] == 0
    draft_id = _submit_pair(run, [sky_id], png(tmp_path / "door.png"))
    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("queue", "approve", draft_id, "--as", "Sam",
                         "--digest", _digest(run, draft_id)[:12])
    assert code == 0, out + err
    [record] = list_records(pds, did)
    assert record["value"]["text"] == f"{ENGLISH}\n\n{WELSH}"  # English first, as chosen
    assert record["value"]["langs"] == ["en", "cy"]
    assert record["value"]["embed"]["images"][0]["alt"] == "The library door\n\nDrws y llyfrgell"


def test_check_weighs_a_pair_before_it_is_written_sending_nothing(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    masto_id, sky_id, did, _ = add_accounts(run, monkeypatch, mastodon, pds, "clipairchk")
    as_person(monkeypatch, "ada-passphrase")
    code, _, err = run("policy", "pair-style", masto_id, "--layout", "one_post", "--first",
                       "cy", "--as", "Ada")
    assert code == 0, err
    targets = ("--account", masto_id, "--account", sky_id)

    # No --lang: the text reads as Welsh, so the second language is English.
    code, out, err = run("check", *targets, "--text", WELSH, "--pair-text", ENGLISH)
    assert code == 0, out + err
    assert "(English): " in out
    assert "publishes it as one post holding both languages, Welsh first." in out
    assert "publishes it as two posts, Welsh first." in out

    # An English text too long for Bluesky (and for one Mastodon post with the Welsh): Bluesky's
    # line is marked, the exit code says so.
    long_english = "Open late. " * 44  # 484 characters: alone it fits 500, not 300
    code, out, _ = run("check", *targets, "--text", WELSH, "--lang", "cy",
                       "--pair-text", long_english)
    assert code == ExitCode.BAD_INPUT
    [masto_line, sky_line] = [line for line in out.splitlines() if not line.startswith(" ")]
    assert masto_line.startswith("ok ") and sky_line.startswith("!! ")
    assert "(English): Too long for Bluesky" in out
    code, out, _ = run("check", *targets, "--text", WELSH, "--lang", "cy",
                       "--pair-text", long_english, "--json")
    assert code == ExitCode.BAD_INPUT
    by_account = {entry["account"]: entry for entry in json.loads(out)}
    assert by_account[masto_id]["pair"]["ok"] is True
    assert by_account[masto_id]["pair"]["publishes_as"] == (
        "two posts, Welsh first: both languages do not fit in one post here")
    assert by_account[sky_id]["pair"]["ok"] is False
    assert by_account[sky_id]["pair"]["language"] == "en"
    assert by_account[sky_id]["ok"] is True  # the Welsh text fits on its own

    # The pair's findings are the policy's too: profanity in the second language is found.
    code, out, _ = run("check", *targets, "--text", WELSH, "--lang", "cy",
                       "--pair-text", "The library is shit tonight.", "--json")
    assert any(f["field"].startswith("second") for f in json.loads(out)[0]["findings"]), out

    # The English part left in Welsh: said, as the compose box says it (a warning: exit 0).
    code, out, _ = run("check", *targets, "--text", WELSH, "--lang", "cy", "--pair-text",
                       "Mae'r llyfrgell ar agor yn hwyr heno tan naw o'r gloch, dewch draw.")
    assert code == 0
    assert "Tagged English, but it reads as Welsh" in out

    code, _, err = run("check", *targets, "--text", WELSH, "--pair-lang", "en")
    assert code == ExitCode.BAD_INPUT and "go with --pair-text" in err
    assert mastodon.statuses_for("council") == []
    assert list_records(pds, did) == []
