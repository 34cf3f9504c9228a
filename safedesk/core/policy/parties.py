"""Party-political wording, all year: the official pane warns on it, and so does a politically
restricted officer's personal pane.

Councils answer to the Code of Recommended Practice on Local Authority Publicity (objective,
even-handed) at all times, not only before an election; and an officer whose post is politically
restricted (Local Government and Housing Act 1989) may not speak for a party in public, even in
their own name. What is watched: the UK's parties (``resources/policy/parties-uk.txt``), the
organisation's political terms, campaign phrases ("vote for", "vote Labour", "pleidleisiwch
dros"), and, for a restricted officer, every election period's terms (its candidates).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from safedesk.core.messages import Message, msg
from safedesk.core.models import Pane
from safedesk.core.policy.findings import FieldRef, Finding, Severity
from safedesk.core.policy.phrases import Alternative, Phrases, alternative, phrase_regex
from safedesk.core.policy.politics import ELECTION
from safedesk.core.policy.settings import PolicySettings
from safedesk.resources import resource_path

PARTY_POLITICS = "party_politics"
RESTRICTED = "politically_restricted"


@dataclass(frozen=True, slots=True)
class PartyName:
    """A name as ``parties-uk.txt`` lists it: ``exact_case`` keeps "Labour" from matching
    "labour", ``not_before`` keeps "Labour market" from matching at all."""

    name: str
    exact_case: bool = False
    not_before: tuple[str, ...] = ()


def parse_parties(lines: Iterable[str]) -> tuple[PartyName, ...]:
    """``parties-uk.txt``'s lines: ``name | case | not before: word word``."""
    names = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, *options = (part.strip() for part in line.split("|"))
        exact = "case" in options
        after = [o.removeprefix("not before:").split() for o in options
                 if o.startswith("not before:")]
        names.append(PartyName(" ".join(name.split()), exact,
                               tuple(word for words in after for word in words)))
    return tuple(names)


@functools.cache
def uk_parties() -> tuple[PartyName, ...]:
    path = resource_path("policy", "parties-uk.txt")
    return parse_parties(path.read_text(encoding="utf-8").splitlines())


def _key(text: str) -> str:
    """What two spellings of one term share: case and the spaces between words."""
    return " ".join(text.casefold().split())


def _alternative(term: PartyName) -> Alternative:
    return alternative(term.name, exact_case=term.exact_case, after=_not_before(term))


def _regex(term: PartyName) -> str:
    return phrase_regex(term.name, exact_case=term.exact_case) + _not_before(term)


def _not_before(term: PartyName) -> str:
    if not term.not_before:
        return ""
    ordinary = "|".join(re.escape(word) for word in term.not_before)
    return rf"(?!\s+(?i:{ordinary})(?!\w))"


# Names that are ordinary words alone ("reform of bin collections", "green space") but not after
# "vote": "vote Reform", "pleidleisiwch dros Blaid Cymru".
_AFTER_VOTE_ONLY = (PartyName("Reform", True), PartyName("Green", True),
                    PartyName("Greens", True), PartyName("Liberal", True),
                    PartyName("Blaid Cymru", True))
# "vote for" asks for a vote for someone; "vote for the budget", "vote for your favourite
# park" and "register to vote for the county elections" do not, and nor does "vote" alone.
_NOT_SOMEONE = r"(?!\s+(?i:the|your|a|an|one|two|three|up|each|it|this|that|y|yr|eich)(?!\w))"
# A vote asked for a party: (its first letters, the rest of the verbs, the words they need, "for"
# in their language).
_VOTE_VERBS = (("vV", r"ote|oting|oted", ("vote", "voting", "voted"), r"for"),
               ("pP", r"leidleisiwch|leidleisio", ("pleidleisiwch", "pleidleisio"),
                r"dros|i|o\s+blaid"),
               ("fF", r"otiwch", ("fotiwch",), r"dros|i"))
# A vote asked for anyone: (its first letters, the rest of the phrase, the word it needs).
_VOTE_FOR = (("vV", r"ote\s+for", ("vote",)),
             ("pP", r"leidleisiwch\s+(?:dros|o\s+blaid)", ("pleidleisiwch",)),
             ("fF", r"otiwch\s+dros", ("fotiwch",)))


