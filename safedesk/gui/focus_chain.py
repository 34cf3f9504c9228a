"""The order Tab reaches the controls of a page built after the window (``gui.lazy_tabs``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

FOCUS_CHAIN_LIMIT = 100_000  # far more widgets than a window holds: a guard, never reached


def focus_chain(page: QWidget) -> list[QWidget]:
    """The controls inside ``page`` that Tab can reach, in the order Tab reaches them."""
    # Which they are is asked of the page's own widgets; only their order comes from the chain,
    # a ring through the whole window, followed from the page until every one has been met
    # (they follow the page in it, so that is soon). Asking every widget of the window was a
    # tenth of a tab's first showing on a desk with a full queue.
    # Held in a list as well: a wrapper nothing holds can be made anew, with another id.
    reachable = [control for control in page.findChildren(QWidget)
                 if control.focusPolicy() & Qt.FocusPolicy.TabFocus]
    wanted = {id(control) for control in reachable}
    found: list[QWidget] = []
    control: QWidget | None = page.nextInFocusChain()
    # Once round at most (the chain is a ring back to the page). Not bounded by counting the
    # window's widgets: that made a Python wrapper for each of them, most of the time saved.
    for _ in range(FOCUS_CHAIN_LIMIT):
        if control is None or control is page or len(found) == len(wanted):
            break
        if id(control) in wanted:
            found.append(control)
        control = control.nextInFocusChain()
    return found
