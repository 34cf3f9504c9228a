"""What a pane has published: when, as whom, where, and what became of it (corrected, deleted).
The starting point for replying, and for correcting, apologising for or retracting a post
(``CorrectionDialog``), also one found by its link (``LinkFinder``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.corrections import CorrectionKind
from safedesk.core.messages import ENGLISH, Words
from safedesk.core.models import (
    HistoryEntry,
    HistoryPair,
    Pane,
    Publication,
    PublicationState,
    Share,
)
from safedesk.core.overrides import override_summary
from safedesk.core.pair_history import LANGUAGES_MARK, language_parts, links_message, welsh_first
from safedesk.core.visible_text import visible
from safedesk.gui.columns import RowTree, fit_columns
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.correction_link import LinkFinder
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.reads import ViewReader
from safedesk.gui.schedule_field import to_qt
from safedesk.gui.session import DeskSession
from safedesk.gui.shared_post_view import kind_words
from safedesk.gui.undo_share import UndoShareDialog
from safedesk.services.incidents import IncidentReport

translate = QCoreApplication.translate
# The headers' English; shown through translate("HistoryView", …).
COLUMNS = tuple(str(heading) for heading in (
    QT_TRANSLATE_NOOP("HistoryView", "Time"), QT_TRANSLATE_NOOP("HistoryView", "Account"),
    QT_TRANSLATE_NOOP("HistoryView", "Platform"), QT_TRANSLATE_NOOP("HistoryView", "State"),
    QT_TRANSLATE_NOOP("HistoryView", "Text"), QT_TRANSLATE_NOOP("HistoryView", "Link")))
_STATES: dict[PublicationState, str] = {state: str(words) for state, words in (
    (PublicationState.PENDING, QT_TRANSLATE_NOOP("HistoryView", "pending")),
    (PublicationState.PUBLISHED, QT_TRANSLATE_NOOP("HistoryView", "published")),
    (PublicationState.FAILED, QT_TRANSLATE_NOOP("HistoryView", "failed")),
    (PublicationState.UNKNOWN, QT_TRANSLATE_NOOP("HistoryView", "unknown")),
    (PublicationState.DELETED, QT_TRANSLATE_NOOP("HistoryView", "deleted")),
    (PublicationState.CORRECTED, QT_TRANSLATE_NOOP("HistoryView", "corrected")))}
SHOWN_ROWS = 300
SIZED_COLUMNS = range(len(COLUMNS) - 1)  # all but the link, which takes what is left


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One row as shown: its words are made off the GUI thread, with the rest of the read."""

    publication: Publication
    cells: tuple[str, ...]  # one per column of COLUMNS
    # An approver's override of a policy block: who, when, why and what it lifted (the row's
    # tooltip; the State cell says who overrode, and why).
    override: str = ""
    # A bilingual pair: both texts whole, each language's link and the gap between them (the
    # row's tooltip; the Text cell shows both first lines, Welsh first).
    pair: str = ""
    share: Share | None = None  # a boost or quote: "Undo share" undoes it

    @property
    def tooltip(self) -> str:
        return "\n\n".join(part for part in (self.pair, self.override) if part)


def _published_when(moment: datetime) -> str:
    """In the window's language (its default locale); English as the C library writes it."""
    locale = QLocale()
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        return locale.toString(to_qt(moment), "dd MMM yyyy HH:mm")
    return moment.astimezone().strftime("%d %b %Y %H:%M")


def _pair_cells(entry: HistoryEntry, pair: HistoryPair, words: Words) -> tuple[str, str, str]:
    """A pair's Text cell (both first lines, Welsh first), Link cell (each language's link)
    and tooltip (both texts whole, the links, the gap between the two posts)."""
    welsh, english = welsh_first(entry.text, pair)

    def first(text: str) -> str:
        return visible(text.strip().splitlines()[0][:80]) if text.strip() else ""

    text = translate("HistoryView", "{languages}: {welsh} / {english}").format(
        languages=LANGUAGES_MARK, welsh=first(welsh), english=first(english))
    parts = language_parts(pair.parts)
    link = "  ".join(p.url for p in parts if p.url) or entry.publication.url
    detail = translate("HistoryView", "Welsh: {welsh}\nEnglish: {english}").format(
        welsh=visible(welsh.strip()), english=visible(english.strip()))
    return text, link, f"{detail}\n{visible(links_message(pair.parts).render(words))}"


