"""Correcting a post by its link, whatever shape its server gives it: through the service with the
real adapters, through ``safedesk correct URL``, and through the window's "Correct a post by
link". Links are resolved by the account's own server (the Mastodon test server's
/api/v2/search, in each server's url style); ownership is checked on what the server answers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import NotAllowedError, NotFoundError, SignedOutError, WrongPaneError
from safedesk.core.models import Pane, Person, Role
from safedesk.gui.add_account import AddAccountDialog
from safedesk.gui.main_window import MainWindow
from tests.cli_support import needs_secret_service, with_admin
from tests.servers.mastodon_quirks import URL_STYLES, ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_corrections_live import add_mastodon, own_api
from tests.test_desk_live import add_mastodon as add_mastodon_in_window
from tests.test_desk_live import play_browser

SHAPES = {"mastodon": "/@jo/{id}", "takahe": "/@jo/posts/{id}/",
          "gotosocial": "/@jo/statuses/{id}", "akkoma": "/notice/{id}"}


def searches(server: MastodonTestServer) -> int:
    return sum(1 for r in server.requests if r.path == "/api/v2/search")


@pytest.fixture
def desk(live_desk: SafeDesk) -> SafeDesk:
    return live_desk


@pytest.fixture
def jo(desk: SafeDesk) -> Person:
    return desk.people.add("Jo", Role.ADMIN, "the-passphrase")


@pytest.fixture
def home() -> Iterator[MastodonTestServer]:
    with MastodonTestServer(quirks=ServerQuirks(url_style="akkoma")) as server:
        yield server
        assert server.crashes == []


@pytest.mark.parametrize("style", URL_STYLES)
def test_each_servers_own_link_shape_is_found(style: str, desk: SafeDesk, jo: Person) -> None:
    with MastodonTestServer(quirks=ServerQuirks(url_style=style)) as server:
        masto = add_mastodon(desk, jo, server, "jo")
        phone = own_api(server, "jo").status_post("Posted from my phone", visibility="unlisted")
        assert phone.url == server.url + SHAPES[style].format(id=phone.id)
        imported = desk.corrections.import_link(phone.url, jo, Pane.PERSONAL)
        assert (imported.account_id, imported.remote_id, imported.imported) == (
            masto.id, str(phone.id), True)
        # A link that names its author on the author's own server is read by id; one that
        # does not (Akkoma's /notice/ID) is resolved by the server.
        assert searches(server) == (1 if style == "akkoma" else 0)
        assert desk.corrections.import_link(phone.uri, jo).id == imported.id
        assert desk.store.get_draft(imported.draft_id).content.visibility.value == "unlisted"


def test_a_link_from_anywhere_is_resolved_by_the_accounts_own_server(
        desk: SafeDesk, jo: Person, home: MastodonTestServer) -> None:
    with MastodonTestServer(quirks=ServerQuirks(url_style="gotosocial")) as elsewhere:
        add_mastodon(desk, jo, elsewhere, "jo")  # a namesake on another server
        masto = add_mastodon(desk, jo, home, "jo")
        phone = own_api(home, "jo").status_post("Seen from all over")
        # The same post as other servers show it: a Misskey note, a Mastodon server's view,
        # and a page on the namesake's own server in a shape SafeDesk does not know.
        seen = ("https://misskey.example/notes/9k2abc",
                f"https://mastodon.example/@jo@{home.url.split('//')[1]}/4242",
                f"{elsewhere.url}/some/view/of/it")
        for link in seen:
            home.register_remote_url(link, str(phone.id))
        first = desk.corrections.import_link(seen[0], jo, Pane.PERSONAL)
        assert (first.account_id, first.remote_id) == (masto.id, str(phone.id))
        asked = searches(elsewhere)
        # The link names the author's server, so that account's server is asked first.
        assert desk.corrections.import_link(seen[1], jo).id == first.id
        assert searches(elsewhere) == asked
        # On the namesake's server: it is asked first, knows nothing of it, then home is asked.
        assert desk.corrections.import_link(seen[2], jo).id == first.id
        assert searches(elsewhere) == asked + 1


def test_other_peoples_posts_are_refused_after_the_server_says_whose(
        desk: SafeDesk, jo: Person, home: MastodonTestServer) -> None:
    add_mastodon(desk, jo, home, "jo")
    council = add_mastodon(desk, jo, home, "council", Pane.OFFICIAL)
    mayors = own_api(home, "mayor").status_post("The mayor's own")
    host = home.url.split("//")[1]
    with pytest.raises(NotAllowedError, match=re.escape(f"is by @mayor@{host}, which is not")):
        desk.corrections.import_link(mayors.url, jo, Pane.PERSONAL)
    home.add_remote_status("https://other.example/@carol/5", "carol@other.example", "Carol's")
    with pytest.raises(NotAllowedError, match=r"is by @carol@other\.example"):
        desk.corrections.import_link("https://other.example/@carol/5", jo, Pane.PERSONAL)
    councils = own_api(home, "council").status_post("Official")
    with pytest.raises(WrongPaneError, match=re.escape(f"{council.address}, an official")):
        desk.corrections.import_link(councils.url, jo, Pane.PERSONAL)
    with pytest.raises(NotFoundError, match=re.escape(f"No post was found at that link by {host}")):
        desk.corrections.import_link(f"{home.url}/notice/12345", jo, Pane.PERSONAL)
    assert [d.imported for d in desk.store.list_drafts()] == []


def test_a_refused_sign_in_names_its_account(
        desk: SafeDesk, jo: Person, home: MastodonTestServer) -> None:
    masto = add_mastodon(desk, jo, home, "jo")
    phone = own_api(home, "jo").status_post("Mine")
    token = desk.credentials.get(masto.id, "access_token")
    assert token is not None
    home.set_quirks(bad_token_plain_400=True)
    home.revoke(token)
    with pytest.raises(SignedOutError, match="Sign in again") as caught:
        desk.corrections.import_link(phone.url, jo, Pane.PERSONAL)
    assert caught.value.account_id == masto.id


# --- the command line -------------------------------------------------------------------------

@needs_secret_service
def test_correct_by_a_takahe_link_on_the_command_line(
        data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run = with_admin(data_dir, capsys, monkeypatch)
    with MastodonTestServer(quirks=ServerQuirks(url_style="takahe")) as takahe:
        token = takahe.create_user("jo")
        assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                   "--server", takahe.url, "--token-stdin", stdin=token + "\n")[0] == 0
        phone = own_api(takahe, "jo").status_post("Pool opens at 8", visibility="unlisted")
        code, out, err = run("correct", phone.url, "--kind", "correction", "--field",
                             "correction=It opens at 9.", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["status"] == "complete" and report["targets"][0]["reply_url"]
        reply = takahe.statuses_for("jo")[-1]
        assert reply["in_reply_to_id"] == str(phone.id)

        code, _, err = run("correct", f"{takahe.url}/@mayor/posts/1/", "--kind", "apology")
        assert code == 3 and "is by @mayor@" in err and "Traceback" not in err


# --- the window -------------------------------------------------------------------------------


def test_correct_a_post_by_link_in_the_window_and_sign_in_again_there(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk,
        home: MastodonTestServer) -> None:
    account = add_mastodon_in_window(qtbot, live_window, Pane.PERSONAL, home, "jo")
    phone = own_api(home, "jo").status_post("Posted from my phone")
    history = live_window.panes[Pane.PERSONAL].history
    finder = history.link_finder
    history.link_button.click()

    token = live_desk.credentials.get(account.id, "access_token")
    assert token is not None
    home.set_quirks(bad_token_plain_400=True)
    home.revoke(token)
    finder.link.setText(phone.url)  # Akkoma's /notice/ID: only the server can say whose
    finder.find_button.click()
    assert "Sign in again" in finder.message.text()
    assert "Bad Request" not in finder.message.text()
    assert finder.sign_in_button is not None
    assert finder.sign_in_button.text() == f"Sign in again as {account.address}…"

    finder.sign_in_button.click()
    [dialog] = [d for d in live_window.findChildren(AddAccountDialog) if d.reauth is not None]
    assert dialog.reauth == account and dialog.server.isReadOnly()
    dialog.open_browser = play_browser
    dialog.browser_button.click()
    assert dialog.account is not None and dialog.account.id == account.id

    finder.find_button.click()
    assert "Found it" in finder.message.text()
    assert finder.sign_in_button is None
    selected = history.selected()
    assert selected is not None and selected.imported and selected.remote_id == str(phone.id)

    theirs = own_api(home, "mayor").status_post("Not Jo's")
    finder.link.setText(theirs.url)
    finder.link.returnPressed.emit()
    assert "is by @mayor@" in finder.message.text()
    assert finder.message.property("safedeskError") is True


def test_whose_a_post_is_when_the_account_id_is_not_known() -> None:
    """Normally the server's account id decides; without one, the name the server gives: a
    local ``name``, or ``name@host`` as Takahē gives it even for its own accounts."""
    from datetime import UTC, datetime

    from safedesk.core.models import Account, Platform
    from safedesk.core.platform import RemotePost, RemoteRef
    from safedesk.services.external_posts import _is_by

    def post(author: str, author_id: str = "") -> RemotePost:
        return RemotePost(RemoteRef("1"), "", "", extra={"author": author,
                                                          "author_id": author_id})

    now = datetime.now(UTC)
    jo = Account("a", Pane.PERSONAL, Platform.MASTODON, "https://takahe.example", "jo", "", now)
    known = Account("b", Pane.PERSONAL, Platform.MASTODON, "https://takahe.example", "jo", "",
                    now, remote_id="42")
    assert _is_by(jo, post("jo")) and _is_by(jo, post("Jo@takahe.example"))
    assert not _is_by(jo, post("jo@elsewhere.example")) and not _is_by(jo, post("joe"))
    assert _is_by(known, post("someone", "42")) and not _is_by(known, post("jo", "43"))
