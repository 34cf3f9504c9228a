"""Describing an image: the picture itself beside the words, and how long they may be.

The description is written looking at the image (shown scaled down), in a box that wraps its
lines and that Tab leaves (a keyboard user never types a tab character by accident). The count
below says how the words fit each platform the post goes to: Mastodon refuses a description over
its limit, so OK waits until it fits; Bluesky's app shows a shorter one in full, said as advice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.counting import grapheme_count
from safedesk.core.messages import ENGLISH, Words, msg, msgn
from safedesk.core.models import Platform
from safedesk.gui.tasks import OnDone, OnError, Work
from safedesk.gui.theme import mark_error

MASTODON_ALT_LIMIT = 1500  # Mastodon refuses a longer media description (characters)
BLUESKY_ALT_SHOWN = 1000  # Bluesky's app shows this many graphemes of a description
PICTURE_SIDE = 240


def alt_text_fit(words: str, platforms: set[Platform],
                 words_of: Words = ENGLISH) -> tuple[str, bool]:
    """What to say about the description's length for these platforms, and whether it may be
    kept (Mastodon's limit is the only hard one)."""
    length = grapheme_count(words)
    lines, fits = [], True
    if Platform.MASTODON in platforms:
        characters = len(words)
        if characters > MASTODON_ALT_LIMIT:
            fits = False
            lines.append(msg("Too long for Mastodon: {used} of {limit} characters. Remove "
                             "{over}.", used=characters, limit=MASTODON_ALT_LIMIT,
                             over=characters - MASTODON_ALT_LIMIT).render(words_of))
        else:
            lines.append(msgn("Mastodon: {count} character left.",
                              "Mastodon: {count} characters left.",
                              MASTODON_ALT_LIMIT - characters).render(words_of))
    if Platform.BLUESKY in platforms:
        if length > BLUESKY_ALT_SHOWN:
            lines.append(msg("Bluesky's app may not show all of it ({length} of {shown}).",
                             length=length, shown=BLUESKY_ALT_SHOWN).render(words_of))
        else:
            lines.append(msg("Bluesky: {count} left.",
                             count=BLUESKY_ALT_SHOWN - length).render(words_of))
    if not platforms:
        lines.append(msgn("{count} character. Choose the accounts to see each platform's limit.",
                          "{count} characters. Choose the accounts to see each platform's "
                          "limit.", length).render(words_of))
    return " ".join(lines), fits


def small_picture(path: Path | None) -> QImage:
    """The picture at most ``PICTURE_SIDE`` pixels a side, decoded at that size where the format
    allows (a photo of several megapixels is not decoded whole to show a thumbnail). A QImage,
    not a pixmap: it is read on a worker, as a large PNG is decoded whole all the same."""
    if path is None:
        return QImage()
    reader = QImageReader(str(path))
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > PICTURE_SIDE:
        reader.setScaledSize(size.scaled(PICTURE_SIDE, PICTURE_SIDE,
                                         Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull() or max(image.width(), image.height()) <= PICTURE_SIDE:
        return image
    return image.scaled(PICTURE_SIDE, PICTURE_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class AltTextDialog(QDialog):
    def __init__(self, picture: Path | None, name: str, alt_text: str,
                 platforms: set[Platform], in_background: Callable[[Work, OnDone, OnError], None],
                 parent: QWidget | None = None, *, words: Words = ENGLISH,
                 second: tuple[str, str] | None = None) -> None:
        """``second``: for a bilingual pair, what the second language's box is called ("Describe
        the image in English") and its alt text so far; the dialog then asks for both."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alt text for {name}").format(name=name) if name
                            else self.tr("Alt text"))
        self._platforms = platforms
        self._words = words  # the window's language, for the counts
        self.picture = QLabel(self)
        self.picture.setAccessibleName(self.tr("The image being described"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(PICTURE_SIDE)  # the words do not jump when it comes
        self.picture.setText(self.tr("Loading the picture…"))
        # Decoded on a worker: the dialog opens at once, and typing never waits for it.
        in_background(lambda: small_picture(picture), self._show_picture,
                   lambda _error: self._show_picture(QImage()))
        self.text = QPlainTextEdit(alt_text, self)
        self.text.setAccessibleName(self.tr("Describe the image"))
        self.text.setPlaceholderText(self.tr("What the image shows, for people who cannot see "
                                             "it"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTabChangesFocus(True)
        self._paired = second is not None
        self.second_text = self._second_box(second)
        self.count = QLabel(self)
        self.count.setAccessibleName(self.tr("Alt text length"))
        self.count.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.picture)
        column.addWidget(QLabel(self.tr("Describe the image:"), self))
        column.addWidget(self.text, 1)
        if second is not None:
            column.addWidget(QLabel(second[0] + ":", self))
            column.addWidget(self.second_text, 1)
        column.addWidget(self.count)
        column.addWidget(self.buttons)
        self.text.textChanged.connect(self._recount)
        self.second_text.textChanged.connect(self._recount)
        self._recount()
        self.resize(520, 520)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def alt_text(self) -> str:
        return self.text.toPlainText().strip()

    def second_alt_text(self) -> str:
        """The second language's alt text ("" when the post is not a pair)."""
        return self.second_text.toPlainText().strip()

    def _second_box(self, second: tuple[str, str] | None) -> QPlainTextEdit:
        box = QPlainTextEdit(second[1] if second else "", self)
        box.setAccessibleName(second[0] if second else "")
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setTabChangesFocus(True)
        box.setVisible(second is not None)
        return box

    def _show_picture(self, image: QImage) -> None:
        if image.isNull():
            self.picture.setText(self.tr("(The picture cannot be shown here.)"))
        else:
            self.picture.setPixmap(QPixmap.fromImage(image))

    def _recount(self) -> None:
        words, fits = alt_text_fit(self.alt_text(), self._platforms, self._words)
        if self._paired:
            second_words, second_fits = alt_text_fit(self.second_alt_text(), self._platforms,
                                                     self._words)
            words, fits = f"{words}\n{self.second_text.accessibleName()}: {second_words}", \
                fits and second_fits
        mark_error(self.count, error=not fits)
        self.count.setText(words)
        self.ok_button.setEnabled(fits)
