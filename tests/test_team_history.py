"""``safedesk history`` on a desk that joined a team: its own personal posts (this computer's
file) and the team's official ones (the server) as one list, in the history's order."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.app import Settings, build
from safedesk.core.models import Account, Content, Pane, Platform, PublicationState
from tests.cli_support import Run
from tests.conftest import FakeClock
from tests.fake_platform import FakePlatform
from tests.store_family import PgFamily, approved, record_publication, start_publishing
from tests.team_support import Team, join_desk


def test_a_team_desk_lists_its_own_history_and_the_teams_as_one(
        team: Team, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The team's: one official post out on one account at 10:01:30, still pending on another.
    family = PgFamily(team)
    council = family.add_official_account("council")
    library = family.add_official_account("library")
    _, pending = start_publishing(family, approved(family, council, library))
    by_account = {p.account_id: p for p in pending}
    official = record_publication(family, replace(
        by_account[council.id], state=PublicationState.PUBLISHED, remote_id="110001",
        url="https://social.example.gov.uk/@council/110001",
        published_at=datetime(2026, 11, 21, 10, 1, 30, tzinfo=UTC)), "publication.published")

    # Jo's own: two personal posts, which the fake server says went out at 10:01 and 10:02.
    data_dir = join_desk(team, "Jo", tmp_path / "jo", monkeypatch)
    capsys.readouterr()  # what joining said
    platforms: dict[str, FakePlatform] = {}

    def client_for(account: Account) -> FakePlatform:
        return platforms.setdefault(account.id, FakePlatform(account))

    app = build(Settings(data_dir), clock=clock, clients=client_for)
    try:
        assert app.team is not None
        jo = app.store.get_person(app.team.person_id)
        mine = app.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://social.example",
                                     "jo", owner=jo)
        for text in ("First of mine", "Second of mine"):
            draft = app.drafts.create(jo, Pane.PERSONAL, Content(text, (mine.id,)))
            assert app.publisher.publish(draft.id, jo).complete
        paged = [entry.publication.id for entry in app.drafts.history_entries(jo)]
    finally:
        app.close()

    code, out, err = Run(data_dir, capsys, monkeypatch)("history", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(row["pane"], row["text"], row["published_at"]) for row in rows] == [
        ("personal", "Second of mine", "2026-11-21T10:02:00+00:00"),
        ("official", "Bins go out on Tuesday.", "2026-11-21T10:01:30+00:00"),
        ("personal", "First of mine", "2026-11-21T10:01:00+00:00"),
        ("official", "Bins go out on Tuesday.", None),
    ]
    assert rows[1]["publication_id"] == official.id
    assert [row["publication_id"] for row in rows] == paged  # the History tab's order
    code, out, err = Run(data_dir, capsys, monkeypatch)("history", "--pane", "official",
                                                        "--json")
    assert [row["publication_id"] for row in json.loads(out)] == \
        [official.id, by_account[library.id].id]


def test_the_teams_history_is_streamed_from_a_server_side_cursor(team: Team) -> None:
    """The team's lines come from a cursor on the server, read as the listing goes, not all
    fetched first: while a listing is half read its cursor is open, and it is closed at the end."""
    family = PgFamily(team)
    council = family.add_official_account("council")
    library = family.add_official_account("library")
    start_publishing(family, approved(family, council, library, text="Bins go out on Tuesday."))
    start_publishing(family, approved(family, council, text="Library opens at nine."))
    store = family.for_person("Jo")

    def open_cursors() -> int:
        with team.database.connect() as conn:
            # The cursor's session, whose last statement declared or fetched from it.
            row = conn.execute(b"SELECT count(*) FROM pg_stat_activity "
                               b"WHERE query LIKE '%\"history\"%' AND pid <> pg_backend_pid()"
                               ).fetchone()
        return int(str(row[0])) if row else 0

    lines = store.history_lines(Pane.OFFICIAL)
    first = next(lines)
    assert open_cursors() == 1
    rest = list(lines)
    assert open_cursors() == 0
    assert [line.publication_id for line in [first, *rest]] == \
        [entry.publication.id for entry in store.history(Pane.OFFICIAL)]
    assert {line.text for line in [first, *rest]} == {"Bins go out on Tuesday.",
                                                      "Library opens at nine."}
