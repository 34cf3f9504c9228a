"""Personal accounts belong to the person who added them: two people on one data folder each
see only their own, and SafeDesk refuses the other one's posts, corrections and incidents,
through the services, the command line and the window after "Switch person"."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core import workflow
from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    Publication,
    PublicationState,
    Role,
)
from safedesk.core.platform import make_tid
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.incidents_tab import IncidentsTab
from safedesk.gui.launch import DeskWindows
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ImmediateRunner
from safedesk.storage.migrations import LATEST_VERSION, MIGRATIONS, _v8_account_owners
from safedesk.storage.sqlite_store import SqliteStore
from tests.cli_support import Run
from tests.conftest import Cast, FakeClock

SOMEONE_ELSES = "someone else's personal account"


class Pair:
    """Jo Author and Kim Approver of the usual cast, each with a personal account of their own
    and one post on it; Jo's post also has an incident (an apology)."""

    def __init__(self, desk: SafeDesk, cast: Cast) -> None:
        self.jo, self.kim = cast.author, cast.second_approver
        self.jo_account = cast.jo
        self.kim_account = desk.accounts.register(
            Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social", "kim.bsky.social",
            owner=self.kim)
        self.jo_post = _published(desk, self.jo, self.jo_account, "Jo's own thought")
        self.kim_post = _published(desk, self.kim, self.kim_account, "Kim's own thought")
        plan = desk.corrections.prepare(self.jo_post, "apology", person=self.jo)
        self.jo_incident = desk.corrections.publish(plan, self.jo).incident.id


def _published(desk: SafeDesk, person: Person, account: Account, text: str) -> str:
    draft = desk.drafts.create(person, Pane.PERSONAL, Content(text=text, targets=(account.id,)))
    assert desk.publisher.publish(draft.id, person).complete
    return draft.id


@pytest.fixture
def pair(desk: SafeDesk, cast: Cast) -> Pair:
    return Pair(desk, cast)


def personal_addresses(accounts: list[Account] | tuple[Account, ...]) -> list[str]:
    return [a.address for a in accounts if a.pane is Pane.PERSONAL]


# -- services ---------------------------------------------------------------------------------

def test_each_person_sees_only_their_own_personal_accounts(desk: SafeDesk, cast: Cast,
                                                           pair: Pair) -> None:
    assert personal_addresses(list(desk.accounts.for_person(pair.jo))) == ["@jo@mastodon.social"]
    assert personal_addresses(list(desk.accounts.for_person(pair.kim))) == ["@kim.bsky.social"]
    # Official accounts are the organisation's: everyone sees them. An admin sees no one's
    # personal account but their own (they have none here).
    for person in (pair.jo, pair.kim, cast.admin):
        official = [a for a in desk.accounts.for_person(person) if a.pane is Pane.OFFICIAL]
        assert {a.id for a in official} == {cast.council.id, cast.council_sky.id}
    assert personal_addresses(list(desk.accounts.for_person(cast.admin))) == []

    def history_texts(person: Person) -> list[str]:
        return [desk.drafts.get(p.draft_id).content.text
                for p in desk.drafts.history(person, Pane.PERSONAL)]

    assert "Kim's own thought" not in history_texts(pair.jo)
    assert history_texts(pair.kim) == ["Kim's own thought"]
    assert [r.incident.id for r in desk.incidents.recent(person=pair.jo)] == [pair.jo_incident]
    assert desk.incidents.recent(person=pair.kim) == []


