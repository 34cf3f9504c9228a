"""Mention and hashtag completion in the real compose boxes, from the chosen account's own server:
the Mastodon test server (accounts/search and hashtag search, answered as Mastodon does) and the
reference PDS (searchActorsTypeahead, which it cannot answer without an AppView). The server is
asked off the GUI thread, once typing pauses, one question at a time; a late answer about an old
word is dropped; choosing an item puts the full handle in the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from mastodon import Mastodon, MastodonAPIError
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.core.completion import Completion
from safedesk.core.models import Account, Pane, Platform
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from safedesk.gui.spell_check import SpellCheck
from safedesk.platforms.completion import open_completer
from safedesk.services.signin import bluesky_account, mastodon_account, signin_module
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

SEARCH = "/api/v1/accounts/search"


class HeldRunner:
    """Keeps background work until the test lets it run: a slow server, without the wait."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None],
                              Callable[[BaseException], None]]] = []

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        self.jobs.append((work, on_done, on_error))

    def finish_first(self) -> None:
        work, on_done, on_error = self.jobs.pop(0)
        try:
            result = work()
        except Exception as error:  # noqa: BLE001 - handed on, as the real runner does
            on_error(error)
        else:
            on_done(result)


def typeahead(pds: PdsServer, handle: str, password: str, query: str) -> tuple[int, list[Any]]:
    """What the PDS itself answers to searchActorsTypeahead, asked without SafeDesk."""
    with httpx.Client(base_url=pds.url, timeout=10) as client:
        session = client.post("/xrpc/com.atproto.server.createSession",
                              json={"identifier": handle, "password": password}).json()
        answer = client.get("/xrpc/app.bsky.actor.searchActorsTypeahead",
                            params={"q": query, "limit": 8},
                            headers={"Authorization": f"Bearer {session['accessJwt']}"})
    return answer.status_code, answer.json().get("actors", []) if answer.is_success else []


def add_mastodon(window: MainWindow, server: MastodonTestServer, user: str,
                 pane: Pane = Pane.PERSONAL) -> Account:
    identity = signin_module(Platform.MASTODON).sign_in_with_token(server.url,
                                                                   server.create_user(user))
    session = window.session
    account = session.app.signin.add(pane, mastodon_account(identity), session.person)
    session.accounts_changed.emit()
    return account


def post_as(server: MastodonTestServer, user: str, text: str) -> None:
    """A post by someone else on the server, with Mastodon.py as their own app would."""
    Mastodon(api_base_url=server.url, access_token=server.create_user(user),
             version_check_mode="none", mastodon_version="4.4.3").status_post(text)


def searches(server: MastodonTestServer, path: str = SEARCH) -> int:
    return sum(1 for r in server.requests if r.path == path)


def offered(compose: ComposeBox) -> list[str]:
    completion = compose.completion
    if not completion.popup.isVisible():
        return []
    model = completion.popup.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def host(server: MastodonTestServer) -> str:
    return server.url.split("://", 1)[1]


@pytest.fixture
def people(mastodon: MastodonTestServer) -> MastodonTestServer:
    for user in ("bobby", "bobcat", "boris"):
        mastodon.create_user(user)
    return mastodon


def test_a_mention_offers_the_servers_people_and_enter_inserts_the_full_handle(
        qtbot: QtBot, live_window: MainWindow, people: MastodonTestServer) -> None:
    add_mastodon(live_window, people, "jo")
    compose = live_window.panes[Pane.PERSONAL].compose
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "Thanks @bob")
    qtbot.waitUntil(lambda: bool(offered(compose)))
    assert offered(compose) == [f"@bobby@{host(people)}  (Bobby)",
                                f"@bobcat@{host(people)}  (Bobcat)"]
    qtbot.keyClick(compose.completion.popup, Qt.Key.Key_Down)
    qtbot.keyClick(compose.completion.popup, Qt.Key.Key_Return)
    assert compose.text.toPlainText() == f"Thanks @bobcat@{host(people)} "  # no new line
    assert not compose.completion.popup.isVisible()
    qtbot.keyClicks(compose.text, "and")  # typing goes on after the handle
    assert compose.text.toPlainText().endswith(f"@bobcat@{host(people)} and")
    assert searches(people) == 1


