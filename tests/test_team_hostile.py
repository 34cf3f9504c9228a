"""A modified client: each person's own database login sending raw SQL, and the server saying no.

Every refusal here comes from PostgreSQL itself (a privilege it does not grant, or one of the
rules in ``safedesk/team/sql``), never from SafeDesk's Python. After each refusal the test reads
every table as the superuser and checks that nothing moved, and that the audit chain still
verifies.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, cast

import psycopg
import pytest
from psycopg.types.json import Jsonb

from safedesk.core.audit import event_hash
from safedesk.core.digest import content_digest
from safedesk.core.models import Account, Content, Pane, Platform
from safedesk.core.ports import SystemClock
from safedesk.core.workflow import PendingEvent
from safedesk.services.audit import AuditService
from safedesk.services.drafts import DraftService
from safedesk.storage import codec
from tests.team_support import Team

Raw = psycopg.Connection[tuple[Any, ...]]
TABLES = ("people", "grants", "accounts", "drafts", "approvals", "draft_targets", "publications",
          "templates", "template_preapprovals", "incidents", "incident_targets", "audit_events",
          "audit_head", "publishers")
ACCOUNT = "council-bsky"


# -- helpers -------------------------------------------------------------------------------------

def everything(team: Team) -> dict[str, list[Any]]:
    """Every row of every team table, as the superuser sees it."""
    with team.database.connect() as conn:
        return {table: conn.execute(
            f"SELECT to_jsonb(t)::text FROM safedesk.{table} t ORDER BY 1").fetchall()
            for table in TABLES}


def assert_chain_intact(team: Team) -> None:
    report = AuditService(team.store("Ada")).verify()
    assert report.intact, str(report)


def refused(conn: Raw, query: str, params: tuple[Any, ...] = (), *, sqlstate: str) -> str:
    """Run ``query`` and expect the server to refuse it with ``sqlstate``; its message back."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(query.encode(), params)
    assert caught.value.sqlstate == sqlstate, f"{query}: {caught.value}"
    return str(caught.value)


def person_id(conn: Raw) -> str:
    row = conn.execute("SELECT person_id FROM safedesk.whoami()").fetchone()
    assert row is not None
    return str(row[0])


def stored(team: Team, draft_id: str) -> dict[str, Any]:
    with team.database.connect() as conn:
        row = conn.execute("SELECT to_jsonb(d) FROM safedesk.drafts d WHERE id = %s",
                           (draft_id,)).fetchone()
    assert row is not None
    return dict(cast(dict[str, Any], row[0]))


def live_approvals(team: Team, draft_id: str) -> list[Any]:
    with team.database.connect() as conn:
        return conn.execute("SELECT approver_id, digest, version FROM safedesk.approvals "
                            "WHERE draft_id = %s AND voided_at IS NULL", (draft_id,)).fetchall()


def content_of(text: str) -> dict[str, Any]:
    """Draft content in the shape the desk sends it."""
    return cast(dict[str, Any], json.loads(codec.content_json(Content(text, (ACCOUNT,)))))


def change(conn: Raw, draft: dict[str, Any], action: str, *, content: dict[str, Any] | None = None,
           state: str | None = None, digest: str | None = None, version: int | None = None,
           note: str = "", publications: list[dict[str, str]] | None = None) -> None:
    """safedesk.change_draft as a modified client calls it, with whatever it likes in the row."""
    row: dict[str, Any] = {"id": draft["id"], "pane": "official",
                           "content": content if content is not None else draft["content"],
                           "decision_note": note, "urgent": 0, "approval": None}
    if state is not None:
        row["state"] = state
    if action == "approve":
        row["approval"] = {"id": str(uuid.uuid4()), "approver_id": person_id(conn),
                           "digest": digest if digest is not None else draft["digest"],
                           "comment": "", "flag": ""}
    conn.execute("SELECT safedesk.change_draft(%s, %s, %s, %s, %s)",
                 (Jsonb(row), draft["version"] if version is None else version, action,
                  Jsonb({}), Jsonb(publications or [])))


def official_account(team: Team) -> None:
    account = Account(id=ACCOUNT, pane=Pane.OFFICIAL, platform=Platform.BLUESKY,
                      server="https://bsky.example", handle="council.example",
                      display_name="Council", created_at=datetime.now(UTC))
    team.store("Pub").add_account(account, PendingEvent("ignored", "account.add", account.id,
                                                        {"address": account.address}))


