"""Signing an existing account in again after its sign-in was revoked or expired, from the
command line (``safedesk accounts signin ID``) and from the window (the account row, and the row
of a post that failed for it). The account keeps its id, pane and history; only the same remote
account is taken; the old token is revoked and a refused new one too. Real Mastodon.py against
the Mastodon test server (also answering as Takahē does), real atproto against the PDS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Pane, Platform, Role, ServerLimits
from safedesk.gui.add_account import AddAccountDialog
from safedesk.gui.main_window import MainWindow
from safedesk.services.signin import NewAccount
from tests.cli_support import Run, needs_secret_service, with_admin
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_desk_live import add_mastodon, play_browser


@pytest.fixture
def server(mastodon: MastodonTestServer) -> MastodonTestServer:
    return mastodon


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return with_admin(data_dir, capsys, monkeypatch)


def add_by_token(run: Run, server: MastodonTestServer, user: str) -> str:
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", server.url, "--token-stdin",
                       stdin=server.create_user(user) + "\n")
    assert code == 0, err
    return str(json.loads(run("accounts", "list", "--json")[1])[0]["id"])


@needs_secret_service
def test_a_revoked_token_then_signin_with_a_new_one(
        run: Run, server: MastodonTestServer) -> None:
    account = add_by_token(run, server, "council")
    [old] = server.issued_tokens("council")
    server.set_quirks(bad_token_plain_400=True)  # Takahē's way of saying so
    server.revoke(old.value)
    code, out, err = run("post", "--account", account, "--text", "Bins on Monday")
    assert code != 0
    assert "Sign in again" in out + err and "Bad Request" not in out + err

    code, out, err = run("accounts", "signin", account, "--token-stdin",
                         stdin=server.create_user("council") + "\n")
    assert code == 0, err
    assert f"its id is still {account}" in out and "personal pane" in out
    [listed] = json.loads(run("accounts", "list", "--json")[1])
    assert (listed["id"], listed["pane"]) == (account, "personal")
    # The draft that failed is still there, and goes out now with the new sign-in.
    code, out, err = run("history", "--json")
    assert code == 0 and json.loads(out)
    assert run("post", "--account", account, "--text", "Bins on Tuesday")[0] == 0
    assert [s["text"] for s in server.statuses_for("council")] == ["Bins on Tuesday"]


@needs_secret_service
def test_signin_as_someone_else_is_refused_and_changes_nothing(
        run: Run, server: MastodonTestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    account = add_by_token(run, server, "council")
    server.create_user("mayor")
    server.set_authorizing_user("mayor")
    monkeypatch.setattr("webbrowser.open", play_browser)
    code, _, err = run("accounts", "signin", account, "--oauth")
    assert code == ExitCode.NOT_ALLOWED
    assert "That sign-in is for @mayor" in err and "Nothing was changed" in err
    # The refused sign-in's token does not stay valid on the server.
    assert [t.revoked for t in server.issued_tokens("mayor")] == [False, True]
    assert run("post", "--account", account, "--text", "Still the council")[0] == 0
    assert [s["text"] for s in server.statuses_for("council")] == ["Still the council"]


@needs_secret_service
def test_signin_through_the_browser_revokes_the_old_token(
        run: Run, server: MastodonTestServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.create_user("council")
    server.set_authorizing_user("council")
    monkeypatch.setattr("webbrowser.open", play_browser)
    assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon", "--server",
               server.url, "--oauth")[0] == 0
    account = str(json.loads(run("accounts", "list", "--json")[1])[0]["id"])
    code, _, err = run("accounts", "signin", account, "--oauth")
    assert code == 0, err
    tokens = server.issued_tokens("council")[1:]  # the first is the test's own
    assert [t.revoked for t in tokens] == [True, False]


@needs_secret_service
def test_signin_usage_errors(run: Run, server: MastodonTestServer, pds: PdsServer) -> None:
    account = add_by_token(run, server, "council")
    code, _, err = run("accounts", "signin", account)
    assert code == ExitCode.BAD_INPUT and "--oauth" in err
    code, _, err = run("accounts", "signin", "no-such-id", "--token-stdin", stdin="x\n")
    assert code == ExitCode.NOT_FOUND and "Traceback" not in err

    owner = pds.create_account("signinagain")
    assert run("accounts", "add", "--pane", "personal", "--platform", "bluesky", "--server",
               pds.url, "--handle", owner.handle, "--app-password-stdin",
               stdin=f"{owner.app_password}\n")[0] == 0
    sky = next(a["id"] for a in json.loads(run("accounts", "list", "--json")[1])
               if a["platform"] == "bluesky")
    code, _, err = run("accounts", "signin", sky)
    assert code == ExitCode.BAD_INPUT and err.strip().endswith("give --app-password-stdin.")
    code, out, err = run("accounts", "signin", sky, "--app-password-stdin",
                         stdin=f"{owner.app_password}\n")
    assert code == 0, err
    assert f"Signed in again as @{owner.handle}" in out


def test_from_the_row_of_a_post_that_failed_and_from_the_account_row(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk) -> None:
    with MastodonTestServer(quirks=ServerQuirks(bad_token_plain_400=True)) as takahe:
        account = add_mastodon(qtbot, live_window, Pane.PERSONAL, takahe, "jo")
        token = live_desk.credentials.get(account.id, "access_token")
        assert token is not None
        takahe.revoke(token)
        pane = live_window.panes[Pane.PERSONAL]
        pane.compose.set_targets([account.id])
        pane.compose.text.setPlainText("Hello")
        pane.compose.send()
        buttons = [pane.progress.rows.itemAt(i).widget()
                   for i in range(pane.progress.rows.count())]
        [again] = [b for b in buttons if b is not None and b.text().startswith("Sign in again")]
        again.click()  # type: ignore[attr-defined]
        dialog = reauth_dialog(live_window)
        assert dialog.reauth == account and dialog.windowTitle() == \
            f"Sign in again as {account.address}"
        dialog.open_browser = play_browser
        dialog.browser_button.click()
        assert dialog.account is not None and dialog.account.id == account.id
        pane.progress.retry()
        assert "Published everywhere." in pane.progress.title.text()
        assert [s["text"] for s in takahe.statuses_for("jo")] == ["Hello"]

        # The account row: the button acts on the chosen account only.
        panel = pane.accounts
        panel.list.setCurrentRow(-1)
        assert not panel.reauth_button.isEnabled() and not panel.remove_button.isEnabled()
        panel.list.setCurrentRow(0)
        assert panel.reauth_button.isEnabled()
        dialog.deleteLater()
        panel.reauth_button.click()
        second = reauth_dialog(live_window, exclude=dialog)
        assert second.reauth == account and second.server.isReadOnly()


def reauth_dialog(window: MainWindow, exclude: AddAccountDialog | None = None
                  ) -> AddAccountDialog:
    [dialog] = [d for d in window.findChildren(AddAccountDialog)
                if d.reauth is not None and d is not exclude]
    return dialog


def test_the_same_number_on_another_server_is_someone_else(desk: SafeDesk) -> None:
    """Account ids are per server: a sign-in elsewhere with the same id is refused, before any
    secret of the account is touched."""
    ada = desk.people.add("Ada", Role.ADMIN, "the-passphrase")
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                     "https://social.example.gov.uk", "council", remote_id="109")
    desk.credentials.put(council.id, "access_token", "the-council-token")
    saved: list[str] = []

    class Elsewhere:
        server, handle, display_name, remote_id = "https://other.example", "council", "", "109"
        limits = ServerLimits()

    impostor = NewAccount(Platform.MASTODON, Elsewhere(),
                          lambda _credentials, account_id: saved.append(account_id))
    with pytest.raises(NotAllowedError, match=r"on other\.example, not @council@social"):
        desk.signin.reauthenticate(council.id, impostor, ada)
    assert desk.credentials.get(council.id, "access_token") == "the-council-token"
    assert council.id not in saved
    assert desk.accounts.get(council.id) == council
