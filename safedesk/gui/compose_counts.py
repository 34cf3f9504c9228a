"""The compose box's counts line, which changes at every keystroke without laying out the form.

A word-wrapped ``QLabel`` asks its parent's layout to lay everything out again whenever its text
changes, even when it stays the same height: in a compose box that is the whole window's layout,
again at every keystroke. Here the label sits alone, in no layout, in a holder of fixed height,
so its new text tells only the holder, which places it by hand; the holder asks the form for a
layout only when the new text needs a different height (a line more or fewer). Measuring that
height lays the label's rich text out again, so it is done once the keystroke has been handled,
in the same pass of the event loop (and once for several changes made together).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from safedesk.core.messages import Message
from safedesk.core.models import Account, Content
from safedesk.core.target_check import check_for
from safedesk.gui.compose_words import length_words


@dataclass(frozen=True, slots=True)
class AccountFit:
    """What the counts say of a post on one account: its lines (rich text), whether it cannot
    go there as it is, and whether that is its length."""

    lines: list[str]
    blocked: bool
    too_long: bool


def account_lines(account: Account, content: Content, alarm: str,
                  say: Callable[[Message], str]) -> AccountFit:
    """How much room ``content`` leaves on ``account`` (or how much to cut), and any note; a
    note (a warning or an animation Bluesky cannot carry) blocks sending until the person
    chooses. ``alarm``: the CSS a problem is drawn with."""
    result = check_for(account, content.text, content.content_warning, content.cw_on_bluesky,
                       content.media)
    blocked = not result.length.ok or bool(result.notes)
    style = alarm if blocked else ""
    words = html.escape(say(length_words(result.length)))
    lines = [f'<span style="{style}">{html.escape(account.address)}: {words}</span>']
    lines += [f'<span style="{alarm}">{html.escape(say(note))}</span>' for note in result.notes]
    return AccountFit(lines, blocked, not result.length.ok)


class CountsHolder(QWidget):
    """Holds ``label`` (word-wrapped, rich text) at the holder's width and the height its text
    needs there; ``set_text`` is the way to change the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_soon = QTimer(self)
        self._fit_soon.setSingleShot(True)
        self._fit_soon.setInterval(0)
        self._fit_soon.timeout.connect(self._fit)
        self._fit()

    def set_text(self, text: str) -> None:
        if text != self.label.text():  # unchanged, it needs no new text layout nor repaint
            self.label.setText(text)
            self._fit_soon.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._fit_soon.stop()
        width = max(self.width(), 1)
        height = self.label.heightForWidth(width)
        if height < 0:  # no text to wrap
            height = self.label.sizeHint().height()
        self.label.resize(width, height)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)  # a line more or fewer: now the form makes room