def submitted_draft(team: Team, text: str = "Bins go out on Tuesday.",
                    author: str = "Jo") -> dict[str, Any]:
    """A draft its author wrote and submitted through the ordinary desk code."""
    store = team.store(author)
    service = DraftService(store, SystemClock())
    person = store.get_person(store.whoami().person_id)
    draft = service.submit(service.create(person, Pane.OFFICIAL, Content(text, (ACCOUNT,))).id,
                           person)
    return stored(team, draft.id)


def approved_draft(team: Team, text: str = "Library opens at 9.") -> dict[str, Any]:
    draft = submitted_draft(team, text)
    with team.raw("Sam") as sam:
        change(sam, draft, "approve")
    return stored(team, draft["id"])


def unchanged(team: Team, attempt: Callable[[], object]) -> object:
    """``attempt`` (which asserts its own refusal) leaves every row as it was."""
    before = everything(team)
    outcome = attempt()
    assert everything(team) == before
    return outcome


# -- approving -----------------------------------------------------------------------------------

def test_only_a_distinct_approver_of_the_current_content_approves(team: Team) -> None:
    official_account(team)
    draft = submitted_draft(team)
    ada_draft = submitted_draft(team, "Council meets on Monday.", author="Ada")
    with team.raw("Jo") as jo, team.raw("Sam") as sam, team.raw("Kim") as kim, \
            team.raw("Ada") as ada, team.raw("Pub") as pub:
        # The author, whatever their client sends.
        unchanged(team, lambda: refused(jo, "SELECT safedesk.change_draft(%s, %s, 'approve', "
                                            "'{}', '[]')", (Jsonb({
                                                "id": draft["id"], "state": "approved",
                                                "approval": {"id": "a1", "digest": draft["digest"],
                                                             "approver_id": person_id(sam)}}),
                                                draft["version"]), sqlstate="SD403"))
        # The publisher's login is an author's: it publishes, it never approves.
        unchanged(team, lambda: refused(pub, "SELECT safedesk.change_draft(%s, %s, 'approve', "
                                             "'{}', '[]')", (Jsonb({
                                                 "id": draft["id"], "approval": {
                                                     "id": "a2", "digest": draft["digest"]}}),
                                                 draft["version"]), sqlstate="SD403"))
        # An admin who wrote the post is its author too.
        before = everything(team)
        with pytest.raises(psycopg.Error) as by_author:
            change(ada, ada_draft, "approve")
        assert by_author.value.sqlstate == "SD410"
        assert everything(team) == before

        # An approver who edited it since submission.
        edited = content_of("Bins go out on Wednesday.")
        change(sam, draft, "edit", content=edited)
        draft = stored(team, draft["id"])
        assert draft["content"] == edited and draft["state"] == "submitted"
        before = everything(team)
        with pytest.raises(psycopg.Error) as by_editor:
            change(sam, draft, "approve")
        assert by_editor.value.sqlstate == "SD410"

        # Kim may approve, but only what is stored now, at the version it is now.
        old_digest = content_digest(Content("Bins go out on Tuesday.", (ACCOUNT,)))
        with pytest.raises(psycopg.Error) as stale_digest:
            change(kim, draft, "approve", digest=old_digest)
        assert stale_digest.value.sqlstate == "SD409"
        with pytest.raises(psycopg.Error) as stale_version:
            change(kim, draft, "approve", version=draft["version"] - 1)
        assert stale_version.value.sqlstate == "SD409"
        with pytest.raises(psycopg.Error) as no_digest:
            change(kim, draft, "approve", digest="")
        assert no_digest.value.sqlstate == "SD409"
        # Nor can a client name a state the lifecycle does not lead to.
        with pytest.raises(psycopg.Error) as wrong_state:
            change(kim, draft, "approve", state="published")
        assert wrong_state.value.sqlstate == "SD423"
        assert everything(team) == before

        change(kim, draft, "approve")
        assert live_approvals(team, draft["id"]) == [(person_id(kim), draft["digest"],
                                                      draft["version"] + 1)]
        assert stored(team, draft["id"])["state"] == "approved"
        # The same approval a second time is a transition that already happened.
        again = stored(team, draft["id"])
        with pytest.raises(psycopg.Error) as twice:
            change(kim, again, "approve")
        assert twice.value.sqlstate == "SD423"
        assert len(live_approvals(team, draft["id"])) == 1
    assert_chain_intact(team)


