"""The window in Welsh: the main window, its panes, the settings and the people and account
dialogs show no English a Welsh speaker would have to read, Qt's own buttons included, and what
they count follows Welsh plurals.

English is found by ``tests.i18n_walk``. Only widgets made by the modules converted here are read;
the pages other modules make (compose, queue, history, templates…) are left to their own tests,
and the whole window to ``tests/test_i18n_window.py``.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import ServerFailureError
from safedesk.core.models import Content, Pane, Platform
from safedesk.core.platform import PostRequest
from safedesk.gui.add_account import AddAccountDialog
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from safedesk.gui.people_dialogs import (
    AddPersonDialog,
    ChoosePersonDialog,
    FirstPersonDialog,
    PassphraseDialog,
    SetRoleDialog,
)
from safedesk.gui.settings_dialog import SettingsDialog
from tests import i18n_walk
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show
from tests.i18n_walk import (
    english_in,
    welsh,  # noqa: F401 - a fixture, used by name
)

# The modules converted here (safedesk/gui/<name>.py): their widgets must speak Welsh.
CONVERTED = {
    "main_window", "pane", "person_bar", "banners", "settings_dialog", "people_dialogs",
    "accounts_panel", "add_account", "sign_in_again", "unfinished", "progress", "watcher",
    "pane_keys", "pane_names", "pane_switch", "inactive", "theme", "focus_ring",
    "identity_button", "targets", "lazy_tabs", "launch", "team_feed", "tasks",
}


def composed_parts(top: QWidget) -> set[QWidget]:
    """The compose boxes' widgets (compose.py's, converted elsewhere), wherever they sit: the
    pane lays some of them out in its own rows."""
    parts: set[QWidget] = set()
    for compose in top.findChildren(ComposeBox):
        for part in vars(compose).values():
            if isinstance(part, QWidget) and part is not compose:
                parts |= {part, *part.findChildren(QWidget)}
    return parts


def english_left(top: QWidget, names: tuple[str, ...]) -> list[str]:
    """What the converted modules' widgets under ``top`` still say in English."""
    return i18n_walk.english_left(top, names, owners=CONVERTED, leave=composed_parts(top))


def names_in(desk: SafeDesk, cast: Cast) -> tuple[str, ...]:
    """The proper names the window shows: people, accounts, where the data is."""
    paths = (str(desk.settings.database_path), str(desk.settings.data_dir))
    return (*paths, *(p.name for p in cast.people),
            *(a.address for a in desk.accounts.list()))


def welsh_window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    """The approver's window (every tab there is, the queue too) with every page built."""
    desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social", "sam",
                           owner=cast.approver)
    window = show(qtbot, desk, cast.approver)
    for pane in window.panes.values():
        for index in range(pane.tabs.count()):
            pane.tabs.setCurrentIndex(index)
    return window


def test_the_detector_knows_english_from_welsh() -> None:
    assert english_in("Add person…", ()) == {"add"}
    assert english_in("Ychwanegu person…", ()) == set()
    assert english_in("Signed in as Jo Author (author)", ("Jo Author",)) >= {"signed", "author"}
    assert english_in("Wedi mewngofnodi fel Jo Author (awdur)", ("Jo Author",)) == set()


