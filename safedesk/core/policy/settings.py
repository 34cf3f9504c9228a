"""An organisation's policy settings, and what else a check needs (the day, the writer).

The settings are one value, stored whole (SQLite, or the team server) with a version, so an
admin's change is one audited event and two admins editing at once cannot both win. They travel
as JSON (``as_json`` / ``from_json``): the store keeps that text, the audit event carries it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, msg
from safedesk.core.pairs import DEFAULT_PAIR_STYLE, PairStyle, pair_style
from safedesk.core.post_language import LanguageReader

# Longest a watched term, name, handle or hashtag may be, and how many of each a list may hold:
# enough for every party and candidate of a county election, small enough for a keystroke.
MAX_TERM_LENGTH = 100
MAX_TERMS = 500
MAX_PERIODS = 50


class RuleLevel(enum.StrEnum):
    """What an admin sets a rule to. ``default`` keeps the rule's own severities."""

    DEFAULT = "default"
    OFF = "off"
    INFO = "info"
    WARN = "warn"
    BLOCK = "block"


# Rules whose official block is a floor no setting lowers: an approver must never read past
# hidden text, whatever an admin chose (the text must change instead).
FIXED_RULES = frozenset({"hidden_text"})


@dataclass(frozen=True, slots=True)
class ElectionPeriod:
    """A period of heightened sensitivity (a pre-election period), both days included, with the
    terms it watches on top of the organisation's political terms (candidates standing in it)."""

    name: str
    starts: date
    ends: date
    terms: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "starts": self.starts.isoformat(),
                "ends": self.ends.isoformat(), "terms": list(self.terms)}


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """An organisation's policy settings. Every field has a default, so a desk with none set is
    checked by the built-in rules."""

    # The organisation's own names ("Tref Council"), handles (@tref@social.example) and
    # hashtags (#TrefNews): personal text using them reads like an official post.
    organisation_names: tuple[str, ...] = ()
    organisation_handles: tuple[str, ...] = ()
    organisation_hashtags: tuple[str, ...] = ()
    # Party names, candidates and political phrases watched all year: the official pane warns
    # on them, a politically restricted officer's personal post warns on them, and inside an
    # election period an official post naming them is blocked until an approver overrides.
    political_terms: tuple[str, ...] = ()
    election_periods: tuple[ElectionPeriod, ...] = ()
    # An admin's level per rule id; a rule not named keeps its own severities.
    rule_levels: Mapping[str, RuleLevel] = field(default_factory=dict)
    # How a bilingual pair goes out, per account id (``core.pairs``); an account not named gets
    # the default: two posts, Welsh first.
    pair_styles: Mapping[str, PairStyle] = field(default_factory=dict)
    # Party and candidate accounts (addresses, handles or DIDs): in an election period, an
    # official share of a post by one of them warns (``core.policy.sharing``).
    watched_accounts: tuple[str, ...] = ()

    def pair_style_for(self, account_id: str) -> PairStyle:
        return self.pair_styles.get(account_id, DEFAULT_PAIR_STYLE)

    @property
    def disabled_rules(self) -> frozenset[str]:
        return frozenset(rule for rule, level in self.rule_levels.items()
                         if level is RuleLevel.OFF and rule not in FIXED_RULES)

    def level(self, rule: str) -> RuleLevel:
        if rule in FIXED_RULES:
            return RuleLevel.DEFAULT
        return self.rule_levels.get(rule, RuleLevel.DEFAULT)

    def period_on(self, day: date | None) -> ElectionPeriod | None:
        """The election period ``day`` falls in, if any (the first, if periods overlap)."""
        if day is None:
            return None
        return next((p for p in self.election_periods if p.covers(day)), None)

    def as_json(self) -> dict[str, object]:
        return {"organisation_names": list(self.organisation_names),
                "organisation_handles": list(self.organisation_handles),
                "organisation_hashtags": list(self.organisation_hashtags),
                "political_terms": list(self.political_terms),
                "election_periods": [p.as_json() for p in self.election_periods],
                "rule_levels": {rule: level.value
                                for rule, level in sorted(self.rule_levels.items())},
                # Only when an admin chose one, so settings saved before pairs read the same.
                **({"pair_styles": {account: style.as_json()
                                    for account, style in sorted(self.pair_styles.items())}}
                   if self.pair_styles else {}),
                # Likewise only when set, so settings saved before shares read the same.
                **({"watched_accounts": list(self.watched_accounts)}
                   if self.watched_accounts else {})}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PolicySettings:
        """Settings from ``as_json``'s shape, checked as an admin's input is (a stored value that
        fails says so rather than checking posts against half of it)."""
        periods = []
        for raw in _list(data.get("election_periods", ())):
            if not isinstance(raw, Mapping):
                raise InvalidInputError(msg("An election period must be a name with two dates."))
            periods.append(election_period(str(raw.get("name", "")), str(raw.get("starts", "")),
                                           str(raw.get("ends", "")),
                                           [str(t) for t in _list(raw.get("terms", ()))]))
        levels_raw = data.get("rule_levels", {})
        if not isinstance(levels_raw, Mapping):
            raise InvalidInputError(msg("Rule levels must map a rule to a level."))
        styles_raw = data.get("pair_styles", {})
        if not isinstance(styles_raw, Mapping) or \
                not all(isinstance(v, Mapping) for v in styles_raw.values()):
            raise InvalidInputError(msg("Pair styles must map an account to a way to publish."))
        return settings_of(
            names=[str(x) for x in _list(data.get("organisation_names", ()))],
            handles=[str(x) for x in _list(data.get("organisation_handles", ()))],
            hashtags=[str(x) for x in _list(data.get("organisation_hashtags", ()))],
            political_terms=[str(x) for x in _list(data.get("political_terms", ()))],
            periods=periods,
            levels={str(k): _level(str(v)) for k, v in levels_raw.items()},
            pair_styles={str(account): pair_style(str(style.get("layout", "")),
                                                  str(style.get("first_language", "")))
                         for account, style in styles_raw.items()},
            watched_accounts=[str(x) for x in _list(data.get("watched_accounts", ()))])


