"""Threads: splitting a long post into numbered parts that fit every chosen account, storing and
approving them as one content, and publishing them in order as replies, exactly once per part,
on the Mastodon test server (through the real Mastodon.py) and the reference PDS."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.corrections import OriginalAction
from safedesk.core.counting import check_bluesky, check_mastodon
from safedesk.core.errors import InvalidInputError, InvalidTransitionError, OutcomeUnknownError
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    PublicationState,
    Role,
    ServerLimits,
)
from safedesk.core.platform import PostRequest, is_tid, make_tid
from safedesk.core.threads import fits_every, part_key, split_text
from safedesk.services.signin import bluesky_account, mastodon_account, signin_module
from tests.bluesky_support import get_record, list_records
from tests.fake_platform import FakePlatform
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_corrections_live import add_bluesky, add_mastodon

SENTENCES = [f"Sentence number {n} says the bins go out on a Thursday this week." for n in
             range(1, 16)]
LONG = " ".join(SENTENCES)  # about 1000 characters


def account(platform: Platform, max_characters: int = 500) -> Account:
    return Account(id=platform.value, pane=Pane.PERSONAL, platform=platform,
                   server="https://example.org", handle="jo", display_name="Jo",
                   created_at=datetime(2026, 1, 1, tzinfo=UTC),
                   limits=ServerLimits(max_characters=max_characters))


# -- splitting ------------------------------------------------------------------------------------

def test_a_split_fits_the_strictest_account_at_sentence_ends_and_numbers_every_part() -> None:
    accounts = [account(Platform.MASTODON, 500), account(Platform.BLUESKY)]
    parts = split_text(LONG, fits_every(accounts, Content(text=LONG, targets=())))
    assert len(parts) >= 4  # 300 graphemes is the limit that counts
    for number, part in enumerate(parts, start=1):
        assert part.endswith(f" {number}/{len(parts)}")
        assert check_bluesky(part).ok and check_mastodon(part).ok
        body = part.rsplit(" ", 1)[0]
        assert body.endswith("week.")  # cut between sentences, not inside one
    rejoined = " ".join(part.rsplit(" ", 1)[0] for part in parts)
    assert rejoined == LONG


def test_a_tighter_mastodon_server_sets_the_limit() -> None:
    tight = [account(Platform.MASTODON, 150), account(Platform.BLUESKY)]
    parts = split_text(LONG, fits_every(tight, Content(text=LONG, targets=())))
    assert all(check_mastodon(p, max_characters=150).ok for p in parts)
    assert any(len(p) > 120 for p in parts)  # packed up to the limit, not one sentence each


def test_the_warning_counts_on_the_first_part_only() -> None:
    mastodon = [account(Platform.MASTODON, 200)]
    content = Content(text=LONG, targets=(), content_warning="W" * 120)
    parts = split_text(LONG, fits_every(mastodon, content))
    assert check_mastodon(parts[0], content.content_warning, max_characters=200).ok
    assert all(check_mastodon(p, max_characters=200).ok for p in parts[1:])
    assert len(parts[1]) > len(parts[0])


def test_a_sentence_longer_than_a_part_is_cut_between_words_and_a_huge_word_inside() -> None:
    text = "word " * 200 + "x" * 700
    parts = split_text(text, fits_every([account(Platform.BLUESKY)], Content(text, ())))
    assert all(check_bluesky(p).ok for p in parts)
    assert all(not p.rsplit(" ", 1)[0].endswith("wor") for p in parts)
    assert "".join(p.rsplit(" ", 1)[0].replace("word", "").replace(" ", "")
                   for p in parts) == "x" * 700


def test_a_text_that_fits_is_not_split() -> None:
    assert split_text("Short. ", fits_every([account(Platform.BLUESKY)],
                                            Content("Short.", ()))) == ("Short.",)


def test_each_part_has_its_own_key_still_a_tid_and_the_same_every_time() -> None:
    key = make_tid()
    keys = [part_key(key, i) for i in range(5)]
    assert keys[0] == key
    assert len(set(keys)) == 5 and all(is_tid(k) for k in keys)
    assert keys == sorted(keys)  # a later part sorts after the one before, as a record key
    assert keys == [part_key(key, i) for i in range(5)]


def test_a_part_too_long_or_empty_is_refused_before_sending(desk: SafeDesk) -> None:
    jo = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
    sky = desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                 "jo.example", owner=jo)
    too_long = desk.drafts.create(jo, Pane.PERSONAL, Content(
        "Part one. 1/2", (sky.id,), thread=("x" * 301,)))
    with pytest.raises(InvalidInputError, match="part 2 of the thread: Too long for Bluesky"):
        desk.publisher.publish(too_long.id, jo)
    empty = desk.drafts.create(jo, Pane.PERSONAL, Content("One. 1/2", (sky.id,), thread=(" ",)))
    with pytest.raises(InvalidInputError, match="Part 2 of the thread is empty"):
        desk.publisher.publish(empty.id, jo)


def test_the_parts_are_stored_with_the_draft(tmp_path: Path) -> None:
    app = build(Settings(tmp_path / "desk"))
    try:
        jo = app.people.add("Jo", Role.ADMIN, "the-passphrase")
        draft = app.drafts.create(jo, Pane.PERSONAL, Content("One 1/3", (), thread=("Two 2/3",
                                                                                  "Three 3/3")))
        assert app.drafts.get(draft.id).content.thread == ("Two 2/3", "Three 3/3")
    finally:
        app.close()


# -- publishing on the real servers ---------------------------------------------------------------

THREAD = Content(text="The library moves. 1/3", targets=(),
                 thread=("It opens on Monday at the old school. 2/3",
                         "Bring your cards; nothing else changes. 3/3"))


@pytest.fixture
def live(live_desk: SafeDesk) -> SafeDesk:
    return live_desk


@pytest.fixture
def jo(live: SafeDesk) -> Person:
    return live.people.add("Jo", Role.ADMIN, "the-passphrase")


def thread_to(live: SafeDesk, jo: Person, *targets: Account) -> str:
    content = Content(text=THREAD.text, targets=tuple(a.id for a in targets),
                      thread=THREAD.thread)
    return live.drafts.create(jo, Pane.PERSONAL, content).id


def texts(content: Content) -> list[str]:
    return [content.text, *content.thread]


def mastodon_chain(server: MastodonTestServer, user: str) -> list[str]:
    """The account's statuses' texts, oldest first, after checking that the first answers
    nothing and each next one answers the one before."""
    statuses = sorted(server.statuses_for(user), key=lambda s: int(s["id"]))
    assert statuses[0]["in_reply_to_id"] is None
    for before, after in itertools.pairwise(statuses):
        assert after["in_reply_to_id"] == before["id"]
    return [str(s["text"]) for s in statuses]


def bluesky_chain(pds: PdsServer, did: str) -> list[str]:
    """The repository's posts' texts, oldest first, after checking that each next one replies
    to the one before, in the thread rooted at the first."""
    records = sorted(list_records(pds, did), key=lambda r: r["uri"])
    root = {"uri": records[0]["uri"], "cid": records[0]["cid"]}
    assert "reply" not in records[0]["value"]
    for before, after in itertools.pairwise(records):
        assert after["value"]["reply"] == {"root": root,
                                           "parent": {"uri": before["uri"], "cid": before["cid"]}}
    return [str(r["value"]["text"]) for r in records]


def assert_mastodon_chain(server: MastodonTestServer, user: str) -> None:
    assert mastodon_chain(server, user) == texts(THREAD)  # each part once, in order


def assert_bluesky_chain(pds: PdsServer, did: str) -> None:
    assert bluesky_chain(pds, did) == texts(THREAD)


def test_a_thread_goes_out_in_order_as_replies_on_both_servers(
        live: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(live, jo, mastodon, "jo")
    sky, owner = add_bluesky(live, jo, pds, "jothread")
    report = live.publisher.publish(thread_to(live, jo, masto, sky), jo)
    assert report.complete, [p.error for p in report.publications]
    assert_mastodon_chain(mastodon, "jo")
    assert_bluesky_chain(pds, owner.did)
    by_account = {p.account_id: p for p in report.publications}
    # The publication points at the thread's first post, and knows every part.
    first = sorted(mastodon.statuses_for("jo"), key=lambda s: int(s["id"]))[0]
    assert by_account[masto.id].remote_id == first["id"]
    assert len(by_account[masto.id].parts_out) == 3
    assert [get_record(pds, p.uri)["value"]["text"] for p in by_account[sky.id].parts_out] == \
        texts(THREAD)


def test_a_correction_threads_under_the_last_part(
        live: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(live, jo, mastodon, "jo")
    sky, owner = add_bluesky(live, jo, pds, "jothreadfix")
    original = live.publisher.publish(thread_to(live, jo, masto, sky), jo)
    parts = {p.account_id: p.parts_out for p in original.publications}
    reply = live.drafts.create(jo, Pane.PERSONAL, Content(
        "Correction: Tuesday, not Monday.", (masto.id, sky.id), reply_to=original.draft.id))
    report = live.publisher.publish(reply.id, jo)
    assert report.complete, [p.error for p in report.publications]
    answer = {p.account_id: p for p in report.publications}
    masto_reply = next(s for s in mastodon.statuses_for("jo") if s["id"] ==
                       answer[masto.id].remote_id)
    assert masto_reply["in_reply_to_id"] == parts[masto.id][-1].remote_id
    record = get_record(pds, answer[sky.id].remote_uri)["value"]["reply"]
    assert record["parent"]["uri"] == parts[sky.id][-1].uri
    assert record["root"]["uri"] == parts[sky.id][0].uri
    assert owner.did in record["root"]["uri"]


def test_deleting_a_corrected_thread_deletes_every_part(
        live: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(live, jo, mastodon, "jo")
    sky, owner = add_bluesky(live, jo, pds, "jothreaddel")
    original = live.publisher.publish(thread_to(live, jo, masto, sky), jo)
    plan = live.corrections.prepare(original.publications[0].id, "apology")
    report = live.corrections.publish(plan, jo, OriginalAction.DELETE, note="wrong week")
    assert report.complete, report
    replies = {t.account.id: t.reply for t in report.targets}
    masto_reply, sky_reply = replies[masto.id], replies[sky.id]
    assert masto_reply is not None and sky_reply is not None
    # Only the apology is left on each account.
    assert [s["id"] for s in mastodon.statuses_for("jo")] == [masto_reply.remote_id]
    assert [r["uri"] for r in list_records(pds, owner.did)] == [sky_reply.remote_uri]


def test_a_lost_answer_after_part_two_then_a_retry_sends_part_three_only(
        live: SafeDesk, jo: Person, mastodon: MastodonTestServer) -> None:
    """The server takes part 2, and its answer is lost; part 3 is never tried. The retry must
    find part 2 (on a server that ignores Idempotency-Key, so only looking can save it), not
    send parts 1 or 2 again, and send part 3 once."""
    mastodon.honour_idempotency(False)
    with FaultProxy(mastodon.url) as proxy:
        identity = signin_module(Platform.MASTODON).sign_in_with_token(
            proxy.url, mastodon.create_user("jo"))
        masto = live.signin.add(Pane.PERSONAL, mastodon_account(identity), jo)
        proxy.on_answer("POST", "/api/v1/statuses", times=1)  # part 1 answered
        proxy.on_answer("POST", "/api/v1/statuses", relay=False)  # part 2 made, answer lost
        proxy.on_answer("GET", "/api/v1/accounts", relay=False, times=100)  # and no look
        draft_id = thread_to(live, jo, masto)
        report = live.publisher.publish(draft_id, jo)
        [publication] = report.publications
        assert publication.state is PublicationState.UNKNOWN
        assert publication.error.startswith("Part 2 of 3:")
        assert len(publication.parts_out) == 1
        assert [s["text"] for s in mastodon.statuses_for("jo")] == texts(THREAD)[:2]

        proxy.clear()
        seen = len(mastodon.requests)
        again = live.publisher.publish(draft_id, jo)
    assert again.complete, [p.error for p in again.publications]
    assert again.draft.state is DraftState.PUBLISHED
    assert_mastodon_chain(mastodon, "jo")
    assert proxy.count("POST", "/api/v1/statuses") == 3  # part 3 once; parts 1 and 2 never again
    # The retry started after part 1, recorded as out: it looked for part 2 alone (one search
    # of the account's posts), and not for part 1.
    retry = mastodon.requests[seen:]
    assert [(r.method, r.path.endswith("/statuses")) for r in retry
            if r.path.startswith("/api/v1/accounts/")] == [("GET", True)]


def test_a_crash_after_part_two_on_bluesky_is_finished_by_recovery_without_repeats(
        data_dir: Path, live: SafeDesk, jo: Person, pds: PdsServer) -> None:
    """The process dies while part 3 is being written (after the PDS stored it). The next
    start's recovery looks for part 3 by its own record key, finds it, and writes nothing."""
    class Crash(BaseException):
        """The process dying: nothing after it runs, nothing catches it."""

    with FaultProxy(pds.url) as proxy:
        owner = pds.create_account("jocrash")
        assert owner.app_password is not None
        identity = signin_module(Platform.BLUESKY).sign_in(proxy.url, owner.handle,
                                                           owner.app_password)
        sky = live.signin.add(Pane.PERSONAL, bluesky_account(identity), jo)

        def die() -> None:
            raise Crash

        draft_id = thread_to(live, jo, sky)
        proxy.on_answer("POST", "/xrpc/com.atproto.repo.putRecord", times=2)
        proxy.on_answer("POST", "/xrpc/com.atproto.repo.putRecord", relay=False)
        original_publish = live.publisher._clients
        calls: list[int] = []

        def clients(account: Account) -> object:
            real = original_publish(account)

            class Dying:
                def __getattr__(self, name: str) -> object:
                    return getattr(real, name)

                def publish(self, request: object) -> object:
                    calls.append(1)
                    try:
                        return real.publish(request)  # type: ignore[arg-type]
                    finally:
                        if len(calls) == 3:
                            die()
            return Dying()

        live.publisher._clients = clients  # type: ignore[assignment]
        with pytest.raises(Crash):
            live.publisher.publish(draft_id, jo)
        live.publisher._clients = original_publish
        assert len(list_records(pds, owner.did)) == 3
        writes_before = proxy.count("POST", "/xrpc/com.atproto.repo.putRecord")

        stored = live.store.list_publications(draft_id=draft_id)[0]
        assert stored.state is PublicationState.PENDING and len(stored.parts_out) == 2
        assert stored.next_part_tried_at is not None  # part 3 recorded as tried before sending
        # The next start: the PDS answers again (the proxy passes everything on).
        proxy.clear()
        recovered = live.recovery.recover_interrupted(jo)
        assert recovered.found_anything
        assert live.drafts.get(draft_id).state is DraftState.PUBLISHED
        assert proxy.count("POST", "/xrpc/com.atproto.repo.putRecord") == writes_before == 3
    assert_bluesky_chain(pds, owner.did)



