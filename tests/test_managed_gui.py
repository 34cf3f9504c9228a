"""What IT locked or preset (docs/DEPLOY.md), in the window: the settings dialog shows locked
colours and languages disabled with the reason beside them, the policy tab shows locked rules
and lists read-only, the compose box checks with the locked terms, a default can be changed,
and a broken managed file is said in the window while the desk still opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.errors import LockedSettingError
from safedesk.core.managed import MANAGED_FILE_VARIABLE
from safedesk.core.models import Pane
from safedesk.core.policy import RuleLevel
from safedesk.gui.language import LANGUAGE_KEY, WindowLanguage
from safedesk.gui.launch import DeskWindows, gui_settings
from safedesk.gui.main_window import MainWindow
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.tasks import ImmediateRunner
from safedesk.i18n.languages import ENGLISH
from safedesk.services.policy import TermList
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform
from tests.gui_support import show

MANAGED = """\
[defaults]
colours.personal = "#0b5563"
language.interface = "en_GB"

[locked]
colours.official = "#9b1b30"
language.posts = "cy"
policy.political_terms = ["Tref Labour"]
policy.rule_levels = { links = "block" }
"""
IT_WORDS = "Set by your organisation's IT department"


@pytest.fixture
def managed_desk(data_dir: Path, clock: FakeClock, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[SafeDesk]:
    path = tmp_path / "managed.toml"
    path.write_text(MANAGED, encoding="utf-8")
    monkeypatch.setenv(MANAGED_FILE_VARIABLE, str(path))
    app = build(Settings(data_dir), clock=clock, clients=FakePlatform)
    yield app
    app.close()


@pytest.fixture
def managed_cast(managed_desk: SafeDesk) -> Cast:
    return Cast(managed_desk)


def settings_dialog(window: MainWindow) -> SettingsDialog:
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_locked_colour_and_language_are_disabled_with_the_reason(
        qtbot: QtBot, managed_desk: SafeDesk, managed_cast: Cast) -> None:
    window = show(qtbot, managed_desk, managed_cast.author)
    theme = window.session.theme
    assert theme.style(Pane.OFFICIAL).band_colour == "#9b1b30"
    assert theme.style(Pane.PERSONAL).band_colour == "#0b5563"  # IT's default
    dialog = settings_dialog(window)
    official, personal = dialog.colour_rows[Pane.OFFICIAL], dialog.colour_rows[Pane.PERSONAL]
    assert not official.change.isEnabled() and not official.reset.isEnabled()
    assert official.lock.isVisible() and IT_WORDS in official.lock.text()
    assert "\N{LOCK}" in official.lock.text()  # a symbol and words, not colour alone
    # The default colour is the person's to change, and "Reset" goes back to IT's default.
    assert personal.change.isEnabled() and not personal.lock.isVisible()
    dialog.pick_colour = lambda *_: QColor("#1d4f91")
    qtbot.mouseClick(personal.change, Qt.MouseButton.LeftButton)
    assert theme.style(Pane.PERSONAL).band_colour == "#1d4f91"
    qtbot.mouseClick(personal.reset, Qt.MouseButton.LeftButton)
    assert theme.style(Pane.PERSONAL).band_colour == "#0b5563"
    # Nothing the person does writes over the lock.
    with pytest.raises(ValueError, match="IT department"):
        theme.set_band_colour(Pane.OFFICIAL, "#8f3f00")
    dialog.sections.setCurrentWidget(dialog.language_page)
    assert not dialog.language.isEnabled() and dialog.language.currentData() == "cy"
    assert dialog.language_lock.isVisible() and IT_WORDS in dialog.language_lock.text()
    window.session.set_default_language("en")
    assert window.session.default_language == "cy"
    compose = window.panes[Pane.PERSONAL].compose
    assert compose.language.currentData() == "cy"


def test_the_policy_tab_shows_locked_rules_and_terms_read_only_and_checks_with_them(
        qtbot: QtBot, managed_desk: SafeDesk, managed_cast: Cast) -> None:
    window = show(qtbot, managed_desk, managed_cast.admin)
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([managed_cast.council.id])
    compose.text.setPlainText("Come and meet Tref Labour at the library")
    qtbot.waitUntil(lambda: "Tref Labour" in compose.findings.text())
    dialog = settings_dialog(window)
    dialog.sections.setCurrentWidget(dialog.policy_page)
    tab = dialog.policy_page
    terms = tab.lists[TermList.TERMS]
    assert terms.isReadOnly() and terms.toPlainText() == "Tref Labour"
    assert IT_WORDS in terms.toolTip()
    assert not tab.lists[TermList.NAMES].isReadOnly()  # not locked: the admin's to edit
    links = tab.levels["links"]
    assert not links.isEnabled() and links.currentData() == RuleLevel.BLOCK.value
    assert IT_WORDS in links.toolTip()
    assert tab.levels["profanity"].isEnabled()
    # An admin's save of what is not locked works, and keeps the locked values.
    tab.lists[TermList.NAMES].setPlainText("Tref Council")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved (version 1)" in tab.message.text()
    settings = managed_desk.policy.current().settings
    assert settings.political_terms == ("Tref Labour",)
    assert settings.level("links") is RuleLevel.BLOCK
    # Under the window, the service refuses a locked change whatever asks for it.
    with pytest.raises(LockedSettingError):
        managed_desk.policy.add_terms(managed_cast.admin, TermList.TERMS, ["Vote Tref"])
    with pytest.raises(LockedSettingError):
        managed_desk.policy.set_rule_level(managed_cast.admin, "links", RuleLevel.OFF)


def test_a_broken_managed_file_is_said_in_the_window(
        qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "managed.toml"
    path.write_text('[locked]\ncolours.official = "#9b1b30"\nlanguage.posts = = "cy"\n',
                    encoding="utf-8")
    monkeypatch.setenv(MANAGED_FILE_VARIABLE, str(path))
    app = build(Settings(data_dir), clock=clock)
    try:
        person = Cast(app).author
        windows = DeskWindows(app, ImmediateRunner())
        window = windows.open(person)
        qtbot.addWidget(window)
        banner = window.panes[Pane.OFFICIAL].banner
        assert banner.isVisible()
        assert f"{path}, line 3" in banner.label.text()
        assert "IT department" in banner.label.text()
        # What came before the broken line still holds.
        assert window.session.theme.is_locked(Pane.OFFICIAL)
        window.close()
    finally:
        app.close()


def test_a_locked_window_language_wins_over_the_persons_choice_and_safedesk_lang(
        qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "managed.toml"
    path.write_text('[locked]\nlanguage.interface = "cy"\n', encoding="utf-8")
    monkeypatch.setenv(MANAGED_FILE_VARIABLE, str(path))
    monkeypatch.setenv("SAFEDESK_LANG", "en_GB")
    app = build(Settings(data_dir), clock=clock)
    try:
        gui_settings(app.settings).setValue(LANGUAGE_KEY, "en_GB")  # the person's own choice
        window = show(qtbot, app, Cast(app).author)
        assert window.session.words.language.code == "cy"
        dialog = settings_dialog(window)
        assert not dialog.interface_language.isEnabled()
        assert dialog.interface_language.currentData() == "cy"
        assert "\N{LOCK}" in dialog.interface_note.text()
        window.close()
    finally:
        WindowLanguage().install(ENGLISH)  # the next tests' windows start in English
        app.close()
