"""The compose box's saving: every change is written as a draft after a short pause in typing,
so closing or killing the app loses nothing, and at once when Send, Submit or closing need it.

The autosave is written by a worker (``background_save``), one at a time: a pause while one is
still being written asks for another once it ends. Saving now takes an autosave still under way
over first, so nothing typed is lost and no draft is written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Content, Draft
from safedesk.core.server_text import published_content
from safedesk.gui.background_save import PendingSave
from safedesk.services.changes import Changes

if TYPE_CHECKING:
    from safedesk.gui.compose import ComposeBox

AUTOSAVE_DELAY_MS = 600
# The box's own words, under its name: their translations were made for the compose box.
translate = QCoreApplication.translate


class DraftSaver(QObject):
    """Writes what ``box`` holds as a draft: a new one, or an edit of the one it shows."""

    def __init__(self, box: ComposeBox) -> None:
        super().__init__(box)
        self._box = box
        self.timer = QTimer(self)  # fires once typing has paused: the autosave
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self._save_in_background)
        self.pending: PendingSave | None = None
        self._again = False
        self._generation = 0  # rises when another draft is shown: late saves are not applied

    def changed(self) -> None:
        """The box changed: save once typing pauses (a pause already waited for starts again)."""
        self.timer.start()

    def another_draft(self) -> None:
        """The box is about to show another draft: nothing waits to be saved, and an autosave
        still being written no longer sets the box's draft when it ends."""
        self.timer.stop()
        self._generation += 1

    def save_now(self) -> Draft | None:
        """Write the box to the database now (a new draft, or an edit of the one shown), after
        any autosave still under way: what Send, Submit and closing need."""
        box = self._box
        self.timer.stop()
        pending, self.pending, self._again = self.pending, None, False
        if pending is not None and not pending.take_over():
            self._apply_save(pending)
        write = self._write_for(box.content())
        if write is None:
            return box.draft
        before = box.draft.state if box.draft is not None else None
        try:
            saved = write()
        except SafeDeskError as error:
            box.show_notice(self._not_saved(error.text(box.session.words)), error=True)
            return box.draft
        box.draft = saved
        box.session.report(Changes.of_draft(saved, before))
        return saved

    @staticmethod
    def _not_saved(why: str) -> str:
        return translate("ComposeBox", "Draft not saved: {reason}").format(reason=why)

    def _write_for(self, content: Content) -> Callable[[], Draft] | None:
        """What saving ``content`` takes; None when there is nothing to write (an empty new box,
        or one that still shows what was saved, compared as stored: no view reads again)."""
        box = self._box
        drafts, person, pane, draft = box.session.app.drafts, box.session.person, box.pane, \
            box.draft
        if draft is None:
            return None if box.is_empty() else (lambda: drafts.create(person, pane, content))
        if draft.content == published_content(content):
            return None
        return lambda: drafts.edit(draft.id, person, content)

    def _save_in_background(self) -> None:
        """The autosave, written by a worker (see ``background_save``), one at a time."""
        if self.pending is not None:
            self._again = True
            return
        box = self._box
        write = self._write_for(box.content())
        if write is None:
            return
        pending = PendingSave(write, self._generation,
                              box.draft.state if box.draft is not None else None)
        self.pending = pending
        box.session.in_background(pending.run, lambda _saved: self._saved(pending),
                                  lambda _error: self._saved(pending))

    def _saved(self, pending: PendingSave) -> None:
        if pending is not self.pending:
            return  # Send or Submit took it over and has applied it already
        self.pending = None
        self._apply_save(pending)
        if self._again:
            self._again = False
            self.timer.start()

    def _apply_save(self, pending: PendingSave) -> None:
        box = self._box
        if pending.error is not None:
            why = pending.error.text(box.session.words) \
                if isinstance(pending.error, SafeDeskError) else \
                translate("ComposeBox", "an unexpected error ({kind}); what you typed is kept"
                          ).format(kind=type(pending.error).__name__)
            box.show_notice(self._not_saved(why), error=True)
            return
        if pending.result is None:
            return
        if pending.generation == self._generation:  # still the draft the box shows
            box.draft = pending.result
        # An unsent draft changes only the unsent list; one sent back for changes, My
        # submissions too.
        box.session.report(Changes.of_draft(pending.result, pending.before))
