"""What a screen reader hears in a pane says which pane it is.

Both panes hold the same controls ("Images", "Add image…", "Correct…"); heard out of sight of
the colours, one pane's "Add image…" is the other's. Once a pane is built, every control a person
can Tab to whose name does not already say the pane gets the pane's name in it: "Official
images", "Add image… (official pane)". A button whose words change with what it will do (the
send button names the accounts) names itself and is left alone: a fixed name would go stale.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

from safedesk.core.models import Pane

translate = QCoreApplication.translate

NAMES_ITSELF = "namesItself"  # a dynamic property: this control's words already say enough


def names_itself(widget: QWidget) -> None:
    widget.setProperty(NAMES_ITSELF, True)


def heard_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else a buddy label's words,
    else a button's own words (without the mnemonic's "&")."""
    if widget.accessibleName():
        return widget.accessibleName()
    parent = widget.parentWidget()
    labels = parent.findChildren(QLabel) if parent is not None else []
    for label in labels:
        if label.buddy() is widget:
            return label.text().replace("&", "")
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def _in_pane_window(widget: QWidget, pane_widget: QWidget) -> bool:
    """Inside the pane itself, not in a window of its own it owns (a combo box's pop-up list)
    and not a part Qt builds into a tab bar (its scroll arrows)."""
    ancestor: QWidget | None = widget
    while ancestor is not None and ancestor is not pane_widget:
        if ancestor.isWindow() or isinstance(ancestor, QTabBar):
            return False
        ancestor = ancestor.parentWidget()
    return ancestor is pane_widget


def name_after_pane(pane_widget: QWidget, pane: Pane) -> None:
    # The pane's word as the names below use it ("official"), and both ways of naming with it.
    word = translate("PaneNames", "personal") if pane is Pane.PERSONAL else \
        translate("PaneNames", "official")
    button_name = translate("PaneNames", "{name} (personal pane)") if pane is Pane.PERSONAL \
        else translate("PaneNames", "{name} (official pane)")
    field_name = translate("PaneNames", "Personal {name}") if pane is Pane.PERSONAL \
        else translate("PaneNames", "Official {name}")
    for widget in pane_widget.findChildren(QWidget):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.property(NAMES_ITSELF) \
                or not _in_pane_window(widget, pane_widget):
            continue
        name = heard_name(widget)
        if not name or word in name.lower():
            continue
        if isinstance(widget, QAbstractButton) and not widget.accessibleName():
            widget.setAccessibleName(button_name.format(name=name))
        else:
            widget.setAccessibleName(field_name.format(name=f"{name[:1].lower()}{name[1:]}"))