def history_row(entry: HistoryEntry, names: Mapping[str, str] | None = None,
                words: Words = ENGLISH) -> HistoryRow:
    """One row's words, in the window's language (made off the GUI thread: ``translate`` is
    safe there). The post's text, the flag and the approver's reason stay as written."""
    publication, account = entry.publication, entry.account
    when = _published_when(publication.published_at) if publication.published_at else "—"
    first_line = entry.text.strip().splitlines()[0] if entry.text.strip() else \
        translate("HistoryView", "(no text)")
    state = translate("HistoryView", _STATES.get(publication.state, publication.state.value))
    if entry.approval_flag:  # one admin's appointee approved it: said on every row
        state = f"{state} — {entry.approval_flag}"
    override = ""
    if entry.override is not None:
        approver = (names or {}).get(entry.override.approver_id, entry.override.approver_id)
        state = translate("HistoryView", "{state} — block overridden by {approver}: "
                                         "“{reason}”").format(
            state=state, approver=approver, reason=entry.override.override_reason)
        override = visible(override_summary(entry.override, approver))
    text, link, pair = visible(first_line[:80]), publication.url, ""
    if entry.share is not None:  # whose post it shares; a quote's own words after that
        text = visible(kind_words(entry.share.kind, entry.share.post)) + \
            (f": {text}" if entry.text.strip() else "")
    if entry.pair is not None:
        text, link, pair = _pair_cells(entry, entry.pair, words)
    return HistoryRow(publication, (when, account.address, account.platform.value.title(),
                                    visible(state), text, link), override, pair, entry.share)


