"""A pane's "Share a post" box: paste a link, see the post as it will appear, choose this pane's
accounts and boost (repost) it or quote it with the organisation's own words.

Only this pane's accounts are ever offered: the personal pane's box lists the person's personal
accounts and nothing else (``ShareService.share`` refuses any other too). A boost goes only to
accounts on the shared post's platform: the others stay listed, disabled, with the reason. The
look-up, the question of how each account can quote and the share itself run off the GUI thread
(``DeskSession.in_background``); a failure says what went wrong in words and keeps everything the
person typed. The button says who the share goes out as; official shares go to the queue.

A share that came back to its author (its post changed after approval, changes requested,
rejected, withdrawn) opens here, never in the compose box, which knows nothing of shares
(``load_draft``): its link, reader, kind, accounts and words as stored, its post as it was read,
and why it came back. It must be looked up again before it goes on; the button then revises that
draft (``ShareService.revise``) and resubmits or publishes it (``ShareService.resubmit``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.counting import check_bluesky, check_mastodon
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    Pane,
    Platform,
    Share,
    SharedPost,
    ShareKind,
)
from safedesk.core.policy import check_content
from safedesk.gui.findings import BlockReason, FindingsList
from safedesk.gui.identity_button import IdentityButton
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.session import DeskSession
from safedesk.gui.shared_pictures import PictureRow
from safedesk.gui.shared_post_view import SharedPostView
from safedesk.gui.targets import TargetList, ticks_key
from safedesk.gui.theme import mark_error
from safedesk.services.changes import Changes
from safedesk.services.share_check import reader_of, why_it_came_back
from safedesk.services.share_pictures import SharedPicture, fetch_pictures
from safedesk.services.sharing import ShareResult, ShareService

translate = QCoreApplication.translate


def sharing_of(session: DeskSession) -> ShareService:
    return session.app.sharing


Routes = dict[str, bool | None]  # account id: quotes natively, by link, or not known (None)


def quote_routes(sharing: ShareService, post: SharedPost, accounts: Sequence[Account]) -> Routes:
    """How each account would quote ``post``, as its adapter says (it may ask the server: run
    on a worker). An account whose server did not answer is not known: said as such."""
    routes: Routes = {}
    for account in accounts:
        try:
            routes[account.id] = sharing.quotes_natively(post, account.id)
        except Exception:  # noqa: BLE001 - one server's silence leaves the others' answers
            routes[account.id] = None
    return routes


def link_platform(link: str) -> Platform:
    """Which platform a pasted link is on, by its form: Bluesky's app and at:// URIs; any other
    https link is a fediverse server's."""
    text = link.strip().lower()
    bluesky = text.startswith(("at://", "https://bsky.app/", "http://bsky.app/"))
    return Platform.BLUESKY if bluesky else Platform.MASTODON


def names_words(accounts: Sequence[Account]) -> str:
    """The accounts a share goes out as, by address ("" for none)."""
    names = [a.address for a in accounts]
    if len(names) < 2:
        return "".join(names)
    if len(names) == 2:
        return translate("SendButton", "{first} and {second}").format(first=names[0],
                                                                     second=names[1])
    return translate("SendButton", "{first}, {second} and {count} more").format(
        first=names[0], second=names[1], count=len(names) - 2)


