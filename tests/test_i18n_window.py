"""The whole window in Welsh, walked once: an admin's window with something in every view (an
account in each pane, unsent drafts, a post waiting in the queue, a history in both panes, an
incident), every tab of both panes, the window's menus, the settings and each of their tabs, and
every dialog the menus, the settings, the panes, the queue and the history open. Any English a
Welsh speaker would have to read fails the test, with where it was (``tests.i18n_walk``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import CorrectionKind
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane, Platform
from safedesk.gui.about_dialog import component_versions
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.settings_dialog import SettingsDialog
from tests.conftest import Cast
from tests.gui_support import show
from tests.i18n_walk import english_in, english_left, welsh  # noqa: F401 - welsh: a fixture

# The test's own words are Welsh, so they bring no English of their own.
PUBLISHED = "Mae\u2019r llyfrgell ar agor tan wyth heno"
OFFICIAL_POST = "Casglu biniau ddydd Llun"
WAITING = "Ffordd ar gau ger yr ysgol"
UNSENT = "Drafft heb ei anfon eto"
# Names known by their form: a template by name and language ("apology (cy)", "apology —
# Cymraeg (cy)").
TEMPLATE_NAMES = re.compile(r"[a-z-]+(?: — [^()]+)? \((?:cy|en-GB)\)")


def with_everything(desk: SafeDesk, cast: Cast) -> str:
    """Something in every view of the admin's window; the id of the draft waiting in the
    queue."""
    ada = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social",
                                 "ada", owner=cast.admin)
    personal = desk.drafts.create(cast.admin, Pane.PERSONAL, Content(PUBLISHED, (ada.id,)))
    assert desk.publisher.publish(personal.id, cast.admin).complete
    desk.corrections.publish(desk.corrections.prepare(personal.id, "apology", language="cy"),
                             cast.admin)
    official = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                  Content(OFFICIAL_POST, (cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(official.id, cast.author)
    desk.queue.approve(official.id, cast.approver, "sam-passphrase",
                       content_digest(desk.drafts.get(official.id).content))
    waiting = desk.drafts.create(cast.author, Pane.OFFICIAL,
                                 Content(WAITING, (cast.council.id,)))
    desk.drafts.submit(waiting.id, cast.author, urgent=True)
    desk.drafts.create(cast.admin, Pane.OFFICIAL, Content(UNSENT, (cast.council.id,)))
    desk.drafts.create(cast.admin, Pane.PERSONAL, Content(UNSENT, (ada.id,)))
    return waiting.id


def names_in(desk: SafeDesk, cast: Cast) -> tuple[str, ...]:
    """The names the window shows as they are: people, accounts, where the data is, the posts'
    own words, and what is recorded and shown as written (an approval's flag)."""
    flags = tuple(flag for person in cast.people
                  if (flag := desk.people.standing(person).flag))
    return (str(desk.settings.database_path), str(desk.settings.data_dir),
            *(p.name for p in cast.people), *(a.address for a in desk.accounts.list()),
            PUBLISHED, OFFICIAL_POST, WAITING, UNSENT, *flags)


class Walk:
    """Every view walked, and the English each still shows."""

    def __init__(self, qtbot: QtBot, names: tuple[str, ...]) -> None:
        self.qtbot = qtbot
        self.names = names
        self.found: list[str] = []
        self.walked: list[str] = []

    def look(self, where: str, widget: QWidget) -> None:
        self.walked.append(where)
        self.found += [f"{where}: {line}"
                       for line in english_left(widget, self.names, hide=TEMPLATE_NAMES)]

    def dialog(self, where: str, opened: Callable[[], QDialog | None]) -> None:
        dialog = opened()
        assert dialog is not None, f"{where} did not open"
        self.qtbot.waitExposed(dialog)
        self.look(where, dialog)
        dialog.reject()


@pytest.mark.usefixtures("welsh")
def test_the_whole_window_shows_no_english(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    waiting = with_everything(desk, cast)
    window = show(qtbot, desk, cast.admin)
    walk = Walk(qtbot, names_in(desk, cast))

    # Every tab of both panes, with what they hold.
    for pane in window.panes.values():
        for index in range(pane.tabs.count()):
            pane.tabs.setCurrentIndex(index)
            walk.look(f"{pane.pane.value} tab {pane.tabs.tabText(index)!r}",
                      pane.tabs.widget(index))
    queue = window.panes[Pane.OFFICIAL].queue
    assert isinstance(queue, QueuePanel)
    queue.select(waiting)
    assert queue.shown is not None
    for pane in window.panes.values():
        history = pane.history
        qtbot.waitUntil(lambda h=history: h.tree.topLevelItemCount() >= 1)  # type: ignore[misc]
    walk.look("the window", window)  # its menus, status bar, both panes

    # The dialogs the queue and the history open.
    walk.dialog("approve", queue.approve)
    walk.dialog("reject", queue.reject)
    walk.dialog("request changes", queue.request_changes)
    for pane in window.panes.values():
        history = pane.history
        history.tree.setCurrentItem(history.tree.topLevelItem(0))
        for kind in CorrectionKind:
            walk.dialog(f"{pane.pane.value} {kind.value}",
                        lambda h=history, k=kind: h.open_correction(k))  # type: ignore[misc]

    # The dialogs the window opens from its menus and panes.
    walk.dialog("switch person", window.switch_person)
    walk.dialog("add account", lambda: window.add_account(Pane.OFFICIAL))
    walk.dialog("sign in again", lambda: window.sign_in_again(cast.council))
    # About: what it runs on is named as each project names itself ("keyring", "regex").
    walk.names += tuple(name for name, _version in component_versions())
    walk.dialog("about", window.open_about)

    # The settings, from the menu, every tab, and the dialogs they open.
    window.settings_action.trigger()
    settings = window.findChild(SettingsDialog)
    assert settings is not None and settings.isVisible()
    for index in range(settings.sections.count()):
        settings.sections.setCurrentIndex(index)
    # The incident report is the service's export, a record in English, shown as saved.
    report = settings.incidents_page.report.toPlainText()
    assert report.startswith("Incident ")
    walk.names += (report,)
    for index in range(settings.sections.count()):
        settings.sections.setCurrentIndex(index)
        walk.look(f"settings tab {settings.sections.tabText(index)!r}",
                  settings.sections.widget(index))
    walk.look("settings", settings)
    settings.people_list.setCurrentRow(1)
    walk.dialog("change role", settings.change_role)
    walk.dialog("reset passphrase", settings.reset_passphrase)
    walk.dialog("change my passphrase", settings.change_my_passphrase)
    walk.dialog("add person", settings.add_person)
    walk.dialog("pre-approve", settings.templates_page.preapprove)

    assert len(walk.walked) >= 30  # every view above was reached
    assert walk.found == [], "English left in the window:\n" + "\n".join(walk.found)


def test_the_walk_finds_english_in_every_kind_of_text() -> None:
    assert english_in("Choose a post in the list first.") >= {"choose", "post", "list"}
    assert english_in("Dewiswch bostiad yn y rhestr yn gyntaf.") == set()
    # Names, handles, addresses and commands are the same in every language.
    assert english_in("Jo Author @jo@mastodon.social https://example.org/road-works "
                      "safedesk people add", ("Jo Author",)) == set()
