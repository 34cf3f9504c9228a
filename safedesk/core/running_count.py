"""A length kept up to date as a text is typed: each new text is measured only where it differs
from a text measured a moment ago, so a keystroke in a long post costs about the same as one in a
short post.

It works for any measure that adds up across a "safe cut": a position just after an ASCII space,
tab or line feed and just before another ASCII character. There

- a grapheme cluster always ends, because every rule that joins two characters needs one of them
  outside ASCII, or the pair to be CR LF (``graphemes``' reasoning), and
- no link or mention Mastodon shortens runs across it (none contains white space), and whether
  one starts just after it is decided the same way at the start of a text, since what comes
  before is white space in one and nothing in the other, which their look-behinds treat alike.

So for a text ``before + middle + after`` cut safely at both ends of ``middle``, the measure is
the measure of each part added up, and replacing ``middle`` changes the total by the difference
of the two middles alone. ``tests/test_running_count.py`` holds this to a count from scratch after
random edits, pastes and undos.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

_WHITE = (" ", "\t", "\n")
REMEMBERED_TEXTS = 6  # both compose boxes and a thread's parts, typed into in turn


def common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start (halving: C-speed compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, most: int) -> int:
    """How many characters, at most ``most``, ``a`` and ``b`` share at their end."""
    low, high = 0, min(most, len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a.endswith(b[len(b) - middle:len(b) - low], 0, len(a) - low):
            low = middle
        else:
            high = middle - 1
    return low


def safe_cut_before(text: str, end: int) -> int:
    """The last safe cut whose two characters both lie before ``end``, or 0."""
    limit = end - 1  # the cut's right-hand character must be before ``end``
    while limit >= 1:
        white = max(text.rfind(space, 0, limit) for space in _WHITE)
        if white < 0:
            return 0
        if text[white + 1] < "\x80":
            return white + 1
        limit = white
    return 0


def safe_cut_after(text: str, start: int) -> int:
    """The first safe cut at or after ``start`` (at least 1), or ``len(text)``."""
    white = max(start, 1) - 1  # a cut at ``white + 1``
    last = len(text) - 1  # the last white space that can start a cut
    while white < last:
        found = [at for space in _WHITE if (at := text.find(space, white, last)) >= 0]
        if not found:
            break
        white = min(found)
        if text[white + 1] < "\x80":
            return white + 1
        white += 1
    return len(text)


class RunningCount:
    """``measure`` of a text, worked out from a text measured recently where they share most
    of their characters (a keystroke, a paste, an undo), and from scratch otherwise."""

    def __init__(self, measure: Callable[[str], int]) -> None:
        self._measure = measure
        self._known: OrderedDict[str, int] = OrderedDict()  # recent texts and their measures

    def count(self, text: str) -> int:
        known = self._known.get(text)
        if known is None:
            known = self._from_nearest(text)
            self._known[text] = known
            if len(self._known) > REMEMBERED_TEXTS:
                self._known.popitem(last=False)
        self._known.move_to_end(text)
        return known

    def _from_nearest(self, text: str) -> int:
        best: tuple[int, str, int, int] | None = None  # shared characters, text, prefix, suffix
        for old in reversed(self._known):
            prefix = common_prefix(old, text)
            suffix = common_suffix(old, text, min(len(old), len(text)) - prefix)
            if best is None or prefix + suffix > best[0]:
                best = (prefix + suffix, old, prefix, suffix)
            if prefix + suffix == min(len(old), len(text)):
                break  # one text is the other with a stretch added: none is nearer
        if best is None:
            return self._measure(text)
        _shared, old, prefix, suffix = best
        start = safe_cut_before(text, prefix)
        end = safe_cut_after(text, len(text) - suffix + 1)
        old_end = end - len(text) + len(old)
        if start == 0 and end == len(text):
            return self._measure(text)  # nothing to reuse: measure it once, not twice
        return (self._known[old] - self._measure(old[start:old_end])
                + self._measure(text[start:end]))