def _wait_until_blocked(team: Team, login: str) -> None:
    """Until ``login``'s statement waits for a row lock another transaction holds."""
    deadline = time.monotonic() + 10
    with team.database.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s "
                                   "AND wait_event_type = 'Lock'", (login,)).fetchone()
            if waiting and waiting[0]:
                return
            time.sleep(0.02)
    raise AssertionError(f"{login} never waited for the lock")


def test_two_approvals_at_once_make_one(team: Team) -> None:
    official_account(team)
    draft = submitted_draft(team)
    errors: list[psycopg.Error] = []

    def kim_approves() -> None:
        with team.raw("Kim") as kim:
            try:
                change(kim, draft, "approve")
            except psycopg.Error as error:
                errors.append(error)

    with team.raw("Sam") as sam:
        with sam.transaction():
            change(sam, draft, "approve")
            kim = threading.Thread(target=kim_approves)
            kim.start()
            _wait_until_blocked(team, team.logins["Kim"])
        kim.join(10)
        assert [e.sqlstate for e in errors] == ["SD409"]
        assert live_approvals(team, draft["id"]) == [(person_id(sam), draft["digest"],
                                                      draft["version"] + 1)]
        with team.database.connect() as conn:
            counted = conn.execute("SELECT count(*) FROM safedesk.approvals").fetchone()
            approvals = conn.execute("SELECT count(*) FROM safedesk.audit_events "
                                     "WHERE action = 'draft.approve'").fetchone()
        assert counted == (1,) and approvals == (1,)
    assert_chain_intact(team)


# -- editing -------------------------------------------------------------------------------------

def test_an_edit_voids_the_approval_and_nothing_else_changes_content(team: Team) -> None:
    official_account(team)
    draft = approved_draft(team)
    approved_content, approved_digest = draft["content"], draft["digest"]
    with team.raw("Jo") as jo, team.raw("Kim") as kim, team.raw("Pub") as pub:
        # An edit that claims to keep the post approved is refused...
        before = everything(team)
        with pytest.raises(psycopg.Error) as kept:
            change(jo, draft, "edit", content=content_of("Library opens at 10."),
                   state="approved")
        assert kept.value.sqlstate == "SD423"
        assert everything(team) == before
        # ...but the author may edit an approved post; the approval is then void.
        change(jo, draft, "edit", content=content_of("Library opens at 10."))
        draft = stored(team, draft["id"])
        assert draft["state"] == "submitted"
        assert draft["digest"] == content_digest(Content("Library opens at 10.", (ACCOUNT,)))
        assert live_approvals(team, draft["id"]) == []
        with team.database.connect() as conn:
            voided = conn.execute("SELECT voided_at IS NOT NULL, digest FROM safedesk.approvals "
                                  "WHERE draft_id = %s", (draft["id"],)).fetchall()
        assert voided == [(True, approved_digest)]
        assert approved_content != draft["content"]

        # Every other action keeps the stored content, whatever content the client sends.
        sneaked = content_of("Library closed for ever.")
        kept_content, kept_digest = draft["content"], draft["digest"]
        steps: list[tuple[Raw, str, str]] = [
            (jo, "withdraw", "draft"), (jo, "submit", "submitted"),
            (kim, "request_changes", "changes_requested"), (jo, "submit", "submitted"),
            (kim, "approve", "approved"), (pub, "start_publish", "publishing"),
            (pub, "publish_succeeded", "published")]
        for conn, action, state in steps:
            change(conn, draft, action, content=sneaked, note="Please check the times.",
                   publications=[{"id": str(uuid.uuid4()), "account_id": ACCOUNT,
                                  "idempotency_key": str(uuid.uuid4())}]
                   if action == "start_publish" else None)
            draft = stored(team, draft["id"])
            assert (draft["state"], draft["content"], draft["digest"]) == \
                (state, kept_content, kept_digest), action
        # An approval claiming the sneaked content's digest is refused (checked before approve).
        assert live_approvals(team, draft["id"])[0][1] == kept_digest
    assert_chain_intact(team)