def test_a_hashtag_in_the_official_box_offers_the_servers_tags(
        qtbot: QtBot, live_window: MainWindow, people: MastodonTestServer) -> None:
    add_mastodon(live_window, people, "council", Pane.OFFICIAL)
    post_as(people, "bobby", "Evening at #CaerdyddLibrary and #Caerdydd market #Casnewydd")
    compose = live_window.panes[Pane.OFFICIAL].compose
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "Join us (#caer")
    qtbot.waitUntil(lambda: bool(offered(compose)))
    assert offered(compose) == ["#Caerdydd", "#CaerdyddLibrary"]  # shortest first, as Mastodon
    qtbot.keyClick(compose.completion.popup, Qt.Key.Key_Tab)
    assert compose.text.toPlainText() == "Join us (#Caerdydd "
    assert compose.text.hasFocus()  # Tab chose; it did not move on
    assert searches(people, "/api/v2/search") == 1


def test_the_server_is_asked_off_the_gui_thread_once_typing_pauses_and_late_answers_are_dropped(
        qtbot: QtBot, live_window: MainWindow, people: MastodonTestServer) -> None:
    add_mastodon(live_window, people, "jo")
    # The post-language reader's and the spell checks' one load (gui.compose_language,
    # gui.spell_check, each text box's) done first: what is held below is the searches alone.
    live_window.session.languages.read("Bore da")
    for spell_check in live_window.findChildren(SpellCheck):
        spell_check.start()
    compose = live_window.panes[Pane.PERSONAL].compose
    held = HeldRunner()
    live_window.session.runner = held
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "Hi @bo")
    assert held.jobs == []  # still typing: nothing asked yet
    qtbot.waitUntil(lambda: len(held.jobs) == 1)  # once typing pauses, one question
    assert searches(people) == 0  # nothing went to the server on the GUI thread

    qtbot.keyClicks(compose.text, "b")  # typed on while the server thinks about "bo"
    compose.completion.ask()  # the pause after "@bob": it waits for the answer out
    assert len(held.jobs) == 1
    held.finish_first()  # the answer about "bo" (Boris among them) comes too late...
    assert offered(compose) == []  # ...and is dropped; "bob" is asked at once instead
    assert len(held.jobs) == 1
    held.finish_first()
    assert offered(compose) == [f"@bobby@{host(people)}  (Bobby)",
                                f"@bobcat@{host(people)}  (Bobcat)"]
    assert compose.text.toPlainText() == "Hi @bob"  # the text is as typed throughout

    qtbot.keyClick(compose.completion.popup, Qt.Key.Key_Escape)
    assert not compose.completion.popup.isVisible()
    assert compose.text.toPlainText() == "Hi @bob"


def test_nothing_is_asked_outside_a_mention_or_when_no_account_is_chosen(
        qtbot: QtBot, live_window: MainWindow, people: MastodonTestServer) -> None:
    jo = add_mastodon(live_window, people, "jo")
    compose = live_window.panes[Pane.PERSONAL].compose
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "mail jo@bobby.example or C# or @b")
    compose.completion.ask()
    compose.set_targets([])
    assert jo.id not in compose.chosen_target_ids()
    qtbot.keyClicks(compose.text, "ob")
    compose.completion.ask()
    assert searches(people) == 0 and offered(compose) == []


