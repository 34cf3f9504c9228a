"""The compose box's language follows what the person writes until they pick one, and the
checks warn, in the compose box and on the queue's page, of a tag the words disagree with."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane, Translation
from safedesk.gui.compose import ComposeBox
from safedesk.gui.compose_language import FOLLOW_DELAY_MS
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.gui_support import show

WELSH = "Mae'r ffordd ar gau rhwng Llanidloes a'r Drenewydd tan 6pm heno."
ENGLISH = "The road is closed between Llanidloes and Newtown until 6pm tonight."
MISMATCH = "Warning: Tagged Welsh, but it reads as English"


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def personal_box(window: MainWindow) -> ComposeBox:
    return window.panes[Pane.PERSONAL].compose


def language_after_a_pause(qtbot: QtBot, compose: ComposeBox, expected: str) -> None:
    qtbot.waitUntil(lambda: compose.language.currentData() == expected,
                    timeout=FOLLOW_DELAY_MS * 5)


def test_the_language_follows_the_text_until_the_person_picks_one(
        window: MainWindow, qtbot: QtBot, desk: SafeDesk) -> None:
    compose = personal_box(window)
    assert compose.language.currentData() == ""  # a new draft, no default set
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, WELSH)
    language_after_a_pause(qtbot, compose, "cy")
    compose.text.selectAll()
    qtbot.keyClicks(compose.text, ENGLISH)
    language_after_a_pause(qtbot, compose, "en")
    # Words too few to tell: the desk's default (none here).
    compose.text.setPlainText("Bore da")
    language_after_a_pause(qtbot, compose, "")

    # The person picks a language with the keyboard: from then on it is theirs.
    compose.text.setPlainText(WELSH)
    language_after_a_pause(qtbot, compose, "cy")
    compose.language.setFocus()
    qtbot.keyClick(compose.language, Qt.Key.Key_Down)
    picked = compose.language.currentData()
    assert picked not in ("cy", "")
    compose.text.setPlainText(ENGLISH + " " + ENGLISH)
    qtbot.wait(FOLLOW_DELAY_MS * 2)
    assert compose.language.currentData() == picked
    saved = compose.save_now()
    assert saved is not None and saved.content.language == picked

    # A stored draft keeps the language it was saved with; a new one follows again.
    compose.load_draft(saved)
    compose.text.setPlainText(WELSH)
    qtbot.wait(FOLLOW_DELAY_MS * 2)
    assert compose.language.currentData() == picked
    compose.load_draft(None)
    compose.text.setPlainText(WELSH)
    language_after_a_pause(qtbot, compose, "cy")
    # Code that sets the language (a pair's editor tagging its first part) decides it too.
    compose.language.setCurrentIndex(compose.language.findData("en"))
    compose.text.setPlainText(WELSH + " Diolch.")
    qtbot.wait(FOLLOW_DELAY_MS * 2)
    assert compose.language.currentData() == "en"


def test_an_unsure_reading_leaves_the_desks_default(window: MainWindow, qtbot: QtBot) -> None:
    window.session.set_default_language("cy")
    compose = personal_box(window)
    assert compose.language.currentData() == "cy"
    compose.text.setPlainText("New date")  # two words: unsure
    qtbot.wait(FOLLOW_DELAY_MS * 2)
    assert compose.language.currentData() == "cy"
    compose.text.setPlainText(ENGLISH)
    language_after_a_pause(qtbot, compose, "en")


def test_the_compose_box_warns_of_words_that_disagree_with_the_tag(
        window: MainWindow, qtbot: QtBot, cast: Cast) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText(WELSH)
    language_after_a_pause(qtbot, compose, "cy")
    assert MISMATCH not in compose.findings.text()
    compose.language.setCurrentIndex(compose.language.findData("cy"))
    compose.language.activated.emit(compose.language.currentIndex())  # the person's pick
    compose.text.setPlainText(ENGLISH)
    qtbot.waitUntil(lambda: MISMATCH in compose.findings.text())
    assert compose.send_button.isEnabled()  # a warning: the person may know better


def test_the_queue_warns_of_a_pair_whose_welsh_part_is_english(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    # English first, and its Welsh part left in English.
    pair = Content(text=ENGLISH, targets=(cast.council.id,), language="en",
                   translation=Translation(language="cy", text=ENGLISH))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, pair)
    desk.drafts.submit(draft.id, cast.author)
    approver = show(qtbot, desk, cast.approver)
    panel = approver.panes[Pane.OFFICIAL].queue
    assert panel is not None
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: MISMATCH in panel.detail.toPlainText())
    page = panel.detail.toPlainText()
    assert page.count("Tagged ") == 1  # the English part reads as English
    assert "the text in the second language" in page.split(MISMATCH, 1)[1].split("\n", 1)[0]


def test_the_reader_loads_on_a_worker_and_the_box_follows_once_it_has(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from safedesk.gui.launch import open_main_window
    from safedesk.gui.tasks import ThreadPoolRunner
    from safedesk.services.language_reading import LangidReader

    loaded_on: list[str] = []
    load = LangidReader._loaded

    def recording(reader: LangidReader):  # type: ignore[no-untyped-def]
        loaded_on.append(threading.current_thread().name)
        return load(reader)

    monkeypatch.setattr(LangidReader, "_loaded", recording)
    runner = ThreadPoolRunner()
    window = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(window)
    compose = personal_box(window)
    compose.text.setPlainText(WELSH)
    assert compose.language.currentData() == ""  # read once typing pauses, the reader loaded first
    # The model loads on a worker first (NumPy and all: most of a second on a busy machine).
    qtbot.waitUntil(lambda: compose.language.currentData() == "cy", timeout=15_000)
    assert loaded_on and loaded_on[0] != threading.main_thread().name
    assert threading.main_thread().name in loaded_on[1:]  # readings, once loaded: ~1 ms each
    runner.wait()
