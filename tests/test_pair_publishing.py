"""Publishing bilingual pairs on the Mastodon test server (through the real Mastodon.py) and the
reference PDS, through the services the window and the command line use: both or neither, a
failure that names the languages and a retry that sends only the missing part (also when the
answer for it was lost), and a pair answering an earlier pair going under the part in its own
language."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safedesk.app import SafeDesk
from safedesk.core.models import (
    Account,
    Content,
    DraftState,
    Pane,
    Person,
    Platform,
    PublicationState,
    Role,
    Translation,
)
from safedesk.services.signin import mastodon_account, signin_module
from tests.bluesky_support import list_records
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.mastodon_state import Request, Response
from tests.servers.pds_harness import PdsServer
from tests.test_corrections_live import add_bluesky, add_mastodon

WELSH = "Mae'r bont ar gau heddiw."
ENGLISH = "The bridge is closed today."
STATUSES = "/api/v1/statuses"


@pytest.fixture
def jo(live_desk: SafeDesk) -> Person:
    return live_desk.people.add("Jo", Role.ADMIN, "the-passphrase")


def pair_to(desk: SafeDesk, jo: Person, *targets: Account, reply_to: str | None = None,
            welsh: str = WELSH, english: str = ENGLISH) -> str:
    content = Content(english, tuple(a.id for a in targets), language="en", reply_to=reply_to,
                      translation=Translation("cy", welsh))
    return desk.drafts.create(jo, Pane.PERSONAL, content).id


def after_first_post(server: MastodonTestServer, monkeypatch: pytest.MonkeyPatch,
                     then: Callable[[], None]) -> None:
    """Run ``then`` once the server has made the first status, before it answers."""
    handle = server.handle
    done: list[bool] = []

    def handled(req: Request) -> Response | None:
        response = handle(req)
        if req.method == "POST" and req.path == STATUSES and not done:
            done.append(True)
            then()
        return response

    monkeypatch.setattr(server, "handle", handled)


def test_a_failed_second_part_names_the_languages_and_retry_sends_only_it(
        live_desk: SafeDesk, jo: Person, mastodon: MastodonTestServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    mastodon.honour_idempotency(False)  # only SafeDesk's own record keeps a post single
    masto = add_mastodon(live_desk, jo, mastodon, "jo")
    draft_id = pair_to(live_desk, jo, masto)
    after_first_post(mastodon, monkeypatch,
                     lambda: mastodon.fail_next("POST", STATUSES, 422, body={
                         "error": "Validation failed: the server is tired"}))

    report = live_desk.publisher.publish(draft_id, jo)
    [publication] = report.publications
    assert publication.state is PublicationState.FAILED
    assert report.draft.state is DraftState.FAILED  # both or neither: not "published"
    assert publication.error.startswith("The Welsh post is out; the English post failed: ")
    assert [(p.language, p.out_at is not None) for p in publication.parts_out] == [("cy", True)]
    assert [s["text"] for s in mastodon.statuses_for("jo")] == [WELSH]

    retried = live_desk.publisher.publish(draft_id, jo)  # what the window's Retry does
    assert retried.complete, [p.error for p in retried.publications]
    statuses = mastodon.statuses_for("jo")
    assert [(s["text"], s["language"], s["in_reply_to_id"]) for s in statuses] == [
        (WELSH, "cy", None), (ENGLISH, "en", None)]  # exactly two: nothing sent twice
    [done] = retried.publications
    assert [p.language for p in done.parts_out] == ["cy", "en"]
    assert done.remote_id == statuses[0]["id"]


def test_a_failed_first_part_sends_neither(
        live_desk: SafeDesk, jo: Person, mastodon: MastodonTestServer) -> None:
    masto = add_mastodon(live_desk, jo, mastodon, "jo")
    draft_id = pair_to(live_desk, jo, masto)
    mastodon.fail_next("POST", STATUSES, 422, body={"error": "Validation failed: no"})
    [publication] = live_desk.publisher.publish(draft_id, jo).publications
    assert publication.state is PublicationState.FAILED
    assert publication.error.startswith(
        "The Welsh post failed, so the English post was not sent either: ")
    assert mastodon.statuses_for("jo") == []


def test_a_lost_answer_for_the_second_part_is_looked_for_not_sent_again(
        live_desk: SafeDesk, jo: Person, mastodon: MastodonTestServer) -> None:
    """The English post reaches the server, which makes it; its answer never arrives. The
    server here ignores Idempotency-Key, so only looking keeps a second English post away."""
    mastodon.honour_idempotency(False)
    with FaultProxy(mastodon.url) as proxy:
        token = mastodon.create_user("jo")
        identity = signin_module(Platform.MASTODON).sign_in_with_token(proxy.url, token)
        masto = live_desk.signin.add(Pane.PERSONAL, mastodon_account(identity), jo)
        draft_id = pair_to(live_desk, jo, masto)
        proxy.on_answer("POST", STATUSES)  # the Welsh post: answered
        proxy.on_answer("POST", STATUSES, relay=False)  # the English post: made, answer lost
        report = live_desk.publisher.publish(draft_id, jo)
        # The adapter looked for the English post after the lost answer, and found it.
        assert report.complete, [p.error for p in report.publications]
        assert [s["text"] for s in mastodon.statuses_for("jo")] == [WELSH, ENGLISH]
        assert proxy.count("POST", STATUSES) == 2  # found, not sent again
        assert [p.language for p in report.publications[0].parts_out] == ["cy", "en"]


def test_a_pair_answering_a_pair_goes_under_the_part_in_its_own_language(
        live_desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(live_desk, jo, mastodon, "jo")
    sky, owner = add_bluesky(live_desk, jo, pds, "jopairreply")
    original = pair_to(live_desk, jo, masto, sky)
    assert live_desk.publisher.publish(original, jo).complete
    answer = pair_to(live_desk, jo, masto, sky, reply_to=original,
                     welsh="Cywiriad: mae'r bont ar agor.", english="Correction: it is open.")
    assert live_desk.publisher.publish(answer, jo).complete

    statuses = {s["text"]: s for s in mastodon.statuses_for("jo")}
    assert statuses["Cywiriad: mae'r bont ar agor."]["in_reply_to_id"] == statuses[WELSH]["id"]
    assert statuses["Correction: it is open."]["in_reply_to_id"] == statuses[ENGLISH]["id"]
    records = {r["value"]["text"]: r for r in list_records(pds, owner.did)}
    assert records["Cywiriad: mae'r bont ar agor."]["value"]["reply"]["parent"]["uri"] == \
        records[WELSH]["uri"]
    assert records["Correction: it is open."]["value"]["reply"]["parent"]["uri"] == \
        records[ENGLISH]["uri"]


def test_a_pair_answering_a_single_post_goes_under_that_post_in_both_languages(
        live_desk: SafeDesk, jo: Person, mastodon: MastodonTestServer) -> None:
    masto = add_mastodon(live_desk, jo, mastodon, "jo")
    single = live_desk.drafts.create(jo, Pane.PERSONAL, Content(ENGLISH, (masto.id,)))
    assert live_desk.publisher.publish(single.id, jo).complete
    answer = pair_to(live_desk, jo, masto, reply_to=single.id, welsh="Ar agor eto.",
                     english="Open again.")
    assert live_desk.publisher.publish(answer, jo).complete
    statuses = {s["text"]: s for s in mastodon.statuses_for("jo")}
    assert statuses["Ar agor eto."]["in_reply_to_id"] == statuses[ENGLISH]["id"]
    assert statuses["Open again."]["in_reply_to_id"] == statuses[ENGLISH]["id"]
