"""Images of official drafts on a team: attached on the author's laptop, kept on the team server
under the SHA-256 the server computes, and fetched from there (checked by that hash) by the
approver's and the publisher's desks, whose media folders never had them."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError, StorageError
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    MediaItem,
    Pane,
    Person,
)
from safedesk.core.ports import SystemClock
from safedesk.services.drafts import DraftService
from safedesk.services.publishing import ClientFactory
from safedesk.storage.image_check import MAX_FILE_BYTES
from safedesk.team import schema
from safedesk.team.admin import init_team
from safedesk.team.desk_store import DeskStore
from safedesk.team.pg_store import PgStore
from safedesk.team.schema import TeamSchemaError
from tests.cli_support import Run, needs_secret_service
from tests.fake_platform import FakePlatform
from tests.image_samples import png, renamed_text
from tests.pg_fixtures import PgDatabase
from tests.team_support import Team, make_team, official_account

pytestmark = needs_secret_service

ALT = "The new recycling bins, blue lid and green body."


def _joined_desk(team: Team, who: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> Run:
    """A desk of its own (its own data folder and media folder) that joined the team as ``who``
    with `safedesk team join`."""
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", team.passwords[who])
    code, out, err = run("team", "join", team.url(who))
    assert code == 0, out + err
    return run


@contextlib.contextmanager
def _desk(data_dir: Path, clients: ClientFactory | None = None) -> Iterator[SafeDesk]:
    """SafeDesk as it starts in that data folder (the team it joined included)."""
    app = build(Settings(data_dir), clients=clients)
    try:
        yield app
    finally:
        app.close()


def _team_side(app: SafeDesk) -> PgStore:
    assert isinstance(app.store, DeskStore)
    return app.store.team


@pytest.fixture
def account(team: Team) -> Account:
    return official_account(team)


@pytest.fixture
def jo_desk(team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder of Jo's desk (Jo is an author), joined to the team."""
    _joined_desk(team, "Jo", tmp_path / "jo", capsys, monkeypatch)
    return tmp_path / "jo"


def _save_official(desk: SafeDesk, account: Account, item: MediaItem) -> Draft:
    return desk.drafts.create(_person(desk), Pane.OFFICIAL,
                              Content("New bins.", (account.id,), media=(item,)))


def _person(app: SafeDesk) -> Person:
    assert app.team is not None
    return app.store.get_person(app.team.person_id)


def _server_media(team: Team) -> dict[str, tuple[str, int, bytes, str]]:
    """What the server holds, as a member reads it: sha256 -> (type, size, bytes, added_by)."""
    with team.raw("Kim") as conn:
        rows = conn.execute("SELECT sha256, mime_type, size::text, bytes, added_by "
                            "FROM safedesk.media").fetchall()
    return {str(sha): (str(kind), int(str(size)), bytes(data), str(who))  # type: ignore[call-overload]
            for sha, kind, size, data, who in rows}


