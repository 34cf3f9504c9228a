"""The settings dialog and the theme behind it, driven through real widgets: pane colours (with
their contrast and distinctness checks), the language of new posts, people, where the data
lives; and the desk in a dark colour scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

import safedesk.gui
from safedesk.app import SafeDesk
from safedesk.core.contrast import NEAR_BLACK, WHITE, contrast_ratio
from safedesk.core.models import Pane, Role
from safedesk.gui.launch import gui_settings
from safedesk.gui.main_window import MainWindow
from safedesk.gui.people_dialogs import AddPersonDialog
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.theme import (
    ERROR_ON_DARK,
    ERROR_ON_LIGHT,
    OFFICIAL_STYLE,
    PERSONAL_STYLE,
    band_colour_key,
    contrast_summary,
    default_style,
    shown_ratio,
    with_band_colour,
)
from tests.conftest import Cast
from tests.gui_support import show

ALLOWED_OFFICIAL = "#9b1b30"  # crimson: white text at 8.1:1, far from the personal blue
LOW_CONTRAST = "#e0457b"  # pink: white text 3.96:1, near-black 4.40:1
NEAR_PERSONAL = "#2a5a9a"  # a slightly lighter personal blue
CONFUSED_BY_DEUTERANOPES = "#5b2c83"  # purple: distinct from the blue only for typical vision




@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def open_settings(window: MainWindow, picks: list[str] | None = None) -> SettingsDialog:
    """Open the dialog the way a person does (the menu action), with a scripted colour picker."""
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    queue = list(picks or [])

    def pick(_initial: QColor, _parent: QWidget, _title: str) -> QColor:
        return QColor(queue.pop(0)) if queue else QColor()  # invalid: the person cancelled

    dialog.pick_colour = pick
    return dialog


def band_colours(window: MainWindow, pane: Pane) -> set[str]:
    """Colours along the band's bottom margin (no words there): the colour and any stripes."""
    image = window.panes[pane].band.grab().toImage()
    y = image.height() - 3
    return {image.pixelColor(QPoint(x, y)).name() for x in range(image.width() // 2,
                                                                  image.width() - 2)}


def border(window: MainWindow, pane: Pane) -> tuple[str, int]:
    """The colour of the pane's left border, and how many pixels wide it is."""
    image = window.panes[pane].grab().toImage()
    y = image.height() // 2
    # The inactive pane is dimmed by an opacity effect, whose premultiplied pixels may be off by
    # one per channel; anything within 3 counts as the same colour.
    edge = image.pixelColor(QPoint(0, y))
    width = 0
    while width < 20:
        pixel = image.pixelColor(QPoint(width, y))
        if max(abs(pixel.red() - edge.red()), abs(pixel.green() - edge.green()),
               abs(pixel.blue() - edge.blue())) > 3:
            break
        width += 1
    return edge.name(), width


def near(first: str, second: str) -> bool:
    a, b = QColor(first), QColor(second)
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 3


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- pane colours ---------------------------------------------------------------------------


def test_an_allowed_colour_repaints_the_band_at_once_and_is_kept(
        qtbot: QtBot, window: MainWindow, desk: SafeDesk, cast: Cast) -> None:
    dialog = open_settings(window, [ALLOWED_OFFICIAL])
    row = dialog.colour_rows[Pane.OFFICIAL]
    assert row.contrast.text() == "7.3:1 with white text — passes AA"
    click(qtbot, row.change)

    stripe = QColor(ALLOWED_OFFICIAL).darker(135).name()
    assert band_colours(window, Pane.OFFICIAL) == {ALLOWED_OFFICIAL, stripe}
    official = window.panes[Pane.OFFICIAL]
    colour, width = border(window, Pane.OFFICIAL)
    assert near(colour, ALLOWED_OFFICIAL)
    # Only the colour changed: the heavier border and the stripes stay.
    assert width == OFFICIAL_STYLE.border_width == official.style_info.border_width
    assert border(window, Pane.PERSONAL)[1] == PERSONAL_STYLE.border_width
    assert official.style_info.striped
    assert row.contrast.text() == "8.1:1 with white text — passes AA"
    assert dialog.colour_message.text() == f"The official pane colour is now {ALLOWED_OFFICIAL}."
    assert row.reset.isEnabled()
    assert band_colours(window, Pane.PERSONAL) == {PERSONAL_STYLE.band_colour}
    assert gui_settings(desk.settings).value(band_colour_key(Pane.OFFICIAL)) == ALLOWED_OFFICIAL

    window.close()
    again = show(qtbot, desk, cast.author)
    assert again.session.theme.style(Pane.OFFICIAL).band_colour == ALLOWED_OFFICIAL
    assert band_colours(again, Pane.OFFICIAL) == {ALLOWED_OFFICIAL, stripe}


