"""The pages nobody sees at start are built when first shown: until then their tabs say they are
loading; a click, Ctrl+Tab or the code asking for one builds it, named for its pane and reached
by Tab from the tab bar, as if it had been there from the start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane
from safedesk.gui.lazy_tabs import LoadingPage
from safedesk.gui.pane_names import heard_name
from safedesk.gui.queue_panel import QueuePanel
from tests.conftest import Cast
from tests.gui_support import show


def submitted(desk: SafeDesk, cast: Cast) -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Library closed on Friday", (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    return draft.id


def test_hidden_pages_wait_with_a_loading_cue_and_the_queue_count_shows(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    submitted(desk, cast)
    window = show(qtbot, desk, cast.approver)
    official = window.panes[Pane.OFFICIAL]
    tabs = official.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    waiting = {tabs.tabText(i): tabs.widget(i) for i in range(1, tabs.count())}
    assert all(isinstance(page, LoadingPage) for page in waiting.values()), titles
    assert all(page.label.text().startswith("Loading ") for page in waiting.values()
               if isinstance(page, LoadingPage))
    # The count is there before the queue's page is: the queue watcher's first look says it.
    qtbot.waitUntil(lambda: tabs.tabText(1) == "Queue (1)")
    assert isinstance(tabs.widget(1), LoadingPage)


def test_ctrl_tab_builds_the_next_page_named_and_reached_as_if_it_had_always_been_there(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft_id = submitted(desk, cast)
    window = show(qtbot, desk, cast.approver)
    official = window.panes[Pane.OFFICIAL]
    tabs = official.tabs
    text = official.compose.text
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    page = tabs.currentWidget()
    assert isinstance(page, QueuePanel) and tabs.currentIndex() == 1
    assert official.queue is page  # the one built, not a second
    qtbot.waitUntil(lambda: page.list.count() == 1)
    assert page.list.item(0).data(Qt.ItemDataRole.UserRole) == draft_id
    assert tabs.tabText(1).startswith("Queue")
    # What a screen reader hears says the pane, as for the controls made with the window.
    heard = [heard_name(w) for w in page.findChildren(QWidget)
             if w.focusPolicy() & Qt.FocusPolicy.TabFocus and heard_name(w)]
    assert heard and all("official" in name.lower() for name in heard), heard
    # Tab from the tab bar goes into the page, not past the rest of the window first.
    tabs.tabBar().setFocus()
    qtbot.waitUntil(tabs.tabBar().hasFocus)
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)


def test_asking_for_a_page_builds_it_in_its_tab(qtbot: QtBot, desk: SafeDesk,
                                                cast: Cast) -> None:
    window = show(qtbot, desk, cast.approver)
    official = window.panes[Pane.OFFICIAL]
    history = official.history
    index = official.tabs.indexOf(history)
    assert official.tabs.tabText(index) == "History"
    assert official.tabs.currentIndex() == 0  # built, not shown
    official.tabs.setCurrentWidget(history)
    assert official.tabs.currentWidget() is history