def _list(value: object) -> list[object]:
    if isinstance(value, (list, tuple)):
        return list(value)
    raise InvalidInputError(msg("Expected a list in the policy settings."))


def _level(value: str) -> RuleLevel:
    try:
        return RuleLevel(value)
    except ValueError:
        choices = ", ".join(level.value for level in RuleLevel)
        raise InvalidInputError(msg("“{value}” is not a rule level: choose one of {choices}.",
                                    value=value, choices=choices)) from None


def clean_terms(terms: Iterable[str], what: Message) -> tuple[str, ...]:
    """Terms as an admin typed them, trimmed, blanks and repeats (in any case) dropped. ``what``
    names the list, for a refusal ("organisation's names")."""
    kept: dict[str, str] = {}
    for raw in terms:
        term = " ".join(raw.split())
        if not term:
            continue
        if len(term) > MAX_TERM_LENGTH:
            raise InvalidInputError(msg("“{term}…” is too long for one of the {what}: "
                                        "keep each under {limit} characters.", term=term[:40],
                                        what=what, limit=MAX_TERM_LENGTH))
        if not any(c.isalnum() for c in term):
            raise InvalidInputError(msg("“{term}” has no letters or digits, so it cannot be one "
                                        "of the {what}.", term=term, what=what))
        kept.setdefault(term.casefold(), term)
    if len(kept) > MAX_TERMS:
        raise InvalidInputError(msg("Too many {what}: keep the list under {limit}.", what=what,
                                    limit=MAX_TERMS))
    return tuple(kept.values())


