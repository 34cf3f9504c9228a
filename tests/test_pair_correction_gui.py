"""The correction dialog for a bilingual pair: a box for the Welsh and one for the English, each
labelled, both filled from their templates, edited, and published together as one pair."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import Route
from safedesk.core.models import Pane, Person
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.history import HistoryView
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show
from tests.pair_support import publish_pair


def open_for_pair(history: HistoryView) -> CorrectionDialog:
    history.reload()
    while history.reading:
        QApplication.processEvents()
    for index in range(history.tree.topLevelItemCount()):
        item = history.tree.topLevelItem(index)
        if item is not None and item.text(4).startswith("cy + en"):
            history.tree.setCurrentItem(item)
            break
    history.correct_button.click()
    dialog = history.correction_dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.isVisible()
    return dialog


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def preapprove(desk: SafeDesk, approver: Person, passphrase: str, language: str) -> None:
    version = desk.templates.get("correction", language).version
    desk.templates.preapprove("correction", language, approver, passphrase, version)


def test_a_pair_is_corrected_in_both_languages_from_the_dialog(
        window: MainWindow, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    original = publish_pair(desk, cast.author, Pane.PERSONAL, (cast.jo.id,))
    dialog = open_for_pair(window.panes[Pane.PERSONAL].history)
    # Both languages, each labelled; no choice of one language.
    assert dialog.text_label.text() == "Welsh (cy)"
    assert dialog.text.accessibleName() == "Correction text in Welsh"
    assert dialog.english.isVisible() and dialog.english.heading.text() == "English (en)"
    assert dialog.english.text.accessibleName() == "Correction text in English"
    assert not dialog.language.isVisible()

    dialog.fields["correction"].setText("Dydd Mawrth yw diwrnod y biniau.")
    dialog.english.fields["correction"].setText("Bins are on Tuesday.")
    welsh = dialog.text.toPlainText()
    assert welsh.startswith("Cywiriad i fy neges ar 21 Tachwedd 2026: Dydd Mawrth")
    english = dialog.english.text.toPlainText()
    assert english.startswith("Correction to my post of 21 November 2026: Bins are on Tuesday.")
    assert dialog.publish_button.isEnabled()

    # The English edited by hand: the person's own words, a way back to the template's.
    dialog.english.text.setPlainText("Sorry: the bins are on Tuesday, not Monday.")
    assert dialog.english.custom and dialog.english.reset_button.isVisible()
    assert not dialog.english.fields["correction"].isEnabled()
    assert "Your own words" in dialog.marker.text()
    dialog.publish_button.click()

    assert dialog.report is not None and dialog.report.complete
    content = dialog.report.correction.content
    assert (content.language, content.text) == ("cy", welsh)
    assert content.translation is not None and content.translation.language == "en"
    assert content.translation.text == "Sorry: the bins are on Tuesday, not Monday."
    assert content.reply_to == original
    assert platforms[cast.jo.id].requests[-1].reply_to is not None
    assert dialog.english.text.isReadOnly()  # a record now


def test_an_official_pair_says_it_waits_unless_both_languages_are_preapproved(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    publish_pair(desk, cast.author, Pane.OFFICIAL, (cast.council.id,), cast.approver,
                 "sam-passphrase")
    preapprove(desk, cast.approver, "sam-passphrase", "cy")
    window = show(qtbot, desk, cast.author)
    dialog = open_for_pair(window.panes[Pane.OFFICIAL].history)
    dialog.fields["correction"].setText("Dydd Iau.")
    dialog.english.fields["correction"].setText("Thursday.")
    assert dialog.publish_button.text() == "Submit for urgent approval"
    assert "both the Welsh and the English versions of the correction template" in \
        dialog.marker.text()
    dialog.reject()

    preapprove(desk, cast.approver, "sam-passphrase", "en-GB")
    dialog = open_for_pair(window.panes[Pane.OFFICIAL].history)
    dialog.fields["correction"].setText("Dydd Iau.")
    dialog.english.fields["correction"].setText("Thursday.")
    assert "Pre-approved by Sam Approver: publishes at once." in dialog.marker.text()
    dialog.publish_button.click()
    assert dialog.report is not None
    assert dialog.report.incident.route is Route.PREAPPROVED
