"""Cost of the live length check the compose box runs on every keystroke.

The text is 5,000 characters with 50 links and mentions, emoji and right-to-left words: the
worst a long thread draft realistically gets. One "keystroke" re-runs everything the counter
shows: the Mastodon count and the Bluesky count. The Bluesky facets are not part of it: the
compose box does not show them, so they are found when a post is previewed or sent.

Run: .venv/bin/python -m benchmarks.check_per_keystroke
"""

from __future__ import annotations

import statistics
import time

from safedesk.core.counting import check_bluesky, check_mastodon
from safedesk.core.facets import find_facets

GOAL_MS = 5.0
ROUNDS = 200


def sample_text(length: int = 5000, references: int = 50) -> str:
    pieces = []
    for n in range(references):
        pieces.append(f"https://www.example.gov.uk/news/{n}?ref=sd " if n % 2 else
                      f"@officer{n}.bsky.social ")
        pieces.append("Bins \U0001f469\U0001f3fd\u200d\U0001f4bb \u0645\u0631\u062d\u0628\u0627 "
                      "#BinDay collections resume on Monday. ")
    text = "".join(pieces)
    return (text * (length // len(text) + 1))[:length]


def one_keystroke(text: str) -> None:
    check_mastodon(text, "Road works")
    check_bluesky(text)


def main() -> None:
    text = sample_text()
    one_keystroke(text)  # warm the regex caches
    timings = []
    for n in range(ROUNDS):
        # A new text each round, as typing makes it (the checks keep a few recent verdicts).
        typed = text[: len(text) - 6] + f"{n:06d}"
        start = time.perf_counter()
        one_keystroke(typed)
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    rows = [("check per keystroke, median", median), ("check per keystroke, 95th pct", p95)]
    print(f"{'measure':34} {'ms':>8} {'goal ms':>8} {'ratio':>7}")
    for name, value in rows:
        print(f"{name:34} {value:8.2f} {GOAL_MS:8.2f} {value / GOAL_MS:7.2f}")
    print(f"(text: {len(text)} characters, {len(find_facets(text))} facets, {ROUNDS} rounds; "
          "ratio <= 1 meets the goal)")


if __name__ == "__main__":
    main()