class ShareBox(QWidget):
    shared = Signal(object)  # the Draft of the share: published (personal) or submitted

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.post: SharedPost | None = None
        self.routes_known: Routes = {}
        self._busy = False
        self.revising: Draft | None = None  # a share that came back, open to send on again
        self._read_again = False  # its post was looked up again since it was opened
        self.toggle = QPushButton(self.tr("Share a post…"), self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoDefault(False)
        self.toggle.setAccessibleName(self.tr("Share someone else's post"))
        self.panel = QFrame(self)
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self._build_look_up()
        self.preview = SharedPostView(self.panel)
        self.pictures = PictureRow(self.panel)
        self.first_time = self._note(self.tr("About who wrote it"))
        self.came_back = self._note(self.tr("Why this share came back"))
        self._build_choices()
        column = QVBoxLayout(self.panel)
        column.addLayout(self._link_row)
        column.addWidget(self.came_back)
        column.addWidget(self.message)
        column.addWidget(self.preview)
        column.addWidget(self.pictures)
        column.addWidget(self.first_time)
        column.addWidget(self.choices)
        self.choices.setVisible(False)
        self.panel.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.panel)
        self.toggle.toggled.connect(self._open)
        session.accounts_changed.connect(self.reload)
        session.policy_changed.connect(self._refresh)
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _note(self, name: str) -> QLabel:
        label = QLabel(self.panel)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setVisible(False)
        return label

    def _build_look_up(self) -> None:
        self.link = QLineEdit(self.panel)
        self.link.setAccessibleName(self.tr("Link to the post to share"))
        self.link.setPlaceholderText(self.tr("https://server/@name/1234 or "
                                             "https://bsky.app/profile/name/post/…"))
        self.reader = QComboBox(self.panel)
        self.reader.setAccessibleName(self.tr("Account that reads the post"))
        self.look_up_button = QPushButton(self.tr("Look up"), self.panel)
        self.look_up_button.setAutoDefault(False)
        self.message = self._note(self.tr("Message about the shared post"))
        self.link.returnPressed.connect(self.look_up)
        self.link.textEdited.connect(self._reader_for_link)
        self._reader_chosen = False  # the person picked the reader: theirs stays
        self.reader.activated.connect(lambda _index: setattr(self, "_reader_chosen", True))
        self.look_up_button.clicked.connect(self.look_up)
        self._link_row = QGridLayout()
        self._link_row.addWidget(QLabel(self.tr("Link"), self.panel), 0, 0)
        self._link_row.addWidget(self.link, 0, 1)
        self._link_row.addWidget(self.look_up_button, 0, 2)
        self._link_row.addWidget(QLabel(self.tr("Read by"), self.panel), 1, 0)
        self._link_row.addWidget(self.reader, 1, 1, 1, 2)
        self._link_row.setColumnStretch(1, 1)

    def _build_choices(self) -> None:
        self.choices = QWidget(self.panel)
        self.targets = TargetList(self.session, self.pane, self.choices)
        self.targets.setAccessibleName(
            self.tr("Personal accounts to share as") if self.pane is Pane.PERSONAL
            else self.tr("Official accounts to share as"))
        self.boost = QRadioButton(self.tr("Boost / repost"), self.choices)
        self.quote = QRadioButton(self.tr("Quote with your own words"), self.choices)
        self.boost.setChecked(True)
        kinds = QButtonGroup(self.choices)
        kinds.addButton(self.boost)
        kinds.addButton(self.quote)
        self.quote_text = QPlainTextEdit(self.choices)
        self.quote_text.setAccessibleName(self.tr("Your words above the quoted post"))
        self.quote_text.setTabChangesFocus(True)
        self.quote_text.setMaximumHeight(80)
        self.quote_count = self._note(self.tr("Length of your words"))
        self.routes = self._note(self.tr("How the quote goes out on each account"))
        self.findings = FindingsList(self.choices, self.session.words)
        self.block = BlockReason(self.choices, self.session.words)
        self.share_button = IdentityButton(self.choices)
        self.share_button.setAutoDefault(False)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.boost)
        kind_row.addWidget(self.quote)
        kind_row.addStretch(1)
        column = QVBoxLayout(self.choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Share as"), self.choices))
        for widget in (self.targets, self.quote_text, self.quote_count, self.routes,
                       self.findings, self.block, self.share_button):
            column.addWidget(widget)
        column.insertLayout(2, kind_row)
        self.targets.itemChanged.connect(lambda _item: self._refresh())
        self.boost.toggled.connect(lambda _on: self._kind_changed())
        self.quote_text.textChanged.connect(self._refresh)
        self.share_button.clicked.connect(self.share)
        self._kind_changed()

    # -- state ------------------------------------------------------------------------------

    def _open(self, opened: bool) -> None:
        self.panel.setVisible(opened)
        if opened:
            self.link.setFocus()

    def reload(self) -> None:
        """The pane's accounts again: the reader defaults to the first ticked in compose, or
        the first; the ticks to share as keep what is still there."""
        accounts = self.session.accounts(self.pane)
        current = self.reader.currentData()
        self.reader.clear()
        for account in accounts:
            self.reader.addItem(f"{account.address} ({account.platform.value.title()})",
                                account.id)
        saved = self.session.settings.value(ticks_key(self.session, self.pane), [])
        ticked = [saved] if isinstance(saved, str) else saved if isinstance(saved, list) else []
        wanted = current or next((str(t) for t in ticked
                                  if self.reader.findData(str(t)) >= 0), None)
        self.reader.setCurrentIndex(max(self.reader.findData(wanted), 0))
        self.targets.reload()
        # As tall as its rows: a pane holds a few accounts, and the page scrolls as it is.
        rows = max(self.targets.count(), 1)
        self.targets.setFixedHeight(self.targets.sizeHintForRow(0) * rows +
                                    2 * self.targets.frameWidth() + 4)
        self._refresh()

    def _reader_for_link(self, link: str) -> None:
        """Until the person picks the reader, it follows the link: a Bluesky link is read by
        the pane's first Bluesky account, any other by its first fediverse account (each
        platform reads only its own posts)."""
        if self._reader_chosen:
            return
        wanted = Platform.BLUESKY if link_platform(link) is Platform.BLUESKY \
            else Platform.MASTODON
        current = self.targets.accounts.get(str(self.reader.currentData()))
        if current is not None and current.platform is wanted:
            return
        match = next((a for a in self.targets.accounts.values() if a.platform is wanted), None)
        if match is not None:
            self.reader.setCurrentIndex(self.reader.findData(match.id))

    @property
    def kind(self) -> ShareKind:
        return ShareKind.BOOST if self.boost.isChecked() else ShareKind.QUOTE

    def say(self, text: str, *, error: bool = False) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            self.session.announce(self.message, text, urgent=error)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for control in (self.look_up_button, self.share_button, self.link, self.reader):
            control.setEnabled(not busy)
        if not busy:
            self._refresh()

    # -- looking the post up ----------------------------------------------------------------

    def look_up(self) -> None:
        link, account_id = self.link.text().strip(), self.reader.currentData()
        if self._busy:
            return
        if not link:
            self.say(self.tr("Paste the link of the post first."), error=True)
            self.link.setFocus()
            return
        if not account_id:
            self.say(self.tr("Add an account to this pane first."), error=True)
            return
        self._set_busy(True)
        self.say(self.tr("Looking the post up…"))
        sharing, person, pane = sharing_of(self.session), self.session.person, self.pane

        def read() -> tuple[SharedPost, bool]:
            post = sharing.read(link, str(account_id), person)
            return post, sharing.first_from(post, pane)

        self.session.in_background(read, self._found, self._not_found)

    def _found(self, found: tuple[SharedPost, bool]) -> None:
        post, first = found
        self.post = post
        self._read_again = True
        self._set_busy(False)
        self.say("")
        self.preview.show_post(post)
        self._fetch_pictures(post)
        self.first_time.setText(
            self.tr("\u2139 First time this desk shares {author} from this pane.").format(
                author=post.author) if first else "")
        self.first_time.setVisible(first)
        if not self.targets.chosen_ids():
            self.targets.set_chosen([str(self.reader.currentData())])
        self.choices.setVisible(True)
        self._kind_changed()
        self._ask_routes(post)

    def _fetch_pictures(self, post: SharedPost) -> None:
        """The post's pictures, small, read off the GUI thread: what its alt texts cannot show."""
        self.pictures.show_loading(len(post.media))
        if not post.media:
            return

        def arrived(pictures: list[SharedPicture]) -> None:
            if self.post is post:  # not a later look-up's post
                self.pictures.show_pictures(pictures, self.session.say)

        def failed(_error: BaseException) -> None:
            if self.post is post:
                self.pictures.show_failed()

        self.session.in_background(lambda: fetch_pictures(post), arrived, failed)

    def _ask_routes(self, post: SharedPost) -> None:
        """How each of the pane's accounts would quote it, asked off the GUI thread."""
        self.routes_known = {}
        sharing, accounts = sharing_of(self.session), list(self.targets.accounts.values())

        def answered(routes: Routes) -> None:
            if self.post is post:  # not a later look-up's post
                self.routes_known = routes
                self._refresh()

        self.session.in_background(lambda: quote_routes(sharing, post, accounts), answered,
                                   lambda _error: None)

    def _not_found(self, error: BaseException) -> None:
        self._set_busy(False)
        self.say(unexpected(error, self.session.words), error=True)
        self.link.setFocus()

    # -- choices ----------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        """A boost only to accounts on the post's platform: the others disabled, with why."""
        quoting = self.kind is ShareKind.QUOTE
        self.quote_text.setVisible(quoting)
        self.quote_count.setVisible(quoting)
        self.targets.blockSignals(True)
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            account = self.targets.accounts.get(str(item.data(Qt.ItemDataRole.UserRole)))
            if account is not None:
                self._offer(item, account, quoting=quoting)
        self.targets.blockSignals(False)
        self._refresh()

    def _offer(self, item: QListWidgetItem, account: Account, *, quoting: bool) -> None:
        base = f"{account.address} ({account.platform.value.title()})"
        post = self.post
        if post is None or quoting or account.platform is post.platform:
            item.setText(base)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEnabled)
            return
        item.setText(self.tr("{account} — cannot boost a {platform} post").format(
            account=base, platform=post.platform.value.title()))
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)

    def chosen(self) -> list[Account]:
        return self.targets.chosen_accounts()

    def _refresh(self) -> None:
        """Button words, the quote's count and route, and the policy's findings, for what is
        chosen now."""
        chosen, post = self.chosen(), self.post
        self.share_button.set_words([self.action_words(chosen)])
        quoting = self.kind is ShareKind.QUOTE
        self.routes.setText(self._route_words(chosen) if quoting and post else "")
        self.routes.setVisible(bool(self.routes.text()))
        self.quote_count.setText(self._count_words(chosen) if quoting else "")
        blocked = False
        if post is not None:
            content = Content(text=self.quote_text.toPlainText() if quoting else "",
                              targets=tuple(a.id for a in chosen), share=Share(self.kind, post))
            findings = check_content(content, self.pane, self.session.policy_for_post(None))
            self.findings.show_findings(findings)
            blocked = self.block.show_for(findings)
        empty_quote = quoting and not self.quote_text.toPlainText().strip()
        stale = self.revising is not None and not self._read_again
        self.share_button.setEnabled(not self._busy and post is not None and bool(chosen)
                                     and not blocked and not empty_quote and not stale)

    def action_words(self, chosen: Sequence[Account]) -> str:
        """Who the share goes out as, on the button itself."""
        who = names_words(chosen)
        if self.pane is Pane.OFFICIAL and self.revising is not None:
            return self.tr("Resubmit share for approval, as {accounts}").format(accounts=who) \
                if who else self.tr("Resubmit share for approval (choose an account)")
        if self.pane is Pane.OFFICIAL:
            return self.tr("Submit share for approval, as {accounts}").format(accounts=who) \
                if who else self.tr("Submit share for approval (choose an account)")
        if not who:
            return self.tr("Share (choose an account)")
        if self.kind is ShareKind.QUOTE:
            return self.tr("Share as {accounts}").format(accounts=who)
        post = self.post
        if post is not None and post.platform is Platform.BLUESKY:
            return self.tr("Repost as {accounts}").format(accounts=who)
        return self.tr("Boost as {accounts}").format(accounts=who)

    def _route_words(self, chosen: Sequence[Account]) -> str:
        post = self.post
        if post is None:
            return ""
        lines = []
        for account in chosen:
            native = self.routes_known.get(account.id)
            if not post.quotes_allowed and account.platform is post.platform:
                # Said before the person writes their words (sharing would refuse it).
                lines.append(self.tr("{account}: cannot quote it: {author} has turned off quotes "
                                     "of this post. Boost it instead.").format(
                    account=account.address, author=post.author))
                continue
            lines.append(
                self.tr("{account}: as a quote post").format(account=account.address)
                if native else
                self.tr("{account}: as the post's link at the end of your words").format(
                    account=account.address) if native is False else
                self.tr("{account}: as a quote post if its server allows it, otherwise as "
                        "the post's link").format(account=account.address))
        return "\n".join(lines)

    def _count_words(self, chosen: Sequence[Account]) -> str:
        """Each platform's room, the link counted where it goes in the text."""
        text, post = self.quote_text.toPlainText(), self.post
        parts = []
        for account in chosen:
            native = self.routes_known.get(account.id)
            with_link = text if post is None or native else f"{text}\n\n{post.url}"
            check = check_bluesky(with_link) if account.platform is Platform.BLUESKY else \
                check_mastodon(with_link)
            said = self.session.say(check.message())
            if said not in parts:
                parts.append(said)
        return " ".join(parts)

    # -- sharing ----------------------------------------------------------------------------

    def share(self) -> None:
        post, chosen = self.post, [a.id for a in self.chosen()]
        if post is None or not chosen or self._busy:
            return
        kind, quote = self.kind, self.quote_text.toPlainText()
        sharing, person, pane = sharing_of(self.session), self.session.person, self.pane
        self._set_busy(True)
        self.say(self.tr("Submitting the share…") if pane is Pane.OFFICIAL
                 else self.tr("Sharing…"))
        quote = quote if kind is ShareKind.QUOTE else ""
        revising = self.revising
        if revising is not None:
            def send_again() -> ShareResult:
                sharing.revise(revising.id, person, post=post, kind=kind, targets=chosen,
                               quote=quote)
                return sharing.resubmit(revising.id, person)

            self.session.in_background(send_again, self._shared, self._not_shared)
            return
        self.session.in_background(
            lambda: sharing.share(post, kind, chosen, person, pane, quote=quote),
            self._shared, self._not_shared)

    def _shared(self, result: ShareResult) -> None:
        draft = result.draft
        self._set_busy(False)
        report = result.report
        if draft.state is DraftState.SUBMITTED:
            self.say(self.tr("Submitted for approval. A second person must approve this share "
                             "before it goes out."))
        elif report is not None and not report.complete:
            self.say(self.tr("Not shared everywhere: see History for each account."),
                     error=True)
        else:
            self.say(self.tr("Shared."))
        self.session.report(Changes.of_draft(draft) | Changes(history=frozenset({self.pane})))
        self.clear_post()
        self.shared.emit(draft)

    def _not_shared(self, error: BaseException) -> None:
        self._set_busy(False)
        self.say(unexpected(error, self.session.words), error=True)

    def clear_post(self) -> None:
        """After a share: ready for the next link (what was said about this one stays)."""
        self.post = None
        self.revising = None
        self._read_again = False
        self.came_back.setVisible(False)
        self.link.clear()
        self.quote_text.clear()
        self.preview.show_post(None)
        self.pictures.clear()
        self.first_time.setVisible(False)
        self.choices.setVisible(False)

    # -- a share that came back -------------------------------------------------------------

    def load_draft(self, draft: Draft) -> None:
        """Open a share that came back to its author, as it is stored, with why it came back:
        "Look up" reads its post again, then the button sends this draft on (not a new one)."""
        share = draft.content.share
        if share is None:
            return
        self.clear_post()
        self.toggle.setChecked(True)
        self.revising = draft
        self.post = share.post
        self.link.setText(share.post.url or share.post.uri)
        reader = reader_of(share.post, self.targets.accounts, draft.content.targets)
        if reader is not None:
            self.reader.setCurrentIndex(max(self.reader.findData(reader.id), 0))
            self._reader_chosen = True
        self.targets.set_chosen(list(draft.content.targets))
        (self.quote if share.kind is ShareKind.QUOTE else self.boost).setChecked(True)
        self.quote_text.setPlainText(draft.content.text if share.kind is ShareKind.QUOTE else "")
        self.preview.show_post(share.post)
        self._fetch_pictures(share.post)
        why = self.session.say(why_it_came_back(draft.decision_note.strip()))
        self.came_back.setText(
            self.tr("This share came back to you: {note}").format(note=why) if why else
            self.tr("This share came back to you. Look at it again and resubmit."))
        self.came_back.setVisible(True)
        self.choices.setVisible(True)
        self._kind_changed()
        self.say(self.tr("Look the post up again to see it as it is now, then send the share "
                         "on."))
        self.look_up_button.setFocus()