def test_core_refuses_a_post_a_correction_and_an_incident_read_on_anothers_account(
        desk: SafeDesk, pair: Pair) -> None:
    # A post: neither a new draft nor publishing one already made.
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.drafts.create(pair.kim, Pane.PERSONAL,
                           Content(text="As Jo", targets=(pair.jo_account.id,)))
    unsent = desk.drafts.create(pair.jo, Pane.PERSONAL,
                                Content(text="Jo's, not sent yet", targets=(pair.jo_account.id,)))
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.publisher.publish(unsent.id, pair.kim)
    # A correction: refused before the original is even looked up, and at publishing.
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.corrections.prepare(pair.jo_post, "retraction", person=pair.kim)
    plan = desk.corrections.prepare(pair.jo_post, "retraction", person=pair.jo)
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.corrections.publish(plan, pair.kim)
    # An incident: its report, its export and a retry.
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.incidents.report(pair.jo_incident, pair.kim)
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.incidents.export(pair.jo_incident, "md", pair.kim)
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.corrections.retry(pair.jo_incident, pair.kim)
    # Nothing of Kim's reached Jo's account; Jo's own use still works.
    assert desk.incidents.report(pair.jo_incident, pair.jo).incident.id == pair.jo_incident
    assert [d.author_id for d in desk.drafts.list(Pane.PERSONAL)
            if pair.jo_account.id in d.content.targets] == [pair.jo.id] * 3


def test_no_role_lifts_it_and_an_official_account_has_no_owner(desk: SafeDesk, cast: Cast,
                                                               pair: Pair) -> None:
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.drafts.create(cast.admin, Pane.PERSONAL,
                           Content(text="Admin as Jo", targets=(pair.jo_account.id,)))
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.signin.remove(pair.jo_account.id, cast.admin)
    with pytest.raises(InvalidInputError, match="belongs to the organisation"):
        desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://x.example", "org",
                               owner=cast.admin)
    with pytest.raises(InvalidInputError, match="needs the person it belongs to"):
        desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://x.example", "who")
    # The database agrees: an owner, once set, stays.
    with pytest.raises(Exception, match="stays with the person who added it"):
        desk.store.db.execute("UPDATE accounts SET owner_id = ? WHERE id = ?",
                              [pair.kim.id, pair.jo_account.id])


def _started(desk: SafeDesk, draft_id: str, person: Person) -> DraftChange:
    """The change that starts publishing, with its pending publications, as PublishService
    makes it: applied alone, it leaves the draft as a crash right after would."""
    draft = desk.drafts.get(draft_id)
    pending = tuple(Publication(id=f"pub-{draft.id}-{a}", draft_id=draft.id, account_id=a,
                                pane=draft.pane, idempotency_key=make_tid(),
                                state=PublicationState.PENDING) for a in draft.content.targets)
    accounts = {a.id: a for a in desk.accounts.list()}
    return workflow.start_publish(draft, person, accounts, desk.clock.now(), pending)


def test_recovery_finishes_anyones_post_but_only_the_owner_settles_it(
        desk: SafeDesk, pair: Pair) -> None:
    draft = desk.drafts.create(pair.jo, Pane.PERSONAL,
                               Content(text="Cut off", targets=(pair.jo_account.id,)))
    desk.store.apply(_started(desk, draft.id, pair.jo))
    # Whoever starts SafeDesk next finishes it: a post is never left half-sent.
    report = desk.recovery.recover_interrupted(pair.kim)
    assert [r.draft.id for r in report.finished] == [draft.id]
    assert desk.drafts.get(draft.id).state is DraftState.PUBLISHED

    # An unknown one is checked only by its owner's "Check and finish", and confirmed only by
    # them.
    unknown = desk.drafts.create(pair.jo, Pane.PERSONAL,
                                 Content(text="Silent server", targets=(pair.jo_account.id,)))
    desk.store.apply(_started(desk, unknown.id, pair.jo))
    [publication] = desk.store.list_publications(draft_id=unknown.id)
    publication = replace(publication, state=PublicationState.UNKNOWN, attempts=1)
    desk.store.update_publication(publication, PendingEvent(
        pair.jo.id, "publication.unknown", publication.id, {}))
    desk.store.apply(workflow.finish_publish(desk.drafts.get(unknown.id), pair.jo,
                                             outcome=DraftState.UNKNOWN, now=desk.clock.now()))
    assert desk.recovery.recover_interrupted(pair.kim, recheck_unknown=True).finished == ()
    assert desk.drafts.get(unknown.id).state is DraftState.UNKNOWN
    assert desk.drafts.for_person(pair.kim, Pane.PERSONAL, {DraftState.UNKNOWN}) == []
    with pytest.raises(NotAllowedError, match=SOMEONE_ELSES):
        desk.recovery.confirm(publication.id, pair.kim)
    assert desk.recovery.confirm(publication.id, pair.jo).confirmed_by == pair.jo.id


