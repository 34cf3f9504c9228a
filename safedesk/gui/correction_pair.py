"""The English of a bilingual pair's correction, in the correction dialog below the Welsh.

A pair is corrected in both languages together (``core.pair_corrections``): the dialog's own
text box holds the Welsh, and this part the English: the English template's blanks, its text
filled live, and, once the person types in it, their own words (which no pre-approval covers),
with a button back to the template's. Each box is labelled with its language, for sight and for
screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.pair_corrections import SecondLanguage
from safedesk.gui.correction_text import field_hint, field_label


class EnglishPart(QWidget):
    changed = Signal()  # a field or the text changed: the dialog measures the plan again

    def __init__(self, text_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.custom = False  # the person edited the English text itself
        self.fields: dict[str, QLineEdit] = {}
        self._loading = False
        self.heading = QLabel(self.tr("English (en)"), self)
        self.field_form = QFormLayout()
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("{name} in English").format(name=text_name))
        self.text.setTabChangesFocus(True)  # keyboard-only use: Tab leaves the box
        self.text.setMaximumHeight(120)
        self.heading.setBuddy(self.text)
        self.reset_button = QPushButton(self.tr("Use the English template's words again"), self)
        self.reset_button.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(self.field_form)
        column.addWidget(self.text)
        column.addWidget(self.reset_button)
        self.text.textChanged.connect(self._text_edited)
        self.reset_button.clicked.connect(self.use_template)

    def load(self, second: SecondLanguage) -> None:
        """A freshly prepared plan's English: its template's blanks, filled as prepared."""
        self._loading = True
        while self.field_form.rowCount():
            self.field_form.removeRow(0)
        values = dict(second.fields)
        self.fields = {}
        template = second.template
        for name in template.placeholders if template is not None else ():
            edit = QLineEdit(values.get(name, ""), self)
            edit.setAccessibleName(self.tr("{field} in English").format(field=field_label(name)))
            edit.setToolTip(field_hint(name))
            edit.setPlaceholderText(field_hint(name))
            edit.setEnabled(not self.custom)
            edit.textChanged.connect(lambda _text: self.changed.emit())
            self.fields[name] = edit
            self.field_form.addRow(self.tr("{field} (English)").format(field=field_label(name)),
                                   edit)
        if template is None:  # the author's own words from the start
            self.custom = True
        self.show_text(second.text)
        self._loading = False

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def own_text(self) -> str | None:
        """The person's own English words, or None while the template's are used."""
        return self.text.toPlainText() if self.custom else None

    def show_text(self, text: str) -> None:
        if self.text.toPlainText() != text:
            self._loading = True
            self.text.setPlainText(text)
            self._loading = False

    def widgets(self) -> list[QWidget]:
        """In reading order, for the dialog's Tab chain."""
        return [*self.fields.values(), self.text, self.reset_button]

    def lock(self) -> None:
        """After publishing: readable, nothing changeable."""
        self.text.setReadOnly(True)
        for widget in (self.reset_button, *self.fields.values()):
            widget.setEnabled(False)

    def _text_edited(self) -> None:
        if self._loading:
            return
        if not self.custom:
            self.custom = True
            for edit in self.fields.values():
                edit.setEnabled(False)
            self.reset_button.setVisible(bool(self.fields))
        self.changed.emit()

    def use_template(self) -> None:
        """Back to the English template's words, with the fields as they were."""
        self.custom = False
        for edit in self.fields.values():
            edit.setEnabled(True)
        self.reset_button.setVisible(False)
        self.changed.emit()
