"""Official accounts are added, signed in again and removed only by admins, from the command line,
the services and the window; anyone adds their own personal accounts. Real Mastodon.py against
the Mastodon test server, secrets in the real Secret Service for the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Pane, Person, Platform
from safedesk.gui.add_account import AddAccountDialog
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.sign_in_again import sign_in_again_button
from safedesk.gui.tasks import ImmediateRunner
from safedesk.services.signin import mastodon_account, signin_module
from tests.cli_support import Run, as_person, needs_secret_service, team
from tests.conftest import Cast
from tests.servers.mastodon_server import MastodonTestServer

REFUSAL = "Only an admin can {} an official account"


def accounts(run: Run, monkeypatch: pytest.MonkeyPatch, who: str = "Ada") -> list[dict[str, object]]:
    """The accounts ``who`` sees: the official ones and their own personal ones."""
    as_person(monkeypatch, f"{who.lower()}-passphrase")
    code, out, err = run("accounts", "list", "--json", "--as", who)
    assert code == 0, err
    listed: list[dict[str, object]] = json.loads(out)
    return listed


@needs_secret_service
def test_an_author_cannot_add_sign_in_again_to_or_remove_an_official_account_from_the_cli(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        mastodon: MastodonTestServer) -> None:
    run = team(data_dir, capsys, monkeypatch)
    as_person(monkeypatch, "ada-passphrase")
    code, _, err = run("accounts", "add", "--pane", "official", "--platform", "mastodon",
                       "--server", mastodon.url, "--token-stdin", "--as", "Ada",
                       stdin=mastodon.create_user("council") + "\n")
    assert code == 0, err
    [council] = accounts(run, monkeypatch)
    [ada_token] = mastodon.issued_tokens("council")

    as_person(monkeypatch, "jo-passphrase")
    jo_token = mastodon.create_user("council")
    asked = len(mastodon.requests)
    code, _, err = run("accounts", "add", "--pane", "official", "--platform", "mastodon",
                       "--server", mastodon.url, "--token-stdin", "--as", "Jo",
                       stdin=jo_token + "\n")
    assert code == ExitCode.NOT_ALLOWED
    assert REFUSAL.format("add") in err and "Jo is an author" in err
    code, _, err = run("accounts", "signin", str(council["id"]), "--token-stdin", "--as", "Jo",
                       stdin=jo_token + "\n")
    assert code == ExitCode.NOT_ALLOWED and REFUSAL.format("sign in again to") in err
    assert len(mastodon.requests) == asked  # refused before any sign-in reached the server
    code, _, err = run("accounts", "remove", str(council["id"]), "--as", "Jo")
    assert code == ExitCode.NOT_ALLOWED and REFUSAL.format("remove") in err
    as_person(monkeypatch, "sam-passphrase")
    code, _, err = run("accounts", "remove", str(council["id"]), "--as", "Sam")
    assert code == ExitCode.NOT_ALLOWED and "Sam is an approver" in err

    # Nothing changed: the council account is still there, still signed in with Ada's token.
    assert accounts(run, monkeypatch) == [council]
    assert [t.revoked for t in mastodon.issued_tokens("council")] == [False, False]
    assert mastodon.issued_tokens("council")[0] == ada_token

    # Anyone adds their own personal account.
    as_person(monkeypatch, "jo-passphrase")
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", mastodon.url, "--token-stdin", "--as", "Jo",
                       stdin=mastodon.create_user("jo") + "\n")
    assert code == 0, err
    assert {a["pane"] for a in accounts(run, monkeypatch, "Jo")} == {"official", "personal"}

    as_person(monkeypatch, "ada-passphrase")
    assert run("accounts", "remove", str(council["id"]), "--as", "Ada")[0] == 0
    assert [a["pane"] for a in accounts(run, monkeypatch, "Jo")] == ["personal"]


def test_the_services_refuse_a_non_admin_before_any_sign_out(
        desk: SafeDesk, cast: Cast, mastodon: MastodonTestServer) -> None:
    """The rule is the services', whatever the interface: a fresh sign-in offered by an author
    for the official pane is refused; removing and signing in again are refused before the
    account's own sign-in is touched."""
    token = mastodon.create_user("council")
    new = mastodon_account(signin_module(Platform.MASTODON).sign_in_with_token(mastodon.url,
                                                                               token))
    for person in (cast.author, cast.approver):
        with pytest.raises(NotAllowedError, match=REFUSAL.format("add")):
            desk.signin.add(Pane.OFFICIAL, new, person)
    assert [a.id for a in desk.accounts.list(Pane.OFFICIAL)] == [cast.council.id,
                                                                cast.council_sky.id]

    desk.credentials.put(cast.council.id, "access_token", "the-council-token")
    with pytest.raises(NotAllowedError, match=REFUSAL.format("remove")):
        desk.signin.remove(cast.council.id, cast.author)
    with pytest.raises(NotAllowedError, match=REFUSAL.format("remove")):
        desk.accounts.remove(cast.council.id, cast.author)
    assert desk.credentials.get(cast.council.id, "access_token") == "the-council-token"
    assert desk.accounts.get(cast.council.id) == cast.council
    assert not any(e.action == "account.remove" for e in desk.store.audit_events())

    fresh = mastodon_account(signin_module(Platform.MASTODON).sign_in_with_token(
        mastodon.url, mastodon.create_user("council")))
    with pytest.raises(NotAllowedError, match=REFUSAL.format("sign in again to")):
        desk.signin.reauthenticate(cast.council.id, fresh, cast.author)
    assert desk.credentials.get(cast.council.id, "access_token") == "the-council-token"
    assert desk.accounts.get(cast.council.id) == cast.council


def window_for(qtbot: QtBot, desk: SafeDesk, person: Person) -> MainWindow:
    window = open_main_window(desk, person, ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_offers_official_accounts_to_admins_only(qtbot: QtBot, desk: SafeDesk,
                                                            cast: Cast) -> None:
    window = window_for(qtbot, desk, cast.author)
    official = window.panes[Pane.OFFICIAL].accounts
    official.list.setCurrentRow(0)
    assert official.selected() is not None
    assert not official.add_button.isEnabled()
    assert not official.reauth_button.isEnabled() and not official.remove_button.isEnabled()
    assert official.custody_note.isVisibleTo(official)
    assert "Only an admin can add, sign in again to or remove an official account" in \
        official.custody_note.text()
    personal = window.panes[Pane.PERSONAL].accounts
    assert personal.add_button.isEnabled() and not personal.custody_note.isVisibleTo(personal)

    adding = AddAccountDialog(window.session, Pane.OFFICIAL, window)
    qtbot.addWidget(adding)
    assert not adding.pane_buttons[Pane.OFFICIAL].isEnabled()
    assert adding.chosen_pane() is Pane.PERSONAL
    assert adding.custody_note.isVisibleTo(adding)

    again = window.sign_in_again(cast.council)
    qtbot.addWidget(again)
    assert not again.pages.isEnabled()
    assert "Only an admin" in again.status.text()
    button = sign_in_again_button(window.session, cast.council, window)
    assert not button.isEnabled() and "Ask an admin" in button.text()

    admin = window_for(qtbot, desk, cast.admin)
    official = admin.panes[Pane.OFFICIAL].accounts
    official.list.setCurrentRow(0)
    assert official.add_button.isEnabled() and official.remove_button.isEnabled()
    assert official.reauth_button.isEnabled()
    assert not official.custody_note.isVisibleTo(official)
    assert sign_in_again_button(admin.session, cast.council, admin).isEnabled()
