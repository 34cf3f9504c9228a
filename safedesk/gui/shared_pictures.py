"""The pictures of a post to share, shown small (``services.share_pictures`` reads and shrinks
them, off the GUI thread): in the share box as a row of pictures, and on the approver's queue page
and in the decide dialog inside the shared post's story, each above its alt text. A picture that
cannot be shown says why in its place, so a missing picture is never mistaken for a post without
one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from safedesk.core.messages import Message
from safedesk.services.share_pictures import SharedPicture


@dataclass(frozen=True, slots=True)
class ShownPicture:
    """What the queue page's HTML knows of one picture: the address of its image in the page's
    document, or why it cannot be shown, or that it is still being fetched."""

    url: str = ""
    problem: str = ""
    fetching: bool = False


PicturesShown = Mapping[int, ShownPicture]  # by the picture's number


def all_pictures(count: int, shown: ShownPicture) -> dict[int, ShownPicture]:
    """The same state for each of a post's ``count`` pictures (fetching, or all failed)."""
    return dict.fromkeys(range(1, count + 1), shown)


def add_to_document(document: QTextDocument, key: str, pictures: Sequence[SharedPicture],
                    say: Callable[[str | Message], str]) -> dict[int, ShownPicture]:
    """Each picture that could be read added to ``document`` as an image, under an address of
    ``key`` (the draft's id: another post's pictures never stand in); what the HTML shows."""
    shown: dict[int, ShownPicture] = {}
    for picture in pictures:
        image = QImage.fromData(picture.png) if picture.png else QImage()
        if image.isNull():
            shown[picture.number] = ShownPicture(problem=say(picture.problem) if picture.problem
                                                 else "")
            continue
        url = f"shared-picture:{key}/{picture.number}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        shown[picture.number] = ShownPicture(url=url)
    return shown


def images_of(document: QTextDocument, shown: PicturesShown) -> dict[str, QImage]:
    """The pictures :func:`add_to_document` put in ``document``, by address: for another
    document (the decide dialog's) to show the same page."""
    images = {}
    for picture in shown.values():
        if not picture.url:
            continue  # still being fetched, or cannot be shown
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.url))
        if isinstance(image, QImage):
            images[picture.url] = image
    return images


def put_images(document: QTextDocument, images: Mapping[str, QImage]) -> None:
    for url, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)


class PictureRow(QWidget):
    """The share box's row of the post's pictures, each with its alt text as what a screen
    reader hears and the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("The pictures of the post to share"))
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        self.setVisible(False)

    def clear(self) -> None:
        while (item := self._row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.labels = []
        self.setVisible(False)

    def show_loading(self, count: int) -> None:
        self.clear()
        if count:
            self._add(self.tr("Fetching the pictures to show them…"), "")

    def show_failed(self) -> None:
        """Something unforeseen stopped the pictures: said, so that "fetching" does not stay."""
        self.clear()
        self._add(self.tr("The pictures could not be fetched. Open the post's link to see "
                          "them."), "")

    def show_pictures(self, pictures: Sequence[SharedPicture],
                      say: Callable[[str | Message], str]) -> None:
        self.clear()
        for picture in pictures:
            alt = picture.alt_text.strip() or self.tr("no alt text")
            name = self.tr("Image {number}: {alt}").format(number=picture.number, alt=alt)
            pixmap = QPixmap()
            if picture.png and pixmap.loadFromData(picture.png):
                label = self._add("", name)
                label.setPixmap(pixmap)
            else:
                why = say(picture.problem) if picture.problem else ""
                self._add(self.tr("Image {number} cannot be shown: {why}").format(
                    number=picture.number, why=why), name)
        self._row.addStretch(1)

    def _add(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(bool(text))
        label.setAccessibleName(name or text)
        label.setToolTip(name)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._row.addWidget(label)
        self.labels.append(label)
        self.setVisible(True)
        return label
