"""Python's cyclic garbage collector, kept from pausing the window once it has started.

The collector now and then walks every object the program holds to look for cycles. After the
window has opened on a desk with years of history that is tens of thousands of objects (modules,
widgets' wrappers, word lists, the first pages of history), and one such full collection took
25 to 40 ms on the GUI thread of a quiet machine and over 100 ms on a busy one, landing at
random: in the middle of typing, on a tab switch. What exists once the window has settled lives
as long as the window does, so it is moved out of the collector's sight (``gc.freeze``) and only
what is made afterwards is walked. Freezing costs nothing itself; the young generations are
collected just before, so no garbage is frozen with it (a few milliseconds, at start-up).

What is frozen is never freed by the collector, even once nothing uses it: fine for what lives
as long as the app (a window is kept until the app ends, even after "Switch person":
``launch.DeskWindows``); a process that opens window after window (the tests) unfreezes
between them.
"""

from __future__ import annotations

import gc


def freeze_what_has_settled() -> None:
    """Collect the young garbage, then keep everything alive now out of later collections.

    Called when the window has just opened, and again once the pages' modules have been
    imported in the background; each call only adds what was made since the last."""
    gc.collect(1)
    gc.freeze()