def test_an_approval_for_other_content_is_refused(team: Team) -> None:
    official_account(team)
    draft = submitted_draft(team)
    sneaked = content_of("Something else entirely.")
    with team.raw("Kim") as kim:
        before = everything(team)
        with pytest.raises(psycopg.Error) as caught:
            change(kim, draft, "approve", content=sneaked,
                   digest=content_digest(Content("Something else entirely.", (ACCOUNT,))))
        assert caught.value.sqlstate == "SD409"
        assert everything(team) == before


# -- tables --------------------------------------------------------------------------------------

DIRECT_WRITES = (
    ("INSERT INTO safedesk.approvals (id, draft_id, approver_id, digest, version, approved_at) "
    "SELECT 'forged', id, author_id, digest, version, now() FROM safedesk.drafts"),
    ("INSERT INTO safedesk.drafts (id, pane, author_id, content, digest, state, version, editors, "
    "last_editor_id, created_at, updated_at) SELECT 'forged', 'official', id, '{}', '', "
    "'approved', 1, '[]', id, now(), now() FROM safedesk.people"),
    ("INSERT INTO safedesk.publications (id, draft_id, account_id, pane, idempotency_key, state) "
    "SELECT 'forged', id, %(account)s, 'official', 'forged', 'published' FROM safedesk.drafts"),
    ("INSERT INTO safedesk.audit_events VALUES (999, now(), 'x', 'draft.approve', 'x', '{}', "
    "'0', '0')"),
    "UPDATE safedesk.audit_events SET actor = 'someone else'",
    "DELETE FROM safedesk.audit_events WHERE seq > 1",
    "TRUNCATE safedesk.audit_events",
    "UPDATE safedesk.audit_head SET count = 0",
    "UPDATE safedesk.drafts SET state = 'approved'",
    "UPDATE safedesk.drafts SET content = jsonb_set(content, '{text}', '\"forged\"')",
    "DELETE FROM safedesk.drafts",
    "TRUNCATE safedesk.drafts CASCADE",
    "UPDATE safedesk.approvals SET voided_at = NULL",
    "UPDATE safedesk.people SET role = 'admin'",
    ("INSERT INTO safedesk.grants SELECT 'forged', id, 'admin', id, now(), 0, id, now() "
    "FROM safedesk.people"),
    "DELETE FROM safedesk.grants",
    "SELECT * FROM safedesk.drafts FOR UPDATE",
    "LOCK TABLE safedesk.audit_head IN EXCLUSIVE MODE",
)


def test_no_login_writes_a_table(team: Team) -> None:
    official_account(team)
    approved_draft(team)
    before = everything(team)
    for who in ("Jo", "Sam", "Ada", "Pub"):
        with team.raw(who) as conn:
            for statement in DIRECT_WRITES:
                with conn.transaction():  # LOCK needs one; the rest run alone as before
                    refused(conn, statement.replace("%(account)s", f"'{ACCOUNT}'"),
                            sqlstate="42501")
    # Even the schema's owner (here the superuser who ran team init) cannot rewrite the trail.
    with team.database.connect() as owner:
        for statement in ("UPDATE safedesk.audit_events SET actor = 'x'",
                          "DELETE FROM safedesk.audit_events", "TRUNCATE safedesk.audit_events"):
            refused(owner, statement, sqlstate="42501")
    assert everything(team) == before
    assert_chain_intact(team)