def test_a_colour_no_band_text_can_be_read_on_is_refused(qtbot: QtBot, window: MainWindow,
                                                         desk: SafeDesk) -> None:
    dialog = open_settings(window, [LOW_CONTRAST])
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].change)
    message = dialog.colour_message.text()
    assert message.startswith(f"{LOW_CONTRAST} cannot be the official band colour: neither white "
                              "nor near-black text is readable enough on it (the best is 4.4:1 "
                              "with near-black text; WCAG AA needs 4.5:1).")
    assert "too close" not in message
    assert ERROR_ON_LIGHT in dialog.colour_message.styleSheet()
    assert band_colours(window, Pane.OFFICIAL) <= {OFFICIAL_STYLE.band_colour,
                                                   QColor(OFFICIAL_STYLE.band_colour)
                                                   .darker(135).name()}
    assert gui_settings(desk.settings).value(band_colour_key(Pane.OFFICIAL)) is None


def test_a_colour_too_close_to_the_other_pane_is_refused(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    dialog = open_settings(window, [NEAR_PERSONAL, CONFUSED_BY_DEUTERANOPES])
    change = dialog.colour_rows[Pane.OFFICIAL].change
    click(qtbot, change)
    assert dialog.colour_message.text().startswith(
        f"{NEAR_PERSONAL} is too close to the personal pane's colour (#1d4f91): seen with ")
    assert "at least ΔE 20 (CIE76)" in dialog.colour_message.text()

    click(qtbot, change)
    message = dialog.colour_message.text()
    assert "seen with deuteranopia (green-blind) they differ by only ΔE 5." in message
    assert window.session.theme.style(Pane.OFFICIAL) == OFFICIAL_STYLE


def test_cancelling_the_colour_dialog_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_settings(window, [])
    click(qtbot, dialog.colour_rows[Pane.PERSONAL].change)
    assert dialog.colour_message.text() == ""
    assert window.session.theme.is_default(Pane.PERSONAL)


def test_reset_to_default(qtbot: QtBot, window: MainWindow, desk: SafeDesk) -> None:
    dialog = open_settings(window, [ALLOWED_OFFICIAL])
    row = dialog.colour_rows[Pane.OFFICIAL]
    assert not row.reset.isEnabled()
    click(qtbot, row.change)
    click(qtbot, row.reset)
    assert window.session.theme.style(Pane.OFFICIAL) == OFFICIAL_STYLE
    assert dialog.colour_message.text() == "The official pane is back to its default colour."
    assert not row.reset.isEnabled()
    assert QColor(OFFICIAL_STYLE.band_colour).name() in band_colours(window, Pane.OFFICIAL)
    assert gui_settings(desk.settings).value(band_colour_key(Pane.OFFICIAL)) is None


def test_reset_is_refused_when_the_default_now_clashes(qtbot: QtBot, window: MainWindow) -> None:
    # Official crimson, then a personal olive-brown that is fine next to crimson but nearly the
    # official default's colour: resetting the official pane now would make the panes alike.
    dialog = open_settings(window, [ALLOWED_OFFICIAL, "#906000"])
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].change)
    click(qtbot, dialog.colour_rows[Pane.PERSONAL].change)
    assert window.session.theme.style(Pane.PERSONAL).band_colour == "#906000"
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].reset)
    assert dialog.colour_message.text().startswith(
        "#8f3f00 is too close to the personal pane's colour (#906000)")
    assert window.session.theme.style(Pane.OFFICIAL).band_colour == ALLOWED_OFFICIAL


def test_a_light_colour_gets_near_black_text_and_lighter_stripes(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    dialog = open_settings(window, ["#ffff66"])
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].change)
    band = window.panes[Pane.OFFICIAL].band
    assert band.title_label.styleSheet() == f"color: {NEAR_BLACK};"
    assert dialog.colour_rows[Pane.OFFICIAL].contrast.text() == \
        "16.4:1 with near-black text — passes AA"
    # Every colour the band paints keeps the words above 4.5:1, stripes included.
    painted = band_colours(window, Pane.OFFICIAL)
    assert painted == {"#ffff66", QColor("#ffff66").lighter(135).name()}
    assert all(contrast_ratio(NEAR_BLACK, colour) >= 4.5 for colour in painted)