def election_period(name: str, starts: str | date, ends: str | date,
                    terms: Iterable[str] = ()) -> ElectionPeriod:
    """A period from an admin's input, with dates as YYYY-MM-DD."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInputError(msg("Give the election period a name, e.g. “County elections "
                                    "2027”."))
    first = _day(starts, msg("“{value}” is not a date for the period's start: write it as "
                             "YYYY-MM-DD, e.g. 2027-03-25.", value=starts))
    last = _day(ends, msg("“{value}” is not a date for the period's end: write it as "
                          "YYYY-MM-DD, e.g. 2027-03-25.", value=ends))
    if last < first:
        raise InvalidInputError(msg("The period “{name}” ends ({ends}) before it starts "
                                    "({starts}).", name=name, ends=last.isoformat(),
                                    starts=first.isoformat()))
    return ElectionPeriod(name, first, last, clean_terms(terms, msg("terms of “{name}”",
                                                                    name=name)))


def _day(value: str | date, refusal: Message) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInputError(refusal) from None


def settings_of(*, names: Iterable[str] = (), handles: Iterable[str] = (),
                hashtags: Iterable[str] = (), political_terms: Iterable[str] = (),
                periods: Iterable[ElectionPeriod] = (),
                levels: Mapping[str, RuleLevel] | None = None,
                pair_styles: Mapping[str, PairStyle] | None = None,
                watched_accounts: Iterable[str] = ()) -> PolicySettings:
    """Settings from an admin's input, cleaned and checked."""
    period_list = tuple(periods)
    if len(period_list) > MAX_PERIODS:
        raise InvalidInputError(msg("Too many election periods: keep under {limit}.",
                                    limit=MAX_PERIODS))
    seen: set[str] = set()
    for period in period_list:
        if period.name.casefold() in seen:
            raise InvalidInputError(msg("Two election periods are called “{name}”: give "
                                        "each its own name.", name=period.name))
        seen.add(period.name.casefold())
    return PolicySettings(
        organisation_names=clean_terms(names, msg("organisation's names")),
        organisation_handles=clean_terms((h.strip() for h in handles),
                                         msg("organisation's handles")),
        organisation_hashtags=clean_terms((t.strip().lstrip("#") for t in hashtags),
                                          msg("organisation's hashtags")),
        political_terms=clean_terms(political_terms, msg("political terms")),
        election_periods=period_list,
        rule_levels={rule: level for rule, level in (levels or {}).items()
                     if level is not RuleLevel.DEFAULT},
        # The default style is not stored: an account takes any future default unless chosen.
        pair_styles={account: style for account, style in (pair_styles or {}).items()
                     if style != DEFAULT_PAIR_STYLE},
        watched_accounts=clean_terms((a.strip() for a in watched_accounts),
                                     msg("watched accounts")))


DEFAULT_SETTINGS = PolicySettings()


@dataclass(frozen=True, slots=True)
class PolicyContext:
    """What rules need besides the content and pane: the organisation's settings, the day the
    post would go out (election periods), and whether its writer is a politically restricted
    officer (a person flag an admin sets)."""

    settings: PolicySettings = DEFAULT_SETTINGS
    on: date | None = None
    restricted: bool = False
    # Reads the language of the post's words, for the language-mismatch warning; None (as where
    # core enforces blocks) leaves that rule out, since it never blocks.
    reader: LanguageReader | None = None

    def for_post(self, schedule_at: datetime | None, now: datetime) -> PolicyContext:
        """This context on the day a post goes out: its scheduled day, or today, in the desk's
        own time zone (an election period is days as the organisation counts them)."""
        if self.on is not None:
            return self
        return replace(self, on=(schedule_at or now).astimezone().date())


DEFAULT_CONTEXT = PolicyContext()


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    """The settings as the store holds them: ``version`` 0 until an admin first saves any, and
    rising with each save (the store compares it, so two admins cannot both win)."""

    settings: PolicySettings = DEFAULT_SETTINGS
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""