def test_internal_functions_and_new_objects_are_refused(team: Team) -> None:
    official_account(team)
    draft = approved_draft(team)
    internal = (
        "SELECT safedesk.append_event('forged', 'draft.approve', 'x', '{}')",
        f"SELECT safedesk.void_live_approval('{draft['id']}', now())",
        f"SELECT safedesk.store_targets('{draft['id']}', '{{\"targets\": []}}')",
        "SELECT safedesk.me()",
        "SELECT safedesk.announce('draft', 'x')",
        "SELECT safedesk.check_second_person(NULL::safedesk.people, NULL::safedesk.drafts)",
        "SELECT safedesk.require_admin(NULL::safedesk.people, 'x')",
        "SELECT safedesk.described('{}')",
        "CREATE FUNCTION safedesk.me() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE FUNCTION safedesk.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE TABLE safedesk.evil (x int)",
        "CREATE VIEW safedesk.evil AS SELECT 1",
        "ALTER FUNCTION safedesk.content_digest(jsonb) SECURITY INVOKER",
        "ALTER TABLE safedesk.audit_events DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_events_append_only ON safedesk.audit_events",
    )
    before = everything(team)
    for who in ("Jo", "Sam", "Ada", "Pub"):
        with team.raw(who) as conn:
            for statement in internal:
                refused(conn, statement, sqlstate="42501")
    assert everything(team) == before
    assert stored(team, draft["id"])["state"] == "approved"
    assert_chain_intact(team)


# -- roles and people ----------------------------------------------------------------------------

def test_no_one_grants_themselves_a_role(team: Team) -> None:
    before = everything(team)
    for who in ("Jo", "Sam", "Ada"):
        me = team.logins[who]
        with team.raw(who) as conn:
            for statement in (f'GRANT safedesk_approver TO "{me}"',
                              f'GRANT safedesk_admin TO "{me}"',
                              f'GRANT safedesk_publisher TO "{me}"',
                              f'GRANT safedesk_owner TO "{me}"',
                              "SET ROLE safedesk_publisher", "SET ROLE safedesk_owner",
                              f'SET SESSION AUTHORIZATION "{team.logins["Pub"]}"',
                              f'ALTER ROLE "{me}" CREATEROLE', f'ALTER ROLE "{me}" SUPERUSER',
                              f'ALTER ROLE "{me}" BYPASSRLS', "CREATE ROLE evil LOGIN"):
                refused(conn, statement, sqlstate="42501")
            roles = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'safedesk\\_%%' "
                                 "AND pg_has_role(session_user, oid, 'MEMBER') "
                                 "ORDER BY 1").fetchall()
        expected = {"Jo": "safedesk_author", "Sam": "safedesk_approver", "Ada": "safedesk_admin"}
        assert roles == sorted([(expected[who],), ("safedesk_member",)])

    with team.raw("Ada") as ada, team.raw("Jo") as jo:
        taken = team.logins["Jo"]
        assert "already exists" in refused(
            ada, "SELECT safedesk.create_login(%s, 'admin', NULL)", (taken,), sqlstate="SD422")
        refused(ada, "SELECT safedesk.create_login('safedesk_owner', 'admin', NULL)",
                sqlstate="SD422")
        refused(ada, "SELECT safedesk.create_login(%s, 'owner', NULL)",
                (team.database.role_name("owner"),), sqlstate="SD422")
        refused(ada, "SELECT safedesk.create_login(%s, 'author', 'plain-password')",
                (team.database.role_name("plain"),), sqlstate="SD422")
        new_login = team.database.role_name("evil")
        refused(jo, "SELECT safedesk.create_login(%s, 'admin', NULL)", (new_login,),
                sqlstate="SD403")
        assert jo.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                          (new_login,)).fetchone() == (0,)
        # The people table: no one raises or confirms themselves.
        refused(jo, "SELECT safedesk.change_person(%s, 'role', 'admin', '{}')",
                (person_id(jo),), sqlstate="SD403")
        refused(ada, "SELECT safedesk.change_person(%s, 'role', 'author', '{}')",
                (person_id(ada),), sqlstate="SD403")
    assert everything(team) == before
    assert_chain_intact(team)


