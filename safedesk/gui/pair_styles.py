"""How each official account publishes a bilingual pair: a part of the Policy settings.

One row per official account, two choices each: two posts or one post holding both, and which
language comes first (``core.pairs.PairStyle``). An account left at the default (two posts, Welsh
first: the Welsh Language Standards' reading) is not stored, so it follows any future default.
It is saved with the rest of the policy settings; only an admin may change it, others read it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from safedesk.core.models import Account
from safedesk.core.pairs import DEFAULT_PAIR_STYLE, ENGLISH_LANGUAGE, WELSH, PairLayout, PairStyle

translate = QCoreApplication.translate


def layout_words(layout: PairLayout) -> str:
    return {PairLayout.TWO_POSTS: translate("PairStyles", "Two posts, one per language"),
            PairLayout.ONE_POST: translate("PairStyles", "One post holding both")}[layout]


def first_words(code: str) -> str:
    return translate("PairStyles", "Welsh first") if code == WELSH else \
        translate("PairStyles", "English first")


class PairStylesSection(QWidget):
    """The choices of every official account; ``styles`` reads them, ``show_styles`` sets them."""

    def __init__(self, accounts: list[Account], editable: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layouts: dict[str, QComboBox] = {}
        self.firsts: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        if not accounts:
            form.addRow(QLabel(self.tr("No official accounts yet."), self))
        for account in accounts:
            layout = QComboBox(self)
            for choice in PairLayout:
                layout.addItem(layout_words(choice), choice.value)  # a StrEnum comes back a str
            first = QComboBox(self)
            for code in (WELSH, ENGLISH_LANGUAGE):
                first.addItem(first_words(code), code)
            layout.setAccessibleName(self.tr("How {account} publishes a bilingual post")
                                     .format(account=account.address))
            first.setAccessibleName(self.tr("Which language {account} publishes first")
                                    .format(account=account.address))
            row = QHBoxLayout()
            for choice_box in (layout, first):
                choice_box.setEnabled(editable)  # read-only: seen, not changed
                row.addWidget(choice_box)
            row.addStretch(1)
            form.addRow(account.address, row)
            self.layouts[account.id], self.firsts[account.id] = layout, first
        self.show_styles({})

    def show_styles(self, styles: Mapping[str, PairStyle]) -> None:
        for account_id, layout in self.layouts.items():
            style = styles.get(account_id, DEFAULT_PAIR_STYLE)
            layout.setCurrentIndex(layout.findData(style.layout.value))
            first = self.firsts[account_id]
            first.setCurrentIndex(first.findData(style.first_language))

    def styles(self, kept: Mapping[str, PairStyle]) -> dict[str, PairStyle]:
        """The chosen styles; ``kept``'s for accounts not listed here (removed since, say)
        stay as they were."""
        chosen = dict(kept)
        for account_id, layout in self.layouts.items():
            chosen[account_id] = PairStyle(PairLayout(str(layout.currentData())),
                                           str(self.firsts[account_id].currentData()))
        return chosen