def test_the_avatars_follow_the_pane_colour(qtbot: QtBot, window: MainWindow) -> None:
    accounts = window.panes[Pane.OFFICIAL].accounts.list

    def avatar_colour() -> str:
        image = accounts.item(0).icon().pixmap(32, 32).toImage()
        return image.pixelColor(QPoint(4, 16)).name()

    assert avatar_colour() == OFFICIAL_STYLE.band_colour
    dialog = open_settings(window, [ALLOWED_OFFICIAL])
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].change)
    assert avatar_colour() == ALLOWED_OFFICIAL


def test_unusable_stored_colours_fall_back_to_the_defaults(qtbot: QtBot, desk: SafeDesk,
                                                           cast: Cast) -> None:
    stored = gui_settings(desk.settings)
    stored.setValue(band_colour_key(Pane.PERSONAL), "not a colour")
    stored.setValue(band_colour_key(Pane.OFFICIAL), LOW_CONTRAST)
    stored.sync()
    theme = show(qtbot, desk, cast.author).session.theme
    assert theme.style(Pane.PERSONAL) == PERSONAL_STYLE
    assert theme.style(Pane.OFFICIAL) == OFFICIAL_STYLE

    stored.setValue(band_colour_key(Pane.PERSONAL), "#2a5a9a")
    stored.setValue(band_colour_key(Pane.OFFICIAL), "#1d4f91")  # each fine, together alike
    stored.sync()
    theme = show(qtbot, desk, cast.author).session.theme
    assert (theme.style(Pane.PERSONAL), theme.style(Pane.OFFICIAL)) == (PERSONAL_STYLE,
                                                                        OFFICIAL_STYLE)


def test_a_style_on_a_new_colour_keeps_every_other_cue() -> None:
    style = with_band_colour(default_style(Pane.OFFICIAL), "#FFFF66")
    assert (style.band_colour, style.band_text_colour) == ("#ffff66", NEAR_BLACK)
    assert (style.title, style.icon, style.border_width, style.striped) == (
        "Official", "official.svg", 6, True)
    assert contrast_summary(default_style(Pane.PERSONAL)) == "8.1:1 with white text — passes AA"
    assert default_style(Pane.PERSONAL).band_text_colour == WHITE
    # Shown to one decimal, but a failing ratio never rounds up to a pass.
    assert (shown_ratio(7.29), shown_ratio(4.46), shown_ratio(4.3997)) == ("7.3:1", "4.4:1",
                                                                          "4.4:1")


# -- the language of new posts --------------------------------------------------------------


def test_the_default_language_starts_every_new_draft(qtbot: QtBot, window: MainWindow,
                                                     desk: SafeDesk, cast: Cast) -> None:
    official = window.panes[Pane.OFFICIAL].compose
    official.text.setPlainText("Already writing")  # a draft under way keeps its language
    personal = window.panes[Pane.PERSONAL].compose
    assert personal.language.currentData() == ""

    dialog = open_settings(window)
    dialog.sections.setCurrentWidget(dialog.language_page)
    dialog.language.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.language)
    dialog.language.setCurrentIndex(dialog.language.findData("cy"))
    assert window.session.default_language == "cy"
    assert personal.language.currentData() == "cy"  # the blank box follows at once
    assert official.language.currentData() != "cy"  # its own (read from its words), kept

    official.save_now()
    official.load_draft(None)  # a new draft, as after Post or "New draft"
    assert official.language.currentData() == "cy"
    assert official.content().language == "cy"

    window.close()
    again = show(qtbot, desk, cast.author)
    assert again.panes[Pane.PERSONAL].compose.language.currentData() == "cy"
    assert open_settings(again).language.currentData() == "cy"


# -- people ---------------------------------------------------------------------------------


def people_listed(dialog: SettingsDialog) -> list[str]:
    return [dialog.people_list.item(i).text() for i in range(dialog.people_list.count())]


