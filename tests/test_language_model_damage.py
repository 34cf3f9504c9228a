"""A missing or damaged language model (a broken install) never stops anyone posting: the
reading of a post's language is a suggestion and a warning, so without it the post keeps the
language chosen for it, and the window, ``safedesk check``, ``safedesk post`` and the self-test
say why nothing was read, naming the file."""

from __future__ import annotations

import json
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.services import langid_model
from safedesk.services.langid_model import LanguageModelError, load_model
from safedesk.services.language_reading import READ_LANGUAGES, LangidReader
from tests.cli_support import Run, needs_secret_service, with_admin
from tests.conftest import Cast
from tests.gui_support import show
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_language_cli import WELSH, personal_accounts

UNREAD = "SafeDesk cannot read which language a post is written in"


def _cut_short(path: Path) -> None:
    whole = langid_model.model_file().read_bytes()
    path.write_bytes(whole[:len(whole) // 2])


def _not_xz(path: Path) -> None:
    path.write_bytes(b"this is not a language model\n" * 100)


def _xz_of_no_zip(path: Path) -> None:
    path.write_bytes(lzma.compress(b"PK but not really a zip file" * 50))


def _zip_cut_short(path: Path) -> None:
    with lzma.open(langid_model.model_file()) as packed:
        unpacked = packed.read()
    path.write_bytes(lzma.compress(unpacked[:len(unpacked) // 3]))


def _missing(path: Path) -> None:
    del path


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut short": _cut_short, "not xz": _not_xz, "xz of no zip": _xz_of_no_zip,
    "zip cut short": _zip_cut_short, "missing": _missing}


@pytest.fixture
def damaged_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "model.npz.xz"
    _cut_short(path)
    monkeypatch.setattr(langid_model, "model_file", lambda: path)
    return path


@pytest.mark.parametrize("damage", DAMAGE)
def test_every_kind_of_damage_is_one_error_naming_the_file(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "model.npz.xz"
    DAMAGE[damage](path)
    with pytest.raises(LanguageModelError) as refused:
        load_model(path, READ_LANGUAGES)
    assert str(refused.value).startswith(f"{path}: ")


def test_the_reader_reads_nothing_says_why_and_tries_only_once(
        damaged_model: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    loads: list[Path] = []
    real_load = langid_model.load_model

    def counted(path: Path, languages: tuple[str, ...]) -> langid_model.LanguageModel:
        loads.append(path)
        return real_load(path, languages)

    monkeypatch.setattr(langid_model, "load_model", counted)
    reader = LangidReader()
    assert reader.problem is None  # nothing tried yet
    assert reader.read(WELSH) is None
    assert reader.read("The library is closed today because of the weather.") is None
    assert loads == [damaged_model]  # a damaged file stays damaged: not read again per post
    assert reader.problem is not None
    said = str(reader.problem)
    assert said.startswith(UNREAD) and str(damaged_model) in said
    assert "Posts keep the language chosen for them" in said
    assert "the language model cannot be read" in caplog.text


def test_the_window_says_so_in_both_panes_and_the_draft_keeps_its_language(
        damaged_model: Path, qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, WELSH)
    for pane in window.panes.values():
        qtbot.waitUntil(lambda pane=pane: UNREAD in pane.banner.label.text(), timeout=5000)
        assert pane.banner.isVisible()
        assert str(damaged_model) in pane.banner.label.text()
    assert window.panes[Pane.PERSONAL].banner.label.text().count(UNREAD) == 1  # said once
    assert compose.language.currentData() == ""  # the desk's default (none): not guessed


@needs_secret_service
def test_check_and_post_still_work_and_say_why_no_language_was_read(
        damaged_model: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer) -> None:
    run: Run = with_admin(data_dir, capsys, monkeypatch)
    accounts = personal_accounts(run, mastodon, pds)
    # Tagged Welsh: the check would warn if the words read otherwise, and cannot read them.
    code, out, err = run("check", "--account", accounts[0], "--json", "--text", WELSH,
                         "--lang", "cy")
    assert code == 0, err
    assert json.loads(out)[0]["ok"] is True  # the JSON stays whole: the note is on stderr
    assert f"note: {UNREAD}" in err and str(damaged_model) in err
    code, _, err = run("post", "--account", accounts[0], "--account", accounts[1], "--text",
                       WELSH)
    assert code == 0, err
    assert f"note: {UNREAD}" in err
    assert [s["content"] for s in mastodon.statuses_for("ada")][-1].find("Llanidloes") >= 0