class HistoryView(QWidget):
    reply_requested = Signal(str, str)  # draft id, a short description of it

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self._sized = False
        self.tree = RowTree(self)
        self.tree.setAccessibleName(self.tr("Personal history") if pane is Pane.PERSONAL
                                    else self.tr("Official history"))
        self.headings = [translate("HistoryView", heading) for heading in COLUMNS]
        self.tree.setHeaderLabels(self.headings)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.open_button = QPushButton(self.tr("Open link"), self)
        self.reply_button = QPushButton(self.tr("Reply to this…"), self)
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.apologise_button = QPushButton(self.tr("Apologise…"), self)
        self.retract_button = QPushButton(self.tr("Retract…"), self)
        self.undo_share_button = self._make_undo_share_button()
        self.link_button = QPushButton(self.tr("Correct a post by link…"), self)
        self.link_finder = LinkFinder(session, pane, self)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("History message"))
        self.message.setVisible(False)
        self.correction_dialog: CorrectionDialog | None = None
        self.undo_dialog: UndoShareDialog | None = None
        self._reader: ViewReader[list[HistoryRow]] = ViewReader(session, self._show_rows,
                                                         self._read_failed)
        self.open_button.clicked.connect(self.open_selected)
        self.reply_button.clicked.connect(self.reply_to_selected)
        for button, kind in ((self.correct_button, CorrectionKind.CORRECTION),
                             (self.apologise_button, CorrectionKind.APOLOGY),
                             (self.retract_button, CorrectionKind.RETRACTION)):
            button.clicked.connect(lambda _=False, k=kind: self.open_correction(k))
        self.link_button.clicked.connect(self.link_finder.start)
        self.link_finder.found.connect(self._linked)
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        # Two rows, so the pane still fits beside the other on a 1280-pixel-wide screen.
        about_row = QHBoxLayout()
        about_row.addWidget(self.open_button)
        about_row.addWidget(self.reply_button)
        about_row.addStretch(1)
        about_row.addWidget(self.link_button)
        fix_row = QHBoxLayout()
        fix_row.addStretch(1)
        for button in (self.undo_share_button, self.correct_button, self.apologise_button,
                       self.retract_button):
            fix_row.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.tree)
        column.addWidget(self.message)
        column.addLayout(about_row)
        column.addLayout(fix_row)
        column.addWidget(self.link_finder)
        chain = [self.tree, self.open_button, self.reply_button, self.link_button,
                 self.undo_share_button, self.correct_button, self.apologise_button,
                 self.retract_button,
                 self.link_finder.link, self.link_finder.find_button]
        for first, second in pairwise(chain):  # Tab follows the row as it reads, left to right
            QWidget.setTabOrder(first, second)
        session.history_changed.connect(self._maybe_reload)
        self.reload()

    def _maybe_reload(self, pane: Pane) -> None:
        if pane is self.pane:
            self.reload()

    def reload(self) -> None:
        """Read the newest ``SHOWN_ROWS`` publications again, each draft once, off the GUI
        thread (it follows every publish); the rows on screen stay until the new ones arrive."""
        app, person, pane, words = self.session.app, self.session.person, self.pane, \
            self.session.words

        def read() -> list[HistoryRow]:
            entries = app.drafts.history_entries(person, pane, limit=SHOWN_ROWS)
            names = {p.id: p.name for p in app.people.list()} \
                if any(e.override is not None for e in entries) else {}
            return [history_row(entry, names, words) for entry in entries]

        self._reader.read(read)

    @property
    def reading(self) -> bool:
        """A read is on its way (the rows on screen are the previous ones)."""
        return self._reader.pending

    def _read_failed(self, error: BaseException) -> None:
        self.say(self.tr("The history could not be read: {reason}").format(
            reason=unexpected(error, self.session.words)))

    def _show_rows(self, rows: list[HistoryRow]) -> None:
        chosen = self.selected()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        for row in rows:
            item = self._item(row)
            self.tree.addTopLevelItem(item)
            if chosen is not None and row.publication.id == chosen.id:
                self.tree.setCurrentItem(item)  # the row a person chose stays chosen
        self.tree.setUpdatesEnabled(True)
        if not self._sized and rows:
            self._sized = True  # size the columns once; people may resize them after that
            fit_columns(self.tree, self.headings, (row.cells for row in rows), SIZED_COLUMNS)

    @staticmethod
    def _item(row: HistoryRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem(list(row.cells))
        item.setData(0, Qt.ItemDataRole.UserRole, row.publication)
        item.setData(1, Qt.ItemDataRole.UserRole, row.share)
        if row.tooltip:
            for column in range(len(row.cells)):
                item.setToolTip(column, row.tooltip)
        return item

    def select_publication(self, publication_id: str) -> None:
        """Select a publication's row; one older than the rows shown is added at the top."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
            if item is not None and isinstance(value, Publication) \
                    and value.id == publication_id:
                self.tree.setCurrentItem(item)
                return
        app = self.session.app
        publication = app.store.get_publication(publication_id)
        draft = app.drafts.get(publication.draft_id)
        approval = draft.approval
        override = approval if approval is not None and approval.override_reason else None
        names = {p.id: p.name for p in app.people.list()} if override else {}
        translation = draft.content.translation
        pair = None if translation is None else HistoryPair(
            translation.language, translation.text, publication.parts_out)
        item = self._item(history_row(HistoryEntry(
            publication, app.accounts.get(publication.account_id), draft.content.text,
            approval.flag if approval else "", override, pair), names, self.session.words))
        self.tree.insertTopLevelItem(0, item)
        self.tree.setCurrentItem(item)

    def _linked(self, publication: Publication) -> None:
        self.select_publication(publication.id)
        self.correct_button.setFocus()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.session.announce(self.message, text)

    def open_correction(self, kind: CorrectionKind) -> CorrectionDialog | None:
        """The correction dialog for the selected row's post, on every account it went to."""
        publication = self.selected()
        if publication is None:
            self.say(self.tr("Choose a post in the list first."))
            self.tree.setFocus()
            return None
        self.say("")
        dialog = CorrectionDialog(self.session, publication.id, kind, self)
        dialog.finished.connect(dialog.dispose)
        self.correction_dialog = dialog
        dialog.open()
        return dialog

    def _make_undo_share_button(self) -> QPushButton:
        """Offered on a boost's, repost's or quote's row only."""
        button = QPushButton(self.tr("Undo share…"), self)
        button.setEnabled(False)
        button.clicked.connect(self.open_undo_share)
        self.tree.currentItemChanged.connect(lambda item, _previous: button.setEnabled(
            item is not None and isinstance(item.data(1, Qt.ItemDataRole.UserRole), Share)))
        return button

    def open_undo_share(self) -> UndoShareDialog | None:
        """Confirm undoing the selected row's boost or quote, with words if wanted."""
        item = self.tree.currentItem()
        publication = self.selected()
        share = item.data(1, Qt.ItemDataRole.UserRole) if item is not None else None
        if publication is None or not isinstance(share, Share):
            self.say(self.tr("Choose a boost, repost or quote in the list first."))
            self.tree.setFocus()
            return None
        self.say("")
        dialog = UndoShareDialog(self.session, self.pane, publication.id, share, self)
        dialog.undone.connect(self._share_undone)
        self.undo_dialog = dialog
        dialog.open()
        return dialog

    def _share_undone(self, report: IncidentReport) -> None:
        if report.complete:
            self.say(self.tr("The share is undone on every account. It is recorded as an "
                             "incident."))
        elif report.status == "partial":
            self.say(self.tr("The share is not undone on every account: retry it from Settings, "
                             "Incidents."))
        else:  # the words wait (for approval): the share comes down once they are out
            self.say(self.tr("The share comes down once your words are out. It is recorded as "
                             "an incident."))

    def selected(self) -> Publication | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return value if isinstance(value, Publication) else None

    def open_selected(self) -> None:
        publication = self.selected()
        if publication is not None and publication.url:
            QDesktopServices.openUrl(QUrl(publication.url))

    def reply_to_selected(self) -> None:
        publication = self.selected()
        if publication is None:
            return
        draft = self.session.app.drafts.get(publication.draft_id)
        text = visible(draft.content.text.strip().replace("\n", " "))
        self.reply_requested.emit(draft.id, f"“{text[:60]}{'…' if len(text) > 60 else ''}”")
