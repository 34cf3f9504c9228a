"""The policy engine: every rule over every field of a draft, as one tuple of findings.

Pure: the same (content, pane, settings, date) always gives the same findings, with no Qt,
network or database, so the compose box can run it per keystroke and core can enforce it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from safedesk.core.models import Content, Pane
from safedesk.core.policy import checks
from safedesk.core.policy.findings import (
    DEFAULT_SETTINGS,
    FieldKind,
    FieldRef,
    Finding,
    PolicyBlockedError,
    PolicySettings,
    blocking,
)

# Every rule this engine knows, by id, with the fields it reads (for docs and settings).
RULES: dict[str, str] = {
    checks.PROFANITY: "text, thread parts, content warning, alt text",
    checks.HIDDEN_TEXT: "text, thread parts, content warning, alt text",
    checks.ALT_TEXT: "images",
    checks.HASHTAGS: "text, thread parts",
    checks.LINKS: "text, thread parts, link card",
    checks.WRONG_PANE: "text, thread parts",
}


def _post_parts(content: Content) -> Iterator[tuple[str, FieldRef]]:
    yield content.text, FieldRef(FieldKind.TEXT)
    for number, part in enumerate(content.thread, start=2):
        yield part, FieldRef(FieldKind.THREAD_PART, number)


def _all(content: Content, pane: Pane, settings: PolicySettings) -> Iterator[Finding]:
    read_out = list(_post_parts(content))
    if content.content_warning:
        read_out.append((content.content_warning, FieldRef(FieldKind.CONTENT_WARNING)))
    read_out += [(m.alt_text, FieldRef(FieldKind.ALT_TEXT, n))
                 for n, m in enumerate(content.media, start=1) if m.alt_text]
    for text, where in read_out:
        yield from checks.hidden_text(text, pane, where)
        yield from checks.profanity(text, pane, where)
    yield from checks.alt_text(content.media, content.text, pane)
    for text, where in _post_parts(content):
        yield from checks.hashtags(text, where)
        yield from checks.links(text, where)
        yield from checks.wrong_pane(text, pane, settings.organisation_names, where)
    if content.link_card is not None:
        yield from checks.links(content.link_card.url, FieldRef(FieldKind.LINK_CARD))


def check_content(content: Content, pane: Pane, settings: PolicySettings = DEFAULT_SETTINGS,
                  on: date | None = None) -> tuple[Finding, ...]:
    """Every finding on ``content`` in ``pane``, blocks first, then in reading order.

    ``on`` is the day the post would go out (for election periods, in a later step)."""
    del on  # no rule in this slice depends on the date yet
    found = [f for f in _all(content, pane, settings) if f.rule not in settings.disabled_rules]
    order = {"block": 0, "warn": 1, "info": 2}
    return tuple(sorted(found, key=lambda f: (order[f.severity.value], f.field.kind.value,
                                              f.field.number, f.start)))


def check_no_blocks(content: Content, pane: Pane,
                    settings: PolicySettings = DEFAULT_SETTINGS) -> None:
    """Refuse content carrying a blocking finding (core calls this where posts go out)."""
    blocks = blocking(check_content(content, pane, settings))
    if blocks:
        raise PolicyBlockedError(blocks)
