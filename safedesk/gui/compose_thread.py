"""A compose box's thread: the way out when a post is too long, and the parts after the first.

"Split into a thread" appears beside the counts when the post does not fit a chosen account. It
cuts the text into numbered parts that each fit every chosen account (``core.threads``): the
first part stays in the text box, the others appear below it, each in its own box the person
can still edit. "Join into one post" puts them back together. The parts are fixed text: what is
saved, approved and published is exactly what these boxes hold.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.models import Account, Content, Pane, Platform
from safedesk.core.target_check import check_for
from safedesk.core.threads import (
    MAX_PARTS,
    ThreadTooLongError,
    fits_every,
    part_label,
    split_text,
)
from safedesk.core.visible_text import visible

PART_HEIGHT = 72
# Added to the counts line while the post is too long and not yet a thread: the way out.
# (In English: shown through translate("ThreadEditor", SPLIT_OFFER).)
SPLIT_OFFER = str(QT_TRANSLATE_NOOP(
    "ThreadEditor", "Too long to post whole? “Split into a thread” sends it as numbered parts "
    "that each fit every chosen account."))


class ThreadEditor(QWidget):
    """The parts of a thread after the first, and the Split and Join buttons."""

    changed = Signal()

    def __init__(self, pane: Pane, accounts: Callable[[], list[Account]],
                 content: Callable[[], Content], set_first: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._accounts = accounts
        self._content = content
        self._set_first = set_first
        self._boxes: list[QPlainTextEdit] = []
        official = pane is Pane.OFFICIAL  # each pane's own words: "Official"/"Personal" mutate
        self.split_button = QPushButton(self.tr("Split into a thread"), self)
        self.split_button.setAccessibleName(self.tr("Official split into a thread") if official
                                            else self.tr("Personal split into a thread"))
        self.split_button.setToolTip(self.tr("Cuts the post into numbered parts that each fit "
                                             "every chosen account, published as replies in "
                                             "order."))
        self.join_button = QPushButton(self.tr("Join into one post"), self)
        self.join_button.setAccessibleName(
            self.tr("Official join the thread into one post") if official
            else self.tr("Personal join the thread into one post"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Official thread") if official
                                      else self.tr("Personal thread"))
        self._parts = QVBoxLayout()
        self._parts.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.join_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._parts)
        column.addLayout(buttons)
        self.split_button.clicked.connect(self.split)
        self.join_button.clicked.connect(self.join)
        self._offered = False
        self._show_state()

    # -- what the box holds ---------------------------------------------------------------

    def parts(self) -> tuple[str, ...]:
        """The parts after the first, as typed."""
        return tuple(box.toPlainText() for box in self._boxes)

    @property
    def boxes(self) -> list[QPlainTextEdit]:
        return list(self._boxes)

    def load(self, parts: tuple[str, ...]) -> None:
        """Show these parts (none: a single post), without saying anything changed."""
        self._boxes.clear()
        while self._parts.count():
            item = self._parts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for number, text in enumerate(parts, start=2):
            box = QPlainTextEdit(self)
            box.setPlainText(text)
            box.setAccessibleName((self.tr("Official thread part {number}")
                                   if self._pane is Pane.OFFICIAL
                                   else self.tr("Personal thread part {number}"))
                                  .format(number=number))
            box.setTabChangesFocus(True)
            box.setAcceptDrops(False)  # as the main box: no text dragged across panes
            box.setMaximumHeight(PART_HEIGHT)
            box.textChanged.connect(self.changed)
            self._parts.addWidget(QLabel(self.tr("Part {number}").format(number=number), self))
            self._parts.addWidget(box)
            self._boxes.append(box)
        self._show_state()

    def offer_split(self, *, too_long: bool) -> None:
        """Show the way out while the post is too long for a chosen account."""
        self._offered = too_long
        self._show_state()

    def _show_state(self) -> None:
        threaded = bool(self._boxes)
        self.split_button.setVisible(self._offered and not threaded)
        self.join_button.setVisible(threaded)
        if threaded:
            # Always two parts or more: the English plural reads right, and Welsh says
            # "rhan" after any number.
            words = self.tr("A thread of {count} parts: the first is the text above. The "
                            "warning and images go on the first part; each part is a reply to "
                            "the one before.").format(count=len(self._boxes) + 1)
        else:  # the offer itself is said in the counts line (SPLIT_OFFER)
            words = ""
        self.status.setText(words)
        self.status.setVisible(bool(words))
        self.setVisible(threaded or self._offered)

    # -- actions ----------------------------------------------------------------------------

    def split(self) -> None:
        """Cut the whole text (the parts already there included) into parts that fit every
        chosen account."""
        content = self._content()
        accounts = self._accounts()
        try:
            parts = split_text(_joined(content), fits_every(accounts, content))
        except ThreadTooLongError:  # core's words, said whole here in the window's language
            self._say_problem(self.tr("This text would need more than {count} parts. Shorten it "
                                      "first.").format(count=MAX_PARTS))
            return
        except ValueError:
            self._say_problem(self.tr("The content warning alone is too long for a part: "
                                      "shorten it."))
            return
        if len(parts) < 2:
            return
        self._set_first(parts[0])
        self.load(parts[1:])
        self.changed.emit()

    def _say_problem(self, words: str) -> None:
        self.status.setText(words)
        self.status.setVisible(True)

    def join(self) -> None:
        """Put the parts back together as one post (too long again, as it was)."""
        whole = _joined(self._content())
        self.load(())
        self._set_first(whole)
        self.changed.emit()


def _joined(content: Content) -> str:
    """The whole text of a thread, each part without the number a split gave it (only that
    number: "open 24/7" at the end of a part stays), the parts as paragraphs."""
    parts = (content.text, *content.thread)
    if len(parts) == 1:
        return content.text
    total = len(parts)
    return "\n\n".join(part.strip().removesuffix(f" {part_label(i, total)}").strip()
                       for i, part in enumerate(parts))


def thread_count_lines(account: Account, content: Content, alarm: str,
                       words_of: Words = ENGLISH) -> tuple[list[str], bool]:
    """The counts line of each later part on ``account`` (HTML), and whether any is too long."""
    lines: list[str] = []
    over = False
    for number, part in enumerate(content.thread, start=2):
        length = check_for(account, part).length
        blocked = not length.ok or not part.strip()
        over = over or blocked
        words = say(length.message(), words_of) if part.strip() else QCoreApplication.translate(
            "ThreadEditor", "Empty: write it, or join the thread.")
        style = alarm if blocked else ""
        lines.append(f'<span style="{style}">' + QCoreApplication.translate(
            "ThreadEditor", "{account}, part {number}: {count}").format(
                account=html.escape(account.address), number=number, count=html.escape(words))
            + "</span>")
    return lines, over


def thread_preview(account: Account, content: Content) -> str:
    """The later parts as they appear on ``account``, each a reply to the one before."""
    where = QCoreApplication.translate("ThreadEditor", "↳ reply, part {number}:") \
        if account.platform is Platform.MASTODON \
        else QCoreApplication.translate("ThreadEditor", "↳ reply in the thread, part {number}:")
    return "".join(f"<br><i>{where.format(number=number)}</i><br>"
                   + html.escape(visible(part)).replace("\n", "<br>")
                   for number, part in enumerate(content.thread, start=2))
