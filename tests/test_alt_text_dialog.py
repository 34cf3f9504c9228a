"""Describing an image: the picture is shown beside the words, the box wraps and Tab leaves it,
and the count follows each platform the post goes to (Mastodon's limit holds OK back)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane, Platform
from safedesk.gui.alt_text_dialog import (
    MASTODON_ALT_LIMIT,
    PICTURE_SIDE,
    AltTextDialog,
    alt_text_fit,
    small_picture,
)
from tests import image_samples as samples
from tests.conftest import Cast
from tests.gui_support import show


def test_the_count_follows_each_platform() -> None:
    words, fits = alt_text_fit("A map of the road closure", {Platform.MASTODON})
    assert fits and f"Mastodon: {MASTODON_ALT_LIMIT - 25} characters left." in words
    words, fits = alt_text_fit("x" * (MASTODON_ALT_LIMIT + 3), {Platform.MASTODON})
    assert not fits and "Too long for Mastodon" in words and "Remove 3" in words
    words, fits = alt_text_fit("y" * 1200, {Platform.BLUESKY})
    assert fits and "Bluesky's app may not show all of it" in words  # advice, not a refusal
    words, fits = alt_text_fit("🏳️‍🌈" * 3, {Platform.BLUESKY})
    assert "Bluesky: 997 left." in words  # counted as a person sees them: 3 flags
    assert "Choose the accounts" in alt_text_fit("z", set())[0]


def test_editing_alt_text_shows_the_image_and_keeps_tab_for_moving_on(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, tmp_path: Path) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.attach_image(samples.png(tmp_path / "map.png"), "Map")
    compose.images.setCurrentRow(0)
    compose.edit_alt.click()
    dialog = compose.findChild(AltTextDialog)
    assert isinstance(dialog, AltTextDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
    assert dialog.text.lineWrapMode() is QPlainTextEdit.LineWrapMode.WidgetWidth
    dialog.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text.toPlainText()
    assert QApplication.focusWidget() is not dialog.text

    dialog.text.setPlainText("x" * (MASTODON_ALT_LIMIT + 1))
    assert not dialog.ok_button.isEnabled()  # Mastodon would refuse it
    dialog.text.setPlainText("Map of the Mill Lane closure, with the diversion in red")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert compose.media[0].alt_text == "Map of the Mill Lane closure, with the diversion in red"


def test_a_large_picture_is_shown_small(tmp_path: Path) -> None:
    shown = small_picture(samples.png(tmp_path / "wide.png", size=(1200, 300)))
    assert (shown.width(), shown.height()) == (PICTURE_SIDE, PICTURE_SIDE // 4)
    assert small_picture(tmp_path / "missing.png").isNull()
    assert small_picture(None).isNull()


def test_the_picture_is_decoded_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    """The dialog opens at once with the words; the picture follows from the worker."""
    waiting: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []
    picture = samples.png(tmp_path / "map.png", size=(1200, 900))
    dialog = AltTextDialog(picture, "map.png", "", {Platform.MASTODON},
                           lambda work, done, _failed: waiting.append((work, done)))
    qtbot.addWidget(dialog)
    assert dialog.picture.pixmap().isNull()
    assert dialog.picture.text() == "Loading the picture…"
    [(work, done)] = waiting
    done(work())  # what the worker hands back
    assert dialog.picture.pixmap().width() == PICTURE_SIDE


def test_a_picture_that_cannot_be_read_is_said_so(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    dialog = AltTextDialog(broken, "broken.png", "", set(),
                           lambda work, done, _failed: done(work()))
    qtbot.addWidget(dialog)
    assert dialog.picture.text() == "(The picture cannot be shown here.)"
