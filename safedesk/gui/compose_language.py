"""The compose box's language, read from what the person writes.

A new draft's language follows its text, once typing pauses, while the person has not picked
one: Welsh words tag it Welsh, English words English, and words too few or too mixed to tell
leave it at the desk's default (``core.post_language``). The moment the person picks a language
themselves it is theirs, and the box stops following; so it does when other code sets one (a
pair's editor, say), since that too is a decision; a stored draft keeps the language it was
saved with. Only the desk's default, set on a blank new draft, leaves it following.

The reading library loads on a worker the first time the window needs it (``WindowReader``),
never on the GUI thread and never at start-up: until it has, nothing is read and the desk's
default stands. A reading then takes about a millisecond, done once per pause, not per
keystroke.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from safedesk.core.messages import Message
from safedesk.core.post_language import LanguageReader, Reading, language_for

if TYPE_CHECKING:
    from safedesk.gui.compose import ComposeBox

# Pause in typing before the language is read again: the checks' own (150 ms). A language set
# then starts the autosave's wait (600 ms) again, so a longer pause would keep what was typed
# unsaved for longer.
FOLLOW_DELAY_MS = 150

log = logging.getLogger(__name__)

Background = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]],
                      None]


class WindowReader(QObject):
    """The app's language reader as the window uses it on the GUI thread: it reads only once
    the library and its models are loaded, which the first reading asks a worker to do;
    ``ready`` is emitted when they are. The last reading is kept: the follower and the checks
    read the same text once each pause."""

    ready = Signal()
    # Said once, when loading finds the reader can read nothing (``problem``), in words for a
    # notice in the window's language.
    broken = Signal(str)

    def __init__(self, reader: LanguageReader, in_background: Background,
                 say: Callable[[Message], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._in_background = in_background
        self._say = say
        self._loaded = False
        self._loading = False
        self._last: tuple[str, Reading | None] | None = None

    @property
    def known(self) -> frozenset[str]:
        return self._reader.known

    @property
    def problem(self) -> Message | None:
        return self._reader.problem

    def read(self, text: str) -> Reading | None:
        if not self._loaded:
            self._load()  # done at once where work runs on this thread (tests)
            if not self._loaded:
                return None
        if self._last is None or self._last[0] != text:
            self._last = (text, self._reader.read(text))
        return self._last[1]

    def _load(self) -> None:
        if self._loading:
            return
        self._loading = True
        reader = self._reader

        def load() -> None:
            reader.read("Bore da")  # imports the library and loads its models

        def failed(error: BaseException) -> None:
            # Posts keep the language the person or the desk's default gives them.
            log.warning("the language of posts cannot be read: %s", error)

        self._in_background(load, self._done, failed)

    def _done(self, _result: object) -> None:
        self._loaded = True
        problem = self._reader.problem
        if problem is not None:
            self.broken.emit(self._say(problem))
        # Said once the reading under way (if any) has finished: never from inside it.
        QTimer.singleShot(0, self.ready.emit)


class LanguageFollower(QObject):
    """Sets ``box.language`` from ``box.text`` while the person has not picked a language."""

    def __init__(self, box: ComposeBox) -> None:
        super().__init__(box)
        self._box = box
        self.following = True
        self._setting = False  # the follower itself is changing the language
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FOLLOW_DELAY_MS)
        self._timer.timeout.connect(self.follow)
        box.text.textChanged.connect(self._typed)
        box.language.currentIndexChanged.connect(self._language_changed)
        box.session.languages.ready.connect(self.follow)

    def reset(self, *, following: bool) -> None:
        """Another draft is shown: a new one follows its text, a stored one keeps its language."""
        self._timer.stop()
        self.following = following

    def _typed(self) -> None:
        if self.following:
            self._timer.start()

    def _language_changed(self) -> None:
        box = self._box
        if self._setting:
            return
        if box.draft is None and box.is_empty() and \
                box.language.currentData() == box.default_language:
            return  # the desk's default on a blank draft: still to be followed
        self.following = False
        self._timer.stop()

    def follow(self) -> None:
        """Set the language the text reads as (or the desk's default), if still following."""
        self._timer.stop()
        box = self._box
        if not self.following:
            return
        code = language_for(box.text.toPlainText(), box.session.languages,
                            box.default_language)
        index = box.language.findData(code)
        if index >= 0 and index != box.language.currentIndex():
            self._setting = True
            try:
                box.language.setCurrentIndex(index)  # saved with the draft, as any change is
            finally:
                self._setting = False
