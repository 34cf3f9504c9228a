"""Versioned schema migrations.

The schema version lives in SQLite's ``user_version``; ``application_id`` marks the file as
SafeDesk's, so some other program's database is never mistaken for an empty one. Each migration
runs in its own transaction together with the version bump. A database newer than this app knows
is refused before anything touches it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from safedesk.core.errors import NotASafeDeskDatabaseError, SchemaTooNewError
from safedesk.core.messages import msg

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x5344534B  # "SDSK"

Migration = Callable[["sqlite_utils.Database"], None]


def _v1_people_accounts_audit(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null=["value"])
    db.table("people").create(
        {
            "id": str,
            "name": str,
            "name_key": str,
            "role": str,
            "passphrase_hash": str,
            "created_at": str,
        },
        pk="id",
        not_null=["name", "name_key", "role", "passphrase_hash", "created_at"],
    )
    db.table("people").create_index(["name_key"], unique=True)
    db.table("accounts").create(
        {
            "id": str,
            "pane": str,
            "platform": str,
            "server": str,
            "handle": str,
            "display_name": str,
            "created_at": str,
        },
        pk="id",
        not_null=["pane", "platform", "server", "handle", "created_at"],
    )
    db.table("accounts").create_index(["platform", "server", "handle"], unique=True)
    db.table("audit_events").create(
        {
            "seq": int,
            "occurred_at": str,
            "actor": str,
            "action": str,
            "subject": str,
            "details": str,
            "prev_hash": str,
            "event_hash": str,
        },
        pk="seq",
        not_null=["occurred_at", "actor", "action", "subject", "details", "prev_hash",
                  "event_hash"],
    )
    # The trail is append-only for SafeDesk itself. Someone with the file can still drop these
    # triggers, which is why the hash chain exists; the triggers stop honest code from slipping.
    db.execute(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
    )
    # An account's pane is fixed for good once it is added.
    db.execute(
        "CREATE TRIGGER accounts_pane_fixed BEFORE UPDATE OF pane ON accounts "
        "WHEN NEW.pane IS NOT OLD.pane "
        "BEGIN SELECT RAISE(ABORT, 'an account stays in the pane it was added to'); END"
    )


def _v2_drafts_approvals_publications(db: sqlite_utils.Database) -> None:
    db.table("drafts").create(
        {
            "id": str,
            "pane": str,
            "author_id": str,
            "content": str,
            "digest": str,
            "state": str,
            "version": int,
            "editors": str,
            "last_editor_id": str,
            "decision_note": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null=["pane", "author_id", "content", "digest", "state", "version", "editors",
                  "last_editor_id", "created_at", "updated_at"],
        foreign_keys=[("author_id", "people", "id"), ("last_editor_id", "people", "id")],
    )
    db.table("drafts").create_index(["pane", "state"])
    db.table("approvals").create(
        {
            "id": str,
            "draft_id": str,
            "approver_id": str,
            "digest": str,
            "approved_at": str,
            "comment": str,
            "voided_at": str,
        },
        pk="id",
        not_null=["draft_id", "approver_id", "digest", "approved_at"],
        foreign_keys=[("draft_id", "drafts", "id"), ("approver_id", "people", "id")],
    )
    # At most one live approval per draft, whatever the callers do.
    db.execute(
        "CREATE UNIQUE INDEX approvals_one_live ON approvals(draft_id) WHERE voided_at IS NULL"
    )
    db.table("draft_targets").create(
        {"draft_id": str, "account_id": str},
        pk=("draft_id", "account_id"),
        foreign_keys=[("draft_id", "drafts", "id"), ("account_id", "accounts", "id")],
    )
    # Rule 1 again, in the database: a target belongs to the draft's pane.
    db.execute(
        "CREATE TRIGGER draft_targets_same_pane BEFORE INSERT ON draft_targets "
        "WHEN (SELECT pane FROM accounts WHERE id = NEW.account_id) "
        "IS NOT (SELECT pane FROM drafts WHERE id = NEW.draft_id) "
        "BEGIN SELECT RAISE(ABORT, 'a draft can only target accounts of its own pane'); END"
    )
    db.table("publications").create(
        {
            "id": str,
            "draft_id": str,
            "account_id": str,
            "pane": str,
            "idempotency_key": str,
            "state": str,
            "remote_id": str,
            "url": str,
            "published_at": str,
            "error": str,
        },
        pk="id",
        not_null=["draft_id", "account_id", "pane", "idempotency_key", "state"],
        foreign_keys=[("draft_id", "drafts", "id"), ("account_id", "accounts", "id")],
    )
    db.table("publications").create_index(["idempotency_key"], unique=True)


def _v3_account_identity_and_limits(db: sqlite_utils.Database) -> None:
    accounts = db.table("accounts")
    accounts.add_column("remote_id", str, not_null_default="")
    accounts.add_column("limits", str, not_null_default="{}")
    # Accounts are never deleted: drafts, publications and the audit trail point at them.
    accounts.add_column("removed_at", str)
    # A removed account may be added again later, so only live accounts must be unique.
    db.execute("DROP INDEX idx_accounts_platform_server_handle")
    db.execute("CREATE UNIQUE INDEX accounts_live_identity ON accounts(platform, server, handle) "
               "WHERE removed_at IS NULL")


def _v4_publication_references(db: sqlite_utils.Database) -> None:
    publications = db.table("publications")
    publications.add_column("remote_uri", str, not_null_default="")
    publications.add_column("remote_cid", str, not_null_default="")
    publications.add_column("attempts", int, not_null_default=0)
    publications.create_index(["draft_id"])


def _v5_queue_order(db: sqlite_utils.Database) -> None:
    drafts = db.table("drafts")
    drafts.add_column("urgent", int, not_null_default=0)
    drafts.add_column("submitted_at", str)


def _v6_corrections(db: sqlite_utils.Database) -> None:
    for table in ("drafts", "publications"):
        db.table(table).add_column("imported", int, not_null_default=0)
    db.table("publications").create_index(["account_id", "remote_id"])
    # Every saved version of a template, never changed: an incident names the version it used.
    db.table("templates").create(
        {"id": str, "name": str, "language": str, "version": str, "text": str,
         "editor_id": str, "saved_at": str},
        pk="id", not_null=["name", "language", "version", "text", "editor_id", "saved_at"],
        foreign_keys=[("editor_id", "people", "id")],
    )
    db.table("templates").create_index(["name", "language"])
    db.table("template_preapprovals").create(
        {"id": str, "name": str, "language": str, "version": str, "approver_id": str,
         "approved_at": str, "comment": str},
        pk="id", not_null=["name", "language", "version", "approver_id", "approved_at"],
        foreign_keys=[("approver_id", "people", "id")],
    )
    db.table("template_preapprovals").create_index(
        ["name", "language", "version", "approver_id"], unique=True)
    db.table("incidents").create(
        {"id": str, "pane": str, "kind": str, "original_draft_id": str,
         "correction_draft_id": str, "opened_by": str, "opened_at": str,
         "original_action": str, "note": str, "template_name": str, "template_language": str,
         "template_version": str, "fields": str, "route": str, "preapproval_id": str,
         "queue_reason": str, "flags": str, "imported": int},
        pk="id",
        not_null=["pane", "kind", "original_draft_id", "correction_draft_id", "opened_by",
                  "opened_at", "original_action", "route"],
        foreign_keys=[("original_draft_id", "drafts", "id"),
                      ("correction_draft_id", "drafts", "id"), ("opened_by", "people", "id")],
    )
    db.table("incidents").create_index(["correction_draft_id"], unique=True)
    db.table("incident_targets").create(
        {"incident_id": str, "account_id": str, "original_publication_id": str, "action": str,
         "state": str, "detail": str, "acted_at": str, "acted_by": str},
        pk=("incident_id", "account_id"),
        not_null=["original_publication_id", "action", "state"],
        foreign_keys=[("incident_id", "incidents", "id"), ("account_id", "accounts", "id"),
                      ("original_publication_id", "publications", "id")],
    )
    # What an HR or FOI request relies on is never deleted; template versions and
    # pre-approvals never change either.
    for table in ("incidents", "incident_targets", "templates", "template_preapprovals"):
        db.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} are never deleted'); END")
    for table in ("templates", "template_preapprovals"):
        db.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} never change'); END")


def _v7_publication_attempts(db: sqlite_utils.Database) -> None:
    publications = db.table("publications")
    # Written before each send, so that after a crash SafeDesk knows a post may be out there.
    publications.add_column("first_attempt_at", str)
    publications.add_column("last_attempt_at", str)
    publications.add_column("confirmed_by", str, not_null_default="")
    publications.create_index(["state"])


def _v8_account_owners(db: sqlite_utils.Database) -> None:
    """Give each personal account an owner: the person who added it.

    Who added an account is read from the audit trail: the actor of its ``account.add`` event
    (``SignInService.add`` records the signed-in person). Where that actor is not a person
    (accounts registered before people existed, or by a script as "setup"), the account goes to
    the earliest admin: before this version everyone could see it anyway, an admin already runs
    the desk, and an account that belongs to no one could not be signed in again or removed.
    Only where there is no admin either does it stay unowned, and then no one sees it.
    Official accounts stay without an owner: they belong to the organisation.
    """
    db.table("accounts").add_column("owner_id", str, not_null_default="")
    people = {row[0] for row in db.execute("SELECT id FROM people")}
    first_admin = db.execute(
        "SELECT id FROM people WHERE role = 'admin' ORDER BY created_at, id LIMIT 1").fetchone()
    adders: dict[str, str] = {}
    for subject, actor in db.execute(
            "SELECT subject, actor FROM audit_events WHERE action = 'account.add' ORDER BY seq"):
        adders[subject] = actor  # the latest add wins: an id is added once, but be sure
    personal = [row[0] for row in db.execute("SELECT id FROM accounts WHERE pane = 'personal'")]
    for account_id in personal:
        adder = adders.get(account_id, "")
        owner = adder if adder in people else (first_admin[0] if first_admin else "")
        db.execute("UPDATE accounts SET owner_id = ? WHERE id = ?", [owner, account_id])
    # A second line behind the rules: an official account never has an owner, and an owner,
    # once set, is not changed by some other code path.
    db.execute(
        "CREATE TRIGGER accounts_official_unowned BEFORE INSERT ON accounts "
        "WHEN NEW.pane = 'official' AND NEW.owner_id <> '' "
        "BEGIN SELECT RAISE(ABORT, 'an official account belongs to the organisation'); END")
    db.execute(
        "CREATE TRIGGER accounts_owner_fixed BEFORE UPDATE OF owner_id ON accounts "
        "WHEN OLD.owner_id <> '' AND NEW.owner_id IS NOT OLD.owner_id "
        "BEGIN SELECT RAISE(ABORT, 'a personal account stays with the person who added it'); "
        "END")


def _v9_people_over_time(db: sqlite_utils.Database) -> None:
    people = db.table("people")
    # A leaver is disabled, never deleted: drafts, approvals and the audit trail name them.
    people.add_column("disabled_at", str)
    people.add_column("passphrase_reset", int, not_null_default=0)
    # "approved by X, whom Y alone appointed", as it stood when the approval was given.
    db.table("approvals").add_column("flag", str, not_null_default="")
    # Appointments to approver or admin: who granted, whether alone, who confirmed.
    db.table("grants").create(
        {"id": str, "person_id": str, "role": str, "granted_by": str, "granted_at": str,
         "alone": int, "confirmed_by": str, "confirmed_at": str, "closed_at": str},
        pk="id", not_null=["person_id", "role", "granted_by", "granted_at", "alone"],
        foreign_keys=[("person_id", "people", "id")],
    )
    db.table("grants").create_index(["person_id"])
    db.execute("CREATE TRIGGER grants_no_delete BEFORE DELETE ON grants "
               "BEGIN SELECT RAISE(ABORT, 'grants are never deleted'); END")


def _v10_team_outbox(db: sqlite_utils.Database) -> None:
    """A team desk's own waiting room (``safedesk.team.outbox``): official drafts written while
    the team server could not be reached, kept only until the server has confirmed them, and the
    last official accounts and identity the server named, so that they can be written offline.
    Nothing here is the team's record; the server checks everything again when it is sent."""
    db.table("team_outbox").create(
        {"draft_id": str, "team": str, "author_id": str, "content": str, "created_at": str,
         "updated_at": str, "version": int, "submit": int, "urgent": int, "last_error": str},
        pk="draft_id",
        not_null=["team", "author_id", "content", "created_at", "updated_at", "version",
                  "submit", "urgent", "last_error"],
        defaults={"submit": 0, "urgent": 0, "last_error": ""},
    )
    db.table("team_cache").create({"team": str, "key": str, "value": str, "saved_at": str},
                                  pk=("team", "key"), not_null=["value", "saved_at"])


