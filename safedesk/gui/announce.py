"""Saying outcomes aloud: live announcements a screen reader (Orca, NVDA) speaks without focus
moving to them.

Words that appear in a label ("Submitted for approval", "Too long for Bluesky") are silent for a
person who cannot see them; Qt's ``QAccessibleAnnouncementEvent`` hands them to the platform's
accessibility bridge as a live announcement. Errors interrupt (assertive); news waits for the
screen reader to finish what it is saying (polite). ``said`` tells the rest of the desk (and
tests) what was announced.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment


def plain_words(rich_text: str) -> str:
    """What a rich-text label says, without its markup."""
    return " ".join(QTextDocumentFragment.fromHtml(rich_text).toPlainText().split())


class Announcer(QObject):
    said = Signal(str, bool)  # the words, and whether they interrupted (an error)

    def say(self, source: QObject, words: str, *, urgent: bool = False) -> None:
        words = " ".join(words.split())
        if not words:
            return
        event = QAccessibleAnnouncementEvent(source, words)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                            else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
        self.said.emit(words, urgent)
