"""The compose box of one pane: targets, text, live counts, preview, images, and the one button
whose words always say who you are about to post as.

It only ever lists its own pane's accounts; the core refuses anything else anyway. Every change
is saved as a draft after a short pause, so closing or killing the app loses nothing
(``compose_save``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import (
    Account,
    Content,
    ContentWarningOnBluesky,
    Draft,
    MediaItem,
    Pane,
    Platform,
    Visibility,
)
from safedesk.core.policy import check_content
from safedesk.core.policy.checks import only_invisible
from safedesk.core.rules import INVISIBLE_ONLY
from safedesk.core.server_text import published_content
from safedesk.gui.announce import plain_words
from safedesk.gui.compose_counts import CountsHolder, account_lines
from safedesk.gui.compose_images import ImageStrip
from safedesk.gui.compose_language import LanguageFollower
from safedesk.gui.compose_pair import PairEditor
from safedesk.gui.compose_save import DraftSaver
from safedesk.gui.compose_thread import (
    SPLIT_OFFER,
    ThreadEditor,
    thread_count_lines,
)
from safedesk.gui.compose_words import (
    BLUESKY_CW_CHOICES,
    VISIBILITIES,
    language_names,
)
from safedesk.gui.finding_marks import FindingMarks
from safedesk.gui.findings import BlockReason, FindingsList
from safedesk.gui.identity_button import IdentityButton
from safedesk.gui.link_card import LinkCardPanel
from safedesk.gui.mention_completion import MentionCompletion
from safedesk.gui.pane_names import names_itself
from safedesk.gui.schedule_field import ScheduleField
from safedesk.gui.session import DeskSession
from safedesk.gui.spell_check import SpellCheck
from safedesk.gui.targets import TargetList, action_texts
from safedesk.gui.theme import ERROR_PROPERTY, error_style, mark_error, refresh_error_colours

PREVIEW_DELAY_MS = 250  # a pause in typing, before the preview is drawn
POLICY_DELAY_MS = 150  # a pause in typing, before the safety checks run again
translate = QCoreApplication.translate

COMBO_MINIMUM_CHARACTERS = 18


class ComposeBox(QWidget):
    send_requested = Signal(object)  # the saved Draft, ready to publish or submit
    copy_requested = Signal(object)  # the saved Draft to copy to the other pane
    edited = Signal()  # the person changed what the box holds (not a draft being loaded)
    share_opened = Signal(object)  # a share's Draft, refused here: the pane's share box opens it
    default_language = ""  # what a new draft starts with; the pane sets it from the settings

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.draft: Draft | None = None
        self.reply_to: str | None = None
        self._loading = False
        self._over = False  # the post does not fit a chosen account (said once when it changes)
        self._sendable = False  # chosen accounts, something to say, it fits and no image pending

        self.targets = TargetList(session, pane, self)
        self.targets.setMaximumHeight(96)
        self._create_text_boxes()
        self._create_options()
        self._create_image_controls()
        self.pair = PairEditor(session, pane, self.language, self.image_strip, self)  # cy + en
        self.link_card = LinkCardPanel(session, self.text, self)
        self.thread_editor = ThreadEditor(pane, self.targets.chosen_accounts, self.content,
                                          self.text.setPlainText, self)
        self._create_reports()
        # Said on every keystroke that needs them: translated once, here.
        self._split_offer = f"<i>{html.escape(translate('ThreadEditor', SPLIT_OFFER))}</i>"
        self._no_alt_text = "<i>" + html.escape(self.tr(
            "Some images have no alt text; people using screen readers will miss them.")) + "</i>"
        self._no_account = self.tr("Choose at least one account.")
        self.findings = FindingsList(self, self.session.words)
        self.finding_marks = FindingMarks(self.text, lambda: self.thread_editor.boxes,
                                          self.session.words)
        self.block_reason = BlockReason(self, self.session.words)
        self.send_button = IdentityButton(self)
        self.send_button.setObjectName(f"{pane.value}SendButton")
        names_itself(self.send_button)  # "Post as @jo@…", "Submit for approval, as @council…"
        self.copy_button = QPushButton(
            self.tr("Copy to the official pane") if pane is Pane.PERSONAL
            else self.tr("Copy to the personal pane"), self)
        self.copy_button.setToolTip(self.tr("Starts a new draft there, under that pane's own "
                                            "rules."))

        # Text dragged out of one pane's box would be moved, not copied, into the other's:
        # the only way across is "Copy to the other pane", which makes a new, audited draft.
        for editor in (self.text, self.content_warning):
            editor.setAcceptDrops(False)
        self._build_layout()
        self.saver = DraftSaver(self)
        # The per-account preview is HTML, the dearest part of a keystroke: it is drawn once
        # typing pauses, while the counts stay exact on every keystroke.
        self._preview_timer = self._pause_timer(PREVIEW_DELAY_MS, self.render_preview)
        self._preview_accounts: list[Account] = []
        self._alarm: tuple[int, str] | None = None  # the window palette's key, its error style
        # The safety checks scan the whole post: while the person types they run once typing
        # pauses (and at once before Send), and at once for any other change (a draft loaded,
        # an account ticked, the settings changed). The counts stay exact on every keystroke.
        self._policy_timer = self._pause_timer(POLICY_DELAY_MS, self._check_policy)
        self._policy_blocked = False  # a finding or a core rule refuses the post as checked
        self._typing = False  # a key press in the text box is being handled
        self._key_handled = self._pause_timer(0, self._typing_over)
        self.text.installEventFilter(self)
        # Both need the language and the chosen accounts, made above.
        self.spell_check = SpellCheck(self.text, self.language, session)
        self.completion = MentionCompletion(self.text, session, self.targets.chosen_accounts)
        self.language_follower = LanguageFollower(self)  # the language follows the words
        self._connect()
        self.reload_accounts()

    def _connect(self) -> None:
        for signal in (self.text.textChanged, self.content_warning.textChanged):
            signal.connect(self._changed)
        self.language.currentIndexChanged.connect(self._changed)
        self.visibility.currentIndexChanged.connect(self._changed)
        self.bluesky_cw.currentIndexChanged.connect(self._changed)
        self.schedule.changed.connect(self._changed)
        self.targets.itemChanged.connect(self._ticked)
        self.image_strip.changed.connect(self._changed)
        self.pair.changed.connect(self._changed)
        self.link_card.changed.connect(self._changed)
        self.thread_editor.changed.connect(self._changed)
        self.image_strip.busy_changed.connect(self._refresh)
        self.image_strip.notice.connect(lambda text, error: self.show_notice(text, error=error))
        self.cancel_reply.clicked.connect(lambda: self.set_reply_to(None, ""))
        self.send_button.clicked.connect(self.send)
        self.copy_button.clicked.connect(self._copy)
        # Ctrl+Enter sends from this pane only, and only while focus is inside it.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.send)
        self.session.accounts_changed.connect(self.reload_accounts)
        self.session.policy_changed.connect(self._refresh)  # checked again under new settings

    def _create_text_boxes(self) -> None:
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Personal post text") if self.pane is Pane.PERSONAL
                                    else self.tr("Official post text"))
        self.text.setPlaceholderText(self.tr("What do you want to say?"))
        self.text.setTabChangesFocus(True)  # keyboard-only use: Tab leaves the box
        self.content_warning = QLineEdit(self)
        self.content_warning.setAccessibleName(self.tr("Content warning"))
        self.content_warning.setPlaceholderText(self.tr("Content warning (optional)"))

    def _create_reports(self) -> None:
        """The counts, the preview, the reply line and the notice: what the box says."""
        self.counts_holder = CountsHolder(self)  # its text changes lay out nothing else
        self.counts = self.counts_holder.label
        self.counts.setAccessibleName(self.tr("Length per account"))
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("Preview per platform"))
        self.preview.setMaximumHeight(140)
        self.reply_banner = QLabel(self)
        self.reply_banner.setVisible(False)
        self.cancel_reply = QPushButton(self.tr("Not a reply"), self)
        self.cancel_reply.setVisible(False)
        self.notice = QLabel(self)
        self.notice.setAccessibleName(self.tr("Message"))
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)

    def _create_options(self) -> None:
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in language_names():
            self.language.addItem(name, code)
        self.visibility = QComboBox(self)
        self.visibility.setAccessibleName(self.tr("Who can see it on Mastodon"))
        for value, words in VISIBILITIES:
            self.visibility.addItem(translate("ComposeBox", words), value)
        self.bluesky_cw = QComboBox(self)
        self.bluesky_cw.setAccessibleName(self.tr("What to do with the warning on Bluesky"))
        for policy, words in BLUESKY_CW_CHOICES:
            self.bluesky_cw.addItem(translate("ComposeBox", words), policy)
        self.bluesky_cw_label = QLabel(self.tr("On Bluesky"), self)
        # Their longest choices are sentences: shown in full in the open list, shortened in the
        # closed box rather than widening the pane past a laptop's screen.
        for choices in (self.language, self.visibility, self.bluesky_cw):
            choices.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            choices.setMinimumContentsLength(COMBO_MINIMUM_CHARACTERS)
        # A post can wait for a time: SafeDesk publishes it then (an official one once approved).
        self.schedule = ScheduleField(self.session.app.clock, self, self.pane)

    def _create_image_controls(self) -> None:
        self.image_strip = ImageStrip(
            self.session, lambda: {a.platform for a in self.targets.chosen_accounts()}, self)
        strip = self.image_strip
        self.images, self.add_image, self.edit_alt, self.remove_image, self.use_still = (
            strip.images, strip.add_image, strip.edit_alt, strip.remove_image, strip.use_still)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Post as"), self.targets)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.thread_editor)
        form.addRow(self.tr("Warning"), self.content_warning)
        form.addRow(self.bluesky_cw_label, self.bluesky_cw)
        form.addRow(self.tr("Language"), self.pair.beside(self.language))  # "Bilingual" too
        form.addRow(self.pair)
        audience = QHBoxLayout()
        audience.addWidget(self.visibility, 1)
        audience.addWidget(self.schedule.enabled)
        form.addRow(self.tr("Audience"), audience)
        form.addRow(self.schedule.label, self.schedule.when)
        form.addRow(self.tr("Images"), self.image_strip)
        form.addRow(self.tr("Link card"), self.link_card)
        reply = QHBoxLayout()
        reply.addWidget(self.reply_banner, 1)
        reply.addWidget(self.cancel_reply)
        column = QVBoxLayout(self)
        column.addLayout(reply)
        column.addLayout(form, 1)
        column.addWidget(self.counts_holder)
        column.addWidget(self.findings)
        column.addWidget(QLabel(self.tr("Preview"), self))
        column.addWidget(self.preview)
        column.addWidget(self.notice)
        # Copy and Send, in a bar of their own that the pane keeps in sight below the page
        # (which scrolls on a short screen); Send the whole width, its words naming accounts.
        self.action_bar = QWidget(self)
        # The reason a block stops Send goes on its own line just above it: squeezed beside a
        # button that names its accounts it wrapped a word to a line.
        rows = QVBoxLayout(self.action_bar)
        rows.setContentsMargins(9, 0, 9, 6)
        rows.addWidget(self.block_reason)
        bar = QHBoxLayout()
        rows.addLayout(bar)
        bar.addWidget(self.copy_button)
        bar.addStretch(1)
        bar.addWidget(self.send_button, 1)

    def show_notice(self, text: str, *, error: bool = False) -> None:
        """An inline message under the box: it never blocks typing, and stays until replaced."""
        mark_error(self.notice, error=error)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.session.announce(self.notice, text, urgent=error)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # The system switched between light and dark: error text takes the red for the new
        # background.
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()
            refresh_error_colours(self)
        super().changeEvent(event)

    def _pause_timer(self, interval_ms: int, slot: Callable[[], object]) -> QTimer:
        """A timer that fires once typing has paused for ``interval_ms``."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # -- accounts and targets ---------------------------------------------------------------

    def reload_accounts(self) -> None:
        self._loading = True
        self.targets.reload()
        if self.draft is None and not self.targets.chosen_ids():
            self.targets.set_chosen(self.targets.usual_ids())  # e.g. the one account just added
        self._loading = False
        self._refresh()

    def chosen_target_ids(self) -> list[str]:
        return self.targets.chosen_ids()

    def set_targets(self, account_ids: list[str]) -> None:
        self.targets.set_chosen(account_ids)

    def _ticked(self) -> None:
        if not self._loading:
            self.targets.remember()  # the person's choice: the next new draft starts with it
        self._changed()

    # -- content and drafts -----------------------------------------------------------------

    def content(self) -> Content:
        """What the box holds, as the servers will keep it (as it is stored, too)."""
        return published_content(Content(
            text=self.text.toPlainText(),
            targets=tuple(self.chosen_target_ids()),
            content_warning=self.content_warning.text(),
            language=str(self.language.currentData() or ""),
            media=tuple(self.media),
            reply_to=self.reply_to,
            visibility=Visibility(self.visibility.currentData()),
            cw_on_bluesky=ContentWarningOnBluesky(self.bluesky_cw.currentData()),
            schedule_at=self.schedule.value(),
            link_card=self.link_card.card,
            thread=self.thread_editor.parts(),
            translation=self.pair.translation(),
        ))

    def is_empty(self) -> bool:
        content = self.content()
        return not (content.text.strip() or content.content_warning.strip() or content.media
                    or (content.translation and content.translation.text.strip()))

    def load_draft(self, draft: Draft | None) -> None:
        """Show a stored draft (or a blank one) without saving anything. Never a share: this
        box would drop what it shares (a boost would become an empty post), so it is passed on
        to the share box and this box is left as it was."""
        if draft is not None and draft.content.share is not None:
            self.share_opened.emit(draft)
            return
        self.saver.another_draft()
        self._loading = True
        self._over = False  # another post: whether it fits is news again
        self.draft = draft
        content = draft.content if draft else Content(
            text="", targets=tuple(self.targets.usual_ids()), language=self.default_language)
        self.text.setPlainText(content.text)
        self.thread_editor.load(content.thread)
        self.content_warning.setText(content.content_warning)
        index = self.language.findData(content.language)
        self.language.setCurrentIndex(max(index, 0))
        self.visibility.setCurrentIndex(max(self.visibility.findData(content.visibility), 0))
        self.bluesky_cw.setCurrentIndex(max(self.bluesky_cw.findData(content.cw_on_bluesky), 0))
        self.image_strip.load(list(content.media))  # checks still running are forgotten
        self.pair.load(content.translation)
        self.link_card.load(content.link_card, content.text)  # fetches nothing
        self.set_targets(list(content.targets))
        self.schedule.set_value(content.schedule_at)
        self.set_reply_to(content.reply_to,
                          self.tr("an earlier post") if content.reply_to else "")
        self._loading = False
        self.language_follower.reset(following=draft is None)  # a stored one keeps its own
        self._refresh()

    def set_reply_to(self, draft_id: str | None, description: str) -> None:
        self.reply_to = draft_id
        self.reply_banner.setText(self.tr("Replying to {post}").format(post=description)
                                  if draft_id else "")
        self.reply_banner.setVisible(draft_id is not None)
        self.cancel_reply.setVisible(draft_id is not None)
        self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            self._typing = True  # until this pass of the event loop is over
            self._key_handled.start()
        return super().eventFilter(watched, event)

    def _typing_over(self) -> None:
        self._typing = False

    def _changed(self) -> None:
        if self._loading:
            return
        if self.notice.property(ERROR_PROPERTY):
            self.show_notice("")  # it was about the box as it was; the counts say what is wrong now
        self._refresh(check_now=not self._typing)
        self.saver.changed()
        self.edited.emit()

    def save_now(self) -> Draft | None:
        """Write the box to the database now, after any autosave still under way: what Send,
        Submit and closing need (see ``compose_save``)."""
        return self.saver.save_now()

    # -- counts and preview -----------------------------------------------------------------

    def _refresh(self, *, check_now: bool = True) -> None:
        """Counts, notes and Send's words for what the box holds; the safety checks too, at
        once, or (while typing, ``check_now`` false) once typing pauses."""
        accounts = self.targets.chosen_accounts()
        content = self.content()
        lines: list[str] = []
        over = too_long = False
        alarm = self._alarm_style()  # the red that reads on this scheme's background
        to_bluesky = any(a.platform is Platform.BLUESKY for a in accounts)
        warned = bool(content.content_warning.strip()) or self.pair.warned()
        self.bluesky_cw.setVisible(to_bluesky and warned)
        self.bluesky_cw_label.setVisible(to_bluesky and warned)
        self.visibility.setEnabled(any(a.platform is Platform.MASTODON for a in accounts))
        for account in accounts:
            fit = account_lines(account, content, alarm, self.session.say)
            part_lines, parts_over = thread_count_lines(account, content, alarm)
            lines += fit.lines + part_lines
            over, too_long = over or fit.blocked or parts_over, too_long or fit.too_long
        lines, pair_over = self.pair.counted(lines, accounts, content, alarm)
        over = over or pair_over
        self.thread_editor.offer_split(too_long=too_long)
        if too_long and not content.thread:
            lines.append(self._split_offer)
        if self.media and self.pane is Pane.PERSONAL and any(not m.alt_text for m in self.media):
            lines.append(self._no_alt_text)
        self.counts_holder.set_text("<br>".join(lines) or self._no_account)
        self._announce_fit(accounts, over=over)
        self._preview_accounts = accounts  # drawn from these, with no second read of the store
        self._preview_timer.start()
        self.image_strip.show_still_button(to_bluesky=to_bluesky)
        self.send_button.set_words(self.pair.action_words(action_texts(
            self.pane, accounts, self.schedule.words())))
        self._sendable = bool(accounts) and not over and not self.image_strip.busy and bool(
            content.text.strip() or content.content_warning.strip() or content.media)
        if check_now:
            self._check_policy(content)
        else:
            self._policy_timer.start()
            self._enable_send()
        # A copy made now would leave out the image being checked.
        self.copy_button.setEnabled(not self.image_strip.busy)

    def _alarm_style(self) -> str:
        """``error_style`` for this box, worked out again only when the window's colours change
        (measuring contrast at every keystroke cost more than the count)."""
        key = self.window().palette().cacheKey()
        if self._alarm is None or self._alarm[0] != key:
            self._alarm = (key, error_style(self))
        return self._alarm[1]

    def _check_policy(self, content: Content | None = None) -> None:
        """Run the safety checks on ``content`` (by default what the box holds now) and show
        what they found: the list, the underlines, and the reason beside Send."""
        self._policy_timer.stop()
        if content is None:
            content = self.content()
        context = self.session.policy_for_post(content.schedule_at)
        # Each language's findings under its own box: the first here, the second by the pair.
        findings = check_content(replace(content, translation=None), self.pane, context)
        self.findings.show_findings(findings)
        self.finding_marks.show_findings(findings)  # underlined where they are
        findings += self.pair.show_findings(content, context)  # the second language's, under it
        invisible = not content.media and only_invisible(content.text)
        refusal = INVISIBLE_ONLY if invisible else self.pair.refusal(content)
        self._policy_blocked = self.block_reason.show_for(
            findings, self.session.say(refusal) if refusal else "")
        self._enable_send()

    def check_policy_now(self) -> None:
        """Run the safety checks now if typing left them waiting for a pause (Send does)."""
        if self._policy_timer.isActive():
            self._check_policy()

    def _enable_send(self) -> None:
        self.send_button.setEnabled(self._sendable and not self._policy_blocked)

    def _announce_fit(self, accounts: list[Account], *, over: bool) -> None:
        """Say when the post stops fitting an account, and when it fits again: once each way,
        not at every keystroke."""
        if over == self._over:
            return
        self._over = over
        if over:
            self.session.announce(self.counts, plain_words(self.counts.text()))
        elif accounts:
            self.session.announce(self.counts, self.tr("The post fits every chosen account "
                                                       "again."))

    def render_preview(self) -> None:
        """Draw how the post will look on each chosen account (after a pause in typing)."""
        self._preview_timer.stop()
        content = self.content()
        self.preview.setHtml("<hr>".join(self.pair.preview_html(account, content)
                                         for account in self._preview_accounts))

    # -- images (see ``compose_images``) ----------------------------------------------------

    @property
    def media(self) -> list[MediaItem]:
        return self.image_strip.media

    def attach_image(self, path: Path, alt_text: str) -> None:
        self.image_strip.attach_image(path, alt_text)

    def use_stills(self) -> None:
        self.image_strip.use_stills()

    # -- actions ----------------------------------------------------------------------------

    def send(self) -> None:
        self.check_policy_now()  # typed a moment ago: Send judges the words as they are now
        if not self.send_button.isEnabled():
            return
        draft = self.save_now()
        if draft is not None:
            self.send_requested.emit(draft)

    def _copy(self) -> None:
        if not self.copy_button.isEnabled():
            return
        draft = self.save_now()
        if draft is not None:
            self.copy_requested.emit(draft)