def _v11_reading_indexes(db: sqlite_utils.Database) -> None:
    # One draft's story is read by its subject: without the index that reads the whole trail.
    db.execute("CREATE INDEX audit_events_subject ON audit_events(subject, seq)")
    # A pane's history is read a page at a time, newest first.
    db.execute("CREATE INDEX publications_history ON publications(pane, published_at)")


def _v12_history_order_indexes(db: sqlite_utils.Database) -> None:
    # The history's order, newest first and then as written, is each index's own: a listing
    # walks it row by row instead of sorting every publication first. SQLite puts NULLs last in
    # a descending order (the unpublished, after every published one), and every index ends
    # with the rowid, ascending.
    db.execute("DROP INDEX publications_history")
    db.execute("CREATE INDEX publications_newest ON publications(published_at DESC)")
    db.execute("CREATE INDEX publications_pane_newest ON publications(pane, published_at DESC)")


def _v13_thread_progress(db: sqlite_utils.Database) -> None:
    # A thread's parts known to be out on the account, saved part by part (codec.thread_progress_json).
    db.table("publications").add_column("thread", str, not_null_default="")


def _v14_policy(db: sqlite_utils.Database) -> None:
    # The organisation's policy settings (core/policy/settings.py): one row, JSON, versioned.
    db.execute("CREATE TABLE policy_settings (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "settings TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL, "
               "updated_by TEXT NOT NULL)")
    # An officer in a politically restricted post (core/models.py, Person).
    db.table("people").add_column("politically_restricted", int, not_null_default=0)


