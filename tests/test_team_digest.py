"""The team server computes the digest approvals bind to, and the audit chain's JSON, in SQL: they
must agree with safedesk/core (digest.py, audit.py) for whatever content and details a desk sends,
or an approver could never approve what they saw and `team verify` would cry tampering."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from safedesk.core.audit import _CANONICAL
from safedesk.core.digest import content_digest
from safedesk.core.models import (
    Content,
    ContentWarningOnBluesky,
    LinkCard,
    MediaItem,
    Platform,
    Share,
    SharedMedia,
    SharedPost,
    ShareKind,
    Translation,
    Visibility,
)
from safedesk.storage import codec
from tests.team_support import Team

# Pieces a person really types or pastes: combining marks (decomposed and precomposed), Hangul
# jamo that compose, emoji sequences, right-to-left text and its overrides, every line ending,
# control characters, compatibility characters NFC must leave alone.
PIECES = ("e\u0301", "e\u0323\u0302", "\u1100\u1161\u11a8", "\u00c5", "A\u030a", "\u212b",
          "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1ec\U0001f1e7", "\u270c\ufe0f",
          "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u064b\u0627", "\u202e", "\u200f",
          "\r\n", "\r", "\n", "\t", "\x1b", "\x7f", "\u2028", "\ufb01", "\u01c4", "\u0130",
          " ", "\u00a0", '"', "\\", "/", "<", "\x00")


def _old_enough(char: str) -> bool:
    """Whether PostgreSQL's own Unicode tables (14.0 in PostgreSQL 15) know how this character
    normalises. Marks and decompositions added later, all outside the BMP so far, are
    normalised differently by a newer Python; see the module's report in the commit."""
    return ord(char) < 0x10000 or (not unicodedata.combining(char)
                                   and not unicodedata.decomposition(char))


characters = st.characters(codec="utf-8").filter(_old_enough)
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(characters, max_size=4)),
                 max_size=8).map("".join)
zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                         timezone(timedelta(hours=-9, minutes=-30)), ZoneInfo("Europe/London"),
                         ZoneInfo("Pacific/Chatham")])
# Naive bounds are how hypothesis takes them; every generated time carries one of the zones.
schedules = st.none() | st.datetimes(min_value=datetime(1990, 1, 1),  # noqa: DTZ001
                                     max_value=datetime(2200, 1, 1),  # noqa: DTZ001
                                     timezones=zones)
media = st.builds(MediaItem, sha256=st.text("0123456789abcdefABCDEF", min_size=64, max_size=64),
                  mime_type=st.sampled_from(["image/png", "image/gif"]), alt_text=texts,
                  filename=texts, animated=st.booleans())
link_cards = st.none() | st.builds(
    LinkCard, url=st.sampled_from(["https://example.org/", "http://a.example/x?y=\u00e9"]),
    title=texts, description=texts, thumbnail=st.none() | media)
shared_posts = st.builds(
    SharedPost, platform=st.sampled_from(list(Platform)), uri=texts, url=texts,
    content_hash=texts, author=texts, author_id=texts, text=texts, via_account=texts,
    remote_id=texts, author_name=texts,
    created_at=st.none() | st.just(datetime(2026, 11, 20, 9, 30, 1, tzinfo=UTC)),
    edited_at=st.none() | st.just(datetime(2026, 11, 21, 10, 0, tzinfo=UTC)),
    media=st.lists(st.builds(SharedMedia, url=texts, alt_text=texts), max_size=2).map(tuple),
    labels=st.lists(texts, max_size=2).map(tuple), cid=texts)
