"""Tab pages built the first time they are shown or asked for, not when the window opens.

A pane's History, Accounts, Queue and My submissions pages each read the store as they are made;
at start only the Compose page is on screen, so building the others then made the first paint
wait for work nobody could see yet. Until a page is built its tab holds a placeholder that says
it is loading (never an empty page). The first time the tab becomes current (a click, Ctrl+Tab,
a shortcut) or the code asks for the page (``page``), the real page is made and put in the
placeholder's place, with the same title, so ``QTabWidget.indexOf`` and ``setCurrentWidget``
work on it as on any page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

Page = TypeVar("Page", bound=QWidget)


class LoadingPage(QWidget):
    """What a tab shows for the moment before its page is built."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Loading {what}…").format(what=what), self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(self.tr("{what} loading").format(what=what))
        column = QVBoxLayout(self)
        column.addWidget(self.label)


class LazyPage(Generic[Page]):
    """One page of ``LazyTabs``: made by ``make`` once, on first need."""

    def __init__(self, placeholder: LoadingPage, make: Callable[[], Page]) -> None:
        self.placeholder = placeholder
        self.make = make
        self.page: Page | None = None


class LazyTabs(QObject):
    built = Signal(QWidget)  # a page was just made and put in its tab

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._waiting: dict[QWidget, LazyPage[QWidget]] = {}
        self._spent: list[LoadingPage] = []
        tabs.currentChanged.connect(self._current_changed)

    def add(self, make: Callable[[], Page], title: str, what: str,
            index: int | None = None) -> LazyPage[Page]:
        """A tab titled ``title`` whose page ``make`` builds when first needed; until then it
        says "Loading ``what``…"."""
        placeholder = LoadingPage(what, self._tabs)
        lazy: LazyPage[Page] = LazyPage(placeholder, make)
        if index is None:
            self._tabs.addTab(placeholder, title)
        else:
            self._tabs.insertTab(index, placeholder, title)
        self._waiting[placeholder] = lazy  # type: ignore[assignment]
        return lazy

    def page(self, lazy: LazyPage[Page]) -> Page:
        """The page, built now if it was not yet."""
        return lazy.page if lazy.page is not None else self._build(lazy)

    def index_of(self, lazy: LazyPage[Page]) -> int:
        """Where the page's tab is, built or not (without building it)."""
        return self._tabs.indexOf(lazy.page if lazy.page is not None else lazy.placeholder)

    def _current_changed(self, index: int) -> None:
        shown = self._tabs.widget(index)
        lazy = self._waiting.get(shown) if shown is not None else None
        if lazy is not None:
            self._build(lazy)

    def _build(self, lazy: LazyPage[Page]) -> Page:
        placeholder = lazy.placeholder
        self._waiting.pop(placeholder, None)
        page = lazy.make()
        lazy.page = page
        tabs = self._tabs
        index = tabs.indexOf(placeholder)
        current = tabs.currentIndex()
        # In its place: inserted before the placeholder, which then goes. Meanwhile the current
        # tab moves about; the tab widget stays quiet, as the same tab is current after.
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, page, tabs.tabText(index))
            tabs.setTabToolTip(index, tabs.tabToolTip(index + 1))
            tabs.removeTab(index + 1)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        # Kept, hidden, not deleted: deleting it here (it may have just held focus) left
        # PySide's wrapper of the tab bar invalid for the focus ring that was following it.
        placeholder.hide()
        self._spent.append(placeholder)
        self.built.emit(page)
        return page
