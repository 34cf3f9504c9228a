"""A bilingual pair in the history: one entry per account with both texts, Welsh first, each
language's link and the gap between the two posts; in the window, in ``history`` and in
``history --json`` (whose other rows keep their shape)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, HistoryPair, Pane, PartOut, PublicationState
from safedesk.core.pair_history import gap, history_json, links_message, welsh_first
from tests.cli_support import Run
from tests.conftest import Cast
from tests.gui_support import show
from tests.pair_support import ENGLISH_TEXT, GAP, WELSH_TEXT, pair_content, publish_pair
from tests.store_family import PgFamily, record_publication, start_publishing
from tests.team_support import Team


@pytest.fixture
def pair(desk: SafeDesk, cast: Cast) -> str:
    """Jo's personal pair, out as two posts, and a post in one language beside it."""
    single = desk.drafts.create(cast.author, Pane.PERSONAL,
                                Content(text="Library opens at 9", targets=(cast.jo.id,)))
    assert desk.publisher.publish(single.id, cast.author).complete
    return publish_pair(desk, cast.author, Pane.PERSONAL, (cast.jo.id,))


def test_the_history_reads_a_pair_with_its_second_language_and_parts(
        desk: SafeDesk, cast: Cast, pair: str) -> None:
    lines = {line.draft_id: line for line, _ in desk.drafts.history_lines(cast.author)}
    paired = lines[pair].pair
    assert paired is not None and (paired.language, paired.text) == ("en", ENGLISH_TEXT)
    assert [(p.language, p.url.endswith("-en")) for p in paired.parts] == [("cy", False),
                                                                           ("en", True)]
    assert lines[pair].text == WELSH_TEXT
    assert all(line.pair is None for key, line in lines.items() if key != pair)
    entries = {e.publication.draft_id: e for e in desk.drafts.history_entries(cast.author)}
    assert entries[pair].pair is not None and entries[pair].pair.text == ENGLISH_TEXT
    assert all(e.pair is None for key, e in entries.items() if key != pair)


def test_history_lists_each_part_link_and_the_gap(
        desk: SafeDesk, cast: Cast, pair: str, data_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    run = Run(data_dir, capsys, monkeypatch)
    publication = desk.store.list_publications(draft_id=pair)[0]
    code, out, err = run("history", "--as", "Jo Author")
    assert code == 0, err
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if publication.url in line)
    assert lines[at + 1].strip() == (f"cy + en: cy: {publication.url}  en: {publication.url}-en "
                                     "(The English went out 3 seconds after the Welsh.)")

    code, out, err = run("history", "--json", "--as", "Jo Author")
    assert code == 0, err
    rows = {row["draft_id"]: row for row in json.loads(out)}
    row = rows[pair]
    assert row["text"] == WELSH_TEXT and row["url"] == publication.url  # as they always were
    assert row["translation"] == {"language": "en", "text": ENGLISH_TEXT}
    assert [(p["language"], p["url"]) for p in row["parts"]] == [
        ("cy", publication.url), ("en", f"{publication.url}-en")]
    assert row["parts_gap_seconds"] == GAP.total_seconds()
    single = next(r for key, r in rows.items() if key != pair)
    assert not {"translation", "parts", "parts_gap_seconds"} & set(single)


def test_the_history_tab_shows_a_pair_as_one_row_with_both_texts_and_links(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, pair: str) -> None:
    window = show(qtbot, desk, cast.author)
    history = window.panes[Pane.PERSONAL].history
    publication = desk.store.list_publications(draft_id=pair)[0]
    items = [history.tree.topLevelItem(i) for i in range(history.tree.topLevelItemCount())]
    item = next(i for i in items if i is not None and i.text(4).startswith("cy + en"))
    assert item.text(4) == f"cy + en: {WELSH_TEXT} / {ENGLISH_TEXT}"
    assert item.text(5) == f"{publication.url}  {publication.url}-en"
    tooltip = item.toolTip(0)
    assert f"Welsh: {WELSH_TEXT}\nEnglish: {ENGLISH_TEXT}" in tooltip
    assert "The English went out 3 seconds after the Welsh." in tooltip
    single = next(i for i in items if i is not None and i.text(4) == "Library opens at 9")
    assert single.toolTip(0) == ""
    # A row added for a post found by its link says the same.
    shown = item.text(4)
    history.tree.clear()
    history.select_publication(publication.id)
    current = history.tree.currentItem()
    assert current is not None and current.text(4) == shown
    assert current.toolTip(4) == tooltip


def test_the_teams_history_reads_a_pair_too(team: Team) -> None:
    family = PgFamily(team)
    council = family.add_official_account("council")
    jo, as_jo = family.person("Jo"), family.drafts("Jo")
    draft = as_jo.submit(as_jo.create(jo, Pane.OFFICIAL, pair_content((council.id,))).id, jo)
    draft = family.drafts("Sam").approve(draft.id, family.person("Sam"),
                                         content_digest(draft.content))
    _, pending = start_publishing(family, draft)
    out_at = datetime(2026, 11, 21, 10, 1, 30, tzinfo=UTC)
    parts = (PartOut("110001", url="https://social.example.gov.uk/@council/110001",
                     language="cy", out_at=out_at),
             PartOut("110002", url="https://social.example.gov.uk/@council/110002",
                     language="en", out_at=out_at + GAP))
    record_publication(family, replace(
        pending[0], state=PublicationState.PUBLISHED, remote_id="110001", url=parts[0].url,
        published_at=out_at, parts_out=parts), "publication.published")
    store = family.for_person("Sam")
    line = next(iter(store.history_lines(Pane.OFFICIAL)))
    assert line.pair == HistoryPair("en", ENGLISH_TEXT, parts)
    assert line.text == WELSH_TEXT
    entry = store.history(Pane.OFFICIAL)[0]
    assert entry.pair is not None and entry.pair.text == ENGLISH_TEXT


def test_a_pair_in_one_post_or_with_the_english_first_is_said_as_it_went() -> None:
    at = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    english_first = (PartOut("2", url="https://x.example/2", language="en", out_at=at),
                     PartOut("3", url="https://x.example/3", language="cy", out_at=at + GAP))
    assert str(links_message(english_first)) == (
        "cy + en: en: https://x.example/2  cy: https://x.example/3 (The Welsh went out 3 "
        "seconds after the English.)")
    assert str(links_message(())) == "cy + en: one post holding both languages"
    assert history_json(HistoryPair("cy", "Testun", ())) == {
        "translation": {"language": "cy", "text": "Testun"}, "parts": [],
        "parts_gap_seconds": None}
    assert welsh_first("English", HistoryPair("cy", "Cymraeg")) == ("Cymraeg", "English")
    # A thread's parts have no language: they are not a pair's, and say no gap.
    assert gap((PartOut("4", out_at=at), PartOut("5", out_at=at + GAP))) is None


def test_two_parts_out_in_the_same_second_are_said_to_go_together() -> None:
    from datetime import UTC, datetime, timedelta

    from safedesk.core.models import PartOut
    from safedesk.core.pair_history import gap_message

    at = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    together = (PartOut("1", language="cy", out_at=at),
                PartOut("2", language="en", out_at=at + timedelta(milliseconds=300)))
    said = gap_message(together)
    assert said is not None
    assert str(said) == "The English went out within a second of the Welsh."
    apart = (together[0], PartOut("2", language="en", out_at=at + timedelta(seconds=2)))
    assert str(gap_message(apart)) == "The English went out 2 seconds after the Welsh."
