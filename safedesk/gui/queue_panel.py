"""The approver's queue: what waits for a second person, and the decision on one post.

The list is urgent first, then the longest waiting (``QueueService.pending``). Posts this person
may not decide on (they wrote or edited them) stay listed, marked, with the core's reason, so an
admin still sees the whole queue without being offered a button the rules would refuse.

What an approver approves is what they SAW: selecting a post takes a snapshot
(``QueueService.show``) and the approval carries that snapshot's digest. The page is never
refreshed under the approver's eyes; if the stored post changes, a note says so and the core
refuses the old digest ("changed after you opened it") until they look at the new version.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.digest import content_digest
from safedesk.core.errors import AuthenticationError, NotAllowedError, SafeDeskError
from safedesk.core.lifecycle import describe_state
from safedesk.core.messages import ENGLISH, Words, msg, msgn, say
from safedesk.core.models import Account, Draft, DraftState, Pane
from safedesk.core.policy import Severity
from safedesk.core.rules import check_can_approve
from safedesk.core.visible_text import content_texts, hidden_note
from safedesk.gui.announce import plain_words
from safedesk.gui.decide_dialog import DecideDialog, Verdict
from safedesk.gui.pair_text import pair_html
from safedesk.gui.queue_text import (
    accounts_words,
    item_html,
    local_time,
    preview_html,
    publication_lines,
    summary,
)
from safedesk.gui.reads import ViewReader
from safedesk.gui.row_list import RowList
from safedesk.gui.session import DeskSession
from safedesk.gui.shared_pictures import (
    PicturesShown,
    ShownPicture,
    add_to_document,
    all_pictures,
    images_of,
)
from safedesk.gui.shared_post_view import shared_post_html
from safedesk.gui.theme import error_colour, mark_error, refresh_error_colours
from safedesk.services.changes import Changes
from safedesk.services.publishing import PublishReport
from safedesk.services.queue import Decision, QueueItem
from safedesk.services.share_pictures import SharedPicture, fetch_pictures

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


def nothing_chosen() -> str:
    return translate("QueuePanel", "Choose a post above to see exactly what would be published.")


def needs_override_mark() -> str:
    """Words, not a colour: the same mark as ``safedesk queue list``."""
    return translate("QueuePanel", "needs an override")


@dataclass(frozen=True, slots=True)
class QueueRead:
    """One reading of the queue, made off the GUI thread."""

    waiting: list[Draft]
    mine: set[str]  # what this person could decide on
    names: dict[str, str]
    labels: list[str]  # one line per waiting post, in the same order
    # The post on screen when the read began, and its state when no longer waiting (None: gone).
    shown_id: str | None = None
    shown_state: DraftState | None = None
    # What an approver can pass only with a written override (a watched term in an election
    # period), marked in words in its line.
    to_override: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class ItemRead:
    """The snapshot of one post, and whether (or why not) this person may decide on it."""

    item: QueueItem
    names: dict[str, str]
    can_decide: bool
    why: str


def unexpected(error: BaseException, words: Words = ENGLISH) -> str:
    """A message for an error SafeDesk did not raise on purpose: its type, never its text (which
    could carry anything, a token included). SafeDesk's own errors say their message in the
    language of ``words``."""
    if isinstance(error, SafeDeskError):
        return error.text(words)
    return msg("SafeDesk could not finish this ({kind}). Nothing was approved or published "
               "twice; check the queue and the history.",
               kind=type(error).__name__).render(words)


def queue_labels(waiting: list[Draft], mine: set[str], names: dict[str, str],
                 to_override: set[str] | None = None) -> list[str]:
    """The queue's lines, made with the read (off the GUI thread: a thousand waiting posts'
    dates and first lines cost more than a frame). ``to_override``: the posts an approver can
    pass only with a written override (``QueueService.needing_override``)."""
    labels = []
    for draft in waiting:
        # translate() is thread-safe: the read runs off the GUI thread.
        marks = [translate("QueuePanel", "URGENT")] if draft.urgent else []
        if to_override and draft.id in to_override:
            marks.append(needs_override_mark())
        if draft.id not in mine:
            marks.append(translate("QueuePanel", "not yours to decide"))
        labels.append(" · ".join([*marks, local_time(draft.submitted_at),
                                  names.get(draft.author_id, "?"), summary(draft)]))
    return labels


class QueuePanel(QWidget):
    count_changed = Signal(int)  # how many posts this person could approve now

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.count = 0
        self.shown: QueueItem | None = None  # the snapshot on screen; its digest is approved
        self.can_decide = False
        self.dialog: DecideDialog | None = None
        self._retry_id: str | None = None
        self._busy = False
        self._names_seen: dict[str, str] = {}
        self._pictures: PicturesShown = {}  # the shown share's pictures, once they arrived
        self._list_reader: ViewReader[QueueRead] = ViewReader(session, self._show_queue,
                                                              self._read_failed)
        self._item_reader: ViewReader[ItemRead] = ViewReader(session, self._show_snapshot,
                                                             self._snapshot_failed)

        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName(self.tr("Queue summary"))
        self.summary_label.setWordWrap(True)
        self.list = RowList(self)
        self.list.setAccessibleName(self.tr("Official posts waiting for approval"))
        # One line each: Qt then sizes a thousand waiting posts from the first, not one by one.
        self.list.setUniformItemSizes(True)
        self.list.setMaximumHeight(150)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("The post to decide on: previews, accounts and history"))
        self.detail.setOpenExternalLinks(True)
        self.changed_note = QLabel(self)
        self.changed_note.setWordWrap(True)
        mark_error(self.changed_note)
        self.reload_button = QPushButton(self.tr("Show the new version"), self)
        self.reason = QLabel(self)
        self.reason.setAccessibleName(self.tr("Why you cannot decide on this post"))
        self.reason.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setOpenExternalLinks(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.approve_button = QPushButton(self.tr("&Approve…"), self)
        self.reject_button = QPushButton(self.tr("&Reject…"), self)
        self.changes_button = QPushButton(self.tr("Request &changes…"), self)
        self.retry_button = QPushButton(self.tr("Retry failed accounts"), self)
        self._build_layout()
        self.list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.reload_button.clicked.connect(self._show_latest)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject)
        self.changes_button.clicked.connect(self.request_changes)
        self.retry_button.clicked.connect(self.retry)
        session.queue_changed.connect(self.refresh)
        self._show_nothing()
        self.refresh()

    def _build_layout(self) -> None:
        changed = QHBoxLayout()
        changed.addWidget(self.changed_note, 1)
        changed.addWidget(self.reload_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        for button in (self.changes_button, self.reject_button, self.approve_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.summary_label)
        column.addWidget(self.list)
        column.addWidget(self.detail, 1)
        column.addLayout(changed)
        column.addWidget(self.reason)
        column.addWidget(self.outcome)
        column.addLayout(buttons)

    def say(self, text: str, *, error: bool = False, rich: bool = False) -> None:
        """The inline outcome line: plain words (escaped here) unless ``rich`` HTML is given."""
        mark_error(self.outcome, error=error)
        self.outcome.setText(text if rich else html.escape(text))
        self.session.announce(self.outcome, plain_words(text) if rich else text, urgent=error)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A light/dark switch: error text takes the red that reads on the new background.
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
            if self.shown is not None:
                self._show_page()
        super().changeEvent(event)

    # -- the list ---------------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        """A read of the list is on its way (``count`` is the previous one's)."""
        return self._list_reader.pending

    def refresh(self) -> None:
        """Read the queue again, off the GUI thread. The post on screen is kept as it was seen
        (see the module doc)."""
        app, person = self.session.app, self.session.person
        shown_id = self.shown.draft.id if self.shown is not None else None

        def read() -> QueueRead:
            waiting = app.queue.pending()
            mine = {d.id for d in app.queue.pending_for(person, waiting)}
            state = None
            if shown_id is not None and all(d.id != shown_id for d in waiting):
                try:
                    state = app.drafts.get(shown_id).state
                except SafeDeskError:
                    state = None
            names = {p.id: p.name for p in app.people.list()}
            # The policy settings are read once for the whole list, as the CLI does.
            to_override = app.queue.needing_override(waiting)
            return QueueRead(waiting, mine, names,
                             queue_labels(waiting, mine, names, to_override), shown_id, state,
                             to_override=to_override)

        self._list_reader.read(read)

    def _read_failed(self, error: BaseException) -> None:
        self.summary_label.setText(self.tr("The queue could not be read: {error}").format(
            error=unexpected(error, self.session.words)))

    def _show_queue(self, read: QueueRead) -> None:
        waiting, mine, names = read.waiting, read.mine, read.names
        self._names_seen = names
        self.list.show_rows([(draft.id, label)
                             for draft, label in zip(waiting, read.labels, strict=True)])
        others = len(waiting) - len(mine)
        count = len(mine)
        words = self.session.say(msgn("{count} post waits for your approval.",
                                      "{count} posts wait for your approval.", count))
        if others:
            words += " " + self.session.say(msgn(
                "{count} more waits for someone else (you wrote or edited it).",
                "{count} more wait for someone else (you wrote or edited them).", others))
        self.summary_label.setText(words)
        self._check_shown({d.id: d for d in waiting}, read)
        self.count = len(mine)
        self.count_changed.emit(self.count)

    def _selected_id(self) -> str | None:
        return self.list.chosen_id()

    def select(self, draft_id: str) -> None:
        row = self.list.row_of(draft_id)
        if row >= 0:
            self.list.setCurrentRow(row)

    def _selection_changed(self) -> None:
        draft_id = self._selected_id()
        if draft_id is not None and (self.shown is None or self.shown.draft.id != draft_id):
            self.show_item(draft_id)

    # -- the post on screen -----------------------------------------------------------------

    def _show_nothing(self) -> None:
        self.shown = None
        self.detail.setHtml(f"<p>{html.escape(nothing_chosen())}</p>")
        self.changed_note.setVisible(False)
        self.reload_button.setVisible(False)
        self.reason.setVisible(False)
        self._enable_decisions(enabled=False)

    def show_item(self, draft_id: str) -> None:
        """Take the snapshot the approver will decide on (read off the GUI thread; until it
        arrives nothing can be decided, so no decision is ever made on the post shown before)."""
        app, person, words = self.session.app, self.session.person, self.session.words

        def read() -> ItemRead:
            item = app.queue.show(draft_id)
            can_decide = app.queue.may_decide(person, item.draft)
            why = ""
            if not can_decide:
                try:
                    check_can_approve(item.draft, person, app.people.standing(person))
                except NotAllowedError as error:  # the core's own words for why not
                    why = error.text(words)
                else:
                    why = translate("QueuePanel", "This post is {state}.").format(
                        state=say(describe_state(item.draft.state), words))
            return ItemRead(item, {p.id: p.name for p in app.people.list()}, can_decide, why)

        self.can_decide = False
        self._enable_decisions(enabled=False)
        self._item_reader.read(read)

    def _snapshot_failed(self, error: BaseException) -> None:
        self._show_nothing()
        self.say(unexpected(error, self.session.words), error=True)

    def _show_snapshot(self, read: ItemRead) -> None:
        item = read.item
        self.shown = item
        self._names_seen = read.names
        if self._pictures:
            # The pictures of the post shown before are let go, not kept until the window closes.
            self.detail.document().clear()
        self._pictures = {}
        self._fetch_pictures(item)
        self._show_page()
        self.changed_note.setVisible(False)
        self.reload_button.setVisible(False)
        self.can_decide = read.can_decide
        self.reason.setText(read.why)
        self.reason.setVisible(bool(read.why))
        self._enable_decisions(enabled=self.can_decide)

    def _show_page(self) -> None:
        if self.shown is not None:
            self.detail.setHtml(item_html(self.shown, self._names_seen, error_colour(self),
                                          self.session.words, self._pictures))

    def _fetch_pictures(self, item: QueueItem) -> None:
        """A shared post's pictures, read off the GUI thread and added to the page when they
        arrive: the approver sees what the share would spread, not only its alt texts."""
        share = item.draft.content.share
        if share is None or not share.post.media:
            return
        post = share.post
        self._pictures = all_pictures(len(post.media), ShownPicture(fetching=True))

        def arrived(pictures: list[SharedPicture]) -> None:
            if self.shown is item:  # still the snapshot on screen
                self._pictures = add_to_document(self.detail.document(), item.draft.id,
                                                 pictures, self.session.say)
                self._show_page()
                self._update_dialog(item)

        def failed(error: BaseException) -> None:
            # Each picture's own fault is said by fetch_pictures; this is the unforeseen rest,
            # said so that "fetching" does not stay on the page.
            log.warning("the shared post's pictures could not be fetched: %s", error)
            if self.shown is item:
                self._pictures = all_pictures(len(post.media), ShownPicture(problem=translate(
                    "QueuePanel", "the pictures could not be fetched; open the post's link to "
                    "see them")))
                self._show_page()
                self._update_dialog(item)

        self.session.in_background(lambda: fetch_pictures(post), arrived, failed)

    def _update_dialog(self, item: QueueItem) -> None:
        """An open decide dialog (it can only be about the post shown) shows the pictures that
        arrived after it opened, instead of saying they are still being fetched."""
        if self.dialog is not None:
            self.dialog.show_previews(self._previews(item),
                                      images_of(self.detail.document(), self._pictures))

    def _enable_decisions(self, *, enabled: bool) -> None:
        for button in (self.approve_button, self.reject_button, self.changes_button):
            button.setEnabled(enabled and not self._busy)
        self.retry_button.setVisible(self._retry_id is not None)
        self.retry_button.setEnabled(not self._busy)

    def _check_shown(self, waiting: dict[str, Draft], read: QueueRead) -> None:
        """Say so when the post on screen changed or left the queue since it was opened."""
        if self.shown is None:
            return
        draft_id = self.shown.draft.id
        now = waiting.get(draft_id)
        if now is None and read.shown_id != draft_id:
            return  # another post was opened during the read: the next read tells about it
        if now is None:
            state = read.shown_state
            where = self.session.say(describe_state(state)) if state else self.tr("gone")
            self.changed_note.setText(self.tr("This post is no longer waiting for approval: it "
                                              "is now {state}.").format(state=where))
            self.changed_note.setVisible(True)
            self.reload_button.setVisible(False)
            self.can_decide = False
            self._enable_decisions(enabled=False)
        elif content_digest(now.content) != self.shown.digest:
            self.changed_note.setText(self.tr("This post changed after you opened it. What you "
                                              "see here is no longer what would be published."))
            self.changed_note.setVisible(True)
            self.reload_button.setVisible(True)

    def _show_latest(self) -> None:
        if self.shown is not None:
            self.show_item(self.shown.draft.id)

    # -- deciding ---------------------------------------------------------------------------

    def approve(self) -> DecideDialog | None:
        return self._decide(Verdict.APPROVE)

    def reject(self) -> DecideDialog | None:
        return self._decide(Verdict.REJECT)

    def request_changes(self) -> DecideDialog | None:
        return self._decide(Verdict.REQUEST_CHANGES)

    def _decide(self, verdict: Verdict) -> DecideDialog | None:
        """Ask for the passphrase; the decision itself runs in the background."""
        item = self.shown
        if item is None or self._busy:
            return None
        if not self.can_decide:
            self.say(self.reason.text() or self.tr("You cannot decide on this post."), error=True)
            return None
        flag = self.session.app.people.standing(self.session.person).flag \
            if verdict is Verdict.APPROVE else ""
        team = self.session.app.team is not None
        what = self.tr("{post} by {author}").format(post=summary(item.draft),
                                                    author=item.author.name)
        dialog = DecideDialog(verdict, self.session.person.name, what, item.digest, self,
                              flag=flag, team=team,
                              accounts=accounts_words(item), previews=self._previews(item),
                              hidden=self.session.say(
                                  hidden_note(content_texts(item.draft.content))),
                              findings=item.findings, words=self.session.words,
                              pictures=images_of(self.detail.document(), self._pictures))
        dialog.decided.connect(lambda passphrase, comment, reason: self._run(
            dialog, verdict, item, passphrase, comment, reason))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _previews(self, item: QueueItem) -> str:
        """What the decide dialog restates: the shared post whole (with its pictures as they
        stand), then how the post will look on each account."""
        return shared_post_html(item.draft.content, self._pictures) + "".join(
            preview_html(check, item.draft, error_colour(self), self.session.words)
            for check in item.checks) + pair_html(
            item.draft.content, item.accounts, error_colour(self), self.session.words)

    def _dialog_closed(self, dialog: DecideDialog) -> None:
        # A typed passphrase should not outlive the decision in a hidden widget.
        dialog.passphrase.clear()
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _run(self, dialog: DecideDialog, verdict: Verdict, item: QueueItem, passphrase: str,
             comment: str, override_reason: str = "") -> None:
        queue = self.session.app.queue
        person = self.session.person
        draft_id = item.draft.id
        # The digest is the one captured when the post was SHOWN, never re-read here.
        seen = item.digest
        # And the blocks it showed as needing an override: a block added since is not covered.
        shown_blocks = tuple(f.override_key for f in item.findings
                             if f.overridable and f.severity is Severity.BLOCK)
        if verdict is Verdict.APPROVE:
            def work() -> Any:
                return queue.approve(draft_id, person, passphrase, seen, comment,
                                     override_reason, shown_blocks)
        elif verdict is Verdict.REJECT:
            def work() -> Any:
                return queue.reject(draft_id, person, passphrase, comment)
        else:
            def work() -> Any:
                return queue.request_changes(draft_id, person, passphrase, comment)
        publishes = verdict is Verdict.APPROVE and queue.publishes_on_approval
        self._set_busy(busy=True, text=self.tr("Approving and publishing…") if publishes
                       else self.tr("Approving…") if verdict is Verdict.APPROVE
                       else self.tr("Saving your decision…"))
        self.session.in_background(work, lambda result: self._decided(dialog, verdict, result),
                                   lambda error: self._refused(dialog, error))

    def _set_busy(self, *, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.list.setEnabled(not busy)
        if text:
            self.say(text)
        self._enable_decisions(enabled=self.can_decide)

    def _refused(self, dialog: DecideDialog, error: BaseException) -> None:
        self._set_busy(busy=False)
        if isinstance(error, AuthenticationError):
            # A mistyped passphrase: try again in the dialog, nothing else changes.
            self.say("")
            dialog.show_error(error.text(self.session.words))
            return
        dialog.accept()
        self.say(self.tr("Not done: {error}").format(error=unexpected(error, self.session.words)),
                 error=True)
        self._announce()

    def _decided(self, dialog: DecideDialog, verdict: Verdict, result: object) -> None:
        self._set_busy(busy=False)
        dialog.accept()
        author = self.shown.author.name if self.shown else self.tr("The author")
        self._retry_id = None
        if isinstance(result, Decision):
            lines = [html.escape(self.session.say(result.note))]
            if result.report is not None:
                lines += publication_lines(result.report.publications, self._accounts(),
                                           error_colour(self))
                if not result.report.complete:
                    self._retry_id = result.draft.id
        elif verdict is Verdict.REJECT:
            lines = [html.escape(self.tr("Rejected. {author} will see your reason.").format(
                author=author))]
        else:
            lines = [html.escape(self.tr("Sent back to {author} for changes, with your "
                                         "comment.").format(author=author))]
        self._show_nothing()
        self.say("<br>".join(lines), rich=True)
        published = isinstance(result, Decision) and result.report is not None
        self._announce(Changes.of_publishing(Pane.OFFICIAL) if published or
                       not isinstance(result, Decision | Draft)
                       else Changes.of_draft(result.draft if isinstance(result, Decision)
                                             else result, DraftState.SUBMITTED))
        self.list.setFocus()  # keyboard users go straight on to the next post

    def _accounts(self) -> dict[str, Account]:
        return {a.id: a for a in self.session.app.accounts.list()}

    def _announce(self, changes: Changes | None = None) -> None:
        """The views that show what changed read again; when it is not known what a failure
        left behind, everything a decision can touch."""
        self.session.report(changes or Changes.of_publishing(Pane.OFFICIAL))

    def retry(self) -> None:
        """Publish again where an approved post failed; the approval still holds."""
        draft_id = self._retry_id
        if draft_id is None or self._busy:
            return
        queue, person = self.session.app.queue, self.session.person
        self._set_busy(busy=True, text=self.tr("Sending again to the accounts that failed…"))
        self.session.in_background(lambda: queue.retry(draft_id, person), self._retried,
                                   self._retry_failed)

    def _retried(self, report: PublishReport) -> None:
        self._retry_id = None if report.complete else report.draft.id
        self._set_busy(busy=False)
        self.say("<br>".join(publication_lines(report.publications, self._accounts(),
                                               error_colour(self))), rich=True)
        self._announce()

    def _retry_failed(self, error: BaseException) -> None:
        self._set_busy(busy=False)
        self.say(self.tr("Not sent: {error}").format(error=unexpected(error, self.session.words)),
                 error=True)
        self._announce()
