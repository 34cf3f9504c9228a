"""Editing an original to add a correction note keeps what the note does not change (its images
with their descriptions, its content warning, its sensitive mark, its audience) on the stricter
Mastodon test server, and what a server changes anyway (Takahē makes an edited post public) is
said, recorded on the incident and in its export: through ``safedesk correct --original edit``
and through the correction dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mastodon import Mastodon
from PIL import Image
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import ActionState, OriginalAction
from safedesk.core.models import Pane
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.main_window import MainWindow
from tests.cli_support import Run, needs_secret_service, with_admin
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer
from tests.test_corrections_live import own_api
from tests.test_desk_live import add_mastodon as add_mastodon_in_window


@pytest.fixture
def server(mastodon: MastodonTestServer) -> MastodonTestServer:
    return mastodon


def phone_post(server: MastodonTestServer, tmp_path: Path) -> tuple[Mastodon, str]:
    """An unlisted post with a described image and a content warning, made outside SafeDesk."""
    api = own_api(server, "jo")
    picture = tmp_path / "pool.png"
    Image.new("RGB", (32, 24), (20, 120, 200)).save(picture)
    media = api.media_post(str(picture), mime_type="image/png", description="The pool at 8am")
    status = api.status_post("Pool opens at 8", media_ids=[media], spoiler_text="pool times",
                             visibility="unlisted")
    return api, str(status.url)


def cli(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        server: MastodonTestServer) -> Run:
    run = with_admin(data_dir, capsys, monkeypatch)
    token = server.create_user("jo")
    assert run("accounts", "add", "--pane", "personal", "--platform", "mastodon", "--server",
               server.url, "--token-stdin", stdin=token + "\n")[0] == 0
    return run


@needs_secret_service
def test_an_edited_original_keeps_its_image_warning_mark_and_audience(
        server: MastodonTestServer, tmp_path: Path, data_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run = cli(data_dir, capsys, monkeypatch, server)
    _, link = phone_post(server, tmp_path)
    code, out, err = run("correct", link, "--kind", "correction", "--field",
                         "correction=It opens at 9.", "--original", "edit", "--json")
    assert code == 0, err
    [target] = json.loads(out)["targets"]
    assert target["action_state"] == "done", target
    original = server.statuses_for("jo")[0]
    assert original["text"].startswith("Pool opens at 8\n\n")
    assert original["edited_at"] is not None
    assert [m["description"] for m in original["media_attachments"]] == ["The pool at 8am"]
    assert (original["spoiler_text"], original["sensitive"], original["visibility"]) == (
        "pool times", True, "unlisted")


@needs_secret_service
def test_what_takahe_changes_besides_is_said_and_recorded(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with MastodonTestServer(quirks=ServerQuirks(edit_resets_visibility=True)) as takahe:
        run = cli(data_dir, capsys, monkeypatch, takahe)
        _, link = phone_post(takahe, tmp_path)
        code, out, err = run("correct", link, "--kind", "correction", "--field",
                             "correction=It opens at 9.", "--original", "edit")
        assert code == 0, err
        assert "original edit: differs" in out
        assert "The server made the post public." in out
        assert takahe.statuses_for("jo")[0]["visibility"] == "public"

        incident = json.loads(run("incidents", "list", "--json")[1])[0]["id"]
        code, markdown, _ = run("incidents", "export", incident, "--format", "md")
        assert code == 0
        row = next(line for line in markdown.splitlines() if "| edit | differs |" in line)
        assert "The server made the post public." in row
        document = json.loads(run("incidents", "export", incident, "--format", "json")[1])
        [action] = document["actions"]
        assert action["state"] == "differs"
        assert "Check the original on @jo@" in action["detail"]
        [event] = [e for e in document["timeline"] if e["action"] == "original.edit"]
        # SafeDesk sent the sensitive mark, so only the audience changed.
        assert event["details"]["differences"] == ["The server made the post public"]


@needs_secret_service
def test_a_quiet_original_on_takahe_is_not_edited_and_nothing_goes_out(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A server known by its version as Takahē makes every edited post public: asked to edit an
    unlisted original, SafeDesk refuses before the correction goes out (with the reply out, the
    edit would fail at every retry), and the person keeps or deletes the original instead."""
    quirks = ServerQuirks(edit_resets_visibility=True, url_style="takahe")
    with MastodonTestServer(version="takahe/0.11.0", quirks=quirks) as takahe:
        run = cli(data_dir, capsys, monkeypatch, takahe)
        _, link = phone_post(takahe, tmp_path)
        code, _, err = run("correct", link, "--kind", "correction", "--field",
                           "correction=It opens at 9.", "--original", "edit")
        assert code != 0
        assert "makes every post it edits public, and this one is unlisted" in err
        [original] = takahe.statuses_for("jo")  # no reply
        assert (original["visibility"], original["edited_at"]) == ("unlisted", None)
        code, _, err = run("correct", link, "--kind", "correction", "--field",
                           "correction=It opens at 9.", "--original", "keep")
        assert code == 0, err
        assert [s["visibility"] for s in takahe.statuses_for("jo")] == ["unlisted", "unlisted"]


def test_the_dialog_shows_what_the_server_changed_besides(
        qtbot: QtBot, live_window: MainWindow, live_desk: SafeDesk, tmp_path: Path) -> None:
    with MastodonTestServer(quirks=ServerQuirks(edit_resets_visibility=True)) as takahe:
        add_mastodon_in_window(qtbot, live_window, Pane.PERSONAL, takahe, "jo")
        _, link = phone_post(takahe, tmp_path)
        history = live_window.panes[Pane.PERSONAL].history
        history.link_button.click()
        history.link_finder.link.setText(link)
        history.link_finder.find_button.click()
        assert "Found it" in history.link_finder.message.text()
        history.correct_button.click()
        dialog = history.correction_dialog
        assert isinstance(dialog, CorrectionDialog)
        dialog.fields["correction"].setText("It opens at 9.")
        dialog.action_buttons[OriginalAction.EDIT].setChecked(True)
        dialog.publish_button.click()
        assert dialog.report is not None
        [target] = dialog.report.targets
        assert target.action_state is ActionState.DIFFERS
        shown = dialog.results.text()
        assert "⚠ Check the original on" in shown and "The server made the post public." in shown
