"""Cost of every policy rule together, with the length counting, on each keystroke.

The compose box runs ``check_content`` (profanity and slurs, hidden text, alt text, hashtags,
links, wrong-pane hints) after the Mastodon and Bluesky counts on every keystroke. The text is
``check_per_keystroke``'s 5,000 characters (links, mentions, emoji, ZWJ sequences, right-to-left
words) with findings sprinkled through it, so the rules also build messages, not only scan.
Goal (issue 14): all rules together, including counting, at most 5 ms.

Run: .venv/bin/python -m benchmarks.policy_per_keystroke
"""

from __future__ import annotations

import statistics
import time

from benchmarks.check_per_keystroke import one_keystroke as count_keystroke
from benchmarks.check_per_keystroke import sample_text
from safedesk.core.models import Content, MediaItem, Pane
from safedesk.core.policy import Finding, check_content

GOAL_MS = 5.0
ROUNDS = 200
ROW = "all policy rules with counting per keystroke, 5,000 characters"
_FLAGGED = " I think sh1t http://bit.ly/x #binday \u2066x\u2069 "
_PHOTO = (MediaItem("ab" * 32, "image/png", "A bin lorry on the high street", "lorry.png"),)


def policy_text(length: int = 5000) -> str:
    text = sample_text(length)
    step = length // 5
    mixed = "".join(text[i:i + step - len(_FLAGGED)] + _FLAGGED for i in range(0, length, step))
    return mixed[:length]


def one_keystroke(text: str, pane: Pane = Pane.OFFICIAL) -> tuple[Finding, ...]:
    count_keystroke(text)
    return check_content(Content(text, (), content_warning="Road works", media=_PHOTO), pane)


def measure(rounds: int = ROUNDS) -> list[float]:
    text = policy_text()
    one_keystroke(text)  # warm the word list and the regex caches
    timings = []
    for n in range(rounds):
        typed = text[: len(text) - 6] + f"{n:06d}"  # a new text each round, as typing makes it
        start = time.perf_counter()
        one_keystroke(typed)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    timings = measure()
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    print(f"{'measure':40} {'ms':>8} {'goal ms':>8} {'ratio':>7}")
    for name, value in (("policy + counting per keystroke, median", median),
                        ("policy + counting per keystroke, 95th pct", p95)):
        print(f"{name:40} {value:8.2f} {GOAL_MS:8.2f} {value / GOAL_MS:7.2f}")
    findings = one_keystroke(policy_text())
    print(f"(text: {len(policy_text())} characters, {len(findings)} findings, {ROUNDS} rounds; "
          "ratio <= 1 meets the goal)")


if __name__ == "__main__":
    main()