def test_an_admin_adds_a_person(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    dialog = open_settings(window)
    dialog.sections.setCurrentWidget(dialog.people_page)
    assert "Ada Admin (you) — admin" in people_listed(dialog)
    assert dialog.add_person_button.isVisibleTo(dialog)
    assert not dialog.people_note.isVisibleTo(dialog)
    click(qtbot, dialog.add_person_button)
    adding = dialog.findChild(AddPersonDialog)
    assert adding is not None and adding.isVisible()

    assert all(field.accessibleName() for field in (adding.name, adding.role, adding.passphrase,
                                                    adding.again))
    adding.buttons.accepted.emit()
    assert adding.error.text() == "Choose a passphrase for them."
    qtbot.keyClicks(adding.name, "Lee Approver")
    adding.role.setCurrentIndex(adding.role.findData(Role.APPROVER))
    qtbot.keyClicks(adding.passphrase, "lee-passphrase")
    qtbot.keyClicks(adding.again, "lee-typo")
    adding.buttons.accepted.emit()
    assert adding.error.text() == "The two passphrases differ."
    assert adding.isVisible()

    adding.again.clear()
    qtbot.keyClicks(adding.again, "lee-passphrase")
    qtbot.keyClick(adding.again, Qt.Key.Key_Return)  # Enter accepts, as OK does
    assert not adding.isVisible()
    assert "Lee Approver — approver · appointed by Ada Admin alone" in people_listed(dialog)
    assert dialog.people_message.text() == "Added Lee Approver as approver."
    lee = desk.people.authenticate("Lee Approver", "lee-passphrase")
    assert lee.role is Role.APPROVER
    event = [e for e in desk.store.audit_events() if e.action == "person.add"][-1]
    assert event.actor == cast.admin.id


def test_someone_who_is_not_an_admin_cannot_add_people(window: MainWindow, cast: Cast) -> None:
    dialog = open_settings(window)
    dialog.sections.setCurrentWidget(dialog.people_page)
    assert people_listed(dialog) == [
        "Ada Admin — admin", "Jo Author (you) — author",
        "Kim Approver — approver · appointed by Ada Admin alone",
        "Sam Approver — approver · appointed by Ada Admin alone"]
    assert not dialog.add_person_button.isVisibleTo(dialog)
    assert dialog.people_note.isVisibleTo(dialog)
    assert dialog.people_note.text().startswith("Only an admin can add people.")
    assert dialog.add_person() is None
    assert dialog.findChild(AddPersonDialog) is None


# -- where the data lives -------------------------------------------------------------------


def test_the_data_location_is_shown_and_can_be_copied(qtbot: QtBot, window: MainWindow,
                                                      desk: SafeDesk) -> None:
    dialog = open_settings(window)
    dialog.sections.setCurrentWidget(dialog.data_page)
    assert dialog.data_dir.text() == str(desk.settings.data_dir)
    assert dialog.database_path.text() == str(desk.settings.database_path)
    assert dialog.data_dir.isReadOnly() and dialog.database_path.isReadOnly()
    click(qtbot, dialog.copy_database_path)
    assert QApplication.clipboard().text() == str(desk.settings.database_path)
    click(qtbot, dialog.copy_data_dir)
    assert QApplication.clipboard().text() == str(desk.settings.data_dir)


# -- keyboard and screen readers ------------------------------------------------------------


def tab_through(qtbot: QtBot, start: QWidget, steps: int) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    order = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    return order


def test_every_control_has_a_name_and_tab_follows_reading_order(qtbot: QtBot,
                                                                desk: SafeDesk,
                                                                cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    dialog = open_settings(window, [ALLOWED_OFFICIAL])
    click(qtbot, dialog.colour_rows[Pane.OFFICIAL].change)  # so the official Reset is enabled
    tabs = dialog.sections.tabBar()
    close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    rows = dialog.colour_rows
    pages = {
        dialog.colours_page: [rows[Pane.PERSONAL].change, rows[Pane.OFFICIAL].change,
                              rows[Pane.OFFICIAL].reset],
        dialog.language_page: [dialog.interface_language, dialog.language],
        # Focus on the list chooses its first person, so the actions on a person are on.
        dialog.people_page: [dialog.people_list, dialog.add_person_button,
                             dialog.disable_button, dialog.role_button, dialog.reset_button,
                             dialog.my_passphrase_button],
        dialog.data_page: [dialog.data_dir, dialog.copy_data_dir, dialog.database_path,
                           dialog.copy_database_path],
    }
    for page, controls in pages.items():
        # The section's tab, its controls top to bottom, Close, and round again.
        dialog.sections.setCurrentWidget(page)
        expected = [tabs, *controls, close, tabs]
        assert tab_through(qtbot, tabs, len(expected) - 1) == expected
        assert all(control.accessibleName() for control in controls)
    assert close.accessibleName() and dialog.sections.accessibleName()
    # Ctrl+Tab moves between sections from anywhere in the dialog.
    dialog.sections.setCurrentWidget(dialog.colours_page)
    qtbot.keyClick(tab_through(qtbot, rows[Pane.PERSONAL].change, 0)[0], Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier)
    assert dialog.sections.currentWidget() is dialog.language_page


def test_ctrl_comma_opens_settings_and_quit_closes_the_window(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.activateWindow()
    window.panes[Pane.PERSONAL].compose.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Comma,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    window.panes[Pane.PERSONAL].compose.text.setPlainText("Keep me")
    window.quit_action.trigger()
    assert not window.isVisible()
    me = window.session.person
    assert [d.content.text for d in window.session.app.drafts.unsent(Pane.PERSONAL, me)] == [
        "Keep me"]


# -- light and dark ------------------------------------------------------------------------


@contextmanager
def dark_scheme(qtbot: QtBot) -> Iterator[None]:
    """What a dark system scheme does to the app: a dark palette. (The offscreen platform has
    no colour scheme of its own, so QStyleHints.setColorScheme changes nothing here.) The light
    palette comes back before the test's data is closed, as the widgets redraw on the switch."""
    light = QApplication.palette()
    QApplication.setPalette(QPalette(QColor("#2b2b2b")))  # Qt derives light text from it
    try:
        yield
    finally:
        QApplication.setPalette(light)
        qtbot.wait(10)  # let the switch back reach every widget


def stylesheet_colour(text: str) -> str:
    found = re.search(r"color: ?(#[0-9a-f]{6})", text)
    assert found is not None, text
    return found.group(1)


def test_in_a_dark_scheme_every_text_colour_meets_aa(qtbot: QtBot, desk: SafeDesk,
                                                     cast: Cast) -> None:
    with dark_scheme(qtbot):
        check_dark_desk(show(qtbot, desk, cast.author), cast)


def check_dark_desk(window: MainWindow, cast: Cast) -> None:
    background = window.palette().color(QPalette.ColorRole.Window).name()
    assert background == "#2b2b2b"
    assert contrast_ratio(ERROR_ON_LIGHT, background) < 4.5  # why the red changes

    compose = window.panes[Pane.OFFICIAL].compose
    compose.show_notice("Not submitted: something went wrong", error=True)
    notice = stylesheet_colour(compose.notice.styleSheet())
    assert notice == ERROR_ON_DARK
    assert contrast_ratio(notice, background) >= 4.5

    compose.set_targets([cast.council_sky.id])
    compose.text.setPlainText("x" * 301)
    counts = stylesheet_colour(compose.counts.text())
    assert contrast_ratio(counts, background) >= 4.5

    for pane in Pane:
        text = window.session.theme.style(pane).band_text_colour
        for painted in band_colours(window, pane):
            assert contrast_ratio(text, painted) >= 4.5
    palette = window.palette()
    assert contrast_ratio(palette.color(QPalette.ColorRole.WindowText).name(), background) >= 4.5


def test_switching_to_dark_recolours_error_text_already_shown(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    compose.show_notice("Draft not saved: disk full", error=True)
    assert stylesheet_colour(compose.notice.styleSheet()) == ERROR_ON_LIGHT
    light = QApplication.palette()
    try:
        QApplication.setPalette(QPalette(QColor("#2b2b2b")))
        qtbot.waitUntil(lambda: stylesheet_colour(compose.notice.styleSheet()) == ERROR_ON_DARK)
        # The pane body follows the palette too (nothing pins it to the light one).
        assert compose.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
    finally:
        QApplication.setPalette(light)
        qtbot.waitUntil(lambda: stylesheet_colour(compose.notice.styleSheet()) == ERROR_ON_LIGHT)


def test_no_text_colour_is_hard_coded_onto_the_window_background() -> None:
    """Text drawn straight on the window must take its colour from theme.py, which picks one per
    light or dark background. (A style that brings its own background along with its text
    colour, such as a warning banner, reads the same in either scheme and may stay local.)"""
    gui = Path(safedesk.gui.__file__).parent
    text_colour = re.compile(r"(?<![-\w])color:\s*#[0-9a-fA-F]{3,6}\b")
    found = {
        f"{path.name}:{number}": line.strip()
        for path in gui.glob("*.py") if path.name != "theme.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text_colour.search(line) and "background" not in line
    }
    assert found == {}
