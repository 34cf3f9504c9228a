"""The send button: its words say who the post goes out as, as fully as its width allows.

"Submit for approval, as @council@social.example.gov.uk and @council.example.gov.uk" does not fit
a pane on a 1366x768 laptop. Rather than cut the words off (or force the window wider than the
screen), the button is given its words from fullest to shortest and shows the fullest that fits;
the shortest still says who ("…as @council@social.example.gov.uk and 1 more"). The full words are
always its tooltip and what a screen reader hears.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget


class IdentityButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._variants: list[str] = [""]
        # May shrink below its fullest words (to the shortest), unlike a plain button.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_words(self, variants: Sequence[str]) -> None:
        """``variants``: the same statement, fullest first. Called at every keystroke: the same
        words again change nothing (a new size would lay the whole compose page out again)."""
        wanted = list(variants) or [""]
        if wanted == self._variants:
            return
        self._variants = wanted
        self.setToolTip(self.words())
        self.setAccessibleName(self.words())
        self._fit()
        self.updateGeometry()

    def words(self) -> str:
        """The full words, whatever is shown."""
        return self._variants[0]

    def _width_of(self, words: str) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = words
        text = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, words)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text,
                                             self).width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width_of(self._variants[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width_of(self._variants[-1]), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.width()
        shown = next((v for v in self._variants if self._width_of(v) <= room), self._variants[-1])
        if shown != self.text():
            super().setText(shown)