def test_bluesky_completion_on_the_reference_pds_offers_what_it_answers_quietly(
        qtbot: QtBot, live_window: MainWindow, pds: PdsServer) -> None:
    owner = pds.create_account("jocomplete")
    assert owner.app_password is not None
    identity = signin_module(Platform.BLUESKY).sign_in(pds.url, owner.handle, owner.app_password)
    session = live_window.session
    account = session.app.signin.add(Pane.PERSONAL, bluesky_account(identity), session.person)
    session.accounts_changed.emit()

    # The adapter offers what the PDS answers: the reference PDS has no AppView to pass the
    # question to (502 UpstreamFailure), and that is no error, just nothing to offer.
    status, actors = typeahead(pds, owner.handle, owner.app_password, "jocomp")
    direct = open_completer(account, session.app.credentials).complete("@", "jocomp")
    assert [item.text for item in direct] == ([f"@{a['handle']}" for a in actors][:8]
                                              if status == 200 else [])
    assert all(isinstance(item, Completion) for item in direct)
    assert open_completer(account, session.app.credentials).complete("#", "jocomp") == []

    compose = live_window.panes[Pane.PERSONAL].compose
    assert compose.chosen_target_ids() == [account.id]
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "Hello @jocomp")
    compose.completion.ask()
    assert offered(compose) == [item.label for item in direct]
    assert not compose.notice.isVisible()  # no message about it
    assert compose.text.toPlainText() == "Hello @jocomp"


def test_a_failing_server_offers_nothing_says_nothing_and_the_next_word_is_asked_again(
        qtbot: QtBot, live_window: MainWindow, people: MastodonTestServer) -> None:
    add_mastodon(live_window, people, "jo")
    people.fail_next("GET", SEARCH, 502)
    compose = live_window.panes[Pane.PERSONAL].compose
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, "Hi @bob")
    compose.completion.ask()
    assert searches(people) == 1 and offered(compose) == []
    assert not compose.notice.isVisible()
    qtbot.keyClicks(compose.text, "c")  # the server is back: the next word is offered
    compose.completion.ask()
    assert offered(compose) == [f"@bobcat@{host(people)}  (Bobcat)"]


# --- the test server answers the searches as Mastodon does -------------------------------------

def test_the_test_servers_searches_follow_mastodons_rules(people: MastodonTestServer) -> None:
    api = Mastodon(api_base_url=people.url, access_token=people.create_user("jo"),
                   version_check_mode="none", mastodon_version="4.4.3")
    people.add_remote_status("https://elsewhere.example/@bobo/1", "bobo@elsewhere.example", "hi")
    found = [a.acct for a in api.account_search("@BOB")]
    assert found == ["bobby", "bobcat", "bobo@elsewhere.example"]  # prefix, any case
    assert [a.acct for a in api.account_search("bob@elsewhere.example")] == [
        "bobo@elsewhere.example"]
    assert [a.acct for a in api.account_search("bobcat")] == ["bobcat"]
    assert [a.acct for a in api.account_search("bo", limit=2)] == ["bobby", "bobcat"]
    assert api.account_search("#bob") == [] and api.account_search("  ") == []
    assert api.account_search("bob", following=True) == []  # nobody follows anybody here
    post_as(people, "bobby", "#Caerdydd #CaerdyddLibrary #Abertawe")
    people.add_tags("Caerfyrddin")
    tags = api.search_v2("#CAER", resolve=False, result_type="hashtags").hashtags
    assert [t.name for t in tags] == ["Caerdydd", "Caerfyrddin", "CaerdyddLibrary"]
    assert tags[0].url == f"{people.url}/tags/caerdydd" and tags[0].history == []
    everything = api.search_v2("bob", resolve=False)
    assert [a.acct for a in everything.accounts][:2] == ["bobby", "bobcat"]
    assert everything.hashtags == [] and everything.statuses == []
    app_only = Mastodon(api_base_url=people.url, access_token=app_token(people),
                        version_check_mode="none", mastodon_version="4.4.3")
    with pytest.raises(MastodonAPIError) as refused:  # "This method requires an authenticated user"
        app_only.account_search("bob")
    assert refused.value.args[1] == 422


def app_token(server: MastodonTestServer) -> str:
    client_id, secret = Mastodon.create_app("SafeDesk", scopes=["read"], api_base_url=server.url)
    grant = {"grant_type": "client_credentials", "client_id": client_id,
             "client_secret": secret, "scope": "read"}
    return str(httpx.post(f"{server.url}/oauth/token", data=grant, timeout=5).json()[
        "access_token"])
