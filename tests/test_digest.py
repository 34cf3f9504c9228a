"""The digest approvals bind to: stable across runs and machines, sensitive to every published bit."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safedesk.core.digest import canonical_form, content_digest
from safedesk.core.models import Content, ContentWarningOnBluesky, MediaItem, Visibility

PLAIN = Content(text="Bin collections are delayed today.", targets=("acc-2", "acc-1"))
PLAIN_CANONICAL = (
    b'{"bluesky_cw":"refuse","content_warning":"","language":"","media":[],"reply_to":null,'
    b'"schedule_at":null,"targets":["acc-1","acc-2"],"text":"Bin collections are delayed today.",'
    b'"v":"safedesk-digest-v1","visibility":"public"}'
)
PLAIN_DIGEST = "95b108a14492209b50cd5522a8388074cac72fa82b11a18c9813c17938704d06"

RICH = Content(
    text="Caf\u00e9 \u2764\ufe0f \U0001f469\U0001f3fd\u200d\U0001f4bb \u0645\u0631\u062d\u0628\u0627",
    targets=("acc-1",),
    content_warning="Road works",
    language="en-GB",
    media=(MediaItem(sha256="AB" * 32, mime_type="image/png",
                     alt_text="A map of the closed road", filename="map.png"),),
    schedule_at=datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=1))),
    reply_to="pub-1",
)
RICH_DIGEST = "0ebfafc9241405ce01685809a48538f036ec2ca761f79480082f90d7bff241fd"


def test_golden_values() -> None:
    assert canonical_form(PLAIN) == PLAIN_CANONICAL
    assert hashlib.sha256(PLAIN_CANONICAL).hexdigest() == PLAIN_DIGEST
    assert content_digest(PLAIN) == PLAIN_DIGEST
    assert content_digest(RICH) == RICH_DIGEST


def test_same_value_in_a_fresh_interpreter() -> None:
    """No dependence on hash seeds, dict order or anything else per process."""
    script = (
        "from safedesk.core.digest import content_digest\n"
        "from safedesk.core.models import Content\n"
        "print(content_digest(Content(text='Bin collections are delayed today.',"
        " targets=('acc-2', 'acc-1'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env={"PYTHONHASHSEED": "12345"})
    assert out.stdout.strip() == PLAIN_DIGEST


def test_unicode_normalisation_and_line_endings_do_not_change_the_digest() -> None:
    decomposed = dataclasses.replace(RICH, text=unicodedata.normalize("NFD", RICH.text))
    assert decomposed.text != RICH.text
    assert content_digest(decomposed) == RICH_DIGEST
    windows = dataclasses.replace(PLAIN, text="Line one\r\nLine two")
    unix = dataclasses.replace(PLAIN, text="Line one\nLine two")
    assert content_digest(windows) == content_digest(unix)


def test_target_order_and_file_name_do_not_matter_but_time_zone_is_normalised() -> None:
    assert content_digest(dataclasses.replace(PLAIN, targets=("acc-1", "acc-2"))) == PLAIN_DIGEST
    renamed = dataclasses.replace(RICH, media=(dataclasses.replace(RICH.media[0],
                                                                   filename="other.png"),))
    assert content_digest(renamed) == RICH_DIGEST
    assert RICH.schedule_at is not None
    in_utc = dataclasses.replace(RICH, schedule_at=RICH.schedule_at.astimezone(UTC))
    assert content_digest(in_utc) == RICH_DIGEST


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Bin collections are delayed today!"},
        {"content_warning": "Bins"},
        {"language": "cy"},
        {"targets": ("acc-1",)},
        {"schedule_at": datetime(2026, 12, 1, 9, 31, tzinfo=UTC)},
        {"reply_to": "pub-2"},
        {"visibility": Visibility.UNLISTED},
        {"cw_on_bluesky": ContentWarningOnBluesky.PREPEND},
        {"media": (MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text="A map"),)},
        {"thread": ("Collections resume on Monday. 2/2",)},
    ],
)
def test_every_published_field_changes_the_digest(change: dict[str, object]) -> None:
    assert content_digest(dataclasses.replace(PLAIN, **change)) != PLAIN_DIGEST  # type: ignore[arg-type]


def test_media_bytes_and_alt_text_each_change_the_digest() -> None:
    other_bytes = dataclasses.replace(RICH.media[0], sha256="cd" * 32)
    other_alt = dataclasses.replace(RICH.media[0], alt_text="A map of the open road")
    assert content_digest(dataclasses.replace(RICH, media=(other_bytes,))) != RICH_DIGEST
    assert content_digest(dataclasses.replace(RICH, media=(other_alt,))) != RICH_DIGEST


def test_a_schedule_without_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        content_digest(dataclasses.replace(PLAIN, schedule_at=datetime(2026, 12, 1)))  # noqa: DTZ001


@given(st.text(), st.text())
def test_different_normalised_texts_give_different_digests(a: str, b: str) -> None:
    def norm(s: str) -> str:
        return unicodedata.normalize("NFC", s.replace("\r\n", "\n").replace("\r", "\n"))

    same = norm(a) == norm(b)
    digests_equal = content_digest(dataclasses.replace(PLAIN, text=a)) == content_digest(
        dataclasses.replace(PLAIN, text=b))
    assert same == digests_equal


def test_each_part_of_a_thread_and_their_order_change_the_digest() -> None:
    thread = dataclasses.replace(PLAIN, thread=("Part two. 2/3", "Part three. 3/3"))
    digests = {content_digest(thread),
               content_digest(dataclasses.replace(thread, thread=("Part two! 2/3",
                                                                  "Part three. 3/3"))),
               content_digest(dataclasses.replace(thread, thread=("Part three. 3/3",
                                                                  "Part two. 2/3"))),
               content_digest(dataclasses.replace(thread, thread=("Part two. 2/3",)))}
    assert len(digests) == 4
    assert PLAIN_DIGEST not in digests
    assert b'"thread":["Part two. 2/3","Part three. 3/3"]' in canonical_form(thread)


def test_a_share_counts_by_kind_post_version_author_and_text_only_when_there_is_one() -> None:
    from safedesk.core.models import Platform, Share, SharedMedia, SharedPost, ShareKind

    post = SharedPost(platform=Platform.BLUESKY, uri="at://did:plc:fire/app.bsky.feed.post/3k",
                      url="https://bsky.app/profile/fire.example/post/3k", content_hash="bafy1",
                      author="@fire.example", author_id="did:plc:fire",
                      text="Flood warning for the river Tref.", via_account="acc-1",
                      remote_id="at://did:plc:fire/app.bsky.feed.post/3k", cid="bafy1")
    boost = dataclasses.replace(PLAIN, text="", share=Share(ShareKind.BOOST, post))
    digests = {content_digest(boost),
               content_digest(dataclasses.replace(boost, share=Share(ShareKind.QUOTE, post))),
               content_digest(dataclasses.replace(boost, share=Share(
                   ShareKind.BOOST, dataclasses.replace(post, content_hash="bafy2")))),
               content_digest(dataclasses.replace(boost, share=Share(
                   ShareKind.BOOST, dataclasses.replace(post, uri=post.uri + "x")))),
               content_digest(dataclasses.replace(boost, share=Share(
                   ShareKind.BOOST, dataclasses.replace(post, author="@else.example")))),
               content_digest(dataclasses.replace(boost, share=Share(
                   ShareKind.BOOST, dataclasses.replace(post, text="Flood warning lifted."))))}
    assert len(digests) == 6
    # What the reader of the preview sees but the post's version already fixes does not count:
    same = dataclasses.replace(post, media=(SharedMedia("https://cdn.example/1.jpg", "River"),),
                               author_name="Fire Service", url="https://elsewhere.example/3k")
    assert content_digest(dataclasses.replace(boost, share=Share(ShareKind.BOOST, same))) == \
        content_digest(boost)
    assert b'"share":{"author":"@fire.example","content_hash":"bafy1","kind":"boost"' in \
        canonical_form(boost)
    assert content_digest(PLAIN) == PLAIN_DIGEST


def test_the_store_keeps_every_field_of_a_share() -> None:
    from safedesk.core.models import Platform, Share, SharedMedia, SharedPost, ShareKind
    from safedesk.storage.codec import content_from, content_json

    post = SharedPost(platform=Platform.MASTODON, uri="https://fire.example/users/fire/statuses/1",
                      url="https://fire.example/@fire/1", content_hash="ab" * 32,
                      author="@fire@fire.example", author_id="https://fire.example/users/fire",
                      text="Flood warning \u0645\u0631\u062d\u0628\u0627 \U0001f30a",
                      via_account="acc-1", remote_id="1099", author_name="Tref Fire",
                      created_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
                      edited_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
                      media=(SharedMedia("https://fire.example/m/1.jpg", "The river"),),
                      labels=("graphic-media",))
    quote = dataclasses.replace(PLAIN, share=Share(ShareKind.QUOTE, post))
    assert content_from(content_json(quote)) == quote
    assert '"share"' not in content_json(PLAIN)
