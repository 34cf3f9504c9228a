"""Bilingual pairs in a Welsh window: the compose box's toggle and second language, the alt-text
dialog's second box, the question before the second language goes, the counts and preview, the
approver's page and the pair styles in the settings. Opened with ``SAFEDESK_LANG=cy`` as a person
opens the window; every widget the pair modules make must hold no English (names, handles and the
post's own words excepted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.core.pairs import WELSH
from safedesk.gui.compose import ComposeBox
from tests import image_samples as samples
from tests.conftest import Cast
from tests.gui_support import show
from tests.i18n_walk import (
    english_in,
    welsh,  # noqa: F401 - a fixture, used by name
)
from tests.i18n_walk import english_left as english_under
from tests.test_i18n_gui_a import names_in
from tests.test_policy_tab import policy_tab
from tests.test_queue_gui import queue_of

MINE = {"compose_pair", "pair_styles", "alt_text_dialog"}
POST = "Casglu biniau ddydd Llun"
ENGLISH_POST = "Bins collected on Monday"
ALT = "Map o\u2019r ffordd"
ENGLISH_ALT = "Map of the road"


NAMES = (POST, ENGLISH_POST, ALT, ENGLISH_ALT)  # the post's own words


def english_left(top: QWidget, names: tuple[str, ...]) -> list[str]:
    """What the pair modules' widgets under ``top`` still say in English."""
    return english_under(top, (*names, *NAMES), owners=MINE)


def write_pair(qtbot: QtBot, compose: ComposeBox, targets: list[str], tmp_path: Path) -> None:
    compose.set_targets(targets)
    compose.attach_image(samples.png(tmp_path / "llun.png"), ALT)
    qtbot.waitUntil(lambda: len(compose.media) == 1)
    compose.language.setCurrentIndex(compose.language.findData(WELSH))
    compose.text.setPlainText(POST)
    compose.pair.toggle.click()
    compose.pair.text.setPlainText(ENGLISH_POST)
    compose.images.setCurrentRow(0)
    dialog = compose.image_strip._edit_alt_text()  # what "Edit alt text…" opens
    assert dialog is not None
    assert dialog.second_text.accessibleName() == "Disgrifiwch y ddelwedd yn Saesneg"
    dialog.second_text.setPlainText(ENGLISH_ALT)
    assert english_left(dialog, NAMES) == []
    dialog.ok_button.click()


@pytest.mark.usefixtures("welsh")
def test_the_pair_widgets_speak_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                      tmp_path: Path) -> None:
    window = show(qtbot, desk, cast.admin)
    compose = window.panes[Pane.OFFICIAL].compose
    write_pair(qtbot, compose, [cast.council.id], tmp_path)
    pair = compose.pair
    assert pair.toggle.text() == "Dwyieithog (Cymraeg + Saesneg)"
    assert pair.text.accessibleName() == "Testun Saesneg (swyddogol)"
    assert "yn Gymraeg ac yn Saesneg" in compose.send_button.words()
    counts = compose.counts.text()
    assert "<b>Cymraeg</b>" in counts and "<b>Saesneg</b>" in counts
    compose.render_preview()
    assert "Dau bostiad, wedi\u2019u cyhoeddi gyda\u2019i gilydd:" in compose.preview.toPlainText()
    pair.text.setPlainText("")
    assert "Ysgrifennwch destun Cymraeg a thestun Saesneg" in compose.block_reason.text()
    pair.text.setPlainText("Bins damn")  # the second language's block, said in Welsh
    compose.check_policy_now()
    assert compose.block_reason.text().startswith("\u26d4 Wedi\u2019i rwystro: ")
    assert english_in(compose.block_reason.text(), ("Bins damn", "damn")) == set()
    pair.text.setPlainText(ENGLISH_POST)
    pair.toggle.click()  # words typed: asked first
    assert pair.question is not None
    assert pair.question.windowTitle() == "Tynnu\u2019r ail iaith?"
    assert {b.text() for b in pair.question.buttons()} == {"Tynnu\u2019r Saesneg", "Ei gadw"}
    assert english_left(pair.question, names_in(desk, cast)) == []
    pair.question.defaultButton().click()
    assert english_left(window, names_in(desk, cast)) == []
    tab = policy_tab(window)
    assert english_left(tab.window(), names_in(desk, cast)) == []
    assert tab.pair_styles.layouts[cast.council.id].currentText() == \
        "Dau bostiad, un ym mhob iaith"


@pytest.mark.usefixtures("welsh")
def test_the_approver_reads_both_languages_in_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                                   tmp_path: Path) -> None:
    author = show(qtbot, desk, cast.author)
    compose = author.panes[Pane.OFFICIAL].compose
    write_pair(qtbot, compose, [cast.council.id], tmp_path)
    compose.send()
    approver = show(qtbot, desk, cast.approver)
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.list.setCurrentRow(0)
    page = panel.detail.toPlainText()
    assert "Postiad dwyieithog: mae un gymeradwyaeth yn cynnwys y ddwy iaith." in page
    assert "Saesneg" in page and ENGLISH_POST in page and POST in page
    assert f"Delwedd 1: {ALT}" in page and f"Delwedd 1: {ENGLISH_ALT}" in page
