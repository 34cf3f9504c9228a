"""One side of the desk: its coloured band, then compose, history and accounts, all for this pane
only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.contrast import WHITE
from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Draft, DraftState, Pane
from safedesk.gui.banners import ApproverHint, NoticeBanner, TeamServerBanner, waiting_words
from safedesk.gui.compose import ComposeBox
from safedesk.gui.down_scroll import DownScrollArea
from safedesk.gui.focus_chain import focus_chain
from safedesk.gui.inactive import (
    ACTIVE_WORDS,
    INACTIVE_DESCRIPTION,
    INACTIVE_WORDS,
    InactiveWash,
)
from safedesk.gui.lazy_tabs import LazyPage, LazyTabs
from safedesk.gui.pane_keys import PaneKeyGuard
from safedesk.gui.pane_names import name_after_pane
from safedesk.gui.progress import PublishProgress
from safedesk.gui.queue_panel import QueuePanel, unexpected
from safedesk.gui.queue_text import local_time
from safedesk.gui.reads import ViewReader
from safedesk.gui.scheduled_panel import ScheduledPanel
from safedesk.gui.session import DeskSession
from safedesk.gui.share_box import ShareBox
from safedesk.gui.tasks import error_words
from safedesk.gui.theme import PaneStyle, pane_words
from safedesk.gui.unfinished import UnfinishedPanel
from safedesk.resources import resource_path
from safedesk.services.changes import Changes
from safedesk.team import SAVED_OFFLINE

if TYPE_CHECKING:
    from safedesk.gui.accounts_panel import AccountsPanel
    from safedesk.gui.history import HistoryView
    from safedesk.gui.submissions import SubmissionsPanel


translate = QCoreApplication.translate


# Where the pages built on first show live (imported then, or earlier on a worker: MainWindow).
LATER_PAGE_MODULES = ("safedesk.gui.history", "safedesk.gui.accounts_panel",
                      "safedesk.gui.submissions")


def holds_nothing(draft: Draft) -> bool:
    content = draft.content  # a boost has no words of its own, and holds the shared post
    return not (content.text.strip() or content.content_warning.strip() or content.media
                or content.share)


# An unsent draft and the words for it in the list ("not yet submitted: …" on a team desk).
Unsent = list[tuple[Draft, str]]


class PaneBand(QFrame):
    """The header: icon, pane name and what the pane means, on the pane's colour.

    The official band is also striped, so the panes differ even in greyscale. When the person
    picks another colour the band repaints at once (``apply_style``).
    """

    def __init__(self, style: PaneStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self.setObjectName(f"{style.pane.value}Band")
        self.setMinimumHeight(64)
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resource_path("icons", style.icon))).pixmap(QSize(36, 36)))
        icon.setAccessibleName(self.tr("Personal pane icon") if style.pane is Pane.PERSONAL
                               else self.tr("Official pane icon"))
        self.title_label = QLabel(pane_words(style.title), self)
        self.title_label.setObjectName(f"{style.pane.value}Title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(pane_words(style.subtitle), self)
        self.subtitle_label.setWordWrap(True)
        # Which pane keys act on, in words (the wash over the other pane is not the only cue).
        # Always there, so the pane below does not move when focus crosses over.
        # Beside the title, so it costs the short screens no height.
        self.state_label = QLabel(translate("Inactive", ACTIVE_WORDS), self)
        self.state_label.setObjectName(f"{style.pane.value}State")
        self.apply_style(style)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addStretch(1)
        title_row.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignBottom)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addLayout(title_row)
        words.addWidget(self.subtitle_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)

    def apply_style(self, style: PaneStyle) -> None:
        self._style = style
        text_colour = f"color: {style.band_text_colour};"
        for label in (self.title_label, self.subtitle_label):
            label.setStyleSheet(text_colour)
        self.state_label.setStyleSheet(f"{text_colour} font-weight: bold;")
        self.update()

    def band_colour(self) -> QColor:
        return QColor(self._style.band_colour)

    def stripe_colour(self) -> QColor:
        """Darker stripes under white text, lighter ones under near-black text: either way the
        stripes only add contrast to the words they cross, whatever colour the person picked."""
        band = self.band_colour()
        return band.darker(135) if self._style.band_text_colour == WHITE else band.lighter(135)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.band_colour())
        if self._style.striped:
            stripes = QBrush(self.stripe_colour(), Qt.BrushStyle.BDiagPattern)
            painter.fillRect(self.rect(), stripes)
        painter.end()
        super().paintEvent(event)


class PaneWidget(QFrame):
    """A pane: its band, then either a sentence saying it has no accounts yet, or its tabs."""

    copied = Signal(object)  # the new Draft made in the other pane
    add_account_requested = Signal(object)  # Pane
    reauth_requested = Signal(object)  # Account

    def __init__(self, style: PaneStyle, session: DeskSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_info = style
        self.session = session
        self.pane = style.pane
        self.setObjectName(f"{style.pane.value}Pane")
        self.setAccessibleName(self.tr("Personal pane") if self.pane is Pane.PERSONAL
                               else self.tr("Official pane"))
        self._apply_border(style)

        self.band = PaneBand(style, self)
        # Made before the page below them, as Tab follows the order controls were made in:
        # Tab reads the pane from the top.
        self.banner = NoticeBanner(self)  # lasting news, e.g. a scheduled post published late
        self.unfinished = UnfinishedPanel(session, self.pane, self)
        self.empty_page = self._build_empty_page(style)
        self.drafts = self._build_drafts_list(style)
        self.compose = ComposeBox(session, self.pane, self)
        self.compose.default_language = session.default_language
        self.progress = PublishProgress(session, self)
        compose_column = self._build_compose_page()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Personal pane sections") if self.pane is
                                    Pane.PERSONAL else self.tr("Official pane sections"))
        self.tabs.addTab(self.compose_tab, self.tr("Compose"))
        # Built when first shown or asked for (``gui.lazy_tabs``): only Compose is on screen
        # at start, and each of these reads the store as it is made.
        self.lazy = LazyTabs(self.tabs)
        self.lazy.built.connect(self._page_built)
        self._history = self.lazy.add(self._make_history, self.tr("History"),
                                      self.tr("the history"))
        self._accounts = self.lazy.add(self._make_accounts, self.tr("Accounts"),
                                       self.tr("the accounts"))
        self.approver_hint: ApproverHint | None = None
        self.team_banner: TeamServerBanner | None = None
        self._queue: LazyPage[QueuePanel] | None = None
        self._submissions: LazyPage[SubmissionsPanel] | None = None
        self.scheduled: ScheduledPanel | None = None
        if self.pane is Pane.OFFICIAL:
            self._add_official_views(compose_column)
        else:
            self._add_scheduled_view()
        self.body = QStackedWidget(self)
        self.body.addWidget(self.empty_page)
        self.body.addWidget(self.tabs)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.band)
        column.addWidget(self.banner)
        column.addWidget(self.unfinished)
        column.addWidget(self.body, 1)
        self._connect()
        self._mark_as_this_pane(style)
        self._show_body()
        self.restore_unsent()

    def _build_compose_page(self) -> QVBoxLayout:
        """The unsent drafts list, the compose box and the publish report, in a page that
        scrolls on a short screen rather than pushing the window taller than the screen (where
        its lower controls, Send among them, would be cut off)."""
        compose_page = QWidget(self)
        compose_column = QVBoxLayout(compose_page)
        # The compose box keeps its own margins; a second set here only cost height.
        compose_column.setContentsMargins(0, 0, 0, 0)
        compose_column.addWidget(self.drafts)
        compose_column.addWidget(self.compose, 1)
        compose_column.addWidget(self.progress)
        self.share_box = ShareBox(self.session, self.pane, self)  # only this pane's accounts
        self.compose.share_opened.connect(self.open_share)
        compose_column.addWidget(self.share_box)
        self.compose_scroll = DownScrollArea(self)
        self.compose_scroll.setWidget(compose_page)
        # Copy and Send stay in sight below the page, however it is scrolled.
        self.compose_tab = QWidget(self)
        tab_column = QVBoxLayout(self.compose_tab)
        tab_column.setContentsMargins(0, 0, 0, 0)
        tab_column.setSpacing(0)
        tab_column.addWidget(self.compose_scroll, 1)
        tab_column.addWidget(self.compose.action_bar)
        return compose_column

    def _mark_as_this_pane(self, style: PaneStyle) -> None:
        """Done last, over every control the pane holds: its keys act only from inside it, a
        wash lies over it while it is not in use, and what a screen reader hears names it."""
        # The tabs are chosen before what is on them: Tab reaches the tab bar first, then the
        # page (it was created after the pages' controls, and Tab followed that).
        QWidget.setTabOrder(self.empty_add, self.tabs.tabBar())
        self.keys = PaneKeyGuard(self)
        self.keys.watch_all()
        self.wash = InactiveWash(self, self.band, style.border_width)
        name_after_pane(self, self.pane)

    def _build_drafts_list(self, style: PaneStyle) -> QComboBox:
        drafts = QComboBox(self)
        drafts.setAccessibleName(self.tr("Personal unsent drafts") if style.pane is Pane.PERSONAL
                                 else self.tr("Official unsent drafts"))
        drafts.setVisible(False)  # until the first read finds some
        self._unsent_reader: ViewReader[Unsent] = ViewReader(self.session, self._show_unsent,
                                                             self._unsent_failed)
        self._restoring = False  # the first read also opens the newest draft
        return drafts

    def _add_official_views(self, compose_column: QVBoxLayout) -> None:
        """Who could approve (above the compose box), the queue for those who may approve, and
        everyone's own submissions."""
        self.approver_hint = ApproverHint(self.session, self)
        compose_column.insertWidget(0, self.approver_hint)
        self.team_banner = TeamServerBanner(self.session, self)
        compose_column.insertWidget(0, self.team_banner)
        if self.session.person.role.may_approve:
            # Titled with the count once the queue watcher's first look (or the panel) has it.
            self._queue = self.lazy.add(self._make_queue, self.tr("Queue"),
                                        self.tr("the queue"), 1)
        self._submissions = self.lazy.add(self._make_submissions, self.tr("My submissions"),
                                          self.tr("your submissions"),
                                          self.lazy.index_of(self._history))

    def _add_scheduled_view(self) -> None:
        """The person's scheduled personal posts, to change or cancel before their time."""
        self.scheduled = ScheduledPanel(self.session, self)
        self.tabs.insertTab(self.lazy.index_of(self._history), self.scheduled, self.tr("Scheduled"))
        self.scheduled.edit_requested.connect(self.open_draft)
        self.scheduled.count_changed.connect(self._scheduled_count)
        self._scheduled_count(self.scheduled.count)

    def _scheduled_count(self, count: int) -> None:
        if self.scheduled is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.scheduled),
                                 self.tr("Scheduled ({count})").format(count=count) if count
                                 else self.tr("Scheduled"))

    def show_queue_count(self, count: int) -> None:
        """How many posts wait for this person's approval, in the Queue tab's title."""
        if self._queue is not None:
            self.tabs.setTabText(self.lazy.index_of(self._queue),
                                 self.tr("Queue ({count})").format(count=count))

    # -- pages built on first need ----------------------------------------------------------

    @property
    def history(self) -> HistoryView:
        return self.lazy.page(self._history)

    @property
    def accounts(self) -> AccountsPanel:
        return self.lazy.page(self._accounts)

    @property
    def queue(self) -> QueuePanel | None:
        """The approval queue, for those who may approve (None for others)."""
        return self.lazy.page(self._queue) if self._queue is not None else None

    @property
    def submissions(self) -> SubmissionsPanel | None:
        """Everyone's own official submissions (None in the personal pane)."""
        return self.lazy.page(self._submissions) if self._submissions is not None else None

    # Each page's module is imported with it: what is not built is not loaded at start either.

    def _make_history(self) -> HistoryView:
        from safedesk.gui.history import HistoryView  # noqa: PLC0415 - see above

        history = HistoryView(self.session, self.pane, self)
        history.reply_requested.connect(self._reply)
        return history

    def _make_accounts(self) -> AccountsPanel:
        from safedesk.gui.accounts_panel import AccountsPanel  # noqa: PLC0415 - see above

        accounts = AccountsPanel(self.session, self.pane, self)
        accounts.add_requested.connect(self.add_account_requested)
        accounts.reauth_requested.connect(self.reauth_requested)
        return accounts

    def _make_queue(self) -> QueuePanel:
        queue = QueuePanel(self.session, self)
        queue.count_changed.connect(self.show_queue_count)
        if not queue.reading:  # its first read drew already, before the line above heard it
            self.show_queue_count(queue.count)
        return queue

    def _make_submissions(self) -> SubmissionsPanel:
        from safedesk.gui.submissions import SubmissionsPanel  # noqa: PLC0415 - see above

        submissions = SubmissionsPanel(self.session, self)
        submissions.edit_requested.connect(self.open_draft)
        return submissions

    def _page_built(self, page: QWidget) -> None:
        """A page made after the pane: its keys, names and Tab order as if it had been there
        from the start (``_mark_as_this_pane``)."""
        self.keys.watch_all()
        name_after_pane(page, self.pane)  # only the new page's controls: the rest are named
        # Tab goes from the tab bar into the page, not to wherever the page's controls were
        # appended (after everything else in the window).
        previous: QWidget = self.tabs.tabBar()
        for control in focus_chain(page):
            QWidget.setTabOrder(previous, control)
            previous = control

    def _build_empty_page(self, style: PaneStyle) -> QWidget:
        self.empty_label = QLabel(pane_words(style.empty_text), self)
        self.empty_label.setObjectName(f"{style.pane.value}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_add = QPushButton(self.tr("Add an official account…") if style.pane is
                                     Pane.OFFICIAL else self.tr("Add a personal account…"), self)
        self.empty_add.clicked.connect(lambda: self.add_account_requested.emit(self.pane))
        empty = QWidget(self)
        empty_column = QVBoxLayout(empty)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_label)
        empty_column.addWidget(self.empty_add, 0, Qt.AlignmentFlag.AlignCenter)
        empty_column.addStretch(1)
        return empty

    def _connect(self) -> None:
        self.compose.send_requested.connect(self._send)
        self.compose.copy_requested.connect(self._copy)
        # The last post's "Published everywhere" goes once the next one is begun.
        self.compose.edited.connect(self.progress.clear_settled)
        self.progress.edit_requested.connect(self._edit_failed)
        self.progress.finished.connect(self._published)
        self.drafts.activated.connect(self._draft_chosen)
        self.session.accounts_changed.connect(self._show_body)
        self.session.drafts_changed.connect(self._drafts_changed)
        self.session.theme.changed.connect(self._restyle)
        self.session.default_language_changed.connect(self._default_language_changed)

    def _apply_border(self, style: PaneStyle) -> None:
        # Painted (paintEvent), not a style sheet: a style sheet here would pin the palette of
        # everything in the pane, which would then stay light when the system turns dark.
        width = style.border_width
        self.setContentsMargins(width, width, width, width)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        outer = QRectF(self.rect())
        width = self.style_info.border_width
        border = QPainterPath()
        border.addRect(outer)
        border.addRect(outer.adjusted(width, width, -width, -width))  # odd-even: only the ring
        painter = QPainter(self)
        painter.fillPath(border, QColor(self.style_info.band_colour))
        painter.end()

    def set_in_use(self, *, in_use: bool) -> None:
        """This pane is the one keys act on (or not): said in its band, to screen readers, and
        by the wash over it."""
        self.band.state_label.setText(translate("Inactive", ACTIVE_WORDS if in_use
                                                else INACTIVE_WORDS))
        self.setAccessibleDescription("" if in_use else translate("Inactive", INACTIVE_DESCRIPTION))
        self.wash.cover(covered=not in_use)

    def _restyle(self, pane: Pane) -> None:
        """The person picked another colour for this pane: band and border follow at once."""
        if pane is not self.pane:
            return
        self.style_info = self.session.theme.style(pane)
        self._apply_border(self.style_info)
        self.band.apply_style(self.style_info)
        self.wash.inset = self.style_info.border_width

    def _default_language_changed(self, code: str) -> None:
        previous = self.compose.default_language
        self.compose.default_language = code
        # A blank new draft still showing the old default takes the new one now; anything the
        # person already wrote or chose stays as it is.
        compose = self.compose
        if compose.draft is None and compose.is_empty() and \
                compose.language.currentData() == previous:
            compose.language.setCurrentIndex(max(compose.language.findData(code), 0))

    def has_accounts(self) -> bool:
        return bool(self.session.accounts(self.pane))

    def _show_body(self) -> None:
        self.body.setCurrentWidget(self.tabs if self.has_accounts() else self.empty_page)

    def take_focus(self) -> None:
        """Keys to this pane: to its text box, or, with no account yet, to "Add an account"."""
        if self.has_accounts():
            self.tabs.setCurrentWidget(self.compose_tab)
            self.compose.text.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.empty_add.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- drafts -----------------------------------------------------------------------------

    def restore_unsent(self) -> None:
        """Open the newest unsent draft, and list the others to switch to, once they are read
        (off the GUI thread: the window paints first). Whatever the person typed meanwhile is
        kept: the draft opens only in a blank box."""
        self.compose.load_draft(None)  # a blank box in this desk's defaults, at once
        self._restoring = True
        self._fill_drafts()

    def _drafts_changed(self, pane: Pane) -> None:
        if pane is self.pane:
            self._fill_drafts()

    def _fill_drafts(self) -> None:
        app, person, pane, words = self.session.app, self.session.person, self.pane, \
            self.session.words
        open_id = self.compose.draft.id if self.compose.draft is not None else None

        def read() -> Unsent:
            # A draft typed and then emptied holds nothing to go back to: not listed (unless
            # it is the one open), so such drafts do not pile up in the list.
            return [(d, waiting_words(app, d.id, words) if pane is Pane.OFFICIAL else "")
                    for d in app.drafts.unsent(pane, person)
                    if d.id == open_id or not holds_nothing(d)]

        self._unsent_reader.read(read)

    def _unsent_failed(self, error: BaseException) -> None:
        self._restoring = False
        self.compose.show_notice(self.tr("Unsent drafts could not be read: {error}").format(
            error=unexpected(error)), error=True)

    def _show_unsent(self, unsent: Unsent) -> None:
        if self._restoring:
            self._restoring = False
            compose = self.compose
            posts = [draft for draft, _waiting in unsent if draft.content.share is None]
            if posts and compose.draft is None and compose.is_empty():
                compose.load_draft(posts[0])  # a share waits in the list, for its own box
        self.drafts.clear()
        self.drafts.addItem(self.tr("New draft"), None)
        for draft, waiting in unsent:
            share = draft.content.share
            first = self.tr("share of {author}'s post").format(author=share.post.author) \
                if share is not None and not draft.content.text.strip() else \
                draft.content.text.strip().splitlines()[0][:50] if draft.content.text.strip() \
                else self.tr("(empty)")
            when = local_time(draft.updated_at)
            self.drafts.addItem(self.tr("Unsent draft, {when}: {first} ({waiting})").format(
                when=when, first=first, waiting=waiting) if waiting else
                self.tr("Unsent draft, {when}: {first}").format(when=when, first=first), draft.id)
        current = self.compose.draft.id if self.compose.draft else None
        self.drafts.setCurrentIndex(max(self.drafts.findData(current), 0))
        self.drafts.setVisible(bool(unsent))

    def _draft_chosen(self, index: int) -> None:
        draft_id = self.drafts.itemData(index)  # before saving lists the drafts again
        self.progress.clear_settled()
        self.compose.save_now()
        self.compose.load_draft(self.session.app.drafts.get(draft_id) if draft_id else None)

    # -- sending ----------------------------------------------------------------------------

    def _send(self, draft: Draft) -> None:
        if self.pane is Pane.PERSONAL:
            if draft.content.schedule_at is not None:
                self._schedule(draft)
            else:
                self.progress.start(draft)
            return
        try:
            submitted = self.session.app.drafts.submit(draft.id, self.session.person)
        except SafeDeskError as error:
            self.compose.show_notice(self.tr("Not submitted: {error}").format(
                error=error_words(error, self.session.words)), error=True)
            return
        self.compose.load_draft(None)
        changes = Changes.of_draft(submitted, draft.state)  # the queue and My submissions too
        if submitted.state is DraftState.DRAFT:  # a team desk whose server cannot be reached
            self.compose.show_notice(self.session.say(SAVED_OFFLINE))
            self.session.report(changes)
            return
        self.compose.show_notice(self.tr(
            "Submitted for approval. A second person must approve exactly this post before it is "
            "published; any change from now on needs their approval again."))
        self.session.report(changes)

    def _schedule(self, draft: Draft) -> None:
        """A personal post with a time: SafeDesk publishes it then (``gui.watcher``)."""
        try:
            scheduled = self.session.app.drafts.schedule(draft.id, self.session.person)
        except SafeDeskError as error:
            self.compose.show_notice(self.tr("Not scheduled: {error}").format(
                error=error_words(error, self.session.words)), error=True)
            return
        self.compose.load_draft(None)
        moment = scheduled.content.schedule_at
        self.compose.show_notice(self.tr(
            "Scheduled for {when}. SafeDesk publishes it then (if it is closed at that time, as "
            "soon as it next starts). Change or cancel it under Scheduled.").format(
                when=local_time(moment, year=True)) if moment is not None else self.tr(
            "Scheduled. SafeDesk publishes it then (if it is closed at that time, as soon as it "
            "next starts). Change or cancel it under Scheduled."))
        self.session.report(Changes.of_draft(scheduled, draft.state))

    def _published(self, report: object) -> None:
        draft = getattr(report, "draft", None)
        # Out, or perhaps out (unknown: it can no longer be edited; the "not finished" panel
        # settles it): either way the compose box starts a new post.
        settled = getattr(report, "complete", False) or getattr(report, "unknown", ())
        if isinstance(draft, Draft) and settled and \
                self.compose.draft is not None and self.compose.draft.id == draft.id:
            self.compose.load_draft(None)
        # The unsent list was read again already: the report of what publishing changed.

    def _edit_failed(self, draft_id: str) -> None:
        self.compose.load_draft(self.session.app.drafts.get(draft_id))
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()

    def _copy(self, draft: Draft) -> None:
        try:
            copy = self.session.app.drafts.copy_to_pane(draft.id, self.session.person)
        except SafeDeskError as error:
            self.compose.show_notice(self.tr("Not copied: {error}").format(
                error=error_words(error, self.session.words)), error=True)
            return
        self.session.report(Changes.of_draft(copy))
        self.copied.emit(copy)

    def _reply(self, draft_id: str, description: str) -> None:
        self.compose.set_reply_to(draft_id, description)
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()

    def open_draft(self, draft: Draft) -> None:
        if draft.content.share is not None:
            self.open_share(draft)
            return
        self.compose.save_now()
        self.compose.load_draft(draft)
        self._fill_drafts()
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()

    def open_share(self, draft: Draft) -> None:
        """A share that came back, in the share box: never the compose box (which would drop
        the share)."""
        self.share_box.load_draft(draft)
        self.tabs.setCurrentWidget(self.compose_tab)
        self.compose_scroll.ensureWidgetVisible(self.share_box)
