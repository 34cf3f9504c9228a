"""One side of the desk: a coloured header band and the pane's accounts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import Account
from safedesk.gui.theme import PaneStyle
from safedesk.resources import resource_path


class PaneBand(QFrame):
    """The header: icon, pane name and what the pane means, on the pane's colour.

    The official band is also striped, so the panes differ even in greyscale.
    """

    def __init__(self, style: PaneStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self.setObjectName(f"{style.pane.value}Band")
        self.setAutoFillBackground(False)
        self.setMinimumHeight(64)

        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resource_path("icons", style.icon))).pixmap(QSize(36, 36)))
        icon.setAccessibleName(f"{style.title} pane icon")

        self.title_label = QLabel(style.title, self)
        self.title_label.setObjectName(f"{style.pane.value}Title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)

        self.subtitle_label = QLabel(style.subtitle, self)
        self.subtitle_label.setWordWrap(True)

        text_colour = f"color: {style.band_text_colour};"
        self.title_label.setStyleSheet(text_colour)
        self.subtitle_label.setStyleSheet(text_colour)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title_label)
        words.addWidget(self.subtitle_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)

    def band_colour(self) -> QColor:
        return QColor(self._style.band_colour)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.band_colour())
        if self._style.striped:
            stripes = QBrush(self.band_colour().darker(135), Qt.BrushStyle.BDiagPattern)
            painter.fillRect(self.rect(), stripes)
        painter.end()
        super().paintEvent(event)


class PaneWidget(QFrame):
    """A pane: its band, then its accounts, or a sentence saying there are none yet."""

    def __init__(self, style: PaneStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_info = style
        self.setObjectName(f"{style.pane.value}Pane")
        self.setAccessibleName(f"{style.title} pane")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            f"#{self.objectName()} {{ border: {style.border_width}px solid {style.band_colour}; }}"
        )

        self.band = PaneBand(style, self)
        self.empty_label = QLabel(style.empty_text, self)
        self.empty_label.setObjectName(f"{style.pane.value}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)

        self.account_list = QListWidget(self)
        self.account_list.setAccessibleName(f"{style.title} accounts")

        self.body = QStackedWidget(self)
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.account_list)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.band)
        column.addWidget(self.body, 1)

    def show_accounts(self, accounts: list[Account]) -> None:
        self.account_list.clear()
        for account in accounts:
            item = QListWidgetItem(f"{account.address}  ·  {account.platform.value.title()}  ·  "
                                   f"{self.style_info.title}")
            item.setData(Qt.ItemDataRole.UserRole, account.id)
            self.account_list.addItem(item)
        self.body.setCurrentWidget(self.account_list if accounts else self.empty_label)
