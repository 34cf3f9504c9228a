"""Finding English a Welsh speaker would have to read in the window: one walk for every test of
the window in Welsh (``tests/test_i18n_gui_a.py``, ``_gui_b``, ``_compose``, ``_window``).

What counts as English: a word of SafeDesk's English (the sources of ``cy.ts`` and the msgids of
``cy.po``) that no Welsh translation of either uses ("the", "post", "settings", "waiting"). A
word that is also Welsh ("a", "am", "dim") or a name kept in Welsh ("Mastodon") is never counted.
What is read: everything a widget shows or says: its text, tooltip, status tip, "What's This",
accessible name and description, window title, placeholder, a browser's page, a combo box's
items, the rows, cells and headers of any item view (lists, tables, trees), a tab bar's tabs,
and the actions of its menus (the window's menu bar included). Names are the same in every
language: the caller lists the names its data holds (people, accounts, what the test typed);
web addresses, handles, file paths and :data:`PROPER_NAMES` are taken out before looking.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from safedesk.gui.language import WindowLanguage
from safedesk.i18n.languages import ENGLISH, LANG_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
# Names are the same in every language.
PROPER_NAMES = ("SafeDesk", "Mastodon", "Bluesky", "WCAG", "Ctrl", "PostgreSQL", "Markdown")
WORD = re.compile(r"[^\W\d_]+")
# Written the same in every language: web addresses, handles, file paths, {fields}, ids.
# Commands and their options too, in either language's text ("safedesk people add", "--as").
NOT_WORDS = re.compile(r"(?:https?://|file://)\S+|@[\w.-]+(?:@[\w.-]+)?|(?<!\w)/[\w./-]+"
                       r"|\{[a-z_]+\}|\b\w*[_\d]\w*\b|safedesk(?: [a-z][\w-]*)+|--[\w-]+"
                       r"|`[^`]*`")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def welsh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """SafeDesk in Welsh; English again afterwards (Qt's translator and default locale belong
    to the whole test process)."""
    monkeypatch.setenv(LANG_VARIABLE, "cy")
    before = QLocale()
    yield
    WindowLanguage().install(ENGLISH)
    QLocale.setDefault(before)


def words_of(text: str) -> set[str]:
    """The words of ``text``, lower case; ``&`` shortcut marks, fields and entities aside."""
    without = NOT_WORDS.sub(" ", html.unescape(text).replace("&", ""))
    return {word.lower() for word in WORD.findall(without)}


def _catalog_texts() -> Iterator[tuple[str, str]]:
    """(English, Welsh) for every text of both catalogs, each plural form paired with each."""
    for message in ET.parse(I18N / "cy.ts").getroot().iter("message"):  # noqa: S314 - ours
        yield message.findtext("source") or "", message.findtext("translation") or ""
    with (I18N / "cy.po").open("rb") as file:
        for entry in read_po(file, locale="cy"):
            sources = [entry.id] if isinstance(entry.id, str) else list(entry.id)
            forms = [entry.string] if isinstance(entry.string, str) else list(entry.string)
            for source in sources:
                yield from ((source, form or "") for form in forms)


@cache
def english_only_words() -> frozenset[str]:
    """Words of SafeDesk's English that its Welsh never uses."""
    english: set[str] = set()
    welsh: set[str] = set()
    for source, translation in _catalog_texts():
        english |= words_of(source)
        welsh |= words_of(translation)
    return frozenset(english - welsh)


def english_in(text: str, names: Iterable[str] = (), hide: re.Pattern[str] | None = None,
               ) -> set[str]:
    """The English words in ``text``, once ``names``, what ``hide`` matches (names known by
    their form), :data:`PROPER_NAMES` and any markup are taken out."""
    for name in sorted({*names, *PROPER_NAMES}, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    if hide is not None:
        text = hide.sub(" ", text)
    return words_of(TAG.sub(" ", text)) & english_only_words()


def plain(text: str) -> str:
    """Rich text as the words a person reads."""
    if "<" not in text:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A model's columns (a list model keeps its count private: one)."""
    try:
        return max(model.columnCount(parent), 1)
    except TypeError:
        return 1


def _tree(model: QAbstractItemModel) -> bool:
    """Whether rows may hold rows (a list or a table model keeps that private: they do not)."""
    return not isinstance(model, QAbstractListModel | QAbstractTableModel)


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    """Every cell, tooltip and header of an item view (a list, a table or a tree), nested rows
    included."""
    model = view.model()
    if model is None:
        return
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.AccessibleTextRole)
    top = QModelIndex()
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model, top) if orientation is Qt.Orientation.Horizontal \
            else model.rowCount(top)
        for section in range(count):
            header = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                yield header
    parents = [view.rootIndex()]
    while parents:
        parent = parents.pop()
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
                if column == 0 and _tree(model) and model.rowCount(index):
                    parents.append(index)


def action_texts(action: QAction) -> Iterator[str]:
    """What an action says, and every action of its menu, submenus included."""
    yield from (action.text(), action.toolTip(), action.statusTip(), action.whatsThis())
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield menu.title()
        for inner in menu.actions():
            yield from action_texts(inner)


def shown_texts(widget: QWidget) -> Iterator[str]:
    """Every text ``widget`` itself shows or says (not its children's)."""
    yield from (widget.toolTip(), widget.statusTip(), widget.whatsThis(),
                widget.accessibleName(), widget.accessibleDescription(),
                widget.windowTitle() if widget.isWindow() else "")
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield plain(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield widget.placeholderText()
    if isinstance(widget, QTextBrowser):
        yield widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield from (widget.tabText(i), widget.tabToolTip(i))
    if isinstance(widget, QAbstractItemView):
        yield from _item_texts(widget)
    if isinstance(widget, QMainWindow):
        for action in widget.menuBar().actions():
            yield from action_texts(action)
    for action in widget.actions():  # a widget's own actions: context menus, shortcuts
        yield from action_texts(action)


def made_by(widget: QObject | None) -> str | None:
    """The SafeDesk module whose widget holds ``widget`` (itself or its nearest ancestor)."""
    while widget is not None:
        for kind in type(widget).__mro__:
            if kind.__module__.startswith("safedesk.gui."):
                return kind.__module__.rsplit(".", 1)[1]
        widget = widget.parent()
    return None


def english_left(top: QWidget, names: Iterable[str] = (), *, owners: set[str] | None = None,
                 leave: Iterable[QWidget] = (), hide: re.Pattern[str] | None = None,
                 ) -> list[str]:
    """What the widgets under ``top`` (itself included) still say in English, one line each:
    the module that made the widget, its kind, the text and its English words. ``owners``:
    only widgets the named ``safedesk/gui`` modules made; ``leave``: widgets another test reads;
    ``names`` and ``hide``: as :func:`english_in`.
    """
    names = tuple(names)
    left = set(leave)
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        owner = made_by(widget)
        if widget in left or (owners is not None and owner not in owners):
            continue
        for text in shown_texts(widget):
            english = english_in(text, names, hide) if text else set()
            if english:
                found.append(f"{owner}: {type(widget).__name__} {text[:160]!r} "
                             f"{sorted(english)}")
    return found