def _v15_approval_overrides(db: sqlite_utils.Database) -> None:
    # An approver's written override of blocks only they may lift (core/models.py, Approval):
    # the reason, and the override key of each block it lifts as a JSON list.
    db.table("approvals").add_column("override_reason", str, not_null_default="")
    db.table("approvals").add_column("overridden", str, not_null_default="[]")


def _v16_author_newest_index(db: sqlite_utils.Database) -> None:
    # My submissions' decided posts: one author's newest page, walked along this index and
    # stopped at the page's end (it was found through (pane, state), which holds every post
    # ever published, then sorted: a scan that grew with the whole history).
    db.execute("CREATE INDEX drafts_author_newest ON drafts(author_id, pane, updated_at)")


MIGRATIONS: tuple[Migration, ...] = (
    _v1_people_accounts_audit,
    _v2_drafts_approvals_publications,
    _v3_account_identity_and_limits,
    _v4_publication_references,
    _v5_queue_order,
    _v6_corrections,
    _v7_publication_attempts,
    _v8_account_owners,
    _v9_people_over_time,
    _v10_team_outbox,
    _v11_reading_indexes,
    _v12_history_order_indexes,
    _v13_thread_progress,
    _v14_policy,
    _v15_approval_overrides,
    _v16_author_newest_index,
)
LATEST_VERSION = len(MIGRATIONS)


def read_version(conn: sqlite3.Connection) -> int:
    """The file's schema version, after checking the file is SafeDesk's own."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id == 0 and version == 0:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone():
            raise NotASafeDeskDatabaseError(
                msg("This file is another program's database, not SafeDesk's. Choose an empty data "
                    "folder, or move the file away.")
            )
        return 0
    if app_id != APPLICATION_ID:
        raise NotASafeDeskDatabaseError(
            msg("This file is not a SafeDesk database. Choose another data folder, or move the "
                "file away.")
        )
    return version


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the file up to ``target``; return the version it was at.

    sqlite_utils, which the migrations are written with, is imported only when one has to run:
    it costs a third of a second, which an up-to-date desk does not pay at every start."""
    found = read_version(conn)
    if found > LATEST_VERSION:
        raise SchemaTooNewError(
            msg("This database was written by a newer SafeDesk (schema {found}; this app knows up "
                "to {latest}). Update SafeDesk; the data has not been touched.",
                found=found, latest=LATEST_VERSION)
        )
    if found >= target:
        return found
    import sqlite_utils  # noqa: PLC0415 - see above

    db = sqlite_utils.Database(conn, execute_plugins=False)
    for number in range(found + 1, target + 1):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](db)
            db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    return found
