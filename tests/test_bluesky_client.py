"""The Bluesky adapter against the real reference PDS (tests/servers/pds_harness.py).

Every post is read back from the server's own repository, so these tests check what Bluesky
stores, not what the adapter believes it sent.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from PIL import Image

from safedesk.core.counting import check_bluesky, grapheme_count
from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    OutcomeUnknownError,
    RateLimitedError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
    UnsupportedError,
)
from safedesk.core.models import Platform
from safedesk.core.platform import (
    ContentWarningOnBluesky,
    ImageUpload,
    PostRequest,
    RemoteRef,
    Visibility,
    make_tid,
)
from safedesk.platforms.bluesky_client import BlueskyClient
from safedesk.platforms.bluesky_records import tid_time
from tests.bluesky_support import (
    Desk,
    Rule,
    Traffic,
    get_blob,
    get_record,
    main_session,
    open_desk,
    with_expired_access_token,
    xrpc_error,
)
from tests.servers.fake_credentials import credential_store
from tests.servers.pds_harness import PdsServer

FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one grapheme, 25 bytes
HEBREW = "\u05e9\u05dc\u05d5\u05dd"  # "shalom", four graphemes of two bytes each


@pytest.fixture
def desk(pds: PdsServer, request: pytest.FixtureRequest) -> Desk:
    # Handle prefixes are short; the test's name keeps the accounts apart in the PDS log.
    prefix = "bs" + str(abs(hash(request.node.name)) % 10**6)
    return open_desk(pds, prefix, credential_store())


def post(text: str, **options: object) -> PostRequest:
    return PostRequest(text=text, idempotency_key=make_tid(), **options)  # type: ignore[arg-type]


def write_png(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    Image.new("RGB", size, (20, 120, 200)).save(path, format="PNG")
    return path


# -- sessions --------------------------------------------------------------------------------------

def test_the_stored_session_is_reused_without_signing_in_again(desk: Desk) -> None:
    assert desk.traffic.count("com.atproto.server.createSession") == 1  # sign_in itself
    saved = desk.session
    first = desk.client.publish(post("First, with the session from sign-in"))
    restarted = desk.reopen()
    second = restarted.publish(post("Second, after a restart"))
    assert desk.traffic.count("com.atproto.server.createSession") == 1
    assert desk.traffic.count("com.atproto.server.refreshSession") == 0
    assert desk.session == saved
    assert {p["uri"] for p in desk.posts()} == {first.ref.uri, second.ref.uri}


def test_a_session_renewed_by_the_sdk_is_saved_at_once(desk: Desk,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    expired = with_expired_access_token(desk.session)
    desk.credentials.put(desk.account.id, "session", expired)
    client = desk.reopen()
    assert client.fetch(desk.never_posted()) is None
    assert desk.traffic.count("com.atproto.server.refreshSession") == 1
    renewed = desk.session
    assert renewed not in {expired, desk.identity.session_string}
    # The saved one works on its own, in a client that has never seen the old one.
    fresh = desk.reopen(traffic=Traffic())
    published = fresh.publish(post("Posted with the renewed session"))
    assert [p["uri"] for p in desk.posts()] == [published.ref.uri]
    assert desk.session == renewed
    tokens = [part for session in (expired, renewed) for part in session.split(":::")[2:4]]
    assert "saved the renewed Bluesky session" in caplog.text
    assert not any(token in caplog.text for token in tokens)


def test_an_expired_token_answer_is_renewed_and_the_post_goes_out_once(desk: Desk) -> None:
    before = desk.session
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord",
                                   respond=xrpc_error(400, "ExpiredToken", "Token has expired")))
    published = desk.client.publish(post("Sent again after renewing the session"))
    assert desk.traffic.count("com.atproto.server.refreshSession") == 1
    assert desk.traffic.count("com.atproto.repo.putRecord") == 2
    assert desk.session != before
    assert [p["uri"] for p in desk.posts()] == [published.ref.uri]


def test_a_revoked_app_password_signs_the_account_out(pds: PdsServer, desk: Desk) -> None:
    main = main_session(pds, desk.owner)
    revoked = pds.xrpc_post("com.atproto.server.revokeAppPassword", {"name": "safedesk-tests"},
                            access_jwt=main["accessJwt"])
    assert revoked.status_code == 200, revoked.text
    # Access tokens are not checked against revocation until they expire: make this one look
    # expired so that the refresh token, which is revoked, is put to the test.
    desk.credentials.put(desk.account.id, "session", with_expired_access_token(desk.session))
    with pytest.raises(SignedOutError, match="Sign in to this account again") as raised:
        desk.reopen().publish(post("Must not appear"))
    message = str(raised.value)
    assert all(part not in message for part in desk.session.split(":::")[2:4])
    assert desk.posts() == []


def test_no_saved_session_or_someone_elses_session_is_signed_out(pds: PdsServer,
                                                                 desk: Desk) -> None:
    desk.credentials.delete(desk.account.id, "session")
    with pytest.raises(SignedOutError, match="no Bluesky sign-in"):
        desk.reopen().fetch(desk.never_posted())
    other = open_desk(pds, "other", desk.credentials)
    desk.credentials.put(desk.account.id, "session", other.session)
    with pytest.raises(SignedOutError, match="different account"):
        desk.reopen().publish(post("Never as the wrong account"))
    assert desk.posts() == [] and other.posts() == []


# -- text --------------------------------------------------------------------------------------

def test_links_mentions_and_hashtags_become_facets_with_byte_offsets(pds: PdsServer,
                                                                     desk: Desk) -> None:
    friend = pds.create_account("friend", app_password=False)
    text = (f"{HEBREW} \u2728 see https://example.org/a?b=1 with @{friend.handle} "
            f"and @nobody-here.test #SafeDesk {FAMILY} done")
    published = desk.client.publish(post(text, language="en"))
    assert published.extra["unresolved_mentions"] == ["nobody-here.test"]
    stored = get_record(pds, published.ref.uri)
    assert stored["cid"] == published.ref.cid
    value = stored["value"]
    assert value["text"] == text
    assert value["langs"] == ["en"]
    data = text.encode("utf-8")
    found = {}
    for facet in value["facets"]:
        [feature] = facet["features"]
        piece = data[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode("utf-8")
        found[feature["$type"].rsplit("#", 1)[1]] = (piece, feature)
    assert found["link"][0] == "https://example.org/a?b=1"
    assert found["link"][1]["uri"] == "https://example.org/a?b=1"
    assert found["mention"][0] == f"@{friend.handle}"
    assert found["mention"][1]["did"] == friend.did
    assert found["tag"][0] == "#SafeDesk"
    assert found["tag"][1]["tag"] == "SafeDesk"
    assert len(value["facets"]) == 3  # the unknown handle stays plain text


def test_no_language_means_no_langs(pds: PdsServer, desk: Desk) -> None:
    published = desk.client.publish(post("No language given"))
    assert "langs" not in get_record(pds, published.ref.uri)["value"]


def test_created_at_comes_from_the_record_key(pds: PdsServer, desk: Desk) -> None:
    request = post("Dated by its key")
    published = desk.client.publish(request)
    assert published.ref.uri.endswith("/" + request.idempotency_key)
    assert published.created_at is not None
    moment = tid_time(request.idempotency_key)
    assert abs((published.created_at - moment).total_seconds()) < 0.001
    assert get_record(pds, published.ref.uri)["value"]["createdAt"] == (
        f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z")


def test_exactly_300_graphemes_pass_and_301_are_refused_before_sending(pds: PdsServer,
                                                                      desk: Desk) -> None:
    text = FAMILY * 100 + HEBREW * 50  # 300 graphemes, 2900 bytes
    assert grapheme_count(text) == 300 and len(text.encode()) == 2900
    published = desk.client.publish(post(text))
    assert get_record(pds, published.ref.uri)["value"]["text"] == text
    puts = desk.traffic.count("com.atproto.repo.putRecord")
    too_long = text + "x"
    with pytest.raises(RejectedError) as raised:
        desk.client.publish(post(too_long))
    assert str(raised.value) == str(check_bluesky(too_long).message())
    assert desk.traffic.count("com.atproto.repo.putRecord") == puts
    assert len(desk.posts()) == 1


# -- content warnings --------------------------------------------------------------------------

def test_a_content_warning_is_refused_by_default(desk: Desk) -> None:
    with pytest.raises(RejectedError, match="no content warnings"):
        desk.client.publish(post("Plot", content_warning="Spoilers"))
    assert desk.posts() == []


def test_a_content_warning_can_be_put_first_and_counts(pds: PdsServer, desk: Desk) -> None:
    published = desk.client.publish(post("The butler did it", content_warning="Spoilers",
                                         cw_on_bluesky=ContentWarningOnBluesky.PREPEND))
    assert get_record(pds, published.ref.uri)["value"]["text"] == (
        "CW: Spoilers\n\nThe butler did it")
    with pytest.raises(RejectedError, match="Too long for Bluesky"):
        desk.client.publish(post("x" * 290, content_warning="Spoilers",
                                 cw_on_bluesky=ContentWarningOnBluesky.PREPEND))


def test_a_content_warning_can_be_left_out(pds: PdsServer, desk: Desk) -> None:
    published = desk.client.publish(post("The butler did it", content_warning="Spoilers",
                                         cw_on_bluesky=ContentWarningOnBluesky.DROP))
    assert get_record(pds, published.ref.uri)["value"]["text"] == "The butler did it"


# -- pictures ----------------------------------------------------------------------------------

def test_pictures_carry_alt_text_and_aspect_ratio_and_no_location(pds: PdsServer, desk: Desk,
                                                                   tmp_path: Path) -> None:
    png = write_png(tmp_path / "chart.png")
    photo = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS position
    Image.new("RGB", (640, 480), (200, 60, 30)).save(photo, exif=exif.tobytes(),
                                                      comment=b"at home")
    published = desk.client.publish(post("Two pictures", images=(
        ImageUpload(png, "A blue rectangle"), ImageUpload(photo, "A red photo"))))
    embed = get_record(pds, published.ref.uri)["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    first, second = embed["images"]
    assert (first["alt"], first["aspectRatio"]) == ("A blue rectangle", {"width": 300, "height": 200})
    assert first["image"]["mimeType"] == "image/png"
    assert (second["alt"], second["aspectRatio"]) == ("A red photo", {"width": 640, "height": 480})
    assert second["image"]["mimeType"] == "image/jpeg"
    blob = get_blob(pds, desk.owner.did, second["image"]["ref"]["$link"])
    assert len(blob) == second["image"]["size"]
    with Image.open(io.BytesIO(blob)) as stored:
        assert dict(stored.getexif()) == {}
        assert "comment" not in stored.info
    assert b"PhoneMaker" not in blob and b"at home" not in blob


def test_a_12_mb_picture_is_shrunk_below_a_megabyte(pds: PdsServer, desk: Desk,
                                                   tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    Image.frombytes("RGB", (2000, 2000), os.urandom(2000 * 2000 * 3)).resize(
        (4000, 3000)).save(big, compress_level=1)
    assert big.stat().st_size > 12_000_000
    published = desk.client.publish(post("A very large picture", images=(
        ImageUpload(big, "Coloured noise"),)))
    [image] = get_record(pds, published.ref.uri)["value"]["embed"]["images"]
    assert image["image"]["size"] <= 1_000_000
    ratio = image["aspectRatio"]
    assert ratio["width"] * 3 == ratio["height"] * 4
    assert max(ratio.values()) <= 2000
    blob = get_blob(pds, desk.owner.did, image["image"]["ref"]["$link"])
    with Image.open(io.BytesIO(blob)) as stored:
        assert stored.size == (ratio["width"], ratio["height"])


def test_a_text_file_named_png_is_refused_and_nothing_is_sent(desk: Desk, tmp_path: Path) -> None:
    fake = tmp_path / "holiday.png"
    fake.write_text("these are my notes, not a picture\n")
    with pytest.raises(RejectedError, match=r"'holiday.png' is not a picture") as raised:
        desk.client.publish(post("With a fake picture", images=(ImageUpload(fake, "Fake"),)))
    assert "Nothing was posted" in str(raised.value)
    assert desk.traffic.count("com.atproto.repo.uploadBlob") == 0
    assert desk.traffic.count("com.atproto.repo.putRecord") == 0
    assert desk.posts() == []


def test_more_than_four_pictures_are_refused(desk: Desk, tmp_path: Path) -> None:
    png = write_png(tmp_path / "p.png")
    with pytest.raises(RejectedError, match="at most 4 pictures"):
        desk.client.publish(post("Five", images=tuple(ImageUpload(png, "p") for _ in range(5))))


# -- replies, deletion, reading -----------------------------------------------------------------

def test_replies_point_at_the_first_post_and_the_one_answered(pds: PdsServer, desk: Desk) -> None:
    first = desk.client.publish(post("The original"))
    # Only the at:// address, as a stored publication keeps it: the CID is looked up.
    second = desk.client.publish(post("A correction", reply_to=RemoteRef(first.ref.uri)))
    third = desk.client.publish(post("A correction of the correction",
                                     reply_to=RemoteRef(second.ref.uri)))
    refs = {"uri": first.ref.uri, "cid": first.ref.cid}
    assert get_record(pds, second.ref.uri)["value"]["reply"] == {"root": refs, "parent": refs}
    assert get_record(pds, third.ref.uri)["value"]["reply"] == {
        "root": refs, "parent": {"uri": second.ref.uri, "cid": second.ref.cid}}
    assert (second.reply_to, third.reply_to) == (first.ref.uri, second.ref.uri)


def test_a_reply_to_a_post_that_does_not_exist_is_refused(desk: Desk) -> None:
    missing = f"at://{desk.owner.did}/app.bsky.feed.post/{make_tid()}"
    with pytest.raises(RejectedError, match="cannot be found"):
        desk.client.publish(post("Into the void", reply_to=RemoteRef(missing)))
    assert desk.posts() == []


def test_delete_removes_the_post_and_may_be_repeated(pds: PdsServer, desk: Desk) -> None:
    kept = desk.client.publish(post("Stays"))
    gone = desk.client.publish(post("Goes"))
    desk.client.delete(gone.ref)
    assert [p["uri"] for p in desk.posts()] == [kept.ref.uri]
    desk.client.delete(RemoteRef(gone.ref.uri))  # already gone: nothing to do
    other = open_desk(pds, "neighbour", desk.credentials)
    theirs = other.client.publish(post("Not yours"))
    with pytest.raises(RejectedError, match="another account"):
        desk.client.delete(theirs.ref)
    assert len(other.posts()) == 1


def test_a_delete_whose_answer_was_lost_is_checked(desk: Desk) -> None:
    gone = desk.client.publish(post("Goes, though nobody hears"))
    desk.traffic.rules.append(Rule("com.atproto.repo.deleteRecord",
                                   after=httpx.ReadTimeout("simulated: the answer was lost")))
    desk.client.delete(gone.ref)
    assert desk.traffic.count("com.atproto.repo.deleteRecord") == 1
    assert desk.posts() == []


def test_each_post_is_its_own_record_read_back_with_its_link(desk: Desk) -> None:
    made = [desk.client.publish(post(f"Post {n}")) for n in range(3)]
    stored = {p["uri"]: p["value"]["text"] for p in desk.posts()}
    assert stored == {m.ref.uri: f"Post {n}" for n, m in enumerate(made)}
    found = desk.client.fetch(made[2].ref)
    assert found is not None and found.text == "Post 2"
    assert found.url.endswith("/post/" + made[2].ref.uri.rsplit("/", 1)[1])


def test_editing_is_unsupported_and_says_what_to_do_instead(desk: Desk) -> None:
    assert desk.client.capabilities.can_edit is False
    assert desk.client.capabilities.max_images == 4
    with pytest.raises(UnsupportedError, match="Post a correction"):
        desk.client.edit(RemoteRef("at://x/app.bsky.feed.post/y"), post("Edited"))


# -- exactly once --------------------------------------------------------------------------------

def test_the_same_idempotency_key_gives_the_same_post(desk: Desk) -> None:
    request = post("Once, however often it is sent")
    first = desk.client.publish(request)
    again = desk.reopen().publish(request)
    assert (again.ref, again.extra["already_existed"]) == (first.ref, True)
    assert len(desk.posts()) == 1


def test_a_lost_answer_is_looked_up_not_sent_twice(desk: Desk) -> None:
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord",
                                   after=httpx.ReadTimeout("simulated: the answer was lost")))
    published = desk.client.publish(post("Accepted, but the answer never came"))
    assert desk.traffic.count("com.atproto.repo.putRecord") == 1
    assert [p["uri"] for p in desk.posts()] == [published.ref.uri]
    assert desk.traffic.calls[-1] == "com.atproto.repo.getRecord"


def test_a_request_lost_on_the_way_is_sent_again_once(desk: Desk) -> None:
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord",
                                   before=httpx.ReadTimeout("simulated: it never arrived")))
    published = desk.client.publish(post("Arrived at the second try"))
    assert desk.traffic.count("com.atproto.repo.putRecord") == 2
    assert [p["uri"] for p in desk.posts()] == [published.ref.uri]


def test_no_answer_at_all_is_an_unknown_outcome(desk: Desk) -> None:
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord", times=2,
                                   before=httpx.ReadTimeout("simulated: silence")))
    with pytest.raises(OutcomeUnknownError, match="cannot tell whether"):
        desk.client.publish(post("Lost twice"))
    assert desk.traffic.count("com.atproto.repo.putRecord") == 2
    assert desk.posts() == []


def test_a_different_record_under_the_key_is_never_overwritten(desk: Desk) -> None:
    request = post("The first version")
    first = desk.client.publish(request)
    # As if the two had raced: the check finds nothing, so only swapRecord=null protects it.
    desk.traffic.rules.append(Rule("com.atproto.repo.getRecord",
                                   respond=xrpc_error(400, "RecordNotFound", "no record")))
    changed = PostRequest(text="A different text", idempotency_key=request.idempotency_key)
    again = desk.client.publish(changed)
    assert again.ref == first.ref
    assert again.extra["differs_from_request"] is True
    [stored] = desk.posts()
    assert stored["value"]["text"] == "The first version"


@pytest.mark.parametrize("visibility", [Visibility.UNLISTED, Visibility.PRIVATE, Visibility.DIRECT])
def test_posts_meant_for_fewer_people_are_not_made_public(desk: Desk,
                                                          visibility: Visibility) -> None:
    with pytest.raises(RejectedError, match=f"always public.*{visibility.value}"):
        desk.client.publish(post("Only for followers", visibility=visibility))
    assert desk.posts() == []


def test_the_key_must_be_a_tid(desk: Desk) -> None:
    with pytest.raises(InvalidInputError, match="TID"):
        desk.client.publish(PostRequest(text="Hello", idempotency_key="not-a-tid"))


# -- errors --------------------------------------------------------------------------------------

def test_too_many_requests_give_the_reset_time(desk: Desk) -> None:
    desk.traffic.rules.append(Rule("com.atproto.repo.putRecord", respond=xrpc_error(
        429, "RateLimitExceeded", "Rate Limit Exceeded",
        headers={"ratelimit-limit": "5000", "ratelimit-remaining": "0",
                 "ratelimit-reset": "1900000000"})))
    with pytest.raises(RateLimitedError, match="slow down") as raised:
        desk.client.publish(post("Too fast"))
    assert raised.value.reset_at is not None
    assert int(raised.value.reset_at.timestamp()) == 1_900_000_000
    assert desk.posts() == []


def test_an_unreachable_server_is_a_connection_failure(desk: Desk) -> None:
    desk.traffic.rules.append(Rule("com.atproto.repo.getRecord",
                                   before=httpx.ConnectError("simulated: connection refused")))
    with pytest.raises(ConnectionFailedError, match="Nothing was sent"):
        desk.client.publish(post("Nowhere to go"))


def test_a_server_error_is_reported_as_such(desk: Desk) -> None:
    made = desk.client.publish(post("Read back while the server fails"))
    desk.traffic.rules.append(Rule("com.atproto.repo.getRecord",
                                   respond=xrpc_error(500, "InternalServerError", "boom")))
    with pytest.raises(ServerFailureError, match="server failed"):
        desk.client.fetch(made.ref)


def test_the_client_refuses_other_platforms(desk: Desk) -> None:
    with pytest.raises(InvalidInputError):
        BlueskyClient(replace(desk.account, platform=Platform.MASTODON), desk.credentials)


def test_fetch_reads_one_post_with_its_author_and_none_once_gone(pds: PdsServer,
                                                                 desk: Desk) -> None:
    made = desk.client.publish(post("Fetched back", language="cy"))
    found = desk.client.fetch(RemoteRef(made.ref.uri))
    assert found is not None
    assert (found.ref, found.text, found.url) == (made.ref, "Fetched back", made.url)
    assert found.extra["author_id"] == desk.owner.did and found.extra["language"] == "cy"
    by_handle = RemoteRef(made.ref.uri.replace(desk.owner.did, desk.owner.handle))
    again = desk.client.fetch(by_handle)
    assert again is not None and again.ref.cid == made.ref.cid
    desk.client.delete(made.ref)
    assert desk.client.fetch(made.ref) is None
    with pytest.raises(InvalidInputError, match="not a Bluesky post"):
        desk.client.fetch(RemoteRef(f"at://{desk.owner.did}/app.bsky.actor.profile/self"))
