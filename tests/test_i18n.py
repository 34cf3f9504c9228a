"""SafeDesk in English and in Welsh: which language is spoken, the catalogs behind it, Welsh
plurals, and the command line and the window speaking the person's language."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import write_mo
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.cli.main import main
from safedesk.core.errors import AuthenticationError, InvalidInputError
from safedesk.core.messages import ENGLISH as ENGLISH_WORDS
from safedesk.core.messages import msg, msgn
from safedesk.core.models import Pane, Platform
from safedesk.gui.language import LANGUAGE_KEY, WindowLanguage
from safedesk.gui.launch import DeskWindows
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.tasks import ImmediateRunner
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import ENGLISH, LANG_VARIABLE, WELSH, choose_language, language
from tests.conftest import Cast

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"


def i18n_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- which language ------------------------------------------------------------------------

def test_the_language_is_chosen_by_option_then_variable_then_setting_then_system() -> None:
    system = {"LANG": "cy_GB.UTF-8"}
    assert choose_language(system) is WELSH
    assert choose_language({"LANG": "fr_FR.UTF-8"}) is ENGLISH  # not spoken: English
    assert choose_language({"LANGUAGE": "fr:cy", "LANG": "en_GB.UTF-8"}) is WELSH
    assert choose_language(system, saved="en_GB") is ENGLISH
    assert choose_language({**system, LANG_VARIABLE: "en"}, saved="cy") is ENGLISH
    assert choose_language({LANG_VARIABLE: "en"}, explicit="cy-GB") is WELSH
    assert choose_language({}, saved="xx") is ENGLISH  # an old setting no longer known
    with pytest.raises(InvalidInputError, match=r'does not speak "fr".*cy \(Cymraeg\)'):
        choose_language({}, explicit="fr")
    assert language("cy_GB.UTF-8@euro") is WELSH


# -- plurals and messages ------------------------------------------------------------------

def test_welsh_counts_take_the_form_cldr_gives_each_number() -> None:
    waiting = [msgn("{count} post waiting for your approval",
                    "{count} posts waiting for your approval", n).render(translator(WELSH))
               for n in (0, 1, 2, 3, 6, 11)]
    assert waiting == ["0 postiad yn aros am eich cymeradwyaeth",
                       "1 postiad yn aros am eich cymeradwyaeth",
                       "2 bostiad yn aros am eich cymeradwyaeth",
                       "3 phostiad yn aros am eich cymeradwyaeth",
                       "6 phostiad yn aros am eich cymeradwyaeth",
                       "11 postiad yn aros am eich cymeradwyaeth"]
    english = [msgn("{count} post waiting for your approval",
                    "{count} posts waiting for your approval", n).render(translator(ENGLISH))
               for n in (0, 1, 2)]
    assert english == ["0 posts waiting for your approval", "1 post waiting for your approval",
                       "2 posts waiting for your approval"]


def test_an_error_says_its_message_in_the_persons_language() -> None:
    error = AuthenticationError(msg("There is no person called '{name}' in SafeDesk.",
                                    name="Jo {count}"))  # braces in a name stay as typed
    assert str(error) == "There is no person called 'Jo {count}' in SafeDesk."
    assert error.text(translator(WELSH)) == "Does neb o\u2019r enw 'Jo {count}' yn SafeDesk."
    assert error.text(ENGLISH_WORDS) == str(error)
    assert AuthenticationError("a server's own words").text(translator(WELSH)) == \
        "a server's own words"


def test_dates_are_written_the_languages_way() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
    assert translator(WELSH).when(moment) == "2 Rhag 2026, 14:30"
    assert translator(ENGLISH).when(moment) == "2 Dec 2026, 14:30"
    assert ENGLISH_WORDS.when(moment) == "2 Dec 2026, 14:30"


# -- the catalogs ----------------------------------------------------------------------------

def test_every_word_in_the_code_is_in_the_catalogs_and_translated() -> None:
    script = i18n_script()
    problems = [*(p for code in script.LANGUAGES for p in script.gettext_problems(code)),
                *(p for code in script.QT_LANGUAGES for p in script.qt_problems(code))]
    assert problems == []
    in_code = {m.id for m in script.extract() if m.id}
    in_catalog = {m.id for m in script.read(I18N / "cy.po", "cy") if m.id}
    assert in_code - in_catalog == set(), "run: .venv/bin/python scripts/i18n.py update"


def test_the_fields_of_a_translation_must_match_its_source() -> None:
    script = i18n_script()
    from babel.messages.catalog import Message

    lost = Message("Sent to {who}.", "Anfonwyd.")
    assert list(script._translation_problems("cy", lost, 6))
    renamed = Message("Sent to {who}.", "Anfonwyd at {pwy}.")
    assert list(script._translation_problems("cy", renamed, 6))
    kept = Message("Sent to {who}.", "Anfonwyd at {who}.")
    assert list(script._translation_problems("cy", kept, 6)) == []


def test_the_compiled_catalogs_are_those_of_their_sources(tmp_path: Path) -> None:
    script = i18n_script()
    for code in script.LANGUAGES:
        built = tmp_path / f"{code}.mo"
        with built.open("wb") as file:
            write_mo(file, script.read(I18N / f"{code}.po", code), use_fuzzy=False)
        assert built.read_bytes() == (I18N / f"{code}.mo").read_bytes(), \
            "run: .venv/bin/python scripts/i18n.py compile"
    for code in script.QT_LANGUAGES:
        subprocess.run([script.BIN / "pyside6-lrelease", "-silent", str(I18N / f"{code}.ts"),
                        "-qm", str(tmp_path / f"{code}.qm")], check=True)
        assert (tmp_path / f"{code}.qm").read_bytes() == (I18N / f"{code}.qm").read_bytes(), \
            "run: .venv/bin/python scripts/i18n.py compile"


def test_the_windows_catalog_holds_every_text_of_the_window(tmp_path: Path) -> None:
    script = i18n_script()
    for code in script.QT_LANGUAGES:
        copy = tmp_path / f"{code}.ts"
        shutil.copy(I18N / f"{code}.ts", copy)
        sources = sorted(str(p) for p in (ROOT / "safedesk" / "gui").glob("*.py"))
        found = subprocess.run([script.BIN / "pyside6-lupdate", "-no-obsolete", *sources,
                                "-ts", str(copy)], check=True, capture_output=True, text=True)
        assert "(0 new and" in found.stdout, "run: .venv/bin/python scripts/i18n.py update"


# -- the command line ------------------------------------------------------------------------

def test_the_command_line_speaks_welsh_when_asked(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        data_dir: Path) -> None:
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "whatever")
    argv = ["--data-dir", str(data_dir), "history", "--as", "Nobody"]
    assert main(["--lang", "cy", *argv]) != 0
    assert "Does neb o\u2019r enw 'Nobody' yn SafeDesk." in capsys.readouterr().err
    monkeypatch.setenv(LANG_VARIABLE, "cy")
    assert main(argv) != 0
    assert "Does neb o\u2019r enw 'Nobody' yn SafeDesk." in capsys.readouterr().err
    assert main(["--lang", "en_GB", *argv]) != 0
    assert "There is no person called 'Nobody' in SafeDesk." in capsys.readouterr().err
    assert main(["--lang", "xx", *argv]) == 2
    assert 'SafeDesk does not speak "xx"' in capsys.readouterr().err


def test_lang_takes_a_value_and_is_not_mistaken_for_a_command(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "cy", "--help"])
    shown = capsys.readouterr().out
    assert "--lang LANG" in shown and "audit" in shown


# -- the window --------------------------------------------------------------------------------

@pytest.fixture
def windows(desk: SafeDesk, monkeypatch: pytest.MonkeyPatch) -> Iterator[DeskWindows]:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://gov.example", "council")
    before = QLocale()
    opened = DeskWindows(desk, ImmediateRunner())
    yield opened
    for window in [opened.window, *opened._closed]:
        if window is not None:
            window.close()
    WindowLanguage().install(ENGLISH)  # Qt's translator and locale are the process's
    QLocale.setDefault(before)


def test_choosing_welsh_builds_the_window_again_in_welsh_and_keeps_the_draft(
        qtbot: QtBot, windows: DeskWindows, cast: Cast) -> None:
    first = windows.open(cast.author)
    qtbot.addWidget(first)
    compose = first.panes[Pane.OFFICIAL].compose
    compose.text.setPlainText("Road closed on Heol y Frenhines until Friday")
    dialog = SettingsDialog(first.session, first)
    assert dialog.interface_language.currentData() == "en_GB"
    dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("cy"))
    second = windows.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert first.session.settings.value(LANGUAGE_KEY) == "cy"
    assert QLocale().language() is QLocale.Language.Welsh
    again = SettingsDialog(second.session, second)
    assert again.interface_language.currentData() == "cy"
    assert "yn agor ei ffenestr eto" in again.interface_note.text()
    assert second.session.say(msgn("{count} post waiting for your approval",
                                   "{count} posts waiting for your approval", 2)) == \
        "2 bostiad yn aros am eich cymeradwyaeth"
    kept = second.panes[Pane.OFFICIAL].compose
    qtbot.waitUntil(lambda: kept.text.toPlainText() ==
                    "Road closed on Heol y Frenhines until Friday")


def test_the_variable_fixes_the_language_and_the_setting_says_so(
        qtbot: QtBot, windows: DeskWindows, cast: Cast,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LANG_VARIABLE, "cy")
    window = windows.open(cast.author)
    qtbot.addWidget(window)
    dialog = SettingsDialog(window.session, window)
    assert not dialog.interface_language.isEnabled()
    assert dialog.interface_language.currentData() == "cy"
    assert LANG_VARIABLE in dialog.interface_note.text()


def test_the_script_reports_nothing_left_to_do() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith("0 problem(s)")