def test_an_appointment_waits_for_a_second_admin(team: Team) -> None:
    official_account(team)
    draft = submitted_draft(team)
    with team.raw("Ada") as ada, team.raw("Sam") as sam, team.raw("Kim") as kim:
        sam_id, kim_id = person_id(sam), person_id(kim)
        # Ada alone appoints Sam admin: the only admin, so it takes effect, marked alone.
        ada.execute("SELECT safedesk.change_person(%s, 'role', 'admin', '{}')", (sam_id,))
        before = everything(team)
        assert "second admin" in refused(
            sam, "SELECT safedesk.change_person(%s, 'confirm', '', '{}')", (sam_id,),
            sqlstate="SD403")
        refused(ada, "SELECT safedesk.change_person(%s, 'confirm', '', '{}')", (sam_id,),
                sqlstate="SD403")
        assert everything(team) == before
        # With two admins, Kim's lone appointment needs confirming before Kim approves again.
        with pytest.raises(psycopg.Error) as unconfirmed:
            change(kim, draft, "approve")
        assert unconfirmed.value.sqlstate == "SD403"
        assert everything(team) == before
        # And a new appointment does not take effect on one admin's word.
        ada.execute("SELECT safedesk.change_person(%s, 'role', 'author', '{}')", (kim_id,))
        ada.execute("SELECT safedesk.change_person(%s, 'role', 'approver', '{}')", (kim_id,))
        assert kim.execute("SELECT role FROM safedesk.whoami()").fetchone() == ("author",)
        with pytest.raises(psycopg.Error) as pending:
            change(kim, draft, "approve")
        assert pending.value.sqlstate == "SD403"
        sam.execute("SELECT safedesk.change_person(%s, 'confirm', '', '{}')", (kim_id,))
        assert kim.execute("SELECT role FROM safedesk.whoami()").fetchone() == ("approver",)
        change(kim, draft, "approve")
        assert stored(team, draft["id"])["state"] == "approved"
    assert_chain_intact(team)


# -- publishing ----------------------------------------------------------------------------------

def test_only_the_publisher_publishes_or_adds_accounts(team: Team) -> None:
    official_account(team)
    draft = approved_draft(team)
    publication = {"id": "pub-1", "account_id": ACCOUNT, "idempotency_key": "key-1"}
    account = {"id": "other", "pane": "official", "platform": "mastodon",
               "server": "https://m.example", "handle": "council@m.example"}
    before = everything(team)
    for who in ("Jo", "Sam", "Ada"):
        with team.raw(who) as conn:
            with pytest.raises(psycopg.Error) as start:
                change(conn, draft, "start_publish", publications=[publication])
            assert start.value.sqlstate == "SD403"
            for query, params in (
                    ("SELECT safedesk.add_account(%s, '{}')", (Jsonb(account),)),
                    ("SELECT safedesk.update_account(%s, '{}')",
                     (Jsonb({"id": ACCOUNT, "handle": "evil.example"}),)),
                    ("SELECT safedesk.remove_account(%s, '{}')", (ACCOUNT,)),
                    ("SELECT safedesk.beat('laptop')", ())):
                refused(conn, query, params, sqlstate="SD403")
    assert everything(team) == before

    with team.raw("Pub") as pub:
        change(pub, draft, "start_publish", publications=[publication])
    draft = stored(team, draft["id"])
    before = everything(team)
    for who in ("Jo", "Sam", "Ada"):
        with team.raw(who) as conn:
            for action in ("publish_succeeded", "publish_failed", "publish_unknown"):
                with pytest.raises(psycopg.Error) as finish:
                    change(conn, draft, action)
                assert finish.value.sqlstate == "SD403", action
            refused(conn, "SELECT safedesk.update_publication(%s, 'publication.sent', '{}')",
                    (Jsonb({**publication, "state": "published", "remote_id": "forged"}),),
                    sqlstate="SD403")
    assert everything(team) == before
    assert_chain_intact(team)


# -- credentials ---------------------------------------------------------------------------------

def test_there_are_no_official_credentials_to_read(team: Team) -> None:
    official_account(team)
    with team.raw("Jo") as jo:
        columns = jo.execute(
            "SELECT table_name || '.' || column_name FROM information_schema.columns "
            "WHERE table_schema = 'safedesk' AND column_name ~* "
            "'token|secret|passw|passphrase|credential|private|cookie|session' ORDER BY 1").fetchall()
        # The desk's own passphrase fields, unused in team mode (the login's password is the
        # database's): nothing of the official accounts at all.
        assert columns == [("people.passphrase_hash",), ("people.passphrase_reset",)]
        hashes = jo.execute("SELECT DISTINCT passphrase_hash FROM safedesk.people").fetchall()
        assert hashes == [("",)]
        for table in ("pg_authid", "pg_shadow", "pg_user_mapping"):
            refused(jo, f"SELECT * FROM pg_catalog.{table}", sqlstate="42501")
        assert jo.execute("SELECT DISTINCT rolpassword FROM pg_roles").fetchall() == \
            [("********",)]