# -- the command line -------------------------------------------------------------------------

def test_the_command_line_acts_as_the_person_and_shows_only_theirs(
        desk: SafeDesk, pair: Pair, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "kim-passphrase")
    code, out, _ = run("accounts", "list", "--json", "--as", "Kim Approver")
    assert code == 0
    assert [a["address"] for a in json.loads(out) if a["pane"] == "personal"] == [
        "@kim.bsky.social"]
    code, out, _ = run("history", "--pane", "personal", "--json", "--as", "Kim Approver")
    assert [row["text"] for row in json.loads(out)] == ["Kim's own thought"]
    code, out, _ = run("incidents", "list", "--json", "--as", "Kim Approver")
    assert json.loads(out) == []

    code, _, err = run("post", "--as", "Kim Approver", "--account", pair.jo_account.id,
                       "--text", "As Jo")
    assert code == ExitCode.NOT_ALLOWED and SOMEONE_ELSES in err
    code, _, err = run("correct", pair.jo_post, "--kind", "retraction", "--as", "Kim Approver")
    assert code == ExitCode.NOT_ALLOWED and SOMEONE_ELSES in err
    code, _, err = run("incidents", "export", pair.jo_incident, "--format", "md",
                       "--as", "Kim Approver")
    assert code == ExitCode.NOT_ALLOWED and SOMEONE_ELSES in err
    assert not any(d.content.text == "As Jo" for d in desk.drafts.list())

    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    code, out, _ = run("incidents", "export", pair.jo_incident, "--format", "md",
                       "--as", "Jo Author")
    assert code == 0 and "Jo's own thought" in out
    code, out, _ = run("accounts", "list", "--json", "--as", "Jo Author")
    assert [a["address"] for a in json.loads(out) if a["pane"] == "personal"] == [
        "@jo@mastodon.social"]


# -- the window, after "Switch person" ----------------------------------------------------------

