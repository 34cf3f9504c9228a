"""Cost of every policy rule together, with the length counting, on each keystroke.

The compose box runs ``check_content`` (profanity and slurs, hidden text, alt text, hashtags,
links, wrong-pane hints, party politics, the election period) after the Mastodon and Bluesky
counts on every keystroke. The text is ``check_per_keystroke``'s 5,000 characters (links,
mentions, emoji, ZWJ sequences, right-to-left words) with findings sprinkled through it, so the
rules also build messages, not only scan. The organisation's settings are filled in as a
council's would be: 30 political terms, an election period covering the day with 20 candidates,
its names, handles and hashtags; the personal draft's writer is politically restricted.
Goal (issue 14): all rules together, including counting, at most 5 ms, on either pane.

Run: .venv/bin/python -m benchmarks.policy_per_keystroke
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from benchmarks.check_per_keystroke import one_keystroke as count_keystroke
from benchmarks.check_per_keystroke import sample_text
from safedesk.core.models import Content, MediaItem, Pane
from safedesk.core.policy import Finding, PolicyContext, check_content
from safedesk.core.policy.settings import PolicySettings, election_period, settings_of

GOAL_MS = 5.0
ROUNDS = 200
ROW = "all policy rules with counting per keystroke, 5,000 characters"
_FLAGGED = (" I think sh1t http://bit.ly/x #binday \u2066x\u2069 vote Labour, Candidate Seven"
            " idiot tref.gov.uk: https://evil.example/x #TrefNews ")
_PHOTO = (MediaItem("ab" * 32, "image/png", "A bin lorry on the high street", "lorry.png"),)
ON = date(2027, 4, 20)


def council_settings() -> PolicySettings:
    """A council's settings, filled in: what each keystroke is checked against."""
    terms = [f"Campaign {word} {n}" for n, word in enumerate(
        ["Save", "Stop", "Keep", "Fight", "Back", "Defend"] * 5)]
    candidates = [f"Candidate {name}" for name in (
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
        "Eighteen", "Nineteen", "Twenty")]
    return settings_of(
        names=["Tref Town Council", "Cyngor Tref", "Tref Council"],
        handles=["@tref@social.example", "tref.bsky.social", "@cyngortref@social.example"],
        hashtags=["#TrefNews", "#NewyddionTref", "#TrefBins"], political_terms=terms,
        periods=[election_period("County elections 2027", "2027-03-25", "2027-05-06",
                                 candidates)])


def context_for(pane: Pane) -> PolicyContext:
    return PolicyContext(council_settings(), ON, restricted=pane is Pane.PERSONAL)


def policy_text(length: int = 5000) -> str:
    text = sample_text(length)
    step = length // 5
    mixed = "".join(text[i:i + step - len(_FLAGGED)] + _FLAGGED for i in range(0, length, step))
    return mixed[:length]


def one_keystroke(text: str, pane: Pane = Pane.OFFICIAL,
                  context: PolicyContext | None = None) -> tuple[Finding, ...]:
    count_keystroke(text)
    # (The compose box holds its context between keystrokes; the settings are made once.)
    return check_content(Content(text, (), content_warning="Road works", media=_PHOTO), pane,
                         context or _CONTEXTS[pane])


_CONTEXTS = {pane: context_for(pane) for pane in Pane}


def measure(rounds: int = ROUNDS, pane: Pane = Pane.OFFICIAL) -> list[float]:
    text = policy_text()
    one_keystroke(text, pane)  # warm the word list and the regex caches
    timings = []
    for n in range(rounds):
        typed = text[: len(text) - 6] + f"{n:06d}"  # a new text each round, as typing makes it
        start = time.perf_counter()
        one_keystroke(typed, pane)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    print(f"{'measure':48} {'ms':>8} {'goal ms':>8} {'ratio':>7}")
    for pane in Pane:
        timings = measure(pane=pane)
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[18]
        for name, value in ((f"{pane.value} policy + counting per keystroke, median", median),
                            (f"{pane.value} policy + counting per keystroke, 95th pct", p95)):
            print(f"{name:48} {value:8.2f} {GOAL_MS:8.2f} {value / GOAL_MS:7.2f}")
    text = policy_text()
    found = {pane.value: len(one_keystroke(text, pane)) for pane in Pane}
    print(f"(text: {len(text)} characters, findings {found}, {ROUNDS} rounds each; "
          "ratio <= 1 meets the goal)")


if __name__ == "__main__":
    main()
