"""How the window marks what the organisation's IT department locked (``core.managed``): a lock
symbol and words beside the control, which is disabled or read-only; never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

translate = QCoreApplication.translate
LOCK = "\N{LOCK}"


def it_lock_words() -> str:
    """What a setting the organisation's IT department locked says beside it."""
    return f"{LOCK} " + translate("ManagedSettings", "Set by your organisation's IT department")


def mark_locked(widget: QWidget) -> None:
    """Say why ``widget`` cannot be changed, on hover and to screen readers."""
    widget.setToolTip(it_lock_words())
    widget.setAccessibleDescription(it_lock_words())
