"""Underlines under what the policy found, in the compose box's text and thread parts.

Each finding's span gets an underline whose style says its severity, so it never rests on colour
alone: a wave for a block, dots for a warning, dashes for a note; hovering over it shows the
severity and the message ("Blocked: “shit” is profanity…"). The marks are the editor's extra
selections, drawn over the text without touching its document or its formats, so the spell
check's underline (a ``QSyntaxHighlighter``) and undo are left as they were.

Findings index the text in Python characters; the editor counts UTF-16 units. (The text checked
is the editor's: Qt keeps no byte-order mark in it, the one character the servers would drop.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.policy import FieldKind, FieldRef, Finding, Severity

_STYLE = {
    Severity.BLOCK: (QTextCharFormat.UnderlineStyle.WaveUnderline, "#b00020"),
    Severity.WARN: (QTextCharFormat.UnderlineStyle.DotLine, "#a85a00"),
    Severity.INFO: (QTextCharFormat.UnderlineStyle.DashUnderline, "#1f5fbf"),
}
_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Mark:
    """One underline: where it is in the editor (UTF-16 positions) and what it says."""

    start: int
    end: int
    severity: Severity
    tip: str


def marks_for(typed: str, findings: Iterable[Finding], words: Words = ENGLISH) -> list[Mark]:
    """The marks for the findings of one field whose editor holds ``typed``, their tips in the
    language of ``words``."""
    # Each character outside the Basic Multilingual Plane is two UTF-16 units: counted by
    # position once, not per finding, so a long post with many findings stays cheap.
    wide = [m.start() for m in _OUTSIDE_BMP.finditer(typed)]

    def utf16(index: int) -> int:
        return index + bisect.bisect_left(wide, index)

    return [Mark(utf16(f.start), utf16(f.end), f.severity,
                 f"{say(f.severity.words, words)}: {say(f.message, words)}")
            for f in findings if f.start < f.end <= len(typed)]


class FindingMarks(QObject):
    """The marks in ``text`` (the post) and in the thread's parts (``parts`` gives their boxes,
    part 2 first)."""

    def __init__(self, text: QPlainTextEdit, parts: Callable[[], list[QPlainTextEdit]],
                 words: Words = ENGLISH) -> None:
        super().__init__(text)
        self._words = words
        self._text = text
        self._parts = parts
        self._marks: dict[QPlainTextEdit, list[Mark]] = {}
        self._editors: dict[QWidget, QPlainTextEdit] = {}  # by viewport, for the tooltips
        # What each editor draws. Its cursors move with the text as it is typed, so a keystroke
        # that only shifts the marks finds them where they belong and sets nothing: placing a
        # cursor lays out its whole paragraph, the dearest part of a keystroke in a long post.
        self._drawn: dict[QPlainTextEdit, list[QTextEdit.ExtraSelection]] = {}

    def show_findings(self, findings: Iterable[Finding]) -> None:
        by_field: dict[FieldRef, list[Finding]] = {}
        for finding in findings:
            by_field.setdefault(finding.field, []).append(finding)
        editors = [(FieldRef(FieldKind.TEXT), self._text)]
        editors += [(FieldRef(FieldKind.THREAD_PART, number), box)
                    for number, box in enumerate(self._parts(), start=2)]
        self._marks = {}
        self._editors = {}
        drawn, self._drawn = self._drawn, {}
        for field, editor in editors:
            marks = marks_for(editor.toPlainText(), by_field.get(field, ()), self._words)
            self._marks[editor] = marks
            self._editors[editor.viewport()] = editor
            editor.viewport().installEventFilter(self)  # once: Qt moves a filter installed again
            selections = drawn.get(editor)
            if selections is None or not _still_drawn(selections, marks):
                selections = [_selection(editor, mark) for mark in marks]
                editor.setExtraSelections(selections)
            self._drawn[editor] = selections

    def marks(self, editor: QPlainTextEdit) -> list[Mark]:
        return list(self._marks.get(editor, ()))

    def tip_at(self, editor: QPlainTextEdit, position: int) -> str:
        """What the marks at ``position`` (a cursor position in ``editor``) say, one a line."""
        return "\n".join(m.tip for m in self._marks.get(editor, ())
                         if m.start <= position <= m.end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() is QEvent.Type.ToolTip:
            editor = self._editors.get(cast(QWidget, watched))
            if editor is not None:
                help_event = cast(QHelpEvent, event)
                tip = self.tip_at(editor, editor.cursorForPosition(help_event.pos()).position())
                if tip:
                    QToolTip.showText(help_event.globalPos(), tip, editor.viewport())
                    return True
        return super().eventFilter(watched, event)


def _still_drawn(selections: list[QTextEdit.ExtraSelection], marks: list[Mark]) -> bool:
    """Whether ``selections`` already underline exactly ``marks``, each in its style."""
    return len(selections) == len(marks) and all(
        drawn.cursor.selectionStart() == mark.start and drawn.cursor.selectionEnd() == mark.end
        and drawn.format.underlineStyle() == _STYLE[mark.severity][0]
        for drawn, mark in zip(selections, marks, strict=True))


def _selection(editor: QPlainTextEdit, mark: Mark) -> QTextEdit.ExtraSelection:
    style, colour = _STYLE[mark.severity]
    cursor = QTextCursor(editor.document())
    cursor.setPosition(mark.start)
    cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = QTextCharFormat()
    selection.format.setUnderlineStyle(style)
    selection.format.setUnderlineColor(QColor(colour))
    return selection