# -- the audit trail -----------------------------------------------------------------------------

def test_the_server_chains_every_event_and_names_the_caller(team: Team) -> None:
    official_account(team)
    draft = approved_draft(team)
    with team.raw("Jo") as jo, team.raw("Sam") as sam:
        jo_id, sam_id = person_id(jo), person_id(sam)
        claims = {"by": sam_id, "actor": sam_id, "person": sam_id, "late_seconds": 3}
        seq = jo.execute("SELECT safedesk.record_event('draft.schedule_missed', %s, %s)",
                         (draft["id"], Jsonb(claims))).fetchone()
        jo.execute("SELECT safedesk.change_draft(%s, %s, 'withdraw', %s, '[]')",
                   (Jsonb({"id": draft["id"], "actor": sam_id}), draft["version"],
                    Jsonb(claims)))
    team.store("Jo").record(PendingEvent(sam_id, "draft.schedule_missed", draft["id"], {}))
    with team.database.connect() as conn:
        events = cast(list[tuple[Any, ...]], conn.execute(
            "SELECT seq, occurred_at, actor, action, subject, details, prev_hash, event_hash "
            "FROM safedesk.audit_events ORDER BY seq").fetchall())
    assert seq is not None and [e[0] for e in events] == list(range(1, len(events) + 1))
    previous = "0" * 64
    for number, at, actor, action, subject, details, prev, digest in events:
        assert prev == previous
        assert digest == event_hash(number, at, actor, action, subject, details, prev), number
        previous = digest
    by_jo = [e for e in events if e[0] >= seq[0]]
    assert [(e[2], e[3]) for e in by_jo] == [(jo_id, "draft.schedule_missed"),
                                              (jo_id, "draft.withdraw"),
                                              (jo_id, "draft.schedule_missed")]
    assert "actor" not in by_jo[0][5] and "person" not in by_jo[0][5]
    assert_chain_intact(team)


@pytest.mark.parametrize("details", [
    '{"late_seconds": 1.10}', '{"late_seconds": 1e-07}', '{"late_seconds": 1e16}',
    '{"late_seconds": 123456789.123456789123}',
    '{"fields": {"a": [0.5, 2.0, -0.0, 1e22, 100.000, 1e15, 0.0001, 5e-324]}}',
])
def test_a_client_cannot_break_the_chain_with_numbers(team: Team, details: str) -> None:
    """A number the server keeps one way and a desk reads another would make `team verify`
    report tampering that never happened: the server chains only numbers that every desk reads
    back and writes out the same, and refuses the rest."""
    with team.raw("Jo") as jo:
        jo.execute("SELECT safedesk.record_event('draft.schedule_missed', 'x', %s::jsonb)",
                   (details,))
        # Numbers no desk reads back as they are (json.loads: too long an int, or a float that
        # is 0.0 or infinity) are refused outright.
        for number in ("1e5000", "1e-400", "1" + "0" * 400 + ".5"):
            refused(jo, "SELECT safedesk.record_event('draft.schedule_missed', 'x', %s::jsonb)",
                    (f'{{"late_seconds": {number}}}',), sqlstate="SD422")
    assert_chain_intact(team)


@pytest.mark.parametrize("content", [
    {"text": "Hi", "targets": [], "visibility": "everyone"},
    {"text": "Hi", "targets": [], "schedule_at": "tomorrow"},
    {"text": "Hi", "targets": [], "schedule_at": "2026-12-01T07:00:00"},  # no time zone
    {"text": 5, "targets": []},
    {"text": "Hi", "targets": [], "extra": "field"},
    {"text": "Hi", "targets": [], "media": [{"sha256": "x", "mime_type": "image/png"}]},
])
def test_content_a_desk_could_not_read_is_refused(team: Team, content: dict[str, object]) -> None:
    """A draft no desk can read would stop every desk listing drafts."""
    with team.raw("Jo") as raw, pytest.raises(psycopg.Error) as refused:
        raw.execute("SELECT safedesk.create_draft(%s, 'create', '{}', '[]')",
                    (Jsonb({"id": "odd-draft", "pane": "official", "content": content}),))
    assert refused.value.sqlstate == "SD422"