@dataclass(frozen=True, slots=True)
class _Watch:
    """Everything a rule watches, and what each watched term is."""

    phrases: Phrases
    kinds: dict[str, Message]  # a term's key -> what it names, for the message


@functools.lru_cache(maxsize=32)
def _watch(terms: tuple[str, ...], period_terms: tuple[tuple[str, str], ...]) -> _Watch:
    """The built-in parties, campaign phrases, ``terms`` (the organisation's political terms)
    and ``period_terms`` ((term, period name) pairs)."""
    parties = uk_parties()
    built_in = {_key(p.name): p for p in parties}
    kinds = dict.fromkeys(built_in, msg("names a political party"))
    # An admin's term that is a listed party keeps the list's care ("Labour" is not "labour").
    watched = list(parties)
    # What a term names, the most telling first: a party, a period's candidate, a watched term.
    for term, period in period_terms:
        kinds.setdefault(_key(term), msg("is watched in the {period} period (its candidates "
                                         "and parties)", period=period))
        watched.append(built_in.get(_key(term), PartyName(term)))
    for term in terms:
        kinds.setdefault(_key(term), msg("is one of the organisation's watched political terms"))
        watched.append(built_in.get(_key(term), PartyName(term)))
    # Longest first, so "Plaid Cymru" wins over "Plaid" and "Jane Smith" over "Smith".
    names = sorted({_regex(t): t for t in watched}.values(), key=lambda t: -len(t.name))
    any_name = "|".join(_regex(t) for t in [*names, *_AFTER_VOTE_ONLY])
    campaign = [Alternative(first, rf"(?i:{verb})\s+(?:(?i:{for_word})\s+)?(?:{any_name})",
                            needs) for first, verb, needs, for_word in _VOTE_VERBS]
    campaign += [Alternative(first, rf"(?i:{phrase}){_NOT_SOMEONE}", needs)
                 for first, phrase, needs in _VOTE_FOR]
    return _Watch(Phrases([*campaign, *(_alternative(t) for t in names)]), kinds)


@dataclass(frozen=True, slots=True)
class Named:
    """A party-political span of a text and what it names."""

    start: int
    end: int
    words: str
    names: Message


def find_political(text: str, terms: tuple[str, ...],
                   period_terms: tuple[tuple[str, str], ...] = ()) -> Iterator[Named]:
    watch = _watch(terms, period_terms)
    for match in watch.phrases.finditer(text):
        words = " ".join(match.group().split())
        names = watch.kinds.get(_key(words)) or msg("asks people how to vote")
        yield Named(match.start(), match.end(), words, names)


def party_politics(text: str, pane: Pane, settings: PolicySettings,
                   where: FieldRef) -> Iterator[Finding]:
    """On the official pane, in or out of an election period, party-political wording warns."""
    if pane is not Pane.OFFICIAL:
        return
    for named in find_political(text, settings.political_terms):
        yield Finding(PARTY_POLITICS, Severity.WARN,
                      msg("“{words}” {names}: an official post must stay objective "
                          "and even-handed all year, and not take a side in party politics",
                          words=named.words, names=named.names),
                      where, named.start, named.end, matched=named.words)


def restricted_politics(text: str, pane: Pane, settings: PolicySettings, restricted: bool,
                        where: FieldRef) -> Iterator[Finding]:
    """A politically restricted officer's personal post naming parties, candidates or watched
    terms warns: the post is theirs to send, but the restriction follows them there."""
    if pane is not Pane.PERSONAL or not restricted:
        return
    period_terms = tuple((term, period.name) for period in settings.election_periods
                         for term in period.terms)
    for named in find_political(text, settings.political_terms, period_terms):
        yield Finding(RESTRICTED, Severity.WARN,
                      msg("Your post is politically restricted: “{words}” {names}. "
                          "A politically restricted officer must not take a side in party "
                          "politics in public, even on a personal account",
                          words=named.words, names=named.names),
                      where, named.start, named.end, matched=named.words)


def beside_blocks(findings: list[Finding]) -> list[Finding]:
    """``findings`` less each party-political warning on a span the election rule already
    reports (inside a period it blocks the same words: one finding, and the block wins)."""
    election = [f for f in findings if f.rule == ELECTION and f.end > f.start]
    if not election:
        return findings
    return [f for f in findings
            if not (f.rule == PARTY_POLITICS and any(
                e.field == f.field and e.start < f.end and f.start < e.end for e in election))]