@pytest.mark.usefixtures("welsh")
def test_the_main_window_shows_no_english(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = welsh_window(qtbot, desk, cast)
    assert window.panes[Pane.OFFICIAL].band.title_label.text() == "Swyddogol"
    assert english_left(window, names_in(desk, cast)) == []
    # The words a pane out of use shows.
    window.set_active_pane(Pane.PERSONAL)
    assert window.panes[Pane.OFFICIAL].band.state_label.text().startswith("Heb ei ddefnyddio")
    assert english_left(window, names_in(desk, cast)) == []


@pytest.mark.usefixtures("welsh")
def test_the_settings_and_people_dialogs_show_no_english(qtbot: QtBot, desk: SafeDesk,
                                                         cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    people = desk.people
    dialogs: list[QDialog] = [
        SettingsDialog(window.session, window),
        AddPersonDialog(people, cast.admin, window),
        PassphraseDialog(people, cast.author.name, admin=cast.admin, parent=window),
        PassphraseDialog(people, cast.author.name, old="given", parent=window),
        PassphraseDialog(people, cast.admin.name, parent=window),
        SetRoleDialog(people, cast.author, cast.admin, window),
        ChoosePersonDialog(people, window),
        FirstPersonDialog(people, window),
        AddAccountDialog(window.session, Pane.OFFICIAL, window),
        AddAccountDialog(window.session, Pane.OFFICIAL, window, reauth=cast.council),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert english_left(dialog, names_in(desk, cast)) == [], dialog.windowTitle()
    settings = dialogs[0]
    assert isinstance(settings, SettingsDialog)
    assert settings.windowTitle() == "Gosodiadau SafeDesk"
    close = settings.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.text().replace("&", "") == "Cau"


@pytest.mark.usefixtures("welsh")
def test_an_author_sees_why_they_may_not_add_people_or_official_accounts_in_welsh(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    settings = SettingsDialog(window.session, window)
    qtbot.addWidget(settings)
    assert settings.people_note.text().startswith("Dim ond gweinyddwr")
    dialog = AddAccountDialog(window.session, Pane.OFFICIAL, window)
    qtbot.addWidget(dialog)
    assert english_left(settings, names_in(desk, cast)) == []
    assert english_left(dialog, names_in(desk, cast)) == []


@pytest.mark.usefixtures("welsh")
def test_qts_own_buttons_speak_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    show(qtbot, desk, cast.admin)  # installs the Welsh catalog, as the app does
    standard = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(standard.Ok | standard.Cancel | standard.Yes | standard.No
                           | standard.Close)
    qtbot.addWidget(box)
    shown = {button: (box.button(button).text() or "").replace("&", "")
             for button in (standard.Ok, standard.Cancel, standard.Yes, standard.No,
                            standard.Close)}
    assert shown == {standard.Ok: "Iawn", standard.Cancel: "Canslo", standard.Yes: "Ie",
                     standard.No: "Na", standard.Close: "Cau"}


@pytest.mark.usefixtures("welsh")
def test_what_the_window_counts_follows_welsh_plurals(qtbot: QtBot, desk: SafeDesk,
                                                      cast: Cast) -> None:
    for text in ("Bins delayed", "Library closed", "Road works"):
        draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                   Content(text=text, targets=(cast.council.id,)))
        desk.drafts.submit(draft.id, cast.author)
    window = show(qtbot, desk, cast.approver)
    qtbot.waitUntil(lambda: "phostiad" in window.watcher.last_message)
    assert window.watcher.last_message == (
        "Yn aros am eich cymeradwyaeth: "
        "Mae 3 phostiad swyddogol yn aros am eich cymeradwyaeth.")


@pytest.mark.usefixtures("welsh")
def test_sending_is_reported_in_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                      platforms: dict[str, FakePlatform]) -> None:
    window = show(qtbot, desk, cast.author)
    pane = window.panes[Pane.PERSONAL]
    compose = pane.compose
    compose.set_targets([cast.jo.id])
    compose.text.setPlainText("Road closed on Heol y Frenhines")
    assert compose.send_button.words() == f"Postio fel {cast.jo.address}"
    compose.send()
    assert pane.progress.title.text() == "Wedi\u2019i gyhoeddi ym mhobman."
    assert english_left(pane.progress, names_in(desk, cast)) == []

    failing = FakePlatform(cast.jo)
    platforms[cast.jo.id] = failing

    def fail(_request: PostRequest) -> None:
        raise ServerFailureError("The server had a problem (503).")  # the server's own words

    failing.before_publish = fail
    compose.set_targets([cast.jo.id])
    compose.text.setPlainText("Library closed on Friday")
    compose.send()
    shown = [label.text() for label in pane.progress.findChildren(QLabel)]
    assert f"✘ {cast.jo.address}: heb ei gyhoeddi — The server had a problem (503)." in shown
    assert english_left(pane.progress, (*names_in(desk, cast),
                                        "The server had a problem (503).")) == []
