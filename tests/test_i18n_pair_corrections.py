"""Correcting a bilingual pair and its history, in Welsh: the dialog's two boxes, the history's
row and ``history``'s line, as a person who chose Welsh sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.correction_dialog import CorrectionDialog
from tests.cli_support import Run
from tests.conftest import Cast
from tests.gui_support import show
from tests.pair_support import ENGLISH_TEXT, WELSH_TEXT, publish_pair
from tests.test_i18n_gui_a import welsh  # noqa: F401 - a fixture, used by name


def test_the_pair_correction_dialog_and_history_row_speak_welsh(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, welsh: None) -> None:  # noqa: F811
    publish_pair(desk, cast.author, Pane.PERSONAL, (cast.jo.id,))
    window = show(qtbot, desk, cast.author)
    history = window.panes[Pane.PERSONAL].history
    while history.reading:
        QApplication.processEvents()
    item = history.tree.topLevelItem(0)
    assert item is not None and item.text(4) == f"cy + en: {WELSH_TEXT} / {ENGLISH_TEXT}"
    tooltip = item.toolTip(4)
    assert f"Cymraeg: {WELSH_TEXT}\nSaesneg: {ENGLISH_TEXT}" in tooltip
    assert "Aeth y Saesneg allan 3 eiliad ar ôl y Gymraeg." in tooltip

    history.tree.setCurrentItem(item)
    history.correct_button.click()
    dialog = history.correction_dialog
    assert isinstance(dialog, CorrectionDialog)
    assert dialog.text_label.text() == "Cymraeg (cy)"
    assert dialog.english.heading.text() == "Saesneg (en)"
    assert dialog.text.accessibleName().endswith(" yn Gymraeg")
    assert dialog.english.text.accessibleName().endswith(" yn Saesneg")
    assert dialog.english.fields["correction"].accessibleName().endswith(" yn Saesneg")
    dialog.english.text.setPlainText("Sorry.")
    assert dialog.english.reset_button.text() == "Defnyddio geiriau\u2019r templed Saesneg eto"
    assert "Llenwch {correction}." in dialog.problems.text()  # the Welsh is still unfilled
    dialog.english.text.setPlainText("{correction}")
    assert "Llenwch {correction} yn y Saesneg." in dialog.problems.text()
    dialog.reject()


def test_history_and_correct_say_a_pair_in_welsh(
        desk: SafeDesk, cast: Cast, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = publish_pair(desk, cast.author, Pane.PERSONAL, (cast.jo.id,))
    publication = desk.store.list_publications(draft_id=draft_id)[0]
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    run = Run(data_dir, capsys, monkeypatch)
    code, out, err = run("--lang", "cy", "history", "--as", "Jo Author")
    assert code == 0, err
    assert (f"cy + en: cy: {publication.url}  en: {publication.url}-en (Aeth y Saesneg allan 3 "
            "eiliad ar ôl y Gymraeg.)") in out
    code, _, err = run("--lang", "cy", "correct", draft_id, "--kind", "apology", "--text-en",
                       "Sorry.", "--field-en", "account=Jo", "--dry-run", "--as", "Jo Author")
    assert code == 2
    assert "Rhowch naill ai eich testun Saesneg eich hun neu werthoedd" in err
