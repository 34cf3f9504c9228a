"""Corrections against the real servers: the Mastodon test server through Mastodon.py and the
reference PDS through atproto. Accounts come in through the real sign-in; posts "made outside
SafeDesk" are made with Mastodon.py and atproto directly. Each test reads the servers back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mastodon import Mastodon

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.corrections import ActionState, OriginalAction
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Account, Content, Pane, Person, Platform, Publication, Role
from safedesk.services.signin import bluesky_account, mastodon_account, signin_module
from tests.bluesky_support import get_record, list_records
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsAccount, PdsServer


@pytest.fixture
def desk(data_dir: Path) -> Iterator[SafeDesk]:
    app = build(Settings(data_dir), credentials=credential_store())
    yield app
    app.close()


@pytest.fixture
def jo(desk: SafeDesk) -> Person:
    return desk.people.add("Jo", Role.ADMIN, "the-passphrase")


def add_mastodon(desk: SafeDesk, person: Person, server: MastodonTestServer, user: str,
                 pane: Pane = Pane.PERSONAL) -> Account:
    token = server.create_user(user)
    identity = signin_module(Platform.MASTODON).sign_in_with_token(server.url, token)
    return desk.signin.add(pane, mastodon_account(identity), person)


def add_bluesky(desk: SafeDesk, person: Person, pds: PdsServer, prefix: str,
                pane: Pane = Pane.PERSONAL) -> tuple[Account, PdsAccount]:
    owner = pds.create_account(prefix)
    assert owner.app_password is not None
    identity = signin_module(Platform.BLUESKY).sign_in(pds.url, owner.handle, owner.app_password)
    return desk.signin.add(pane, bluesky_account(identity), person), owner


def own_api(server: MastodonTestServer, user: str) -> Mastodon:
    """Mastodon.py as an officer's phone app would use it: nothing of SafeDesk's."""
    return Mastodon(api_base_url=server.url, access_token=server.create_user(user),
                    version_check_mode="none", mastodon_version="4.4.3")


def sky_post(pds: PdsServer, owner: PdsAccount, text: str) -> Any:
    """A post made with atproto directly (the PDS has no AppView, so no profile lookup)."""
    from atproto import Client  # type: ignore[attr-defined]

    client = Client(base_url=pds.url)
    client.login(owner.handle, owner.login_password, fetch_bsky_profile=False)
    return client.send_post(text, profile_identify=owner.did)


def cross_post(desk: SafeDesk, person: Person, text: str, *targets: Account) -> dict[str, Publication]:
    draft = desk.drafts.create(person, Pane.PERSONAL,
                               Content(text=text, targets=tuple(a.id for a in targets)))
    report = desk.publisher.publish(draft.id, person)
    assert report.complete, [p.error for p in report.publications]
    return {p.account_id: p for p in report.publications}


def status(server: MastodonTestServer, user: str, status_id: str) -> dict[str, Any]:
    return next(s for s in server.statuses_for(user, include_deleted=True)
                if s["id"] == status_id)


def assert_reply_under(pds: PdsServer, reply_uri: str, original: Publication) -> None:
    reply = get_record(pds, reply_uri)["value"]["reply"]
    assert reply["parent"] == {"uri": original.remote_uri, "cid": original.remote_cid}
    assert reply["root"] == {"uri": original.remote_uri, "cid": original.remote_cid}


def test_an_apology_replies_under_each_original_then_deleting_keeps_the_replies(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    sky, owner = add_bluesky(desk, jo, pds, "joapology")
    originals = cross_post(desk, jo, "The library is shut on Saturday", masto, sky)

    plan = desk.corrections.prepare(originals[masto.id].id, "apology")
    assert {t.account.id for t in plan.targets} == {masto.id, sky.id}
    assert all(t.sending for t in plan.targets)
    report = desk.corrections.publish(plan, jo, OriginalAction.DELETE, note="wrong day")
    assert report.complete, report
    replies = {t.account.id: t.reply for t in report.targets}

    # Mastodon: the reply points at the original, which is gone; the reply is not.
    masto_reply = replies[masto.id]
    assert masto_reply is not None
    reply_status = status(mastodon, "jo", masto_reply.remote_id)
    assert reply_status["in_reply_to_id"] == originals[masto.id].remote_id
    assert not reply_status["deleted"] and reply_status["text"] == plan.text
    assert status(mastodon, "jo", originals[masto.id].remote_id)["deleted"]
    # Bluesky: root and parent are the original's strong reference; only the reply remains.
    sky_reply = replies[sky.id]
    assert sky_reply is not None
    assert_reply_under(pds, sky_reply.remote_uri, originals[sky.id])
    assert [r["uri"] for r in list_records(pds, owner.did)] == [sky_reply.remote_uri]
    assert {t.original.state.value for t in report.targets} == {"deleted"}


def test_editing_adds_a_visible_note_on_mastodon_and_leaves_bluesky_as_it_was(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    sky, owner = add_bluesky(desk, jo, pds, "joedit")
    originals = cross_post(desk, jo, "Swimming pool opens at 8", masto, sky)
    plan = desk.corrections.prepare(originals[sky.id].id, "correction", language="cy",
                                    fields={"correction": "Mae'r pwll yn agor am 9."})
    assert plan.text.startswith("Cywiriad i fy neges ar ")
    report = desk.corrections.publish(plan, jo, "edit")
    assert report.complete
    edited = status(mastodon, "jo", originals[masto.id].remote_id)
    assert edited["text"] == "Swimming pool opens at 8\n\n[Cywiriad: gweler yr ateb isod.]"
    assert edited["edited_at"] is not None and not edited["deleted"]
    kept = get_record(pds, originals[sky.id].remote_uri)["value"]
    assert kept["text"] == "Swimming pool opens at 8"
    sky_target = next(t for t in report.targets if t.account.id == sky.id)
    assert sky_target.action is OriginalAction.KEEP and "cannot be edited" in sky_target.detail
    assert len(list_records(pds, owner.did)) == 2
    assert report.correction.content.language == "cy"


def test_posts_made_outside_safedesk_are_corrected_by_link(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    sky, owner = add_bluesky(desk, jo, pds, "jophone")
    phone = own_api(mastodon, "jo").status_post("Posted from my phone: fete cancelled",
                                                visibility="unlisted")
    made = sky_post(pds, owner, "Posted from my phone: fete cancelled")
    rkey = made.uri.rsplit("/", 1)[1]

    for link, account in ((phone.url, masto),
                          (f"https://bsky.app/profile/{owner.handle}/post/{rkey}", sky)):
        imported = desk.corrections.import_link(link, jo, Pane.PERSONAL)
        assert imported.imported and imported.account_id == account.id
        # The same post by another form of its link is the same record, never a second one.
        again = desk.corrections.import_link(link, jo)
        assert again.id == imported.id
        plan = desk.corrections.prepare(imported.id, "retraction")
        assert plan.original.imported and plan.original.content.text.startswith("Posted from")
        report = desk.corrections.publish(plan, jo)
        assert report.complete and report.incident.imported
        [target] = report.targets
        assert target.reply is not None
        if account is masto:
            reply = status(mastodon, "jo", target.reply.remote_id)
            assert reply["in_reply_to_id"] == str(phone.id)
            assert reply["visibility"] == "unlisted"
            assert status(mastodon, "jo", str(phone.id))["deleted"]
        else:
            assert_reply_under(pds, target.reply.remote_uri, imported)
            assert imported.remote_uri == made.uri
            assert [r["uri"] for r in list_records(pds, owner.did)] == [target.reply.remote_uri]
    at_uri = desk.corrections.import_link(
        f"at://{owner.did}/app.bsky.feed.post/{rkey}", jo)
    assert at_uri.remote_uri == made.uri
    actions = [e.action for e in desk.store.audit_events()]
    assert actions.count("draft.import") == 2


def test_other_peoples_posts_are_refused(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    add_bluesky(desk, jo, pds, "jorefuse")
    theirs = own_api(mastodon, "mayor").status_post("The mayor's own post")
    with pytest.raises(NotAllowedError, match=r"is by @mayor@127\.0\.0\.1"):
        desk.corrections.import_link(theirs.url, jo, Pane.PERSONAL)
    # Their status id under our account's name: the server says whose it is, and that is refused.
    disguised = f"{mastodon.url}/@{masto.handle}/{theirs.id}"
    with pytest.raises(NotAllowedError, match="is by mayor, not by @jo@"):
        desk.corrections.import_link(disguised, jo, Pane.PERSONAL)
    other = pds.create_account("stranger")
    post = sky_post(pds, other, "Not yours")
    link = f"https://bsky.app/profile/{other.handle}/post/{post.uri.rsplit('/', 1)[1]}"
    with pytest.raises(NotAllowedError, match=f"is by @{other.handle}"):
        desk.corrections.import_link(link, jo, Pane.PERSONAL)
    assert desk.store.list_drafts() == []


def test_an_original_deleted_on_one_platform_is_corrected_on_the_other(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    sky, _owner = add_bluesky(desk, jo, pds, "jogone")
    originals = cross_post(desk, jo, "Parking free all weekend", masto, sky)
    own_api(mastodon, "jo").status_delete(originals[masto.id].remote_id)

    plan = desk.corrections.prepare(originals[sky.id].id, "correction",
                                    fields={"correction": "Only on Sunday."})
    gone = next(t for t in plan.targets if t.account.id == masto.id)
    assert not gone.sending and "already deleted" in gone.notes[0]
    report = desk.corrections.publish(plan, jo)
    assert report.complete
    by_account = {t.account.id: t for t in report.targets}
    assert by_account[masto.id].action_state is ActionState.SKIPPED
    assert by_account[masto.id].original.state.value == "deleted"
    assert by_account[masto.id].reply is None
    assert [s["text"] for s in mastodon.statuses_for("jo")] == []
    sky_reply = by_account[sky.id].reply
    assert sky_reply is not None
    assert_reply_under(pds, sky_reply.remote_uri, originals[sky.id])
    document = desk.incidents.document(report.incident.id)
    assert "already deleted" in document["actions"][0]["detail"] + \
        document["actions"][1]["detail"]


def test_one_platform_failing_midway_then_retry_finishes_without_duplicates(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    masto = add_mastodon(desk, jo, mastodon, "jo")
    sky, owner = add_bluesky(desk, jo, pds, "joretry")
    originals = cross_post(desk, jo, "Road reopens Monday", masto, sky)
    mastodon.fail_next("POST", "/api/v1/statuses", 503)
    plan = desk.corrections.prepare(originals[masto.id].id, "retraction")
    report = desk.corrections.publish(plan, jo)
    assert report.status == "partial"
    by_account = {t.account.id: t for t in report.targets}
    assert by_account[masto.id].reply_state == "failed"
    assert by_account[masto.id].action_state is ActionState.PENDING
    assert not status(mastodon, "jo", originals[masto.id].remote_id)["deleted"]
    assert by_account[sky.id].action_state is ActionState.DONE
    sky_reply = by_account[sky.id].reply
    assert sky_reply is not None
    assert [r["uri"] for r in list_records(pds, owner.did)] == [sky_reply.remote_uri]

    again = desk.corrections.retry(report.incident.id, jo)
    assert again.complete
    assert [s["text"] for s in mastodon.statuses_for("jo")] == [plan.text]
    assert status(mastodon, "jo", originals[masto.id].remote_id)["deleted"]
    assert [r["uri"] for r in list_records(pds, owner.did)] == [sky_reply.remote_uri]
    assert desk.corrections.retry(report.incident.id, jo).complete
    assert len(mastodon.statuses_for("jo")) == 1 and len(list_records(pds, owner.did)) == 1


def test_the_export_of_an_imported_post_says_who_imported_it(
        desk: SafeDesk, jo: Person, mastodon: MastodonTestServer) -> None:
    add_mastodon(desk, jo, mastodon, "jo")
    phone = own_api(mastodon, "jo").status_post("From the phone")
    imported = desk.corrections.import_link(phone.url, jo)
    report = desk.corrections.publish(desk.corrections.prepare(imported.id, "apology"), jo)
    document = desk.incidents.document(report.incident.id)
    assert document["original"]["author"] is None
    assert document["original"]["imported_by"]["name"] == "Jo"
    markdown = desk.incidents.export(report.incident.id, "md")
    assert "Posted outside SafeDesk; imported by Jo" in markdown
    assert phone.url in markdown