def _rows(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_switch_person_shows_each_their_own_personal_pane(qtbot: QtBot, desk: SafeDesk,
                                                          pair: Pair) -> None:
    windows = DeskWindows(desk, ImmediateRunner())
    first = windows.open(pair.jo)
    qtbot.addWidget(first)
    jo_pane = first.panes[Pane.PERSONAL]
    assert any("jo@mastodon.social" in row for row in _rows(jo_pane.compose.targets))
    assert not any("kim" in row for row in _rows(jo_pane.compose.targets))

    dialog = first.switch_person()
    assert dialog is not None
    dialog.who.setCurrentIndex(dialog.who.findData("Kim Approver"))
    dialog.passphrase.setText("kim-passphrase")
    dialog.sign_in()
    second = windows.window
    assert isinstance(second, MainWindow) and second is not first
    qtbot.addWidget(second)
    pane = second.panes[Pane.PERSONAL]
    targets = _rows(pane.compose.targets)
    assert len(targets) == 1 and "kim.bsky.social" in targets[0]
    assert [row for row in _rows(pane.accounts.list) if "jo@" in row] == []
    assert any("kim.bsky.social" in row for row in _rows(pane.accounts.list))
    tree = pane.history.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    shown = " ".join(item.text(c) for item in items if item for c in range(item.columnCount()))
    assert "Kim's own thought" in shown and "Jo's own thought" not in shown

    incidents = IncidentsTab(second.session)
    qtbot.addWidget(incidents)
    assert _rows(incidents.incident_list) == ["No incidents yet."]

    # Even handed Jo's post directly, the correction dialog is refused before any look-up.
    [jo_publication] = desk.store.list_publications(draft_id=pair.jo_post)
    correction = CorrectionDialog(second.session, jo_publication.id, "retraction", second)
    qtbot.addWidget(correction)
    said = html.unescape(correction.message.text())
    assert SOMEONE_ELSES in said and "Kim Approver cannot" in said
    assert not correction.publish_button.isEnabled()


# -- the migration ------------------------------------------------------------------------------

def test_existing_personal_accounts_go_to_whoever_added_them(tmp_path: Path) -> None:
    """A database of the schema before owners, as that code wrote it: each personal account
    goes to the actor of its "account.add" event; one added by no person (a script's "setup")
    to the earliest admin; official accounts to no one."""
    path = Settings(tmp_path).database_path
    clock = FakeClock()
    before = MIGRATIONS.index(_v8_account_owners)
    old = SqliteStore(path, clock, migrate_to=before)

    def person(name: str, role: Role, added_by: str) -> Person:
        # As that schema's code wrote a person: the columns it had, and the event.
        made = Person(id=f"p-{name.lower()}", name=name, role=role, passphrase_hash="x",
                      created_at=clock.now())
        old.db.execute("INSERT INTO people (id, name, name_key, role, passphrase_hash, "
                       "created_at) VALUES (?, ?, ?, ?, 'x', ?)",
                       [made.id, name, name.lower(), role.value, made.created_at.isoformat()])
        old.record(PendingEvent(added_by, "person.add", made.id,
                                {"name": name, "role": role.value}))
        return made

    ada = person("Ada", Role.ADMIN, "setup")
    jo = person("Jo", Role.AUTHOR, ada.id)
    kim = person("Kim", Role.ADMIN, ada.id)
    for account_id, pane, handle, actor in (("jo-acc", "personal", "jo", jo.id),
                                            ("kim-acc", "personal", "kim", kim.id),
                                            ("script-acc", "personal", "old", "setup"),
                                            ("council", "official", "council", ada.id)):
        old.db.execute(
            "INSERT INTO accounts (id, pane, platform, server, handle, display_name, created_at)"
            " VALUES (?, ?, 'mastodon', 'https://m.example', ?, '', "
            "'2026-11-01T09:00:00.000000+00:00')", [account_id, pane, handle])
        old.record(PendingEvent(actor, "account.add", account_id, {"pane": pane}))
    old.close()

    new = SqliteStore(path, clock)
    try:
        assert new.schema_version == LATEST_VERSION
        owners = {a.id: a.owner_id for a in new.list_accounts()}
        assert owners == {"jo-acc": jo.id, "kim-acc": kim.id, "script-acc": ada.id,
                          "council": ""}
    finally:
        new.close()
    desk = build(Settings(tmp_path), clock=clock)
    try:
        assert personal_addresses(list(desk.accounts.for_person(jo))) == ["@jo@m.example"]
        assert sorted(personal_addresses(list(desk.accounts.for_person(ada)))) == [
            "@old@m.example"]
        assert desk.audit.verify().intact  # the backfill leaves the trail as it was
    finally:
        desk.close()


def test_a_page_of_history_holds_only_the_person_s_own_posts(desk: SafeDesk, cast: Cast) -> None:
    """History is read a page at a time; pages full of a colleague's personal posts are
    skipped, not shown and not counted."""
    from datetime import UTC, datetime, timedelta

    from safedesk.core import workflow
    from safedesk.core.models import Content
    from safedesk.core.platform import RemotePost, RemoteRef

    ada_account = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON,
                                         "https://mastodon.social", "ada", owner=cast.admin)
    accounts = {a.id: a for a in desk.accounts.list()}
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for minute in range(12):
        # Ada's posts are the newest ten; Jo's two are older than all of them.
        owner, account = (cast.author, cast.jo) if minute < 2 else (cast.admin, ada_account)
        post = RemotePost(RemoteRef(f"1{minute:03d}"), f"https://x.example/{minute}",
                          f"post {minute}", start + timedelta(minutes=minute))
        desk.store.apply(workflow.import_external(owner, Pane.PERSONAL, Content(
            f"post {minute}", (account.id,)), [(account.id, post)], accounts,
            start + timedelta(minutes=minute)))
    mine = desk.drafts.history(cast.author, Pane.PERSONAL, limit=3)
    assert [p.remote_id for p in mine] == ["1001", "1000"]
    assert len(desk.drafts.history(cast.admin, Pane.PERSONAL, limit=3)) == 3
