"""The compose boxes and the History view in Welsh: opened with ``SAFEDESK_LANG=cy`` as a person
opens the window, every widget the compose, image, counts, spell-check, finding-mark and history
modules make is read (labels, buttons, placeholders, tooltips, accessible names, choices, list
rows, the counts line, the preview, the history's headers and rows, the spell-check menu) and
must hold no English; names, handles and the post's own words excepted. The Send button and the
counts are checked in Welsh, with Welsh plurals (2 and 3 characters left).

What counts as English, and what is read of each widget: ``tests.i18n_walk``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import CorrectionKind
from safedesk.core.models import Content, Pane
from safedesk.gui.compose import ComposeBox
from safedesk.gui.history import HistoryView
from safedesk.gui.main_window import MainWindow
from tests import image_samples as samples
from tests.conftest import Cast
from tests.gui_support import show
from tests.i18n_walk import (
    english_in,
    welsh,  # noqa: F401 - a fixture, used by name
)
from tests.i18n_walk import english_left as english_under
from tests.test_i18n_gui_a import names_in

# The modules converted here (safedesk/gui/<name>.py): every widget they make must speak Welsh.
MINE = {"compose", "compose_images", "compose_counts", "spell_check", "finding_marks", "history"}
# The post's own words: Welsh, so they bring no English of their own.
POST = "Casglu biniau ddydd Llun"
WARNING = "Ffyrdd ar gau"
ALT = "Map o\u2019r ffordd"


def english_left(window: MainWindow, names: tuple[str, ...]) -> list[str]:
    """What the widgets this branch's modules made under ``window`` still say in English."""
    return english_under(window, (*names, POST, WARNING, ALT), owners=MINE)


def fill(qtbot: QtBot, compose: ComposeBox, tmp_path: Path) -> None:
    """Everything a compose box can show: text, a warning, a reply, an image, the preview."""
    compose.text.setPlainText(POST)
    compose.content_warning.setText(WARNING)
    compose.set_reply_to("an-earlier-draft", "“Heol y Frenhines”")
    compose.attach_image(samples.png(tmp_path / f"llun-{compose.pane.value[0]}.png"), ALT)
    qtbot.waitUntil(lambda: len(compose.media) == 1)
    compose.render_preview()


def author_window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    """Jo's window, a post of Jo's in the personal history, every tab's page built."""
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text=POST, targets=(cast.jo.id,)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    window = show(qtbot, desk, cast.author)
    for pane in window.panes.values():
        for index in range(pane.tabs.count()):
            pane.tabs.setCurrentIndex(index)
    return window


@pytest.mark.usefixtures("welsh")
def test_the_compose_boxes_and_the_history_show_no_english(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, tmp_path: Path) -> None:
    window = author_window(qtbot, desk, cast)
    for pane in window.panes.values():
        fill(qtbot, pane.compose, tmp_path)
    history = window.panes[Pane.PERSONAL].history
    qtbot.waitUntil(lambda: history.tree.topLevelItemCount() == 1)
    history.tree.setCurrentItem(None)
    history.open_correction(CorrectionKind.CORRECTION)  # no row chosen: a notice
    assert window.findChildren(HistoryView) and window.findChildren(ComposeBox)
    assert english_left(window, names_in(desk, cast)) == []
    personal = window.panes[Pane.PERSONAL].compose
    assert personal.images.item(0).text() == f"llun-p.png: {ALT}"
    assert personal.add_image.text() == "Ychwanegu delwedd…"
    assert personal.copy_button.text() == "Copïo i\u2019r paen swyddogol"
    assert "Yn ateb “Heol y Frenhines”" in personal.reply_banner.text()
    assert "[dangos mwy]" in personal.preview.toPlainText()
    assert [history.tree.headerItem().text(c) for c in range(3)] == ["Amser", "Cyfrif",
                                                                   "Platfform"]
    assert history.tree.topLevelItem(0).text(3) == "wedi\u2019i gyhoeddi"
    assert history.message.text() == "Dewiswch bostiad yn y rhestr yn gyntaf."
    assert [history.correct_button.text(), history.apologise_button.text(),
            history.retract_button.text()] == ["Cywiro…", "Ymddiheuro…", "Tynnu\u2019n ôl…"]


@pytest.mark.usefixtures("welsh")
def test_send_and_the_counts_speak_welsh_with_welsh_plurals(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = author_window(qtbot, desk, cast)
    official = window.panes[Pane.OFFICIAL].compose
    official.set_targets([cast.council_sky.id])
    sky = cast.council_sky.address
    for left, words in ((2, "2 nod ar ôl ar Bluesky."), (3, "3 nod ar ôl ar Bluesky.")):
        official.text.setPlainText("a" * (300 - left))
        assert f"{sky}: {words}" in official.counts.text()
    official.text.setPlainText("a" * 301)
    assert "Rhy hir i Bluesky: 301 o 300 nod. Tynnwch 1." in official.counts.text()
    assert "Rhannu\u2019n edefyn" in official.counts.text()  # the way out, offered in Welsh
    assert official.send_button.text() == f"Cyflwyno i\u2019w gymeradwyo, fel {sky}"
    personal = window.panes[Pane.PERSONAL].compose
    personal.set_targets([cast.jo.id])
    personal.text.setPlainText(POST)
    assert personal.send_button.text() == f"Postio fel {cast.jo.address}"
    assert f"{500 - len(POST)} nod ar ôl ar Mastodon." in personal.counts.text()
    personal.set_targets([])
    assert personal.counts.text() == "Dewiswch o leiaf un cyfrif."


@pytest.mark.usefixtures("welsh")
def test_the_spell_check_speaks_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = author_window(qtbot, desk, cast)
    compose = window.panes[Pane.PERSONAL].compose
    compose.language.setCurrentIndex(compose.language.findData("en"))
    assert compose.language.currentText() == "English (Saesneg)"
    assert compose.language.itemText(compose.language.findData("pl")) == "Polski (Pwyleg)"
    qtbot.waitUntil(lambda: compose.spell_check.speller is not None)
    assert compose.text.toolTip() == "Gwirio sillafu: Saesneg Prydain"
    compose.text.setPlainText("Diolch am comming")
    cursor = compose.text.textCursor()
    cursor.setPosition(len("Diolch am comm"))
    menu = compose.spell_check.menu_at(compose.text.cursorRect(cursor).center())
    entries = [action.text() for action in menu.actions()]
    assert "Ychwanegu at fy ngeiriadur" in entries
    assert not [e for e in entries if english_in(e, ("comming", "coming"))]
