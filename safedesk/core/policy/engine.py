"""The policy engine: every rule over every field of a draft, as one tuple of findings.

Pure: the same (content, pane, settings, date) always gives the same findings, with no Qt,
network or database, so the compose box can run it per keystroke and core can enforce it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from safedesk.core.models import Content, Pane
from safedesk.core.policy import checks, claims, language, parties, politics, sharing
from safedesk.core.policy.findings import (
    FieldKind,
    FieldRef,
    Finding,
    PolicyBlockedError,
    Severity,
    blocking,
)
from safedesk.core.policy.settings import DEFAULT_CONTEXT, PolicyContext, RuleLevel

# Every rule this engine knows, by id, with the fields it reads (for docs and settings).
RULES: dict[str, str] = {
    checks.PROFANITY: "text, thread parts, content warning, alt text",
    checks.HIDDEN_TEXT: "text, thread parts, content warning, alt text",
    checks.ALT_TEXT: "images",
    checks.HASHTAGS: "text, thread parts",
    checks.LINKS: "text, thread parts, link card",
    checks.WRONG_PANE: "text, thread parts",
    politics.ELECTION: "text, thread parts, content warning, images",
    parties.PARTY_POLITICS: "text, thread parts, content warning",
    parties.RESTRICTED: "text, thread parts, content warning",
    claims.HACK_CLAIM: "text, thread parts",
    language.LANGUAGE_MISMATCH: "text, thread parts, second language",
    sharing.WATCHED_SHARE: "shared post",
}
# Rules that only ever warn, whatever level an admin sets: they read the words' language, which
# the checks where core enforces blocks leave out (``PolicyContext.reader``).
ADVISORY = frozenset({language.LANGUAGE_MISMATCH})


def _post_parts(content: Content) -> Iterator[tuple[str, FieldRef]]:
    yield content.text, FieldRef(FieldKind.TEXT)
    for number, part in enumerate(content.thread, start=2):
        yield part, FieldRef(FieldKind.THREAD_PART, number)
    if content.translation is not None:  # a pair: its second language is read as the first
        yield content.translation.text, FieldRef(FieldKind.SECOND_TEXT)


def _all(content: Content, pane: Pane, context: PolicyContext) -> Iterator[Finding]:
    settings = context.settings
    period = settings.period_on(context.on)
    read_out = list(_post_parts(content))
    if content.content_warning:
        read_out.append((content.content_warning, FieldRef(FieldKind.CONTENT_WARNING)))
    alt_texts = [(m.alt_text, FieldRef(FieldKind.ALT_TEXT, n))
                 for n, m in enumerate(content.media, start=1) if m.alt_text]
    translation = content.translation
    if translation is not None:  # a pair's second warning and alt texts, read as the first's
        if translation.content_warning:
            read_out.append((translation.content_warning,
                             FieldRef(FieldKind.SECOND_CONTENT_WARNING)))
        alt_texts += [(alt, FieldRef(FieldKind.SECOND_ALT_TEXT, n))
                      for n, alt in enumerate(translation.alt_texts, start=1) if alt]
    for text, where in read_out + alt_texts:
        yield from checks.hidden_text(text, pane, where)
        yield from checks.profanity(text, pane, where)
    for text, where in read_out:
        yield from politics.election_terms(text, pane, period, settings.political_terms, where)
        yield from parties.party_politics(text, pane, settings, where)
        yield from parties.restricted_politics(text, pane, settings, context.restricted, where)
    yield from checks.alt_text(content.media, content.text, pane)
    yield from politics.election_photos(content.media, pane, period)
    for text, where in _post_parts(content):
        yield from checks.hashtags(text, where)
        yield from checks.links(text, where)
        yield from checks.wrong_pane(text, pane, settings, where)
        yield from claims.hack_claim(text, where)
    if content.link_card is not None:
        yield from checks.link_card(content.link_card)
    yield from sharing.watched_share(content, pane, settings, period)
    if context.reader is not None:
        yield from language.language_mismatches(content, context.reader)


_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}


def _at_level(finding: Finding, pane: Pane, level: RuleLevel) -> Finding:
    """A finding at the level an admin set for its rule: that severity on official; on personal
    never above a warning (a person's own post is theirs to send) nor above the level set."""
    if level is RuleLevel.DEFAULT:
        return finding
    wanted = Severity(level.value)
    if (pane is Pane.PERSONAL or finding.rule in ADVISORY) and \
            _RANK[wanted] > _RANK[Severity.WARN]:
        wanted = Severity.WARN
    if wanted is finding.severity:
        return finding
    return replace(finding, severity=wanted)


def check_content(content: Content, pane: Pane,
                  context: PolicyContext = DEFAULT_CONTEXT) -> tuple[Finding, ...]:
    """Every finding on ``content`` in ``pane``, blocks first, then in reading order.

    ``context.on`` is the day the post would go out, for election periods."""
    settings = context.settings
    disabled = settings.disabled_rules
    found = parties.beside_blocks([_at_level(f, pane, settings.level(f.rule))
                                   for f in _all(content, pane, context)
                                   if f.rule not in disabled])
    order = {"block": 0, "warn": 1, "info": 2}
    return tuple(sorted(found, key=lambda f: (order[f.severity.value], f.field.kind.value,
                                              f.field.number, f.start)))


def unlifted_blocks(findings: Iterable[Finding],
                    overridden: Iterable[str] = ()) -> tuple[Finding, ...]:
    """The blocks an approver's override (the ``override_key``s it names) does not lift."""
    lifted = frozenset(overridden)
    return tuple(f for f in blocking(findings)
                 if not (f.overridable and f.override_key in lifted))


def check_no_blocks(content: Content, pane: Pane, context: PolicyContext = DEFAULT_CONTEXT,
                    overridden: Iterable[str] = ()) -> None:
    """Refuse content carrying a blocking finding that no override lifts (core calls this where
    posts go out)."""
    blocks = unlifted_blocks(check_content(content, pane, context), overridden)
    if blocks:
        raise PolicyBlockedError(blocks)