def test_the_warning_and_images_go_on_the_first_part_only(
        desk: SafeDesk, platforms: dict[str, FakePlatform], tmp_path: Path) -> None:
    jo = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
    masto = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social",
                                   "jo", owner=jo)
    picture = tmp_path / "map.png"
    Image.new("RGB", (40, 30), (10, 120, 200)).save(picture)
    image = desk.media.import_file(picture, "A map of the diversion")
    content = Content(text=THREAD.text, targets=(masto.id,), thread=THREAD.thread,
                      content_warning="Roadworks", media=(image,), language="en")
    report = desk.publisher.publish(desk.drafts.create(jo, Pane.PERSONAL, content).id, jo)
    assert report.complete
    first, *later = platforms[masto.id].requests
    assert (first.content_warning, [i.alt_text for i in first.images]) == (
        "Roadworks", ["A map of the diversion"])
    assert [(r.content_warning, r.images, r.language) for r in later] == [("", (), "en")] * 2


def test_an_unseen_part_cannot_be_confirmed_by_hand_but_can_be_sent_again_knowingly(
        desk: SafeDesk, platforms: dict[str, FakePlatform]) -> None:
    jo = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
    masto = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social",
                                   "jo", owner=jo)
    draft = desk.drafts.create(jo, Pane.PERSONAL, Content(THREAD.text, (masto.id,),
                                                          thread=THREAD.thread))
    platform = platforms.setdefault(masto.id, FakePlatform(masto))

    def lose_part_two(request: PostRequest) -> None:
        if request.text == THREAD.thread[0]:
            raise OutcomeUnknownError("No answer from the server.")
    platform.before_publish = lose_part_two
    [unseen] = desk.publisher.publish(draft.id, jo).publications
    assert unseen.state is PublicationState.UNKNOWN and len(unseen.parts_out) == 1
    with pytest.raises(InvalidTransitionError, match="part 2 of 3 is the one no one could see"):
        desk.recovery.confirm(unseen.id, jo, "https://mastodon.social/@jo/2")

    platform.before_publish = None
    report = desk.recovery.send_again(unseen.id, jo)
    assert report.complete
    # Part 1 is never sent again; part 2 again (knowingly, without a look), then part 3.
    assert [r.text for r in platform.requests] == [THREAD.text, THREAD.thread[0], *THREAD.thread]
    assert platform.requests[2].earlier_attempt is not None
    assert platform.requests[2].earlier_attempt.knowingly
    assert [p.text for p in platform.posts.values()] == texts(THREAD)