contents = st.builds(
    Content, text=texts,
    targets=st.lists(st.sampled_from(["council-bsky", "council-masto", "b", "B", "\u00e9"]),
                     max_size=4).map(tuple),
    content_warning=texts,
    language=st.sampled_from(["", "en", "EN-gb", "cy", " en ", "pt-BR"]),
    media=st.lists(media, max_size=3).map(tuple), schedule_at=schedules,
    reply_to=st.none() | texts, visibility=st.sampled_from(list(Visibility)),
    cw_on_bluesky=st.sampled_from(list(ContentWarningOnBluesky)), link_card=link_cards,
    thread=st.lists(texts, max_size=3).map(tuple),
    # A bilingual pair's second language, or none (every other post keeps its digest).
    translation=st.none() | st.builds(
        Translation, language=st.sampled_from(["en", "cy", " CY ", ""]), text=texts,
        content_warning=texts, alt_texts=st.lists(texts, max_size=3).map(tuple)),
    # A share of someone else's post, or none (every other post keeps its digest).
    share=st.none() | st.builds(Share, kind=st.sampled_from(list(ShareKind)),
                                post=shared_posts))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12)

PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _server_value(conn: psycopg.Connection[Any], query: str, value: object) -> object:
    row = conn.execute(query.encode(), (value,)).fetchone()
    assert row is not None
    return row[0]


def _same(read_back: object, sent: object) -> bool:
    """Equal as JSON. PostgreSQL keeps a number as a decimal, so a float with no fraction to
    show (4.3e16) comes back as the integer it names, which a desk then reads as an int."""
    if isinstance(sent, float):
        return isinstance(read_back, int | float) and float(read_back) == sent
    if isinstance(sent, list):
        return isinstance(read_back, list) and len(read_back) == len(sent) and all(
            _same(r, s) for r, s in zip(read_back, sent, strict=True))
    if isinstance(sent, dict):
        return isinstance(read_back, dict) and read_back.keys() == sent.keys() and all(
            _same(read_back[k], v) for k, v in sent.items())
    return type(read_back) is type(sent) and read_back == sent


@PROPERTY
@given(content=contents)
def test_the_server_digests_content_as_the_desks_do(team: Team, content: Content) -> None:
    sent = json.loads(codec.content_json(content))
    with team.raw("Jo") as jo:
        try:
            digest = _server_value(jo, "SELECT safedesk.content_digest(%s)", Jsonb(sent))
        except psycopg.errors.UntranslatableCharacter:
            # PostgreSQL cannot hold a NUL in text at all: such content never reaches it.
            assert "\\u0000" in json.dumps(sent)
            return
        assert digest == content_digest(content)
        # And as a desk reads the stored content back, it is the content that was sent.
        stored = _server_value(jo, "SELECT %s::jsonb", Jsonb(sent))
    # The same instant, compared in UTC: Python calls an ambiguous local time (a clock put
    # back) unequal to every time in another zone, even the instant it names (PEP 495).
    schedule = content.schedule_at.astimezone(UTC) if content.schedule_at else None
    assert codec.content_from(json.dumps(stored)) == replace(content, schedule_at=schedule)


@PROPERTY
@given(value=json_values)
def test_the_server_writes_canonical_json_as_the_desks_do(team: Team, value: object) -> None:
    with team.raw("Jo") as jo:
        try:
            canonical = _server_value(jo, "SELECT safedesk.canonical_json(%s)", Jsonb(value))
        except psycopg.errors.UntranslatableCharacter:
            assert "\\u0000" in json.dumps(value)
            return
        read_back = _server_value(jo, "SELECT %s::jsonb", Jsonb(value))
    # What a desk reads back is the same value, and the server chains exactly what the desk's
    # encoder writes for it (so core.audit.verify_chain agrees with every hash made in SQL).
    assert _same(read_back, value)
    assert canonical == _CANONICAL.encode(read_back)


# Each of these PostgreSQL keeps with a fraction, which a desk reads as a float; the last two sit
# either side of where repr() turns to an exponent.
@pytest.mark.parametrize("number", ["1.10", "1e-07", "100.000", "5e-324", "0.0001", "0.00001",
                                    "-2.5e-300", "123456789.123456789123", "1234567890123456.5",
                                    "12345678901234567.5"])
def test_numbers_are_chained_as_desks_write_them(team: Team, number: str) -> None:
    with team.raw("Jo") as jo:
        canonical = _server_value(jo, "SELECT safedesk.canonical_json(%s::jsonb)", number)
        read_back = _server_value(jo, "SELECT %s::jsonb", number)
    assert canonical == _CANONICAL.encode(read_back) == repr(float(number))