def test_the_publisher_sends_the_bytes_the_author_attached(
        team: Team, account: Account, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    photo = png(tmp_path / "bins.png", (120, 80), (20, 90, 200))
    attached = photo.read_bytes()
    digest = hashlib.sha256(attached).hexdigest()

    author = _joined_desk(team, "Jo", tmp_path / "jo", capsys, monkeypatch)
    code, out, err = author("post", "--account", account.id, "--text", "New bins from Monday.",
                            "--image", str(photo), "--alt", ALT)
    assert code == 0, out + err

    held = _server_media(team)
    assert set(held) == {digest}
    mime_type, size, data, added_by = held[digest]
    assert (mime_type, size, data) == ("image/png", len(attached), attached)
    assert added_by == team.store("Jo").whoami().person_id
    draft = next(iter(team.store("Sam").list_drafts(Pane.OFFICIAL)))
    assert [m.sha256 for m in draft.content.media] == [digest]
    assert draft.state is DraftState.SUBMITTED

    # The approver's desk has never seen the file, and shows it from the server's copy.
    _joined_desk(team, "Sam", tmp_path / "sam", capsys, monkeypatch)
    with _desk(tmp_path / "sam") as approver:
        assert not (tmp_path / "sam" / "media" / digest).exists()
        assert approver.media.path_for(draft.content.media[0]).read_bytes() == attached
        approver.drafts.approve(draft.id, _person(approver), content_digest(draft.content))

    # The publisher's desk, media folder empty, publishes exactly those bytes.
    _joined_desk(team, "Pub", tmp_path / "pub", capsys, monkeypatch)
    platform = FakePlatform(account)
    sent: list[bytes] = []
    platform.before_publish = lambda request: sent.extend(i.path.read_bytes()
                                                          for i in request.images)
    with _desk(tmp_path / "pub", lambda _account: platform) as publisher:
        assert not (tmp_path / "pub" / "media" / digest).exists()
        report = publisher.publisher.publish(draft.id, _person(publisher))
    assert report.draft.state is DraftState.PUBLISHED, report
    assert sent == [attached]
    assert [i.alt_text for i in platform.requests[0].images] == [ALT]
    assert (tmp_path / "pub" / "media" / digest).read_bytes() == attached


def test_a_desk_sends_only_the_images_the_server_lacks_and_never_personal_ones(
        team: Team, account: Account, jo_desk: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with _desk(jo_desk) as desk:
        jo = _person(desk)
        private = desk.media.import_file(png(tmp_path / "holiday.png", colour=(250, 0, 0)), ALT)
        desk.drafts.create(jo, Pane.PERSONAL, Content("Back on Monday.", (), media=(private,)))
        assert _server_media(team) == {}

        first = desk.media.import_file(png(tmp_path / "one.png", colour=(0, 250, 0)), ALT)
        draft = _save_official(desk, account, first)
        calls: list[str] = []
        team_side = _team_side(desk)
        real_put = team_side.put_media

        def counting_put(data: bytes, mime_type: str) -> str:
            calls.append(hashlib.sha256(data).hexdigest())
            return real_put(data, mime_type)

        monkeypatch.setattr(team_side, "put_media", counting_put)
        second = desk.media.import_file(png(tmp_path / "two.png", colour=(0, 0, 250)), ALT)
        desk.drafts.edit(draft.id, jo, Content("One and two.", (account.id,),
                                               media=(first, second, second)))
    assert calls == [second.sha256]  # the first is there already; the second goes once
    assert set(_server_media(team)) == {first.sha256, second.sha256}


def test_a_changed_file_on_the_authors_laptop_is_not_sent_under_the_attached_name(
        team: Team, account: Account, jo_desk: Path, tmp_path: Path) -> None:
    with _desk(jo_desk) as desk:
        item = desk.media.import_file(png(tmp_path / "bins.png"), ALT)
        (jo_desk / "media" / item.sha256).write_bytes(
            png(tmp_path / "other.png", colour=(1, 2, 3)).read_bytes())
        with pytest.raises(StorageError, match=r"bins\.png .* no longer the picture"):
            _save_official(desk, account, item)
    assert _server_media(team) == {}
    assert team.store("Sam").list_drafts(Pane.OFFICIAL) == []


def test_the_server_names_the_bytes_itself(team: Team, account: Account, tmp_path: Path) -> None:
    """A modified client cannot file other bytes under the hash a draft names: put_media takes
    no name, the table takes no writes, and a draft naming bytes the server lacks is refused."""
    real = png(tmp_path / "real.png", colour=(10, 10, 10)).read_bytes()
    fake = png(tmp_path / "fake.png", colour=(200, 0, 0)).read_bytes()
    real_hash = hashlib.sha256(real).hexdigest()
    with team.raw("Jo") as conn:
        planted = conn.execute("SELECT safedesk.put_media(%s, 'image/png')", [fake]).fetchone()
        assert planted is not None and planted[0] == hashlib.sha256(fake).hexdigest()
        assert planted[0] != real_hash
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.execute("SELECT safedesk.put_media(%s, %s, 'image/png')", [fake, real_hash])
        for statement in (
                "INSERT INTO safedesk.media VALUES (%s, 'image/png', 1, '\\x00', 'x', now())",
                "UPDATE safedesk.media SET sha256 = %s",
                "DELETE FROM safedesk.media WHERE sha256 <> %s"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, [real_hash])
    assert set(_server_media(team)) == {hashlib.sha256(fake).hexdigest()}

    # A client that sends no image (no media folder shared): the server refuses the draft.
    jo_store = team.store("Jo")
    jo = jo_store.get_person(jo_store.whoami().person_id)
    drafts = DraftService(jo_store, SystemClock())
    named = MediaItem(sha256=real_hash, mime_type="image/png", alt_text=ALT, filename="real.png")
    with pytest.raises(InvalidInputError, match=r"real\.png has not reached the team server"):
        drafts.create(jo, Pane.OFFICIAL, Content("Bins.", (account.id,), media=(named,)))
    # ... and an edit that adds it, whatever state the draft is in.
    draft = drafts.submit(drafts.create(jo, Pane.OFFICIAL, Content("Bins.", (account.id,))).id,
                          jo)
    with pytest.raises(InvalidInputError, match=r"real\.png has not reached the team server"):
        drafts.edit(draft.id, jo, Content("Bins.", (account.id,), media=(named,)))
    assert jo_store.get_draft(draft.id).content.media == ()

    # Sent as the bytes they are, the same draft is taken, and sending them again is no error.
    assert jo_store.put_media(real, "image/png") == real_hash
    assert jo_store.put_media(real, "image/png") == real_hash
    edited = drafts.edit(draft.id, jo, Content("Bins.", (account.id,), media=(named,)))
    assert [m.sha256 for m in edited.content.media] == [real_hash]
    assert len(_server_media(team)) == 2


def test_the_server_refuses_what_safedesk_would_not_attach(team: Team, tmp_path: Path) -> None:
    store = team.store("Jo")
    header = png(tmp_path / "small.png").read_bytes()
    at_limit = header + b"\x00" * (MAX_FILE_BYTES - len(header))
    assert store.put_media(at_limit, "image/png") == hashlib.sha256(at_limit).hexdigest()
    with pytest.raises(InvalidInputError, match=r"16\.0 MB; SafeDesk attaches images up to 16 MB"):
        store.put_media(at_limit + b"\x00", "image/png")

    text = renamed_text(tmp_path / "notes.png").read_bytes()
    with pytest.raises(InvalidInputError, match="not a PNG image"):
        store.put_media(text, "image/png")
    with pytest.raises(InvalidInputError, match="not a JPEG image"):
        store.put_media(header, "image/jpeg")
    with pytest.raises(InvalidInputError, match="PNG, JPEG, GIF and WebP images, not "
                                                "application/pdf"):
        store.put_media(b"%PDF-1.7\n", "application/pdf")
    with pytest.raises(InvalidInputError, match="empty"):
        store.put_media(b"", "image/png")
    assert set(_server_media(team)) == {hashlib.sha256(at_limit).hexdigest()}


def test_a_desk_refuses_a_server_copy_that_is_not_the_named_image(
        team: Team, account: Account, jo_desk: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with _desk(jo_desk) as desk:
        item = desk.media.import_file(png(tmp_path / "bins.png"), ALT)
        _save_official(desk, account, item)
    # Someone with the database's superuser changes the stored bytes behind SafeDesk's back.
    swapped = png(tmp_path / "swapped.png", colour=(255, 0, 0)).read_bytes()
    with psycopg.connect(team.database.superuser_dsn, autocommit=True) as conn:
        conn.execute("UPDATE safedesk.media SET bytes = %s, size = %s WHERE sha256 = %s",
                     [swapped, len(swapped), item.sha256])

    _joined_desk(team, "Pub", tmp_path / "pub", capsys, monkeypatch)
    with _desk(tmp_path / "pub") as publisher, \
            pytest.raises(StorageError, match=r"bins\.png from the team server is not the one"):
        publisher.media.path_for(item)
    assert list((tmp_path / "pub" / "media").iterdir()) == []


def test_team_init_brings_a_version_1_server_its_images(pg_database: PgDatabase,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A team set up before images were kept on the server gets them from `team init` again,
    and an edit of a draft stored before then is held to the new check."""
    with monkeypatch.context() as older:
        older.setattr(schema, "LATEST_VERSION", 1)
        team = make_team(pg_database, {"Jo": ("author", "jo-team-password"),
                                       "Pub": ("publisher", "pub-team-password")})
        account = official_account(team)
    try:
        with team.raw("Jo") as conn:
            assert conn.execute("SELECT to_regclass('safedesk.media')").fetchone() == (None,)
        with pytest.raises(TeamSchemaError, match="older"):
            team.store("Jo")
        before, after, _ = init_team(pg_database.superuser_dsn, admin_name="Ada",
                                     admin_login=team.logins["Ada"])
        assert (before, after) == (1, schema.LATEST_VERSION)
        jo_store = team.store("Jo")
        jo = jo_store.get_person(jo_store.whoami().person_id)
        drafts = DraftService(jo_store, SystemClock())
        draft = drafts.create(jo, Pane.OFFICIAL, Content("Bins.", (account.id,)))
        unknown = MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text=ALT)
        with pytest.raises(InvalidInputError, match="has not reached the team server"):
            drafts.edit(draft.id, jo, Content("Bins.", (account.id,), media=(unknown,)))
    finally:
        team.close()
