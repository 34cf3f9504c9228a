"""The images of a compose box: the list, its buttons, and the checks that run on a worker.

An image is decoded in full before it joins a draft, so a broken or oversized file is refused by
name; until every check is done the box cannot send (``busy``). Results that arrive after
another draft is shown are dropped: the file waits unused in the media library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import MediaItem, Platform
from safedesk.gui.alt_text_dialog import AltTextDialog
from safedesk.gui.session import DeskSession


class ImageStrip(QWidget):
    changed = Signal()  # the person added, removed, described or replaced an image
    busy_changed = Signal()  # a check started or ended: the box may (not) send
    notice = Signal(str, bool)  # words for the box's message line, and whether it is an error

    def __init__(self, session: DeskSession, platforms: Callable[[], set[Platform]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._platforms = platforms  # those of the chosen accounts: the alt-text limits
        self.media: list[MediaItem] = []
        # A bilingual pair's second alt text of each image, in the order of ``media``; and what
        # the alt-text dialog calls its box ("Describe the image in English"), "" when the post
        # is not a pair (the dialog then asks for one language).
        self.second_alts: list[str] = []
        self.second_label = ""
        self.images = QListWidget(self)
        self.images.setAccessibleName(self.tr("Images"))
        self.images.setMaximumHeight(64)
        self.add_image = QPushButton(self.tr("Add image…"), self)
        self.edit_alt = QPushButton(self.tr("Edit alt text…"), self)
        self.remove_image = QPushButton(self.tr("Remove image"), self)
        # Bluesky shows only still pictures: an animation bound for it waits for this choice.
        self.use_still = QPushButton(self.tr("Use a still of the first frame"), self)
        self.use_still.setToolTip(self.tr("Replaces each animated image with a still of its "
                                          "first frame, for every account in this post."))
        self.use_still.setVisible(False)
        self._attaching = 0  # images being checked on a worker
        self._adding: list[str] = []  # the file names of this draft's images being checked
        self._generation = 0  # rises when another draft is shown: late results are dropped

        buttons = QHBoxLayout()
        for button in (self.add_image, self.edit_alt, self.remove_image, self.use_still):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.images)
        column.addLayout(buttons)

        self.add_image.clicked.connect(self._choose_image)
        self.edit_alt.clicked.connect(self._edit_alt_text)
        self.remove_image.clicked.connect(self._remove_image)
        self.use_still.clicked.connect(self.use_stills)

    @property
    def busy(self) -> bool:
        """Whether an image is still being checked (a post sent now would leave it out)."""
        return self._attaching > 0

    def load(self, media: list[MediaItem]) -> None:
        """Show another draft's images; checks still running for the last one are forgotten."""
        self._generation += 1
        self._adding = []
        self.media = list(media)
        self.second_alts = [""] * len(self.media)
        self.show_images()

    def show_still_button(self, *, to_bluesky: bool) -> None:
        self.use_still.setVisible(to_bluesky and any(m.animated for m in self.media))

    def second_alt_texts(self) -> tuple[str, ...]:
        """The second language's alt texts, one per image."""
        return tuple((self.second_alts + [""] * len(self.media))[:len(self.media)])

    def show_images(self) -> None:
        self.images.clear()
        no_alt = self.tr("no alt text yet")
        for item, second in zip(self.media, self.second_alt_texts(), strict=True):
            line = self.tr("{name} (animated): {alt}") if item.animated else \
                self.tr("{name}: {alt}")
            shown = line.format(name=item.filename or item.sha256[:12],
                                alt=item.alt_text or no_alt)
            self.images.addItem(f"{shown} | {second or no_alt}" if self.second_label else shown)
        # Below the attached ones, greyed out: nothing can be done with them until checked.
        for name in self._adding:
            row = QListWidgetItem(self.tr("{name}: adding…").format(name=name))
            row.setFlags(Qt.ItemFlag.NoItemFlags)
            self.images.addItem(row)

    def _chosen_image(self) -> int:
        """The row of the attached image chosen in the list, or -1 (none, or one being added)."""
        row = self.images.currentRow()
        return row if 0 <= row < len(self.media) else -1

    def _tell(self, text: str, *, error: bool = False) -> None:
        self.notice.emit(text, error)

    def attach_image(self, path: Path, alt_text: str, second_alt: str = "") -> None:
        """Check the image (decoded in full, on a worker) and add it, or say by name why not."""
        library = self.session.app.media
        generation = self._generation
        self._attaching += 1
        self._adding.append(path.name)
        self.show_images()
        self._tell(self.tr("Checking {name}…").format(name=path.name))
        self.busy_changed.emit()

        def done(item: MediaItem) -> None:
            self._check_finished()
            if generation != self._generation:
                return  # another draft is shown now; the file waits unused in the library
            self._adding.remove(path.name)
            # Appended to the images as they are now: text, images and alt text changed
            # meanwhile stay as the person left them.
            self.second_alts = [*self.second_alt_texts(), second_alt]
            self.media.append(item)
            self.show_images()
            self._tell("")  # an animation bound for Bluesky is noted per account in the counts
            self.changed.emit()

        def failed(error: BaseException) -> None:
            self._check_finished()
            if generation == self._generation:
                self._adding.remove(path.name)
                self.show_images()
            reason = error.text(self.session.words) if isinstance(error, SafeDeskError) else \
                self.tr("{name} could not be checked ({kind}).").format(
                    name=path.name, kind=type(error).__name__)
            self._tell(self.tr("Image not added: {reason}").format(reason=reason), error=True)

        self.session.in_background(lambda: library.import_file(path, alt_text), done, failed)

    def _check_finished(self) -> None:
        self._attaching -= 1
        self.busy_changed.emit()

    def use_stills(self) -> None:
        """Replace every animated image with a still of its first frame (on a worker)."""
        library = self.session.app.media
        generation = self._generation
        animated = [m for m in self.media if m.animated]
        self._attaching += 1
        self.busy_changed.emit()

        def done(stills: dict[str, MediaItem]) -> None:
            self._check_finished()
            if generation != self._generation:
                return
            # Images added, removed or described meanwhile stay as the person left them.
            self.media = [replace(stills[m.sha256], alt_text=m.alt_text)
                          if m.animated and m.sha256 in stills else m for m in self.media]
            self.show_images()
            names = ", ".join(m.filename for m in animated)
            self._tell(self.tr("Every account now gets a still of the first frame of "
                               "{names}.").format(names=names))
            self.changed.emit()

        def failed(error: BaseException) -> None:
            self._check_finished()
            reason = error.text(self.session.words) if isinstance(error, SafeDeskError) else \
                str(error)
            self._tell(self.tr("No still made: {reason}").format(reason=reason), error=True)

        self.session.in_background(
            lambda: {m.sha256: library.first_frame(m) for m in animated}, done, failed)

    def _choose_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an image"), str(Path.home()),
            self.tr("Images ({patterns})").format(patterns="*.png *.jpg *.jpeg *.gif *.webp"))
        if name:
            self._describe(Path(name), Path(name).name, ("", ""), lambda alt, second:
                           self.attach_image(Path(name), alt, second))

    def _describe(self, picture: Path | None, name: str, alt_texts: tuple[str, str],
                  then: Callable[[str, str], None]) -> AltTextDialog:
        """Ask for the alt text beside the picture (in both languages, for a pair); ``then``
        gets it (and the second language's, kept as it was when the post is not a pair) unless
        cancelled."""
        label = self.second_label
        dialog = AltTextDialog(picture, name, alt_texts[0], self._platforms(),
                               self.session.in_background, self, words=self.session.words,
                               second=(label, alt_texts[1]) if label else None)

        def done(result: int) -> None:
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                then(dialog.alt_text(), dialog.second_alt_text() if label else alt_texts[1])

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _edit_alt_text(self) -> AltTextDialog | None:
        row = self._chosen_image()
        if row < 0:
            return None
        current, generation = self.media[row], self._generation
        try:
            picture: Path | None = self.session.app.media.path_for(current)
        except (OSError, SafeDeskError):
            picture = None  # described all the same; the dialog says it cannot show it

        def described(alt_text: str, second_alt: str) -> None:
            if generation != self._generation or row >= len(self.media) or \
                    self.media[row] is not current:
                return  # the draft or its images changed meanwhile
            self.media[row] = replace(current, alt_text=alt_text)
            self.second_alts = list(self.second_alt_texts())
            self.second_alts[row] = second_alt
            self.show_images()
            self.changed.emit()

        return self._describe(picture, current.filename,
                              (current.alt_text, self.second_alt_texts()[row]), described)

    def _remove_image(self) -> None:
        row = self._chosen_image()
        if row >= 0:
            self.second_alts = list(self.second_alt_texts())
            del self.media[row], self.second_alts[row]
            self.show_images()
            self.changed.emit()
