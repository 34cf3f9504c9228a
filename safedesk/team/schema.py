"""The team server's schema: versioned SQL, applied by ``safedesk team init``.

Each version is a list of SQL files under ``sql/``, applied in one transaction together with its
version number in ``safedesk.meta``. Group roles are cluster-wide, so they are created (if
missing) outside the schema. Running ``team init`` again applies only what is missing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from safedesk.core.errors import SchemaTooNewError, StorageError
from safedesk.core.messages import msg
from safedesk.core.templates import hack_pattern_sources

SCHEMA = "safedesk"
GROUP_ROLES = ("safedesk_author", "safedesk_approver", "safedesk_admin", "safedesk_publisher")
MEMBER_ROLE = "safedesk_member"
OWNER_ROLE = "safedesk_owner"

VERSIONS: tuple[tuple[str, ...], ...] = (
    ("v1_tables.sql", "v1_functions.sql", "v1_drafts.sql", "v1_records.sql", "v1_grants.sql"),
    ("v2_media.sql",),
    ("v3_link_card.sql",),
    ("v4_threads.sql",),
    ("v5_policy.sql",),
    ("v6_override.sql",),
    ("v7_pairs.sql",),
    ("v8_shares.sql",),
    ("v9_reading_indexes.sql",),
)
LATEST_VERSION = len(VERSIONS)
# Serialises two `team init` runs on one database.
_INIT_LOCK = 0x5344534B


class TeamSchemaError(StorageError):
    """The team server's schema is missing or older than this SafeDesk needs."""


def _sql_text(name: str) -> str:
    return resources.files("safedesk.team").joinpath("sql", name).read_text(encoding="utf-8")


def read_version(conn: psycopg.Connection[Any]) -> int:
    """The schema version on the server; 0 when ``team init`` has not run there."""
    cursor = conn.cursor(row_factory=tuple_row)
    found = cursor.execute("SELECT to_regclass('safedesk.meta') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return 0
    row = cursor.execute("SELECT value FROM safedesk.meta WHERE key = 'schema_version'").fetchone()
    return int(str(row[0])) if row else 0


def check_version(conn: psycopg.Connection[Any]) -> int:
    """Refuse a server this SafeDesk cannot work with, in words that say what to do."""
    version = read_version(conn)
    if version == 0:
        raise TeamSchemaError(
            msg("This database has no SafeDesk team schema. An admin sets it up with "
                "`safedesk team init URL`."))
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            msg("The team server runs a newer SafeDesk schema ({version}; this SafeDesk knows up "
                "to {latest}). Update SafeDesk on this computer.",
                version=version, latest=LATEST_VERSION))
    if version < LATEST_VERSION:
        raise TeamSchemaError(
            msg("The team server's schema is older ({version}) than this SafeDesk needs "
                "({latest}). An admin updates it with `safedesk team init URL`.",
                version=version, latest=LATEST_VERSION))
    return version


def _ensure_roles(conn: psycopg.Connection[Any]) -> None:
    existing = {row[0] for row in conn.cursor(row_factory=tuple_row).execute(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'safedesk\\_%'")}
    for role in (MEMBER_ROLE, OWNER_ROLE, *GROUP_ROLES):
        if role not in existing:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    for role in GROUP_ROLES:
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(MEMBER_ROLE),
                                                      sql.Identifier(role)))
    # Whoever sets the team up may name its first admin (add_person checks this membership).
    conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(OWNER_ROLE)))


def claims_function() -> sql.Composed:
    """``safedesk.claims_a_hack(text)``: the claim patterns of ``core/templates.py``, written
    again by every ``team init``, so that the server's list is this SafeDesk's (PostgreSQL's
    regular expressions say ``\\y`` for a word boundary)."""
    patterns = [source.replace(r"\b", r"\y") for source in hack_pattern_sources()]
    return sql.SQL(
        "CREATE OR REPLACE FUNCTION safedesk.claims_a_hack(p_text text) RETURNS boolean "
        "LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $body$ "
        "SELECT EXISTS (SELECT 1 FROM unnest(ARRAY[{}]::text[]) AS p "
        "WHERE normal_text(coalesce(p_text, '')) ~* p) $body$").format(
            sql.SQL(", ").join(sql.Literal(p) for p in patterns))


def init_schema(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    """Create roles, schema, functions and grants up to the latest version: (from, to)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_INIT_LOCK,))
        _ensure_roles(conn)
        found = read_version(conn)
        if found > LATEST_VERSION:
            raise SchemaTooNewError(
                msg("The team server runs a newer SafeDesk schema ({found}); update SafeDesk "
                    "first.",
                    found=found))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("SET LOCAL search_path = {}, pg_temp").format(
            sql.Identifier(SCHEMA)))
        for number in range(found + 1, LATEST_VERSION + 1):
            for name in VERSIONS[number - 1]:
                conn.execute(_sql_text(name).encode("utf-8"))
            conn.execute("INSERT INTO safedesk.meta (key, value) VALUES ('schema_version', %s) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(number),))
        conn.execute(claims_function())
        conn.execute("REVOKE ALL ON FUNCTION safedesk.claims_a_hack(text) FROM PUBLIC")
    return found, LATEST_VERSION
