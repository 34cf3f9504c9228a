"""Someone else's post, as a share will carry it: who wrote it (name and address), its words,
its pictures by their alt text, when it was written, Bluesky's labels and its link.

Two forms of the same facts: plain lines for the share box's preview (a plain-text label: a
server's words are shown as words, never as markup), and escaped rich text for the approver's
queue page and decide dialog, beside the organisation's own words of a quote. The post's text
may be right-to-left or hold emoji: both forms keep it whole and let Qt lay it out; invisible and
control characters are drawn as ``⟨U+…⟩`` (``core.visible_text``), as in every post an approver
reads.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import QLabel, QWidget

from safedesk.core.models import Content, Platform, Share, SharedPost, ShareKind
from safedesk.core.visible_text import visible
from safedesk.gui.shared_pictures import PicturesShown

translate = QCoreApplication.translate


def _escaped(text: str) -> str:
    return html.escape(visible(text))


def written_at(moment: datetime | None) -> str:
    """When the post was written, in this computer's time zone and the window's language."""
    if moment is None:
        return translate("SharedPost", "unknown")
    local = moment.astimezone()
    locale = QLocale()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return local.strftime("%d %b %Y %H:%M")
    return locale.toString(QDateTime(QDate(local.year, local.month, local.day),
                                      QTime(local.hour, local.minute)), "dd MMM yyyy HH:mm")


def author_words(post: SharedPost) -> str:
    """The author as people know them: "Fire Service (@fire@service.example)"."""
    return f"{post.author_name} ({post.author})" if post.author_name.strip() else post.author


def kind_words(kind: ShareKind, post: SharedPost) -> str:
    """What a share is, by whom it shares: "Boost of @fire@service.example"."""
    if kind is ShareKind.QUOTE:
        return translate("SharedPost", "Quote of {author}").format(author=post.author)
    return translate("SharedPost", "Boost of {author}").format(author=post.author) \
        if post.platform is Platform.MASTODON else \
        translate("SharedPost", "Repost of {author}").format(author=post.author)


def post_lines(post: SharedPost) -> list[str]:
    """The post's facts as plain lines, in the order a reader meets them."""
    lines = [translate("SharedPost", "By {author}").format(author=visible(author_words(post))),
             translate("SharedPost", "Written {when}").format(when=written_at(post.created_at))]
    if post.edited_at is not None:
        lines.append(translate("SharedPost", "Edited {when}").format(
            when=written_at(post.edited_at)))
    lines += ["", visible(post.text.strip()) or translate("SharedPost", "(no text)"), ""]
    for number, media in enumerate(post.media, 1):
        lines.append(translate("SharedPost", "Image {number}: {alt}").format(
            number=number, alt=visible(media.alt_text.strip()) if media.alt_text.strip()
            else translate("SharedPost", "no alt text")))
    if post.labels:
        lines.append(translate("SharedPost", "Labels: {labels}").format(
            labels=", ".join(visible(label) for label in post.labels)))
    lines.append(translate("SharedPost", "Link: {link}").format(link=visible(post.url)))
    return lines


def shared_post_html(content: Content, pictures: PicturesShown | None = None) -> str:
    """A share's whole story for the approver: the organisation's words of a quote, then the
    shared post in full, with each of its ``pictures`` that has arrived above its alt text;
    "" for a post that shares nothing."""
    share: Share | None = content.share
    if share is None:
        return ""
    post = share.post
    heading = _escaped(kind_words(share.kind, post))
    quote = ""
    if share.kind is ShareKind.QUOTE:
        quote = translate("SharedPost", "<b>Our words:</b> {text}").format(
            text=_escaped(content.text.strip()).replace("\n", "<br>")) + "<br>"
    body = _escaped(post.text.strip()).replace("\n", "<br>") or \
        _escaped(translate("SharedPost", "(no text)"))
    details = [translate("SharedPost", "<b>Written by:</b> {author}").format(
        author=_escaped(author_words(post))),
        translate("SharedPost", "<b>Written:</b> {when}").format(
            when=_escaped(written_at(post.created_at)))]
    if post.edited_at is not None:
        details.append(translate("SharedPost", "<b>Edited:</b> {when}").format(
            when=_escaped(written_at(post.edited_at))))
    for number, media in enumerate(post.media, 1):
        shown = (pictures or {}).get(number)
        if shown is not None and shown.url:
            details.append(f'<img src="{html.escape(shown.url)}">')
        details.append(translate("SharedPost", "<b>Image {number}:</b> {alt}").format(
            number=number, alt=_escaped(media.alt_text.strip() or
                                        translate("SharedPost", "no alt text"))))
        if shown is not None and shown.fetching:
            details.append(_escaped(translate("SharedPost", "(fetching it to show it…)")))
        elif shown is not None and not shown.url:
            details.append(translate("SharedPost", "(it cannot be shown: {why})").format(
                why=_escaped(shown.problem)))
    if post.labels:
        details.append(translate("SharedPost", "<b>Labels:</b> {labels}").format(
            labels=_escaped(", ".join(post.labels))))
    link = _escaped(post.url)
    details.append(translate("SharedPost", "<b>Link:</b> {link}").format(
        link=f'<a href="{link}">{link}</a>'))
    return (f"<p><b>{heading}</b><br>{quote}</p><blockquote>{body}</blockquote>"
            f"<p>{'<br>'.join(details)}</p>")


class SharedPostView(QLabel):
    """The share box's preview of the post it will share: plain text, selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("The post to share"))
        self.setTextFormat(Qt.TextFormat.PlainText)  # a server's words, never its markup
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setMargin(6)
        self.post: SharedPost | None = None
        self.setVisible(False)

    def show_post(self, post: SharedPost | None) -> None:
        self.post = post
        self.setText("\n".join(post_lines(post)) if post is not None else "")
        self.setVisible(post is not None)
