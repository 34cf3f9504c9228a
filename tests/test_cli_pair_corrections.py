"""``safedesk correct`` for a bilingual pair, on the Mastodon test server and the reference PDS:
both languages from the command line, and the correction threaded under each language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.digest import content_digest
from safedesk.core.models import Pane
from tests.cli_support import Run, add_accounts, as_person, team
from tests.pair_support import ENGLISH_TEXT, WELSH_TEXT, as_two_posts, pair_content
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts",
)


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


def published_pair(data_dir: Path, account_ids: tuple[str, ...]) -> dict[str, str]:
    """Jo's pair, approved by Sam and published through the real services: its publication
    ids by account id."""
    desk = build(Settings(data_dir))
    try:
        people = {p.name: p for p in desk.people.list()}
        draft = desk.drafts.create(people["Jo"], Pane.OFFICIAL, pair_content(account_ids))
        desk.drafts.submit(draft.id, people["Jo"])
        decision = desk.queue.approve(draft.id, people["Sam"], "sam-passphrase",
                                      _digest(desk, draft.id))
        assert decision.report is not None and decision.report.complete
        return {p.account_id: p.id for p in desk.store.list_publications(draft_id=draft.id)}
    finally:
        desk.close()


def _digest(desk: SafeDesk, draft_id: str) -> str:
    return content_digest(desk.drafts.get(draft_id).content)


def recorded_as_two_posts(data_dir: Path) -> None:
    """What pair publishing stores, until it is merged (see tests/pair_support.py)."""
    desk = build(Settings(data_dir))
    try:
        for publication in desk.store.list_publications():
            if not publication.parts_out:
                as_two_posts(desk, publication)
    finally:
        desk.close()


def correct(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, object],
                                                                           str]:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("correct", *args, "--as", "Jo", "--json")
    return code, json.loads(out) if out.strip() else {}, err


def preapprove(run: Run, monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    code, out, _ = run("templates", "show", "correction", "--lang", language)
    version = out.split("version ", 1)[1].split()[0]
    as_person(monkeypatch, "sam-passphrase")
    code, out, err = run("templates", "preapprove", "correction", "--lang", language,
                         "--version", version[:10], "--as", "Sam")
    assert code == 0, err


def correction_content(data_dir: Path, draft_id: str):  # type: ignore[no-untyped-def]
    desk = build(Settings(data_dir))
    try:
        return desk.drafts.get(draft_id).content
    finally:
        desk.close()


def test_correct_fills_both_languages_of_a_pair_and_it_waits_until_both_are_preapproved(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer, data_dir: Path) -> None:
    masto_id, sky_id, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "clipair")
    publications = published_pair(data_dir, (masto_id, sky_id))
    recorded_as_two_posts(data_dir)
    pub = publications[masto_id]
    welsh = ("--field", "correction=Dydd Iau yw'r diwrnod.")
    english = ("--field-en", "correction=It is Thursday.")

    code, plan, err = correct(run, monkeypatch, pub, "--kind", "correction", *welsh, *english,
                              "--dry-run")
    assert code == ExitCode.OK, err
    assert plan["language"] == "cy" and "Dydd Iau yw'r diwrnod." in str(plan["text"])
    translation = plan["translation"]
    assert isinstance(translation, dict) and translation["language"] == "en-GB"
    assert str(translation["text"]).startswith("Correction to our post of")
    assert "It is Thursday." in str(translation["text"]) and translation["missing"] == []
    assert "edit" not in plan["actions"]  # type: ignore[operator]

    as_person(monkeypatch, "jo-passphrase")
    code, shown, err = run("correct", pub, "--kind", "correction", *welsh, "--dry-run", "--as",
                           "Jo")
    assert code == ExitCode.BAD_INPUT  # the English placeholder is still unfilled
    assert "Bilingual: the Welsh, then the English." in shown
    assert "Cywiriad i'n neges" in shown and "Correction to our post of" in shown
    assert "Fill in {correction} in the English." in shown

    preapprove(run, monkeypatch, "cy")  # the Welsh alone is not enough
    code, report, err = correct(run, monkeypatch, pub, "--kind", "correction", *welsh, *english)
    assert code == ExitCode.OK, err
    assert (report["route"], report["urgent"]) == ("queued", True)
    assert "both the Welsh and the English" in str(report["queue_reason"])
    content = correction_content(data_dir, str(report["correction_draft_id"]))
    assert content.language == "cy" and content.translation is not None
    assert content.translation.language == "en"
    assert content.translation.text.startswith("Correction to our post of")

    code, own, err = correct(run, monkeypatch, pub, "--kind", "apology", "--text-en",
                             "Sorry: we got the day wrong.", "--dry-run")
    assert code == ExitCode.OK, err
    assert own["translation"]["text"] == "Sorry: we got the day wrong."  # type: ignore[index]
    assert own["translation"]["template"] is None  # type: ignore[index]


def test_english_options_on_a_post_in_one_language_are_refused(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer) -> None:
    masto_id, _sky, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "clione")
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("post", "--as", "Jo", "--account", masto_id, "--text", "Library news",
                         "--json")
    draft_id = json.loads(out)["draft_id"]
    as_person(monkeypatch, "sam-passphrase")
    assert run("queue", "approve", draft_id, "--as", "Sam")[0] == 0
    code, _, err = correct(run, monkeypatch, draft_id, "--kind", "apology", "--text-en",
                           "Sorry.", "--dry-run")
    assert code == ExitCode.BAD_INPUT and "in one language only" in err
    code, _, err = correct(run, monkeypatch, draft_id, "--kind", "correction", "--field-en",
                           "nonsense", "--dry-run")
    assert code == ExitCode.BAD_INPUT and "--field-en takes NAME=VALUE" in err


def test_a_pair_correction_threads_each_language_under_its_own_original_part(
        run: Run, monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer,
        pds: PdsServer, data_dir: Path) -> None:
    masto_id, _sky, _did, _handle = add_accounts(run, monkeypatch, mastodon, pds, "clithread")
    publications = published_pair(data_dir, (masto_id,))
    desk = build(Settings(data_dir))
    try:
        original = desk.store.get_publication(publications[masto_id])
    finally:
        desk.close()
    parts = {part.language: part for part in original.parts_out}
    assert set(parts) == {"cy", "en"}  # published as two posts by the real publisher
    preapprove(run, monkeypatch, "cy")
    preapprove(run, monkeypatch, "en-GB")
    code, report, err = correct(run, monkeypatch, original.id, "--kind", "correction",
                                "--field", "correction=Dydd Iau.", "--field-en",
                                "correction=Thursday.")
    assert code == ExitCode.OK, err
    assert (report["status"], report["route"]) == ("complete", "preapproved")
    statuses = {s["text"]: s for s in mastodon.statuses_for("council")}
    welsh_reply = next(s for text, s in statuses.items() if "Dydd Iau." in text)
    english_reply = next(s for text, s in statuses.items() if "Thursday." in text)
    assert welsh_reply["in_reply_to_id"] == parts["cy"].remote_id
    assert english_reply["in_reply_to_id"] == parts["en"].remote_id
    assert WELSH_TEXT in statuses and ENGLISH_TEXT in statuses
