"""The link card of a compose box: read from the page of the post's first link, on a worker,
once typing pauses; shown in the box and in the preview; removable.

Only a change of the first link made by the person fetches a card. Showing a stored draft never
does, so opening a draft (an approved one, say) never changes what it holds, and a card the
person removed stays removed: for the rest of the draft's editing while the link is typed again,
and after the draft is opened again, since its first link is then not new. A result that arrives
after the link changed or another draft is shown is dropped. A page that gives no card is said
quietly in the card's own line; neither typing nor sending ever waits for a page.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Account, Content, LinkCard, Platform
from safedesk.core.visible_text import visible
from safedesk.gui.language import window_words
from safedesk.gui.session import DeskSession
from safedesk.services.link_cards import FetchedCard, card_words, fetch_card, first_link

LINK_PAUSE_MS = 800  # a pause in typing before the first link is looked at
# English here (tests compare it); shown through removed_words().
REMOVED_WORDS: str = str(QT_TRANSLATE_NOOP(
    "LinkCardPanel", "Link card removed. It stays off while the post links there."))


def removed_words() -> str:
    return QCoreApplication.translate("LinkCardPanel", REMOVED_WORDS)


class LinkCardPanel(QWidget):
    changed = Signal()  # the card was added, replaced or removed: the content changed

    def __init__(self, session: DeskSession, text: QPlainTextEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._text = text
        self.card: LinkCard | None = None
        self._link: str | None = None  # the first link the card (or its absence) is about
        self._removed: set[str] = set()  # links whose card the person removed
        self._generation = 0  # rises when the link changes or a draft is shown
        self._pending: str | None = None  # the link whose page a worker is reading
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Link card"))
        self.summary.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("Remove link card"), self)
        self.remove_button.setToolTip(self.tr("Posts the link without a card; Bluesky then "
                                              "shows the link only."))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.remove_button)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(LINK_PAUSE_MS)
        self._pause.timeout.connect(self.look_at_link)
        # A keystroke only restarts the timer: the text is read once typing pauses.
        text.textChanged.connect(self._pause.start)
        self.remove_button.clicked.connect(self.remove)
        self._show("")

    @property
    def fetching(self) -> bool:
        return self._pending is not None

    def load(self, card: LinkCard | None, text: str) -> None:
        """Show a stored draft's card (call after its text is in the box); fetch nothing."""
        self._pause.stop()
        self._generation += 1
        self._pending = None
        self._removed = set()
        self.card = card
        self._link = first_link(text)
        self._show("")

    def look_at_link(self) -> None:
        """Fetch a card when the first link changed; drop a card that is for another link."""
        self._pause.stop()
        link = first_link(self._text.toPlainText())
        if link == self._link:
            return
        self._link = link
        self._generation += 1
        self._pending = None
        had_card = self.card is not None
        if self.card is not None and self.card.url != link:
            self.card = None
        if link is None or link in self._removed:
            self._show(removed_words() if link is not None else "")
        else:
            self._fetch(link)
        if had_card and self.card is None:
            self.changed.emit()

    def _fetch(self, link: str) -> None:
        generation, media = self._generation, self.session.app.media
        self._pending = link
        self._show(self.tr("Reading the link card from {host}…").format(
            host=urlsplit(link).hostname or link))

        def done(fetched: FetchedCard) -> None:
            if generation != self._generation:
                return  # the link changed or another draft is shown: not this post's card
            self._pending = None
            self.card = fetched.card
            self._show(self.session.say(fetched.note))
            self._say()
            self.changed.emit()

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._pending = None
            self._show(error.text(self.session.words) if isinstance(error, SafeDeskError) else
                       self.tr("No link card: an unexpected error ({kind}).").format(
                           kind=type(error).__name__))
            self._say()

        self.session.in_background(lambda: fetch_card(link, media), done, failed)

    def remove(self) -> None:
        if self.card is None:
            return
        self._removed.add(self.card.url)
        self.card = None
        self._show(removed_words())
        self.changed.emit()

    def _say(self) -> None:
        """Tell a screen reader, politely, what the page gave: the post changed (or did not)
        without the person doing anything there."""
        words = self.summary.text()
        self.session.announce(self.summary,
                              self.tr("Link card added: {card}").format(card=words)
                              if self.card is not None else words)

    def _show(self, note: str) -> None:
        """The card (title, description, whether it has a picture), then ``note``."""
        lines = [] if self.card is None else [self.session.say(card_words(self.card))]
        if note:
            lines.append(note)
        self.summary.setText("\n".join(lines) or self.tr("No link in the post."))
        self.remove_button.setVisible(self.card is not None)


def card_preview(account: Account, content: Content) -> str:
    """What the preview says of the card on ``account``: it, or why it is not sent there."""
    card = content.link_card
    if card is None:
        return ""
    if account.platform is Platform.MASTODON:
        return "<br><i>" + QCoreApplication.translate(
            "LinkCardPanel", "Mastodon servers make their own link card from the page; SafeDesk "
            "sends none.") + "</i>"
    if content.media:
        return "<br><i>" + QCoreApplication.translate(
            "LinkCardPanel", "Link card not sent: a Bluesky post carries one attachment, and the "
            "images come first.") + "</i>"
    return "<br>" + QCoreApplication.translate("LinkCardPanel", "[link card: {card}]").format(
        card=html.escape(visible(card_words(card).render(window_words()))))
