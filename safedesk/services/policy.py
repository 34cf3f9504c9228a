"""The organisation's policy settings as the services read them, the context a check runs in for
one person (``core/policy/settings.py``), and an admin's changes to them.

Every change is one save of the whole settings value, from the version the admin started from:
the store refuses it (``ConcurrentChangeError``) when someone saved in between, so two admins
editing at once cannot silently undo each other. Each save is one audit event carrying the new
settings and, in words, what changed. The command line and the Settings window share the small
changes here (add a term, remove a period, set a rule's level), each built on that one save.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from safedesk.core import appointments
from safedesk.core.errors import InvalidInputError
from safedesk.core.managed import ManagedPolicy
from safedesk.core.messages import msg
from safedesk.core.models import Person, Role
from safedesk.core.pairs import PairStyle
from safedesk.core.policy.engine import RULES
from safedesk.core.policy.settings import (
    FIXED_RULES,
    ElectionPeriod,
    PolicyContext,
    PolicySettings,
    RuleLevel,
    StoredPolicy,
    election_period,
    settings_of,
)
from safedesk.core.ports import Store
from safedesk.core.post_language import LanguageReader
from safedesk.core.workflow import PendingEvent

CHANGED_ACTION = "policy.changed"
SUBJECT = "policy"


def policy_context(store: Store, person: Person,
                   languages: LanguageReader | None = None) -> PolicyContext:
    """The stored settings, and whether ``person`` (who writes or sends the post) holds a
    politically restricted post. The day is the post's own, set where it is checked. With
    ``languages``, the checks shown to people also read the language of the words."""
    return PolicyContext(store.policy_settings().settings,
                         restricted=person.politically_restricted, reader=languages)


class TermList(enum.StrEnum):
    """The lists of words an admin keeps: the value is the word the command line uses."""

    NAMES = "names"
    HANDLES = "handles"
    HASHTAGS = "hashtags"
    TERMS = "terms"

    @property
    def field(self) -> str:
        return {TermList.NAMES: "organisation_names", TermList.HANDLES: "organisation_handles",
                TermList.HASHTAGS: "organisation_hashtags",
                TermList.TERMS: "political_terms"}[self]

    @property
    def one(self) -> str:
        """One item of the list, in words ("political term")."""
        return {TermList.NAMES: "organisation name", TermList.HANDLES: "organisation handle",
                TermList.HASHTAGS: "organisation hashtag",
                TermList.TERMS: "political term"}[self]

    def of(self, settings: PolicySettings) -> tuple[str, ...]:
        values: tuple[str, ...] = getattr(settings, self.field)
        return values


# The lists in words, for people ("is not one of the political terms").
_LIST_WORDS = {TermList.NAMES: msg("organisation names"),
               TermList.HANDLES: msg("organisation handles"),
               TermList.HASHTAGS: msg("organisation hashtags"),
               TermList.TERMS: msg("political terms")}


def parse_level(text: str) -> RuleLevel:
    try:
        return RuleLevel(text.strip().lower())
    except ValueError:
        choices = ", ".join(level.value for level in RuleLevel)
        raise InvalidInputError(msg("“{text}” is not a rule level: choose one of {choices}.",
                                    text=text, choices=choices)) \
            from None


def check_rule(rule: str) -> str:
    """``rule`` when an admin may set its level; otherwise why not."""
    if rule in FIXED_RULES:
        raise InvalidInputError(
            msg("The {rule} rule cannot be changed: hidden or control characters on an official "
                "post always block it, so an approver never reads past words they cannot see.",
                rule=rule))
    if rule not in RULES:
        raise InvalidInputError(msg("“{rule}” is not a rule: choose one of "
                                    "{rules}.", rule=rule, rules=", ".join(sorted(RULES))))
    return rule


def _period_words(period: ElectionPeriod) -> str:
    terms = f", watching {', '.join(period.terms)}" if period.terms else ""
    return (f"“{period.name}” ({period.starts.isoformat()} to {period.ends.isoformat()}"
            f"{terms})")


def describe_changes(before: PolicySettings, after: PolicySettings) -> list[str]:
    """What an admin's save changed, in short lines for the audit log ([] for nothing)."""
    lines: list[str] = []
    for kind in TermList:
        old, new = kind.of(before), kind.of(after)
        old_keys, new_keys = {t.casefold() for t in old}, {t.casefold() for t in new}
        lines += [f"added {kind.one} “{t}”" for t in new if t.casefold() not in old_keys]
        lines += [f"removed {kind.one} “{t}”" for t in old if t.casefold() not in new_keys]
    old_watched = {a.casefold() for a in before.watched_accounts}
    new_watched = {a.casefold() for a in after.watched_accounts}
    lines += [f"added watched account “{a}”" for a in after.watched_accounts
              if a.casefold() not in old_watched]
    lines += [f"removed watched account “{a}”" for a in before.watched_accounts
              if a.casefold() not in new_watched]
    old_periods = {p.name.casefold(): p for p in before.election_periods}
    new_periods = {p.name.casefold(): p for p in after.election_periods}
    for key, period in new_periods.items():
        if key not in old_periods:
            lines.append(f"added election period {_period_words(period)}")
        elif old_periods[key] != period:
            lines.append(f"changed election period {_period_words(period)}")
    lines += [f"removed election period “{p.name}”" for k, p in old_periods.items()
              if k not in new_periods]
    for rule in sorted(set(before.rule_levels) | set(after.rule_levels)):
        old_level, new_level = before.level(rule), after.level(rule)
        if old_level is not new_level:
            lines.append(f"rule {rule}: {new_level.value} (was {old_level.value})")
    for account in sorted(set(before.pair_styles) | set(after.pair_styles)):
        old_style, new_style = before.pair_style_for(account), after.pair_style_for(account)
        if old_style != new_style:
            lines.append(f"pair style of account {account}: {_style_words(new_style)} (was "
                         f"{_style_words(old_style)})")
    return lines


def _style_words(style: PairStyle) -> str:
    return f"{style.layout.value}, {style.first_language} first"


@dataclass(frozen=True, slots=True)
class PolicySave:
    """The settings as stored after a save, and what it changed (empty: nothing was saved)."""

    stored: StoredPolicy
    changes: tuple[str, ...]


class PolicyService:
    def __init__(self, store: Store, languages: LanguageReader | None = None,
                 managed: ManagedPolicy | None = None) -> None:
        self._store = store
        self._languages = languages
        # What the organisation's IT department locked: no admin's save may change it.
        self.managed = managed or ManagedPolicy()

    def current(self) -> StoredPolicy:
        return self._store.policy_settings()

    def context_for(self, person: Person) -> PolicyContext:
        """What the checks shown to ``person`` (``safedesk post``, ``check``) run in."""
        return policy_context(self._store, person, self._languages)

    def may_change(self, person: Person) -> bool:
        return person.role is Role.ADMIN and appointments.is_enabled(person)

    def save(self, admin: Person, settings: PolicySettings, expected_version: int) -> PolicySave:
        """Store ``settings`` as ``admin``'s change from ``expected_version``: admins only, one
        audit event; ``ConcurrentChangeError`` when the stored version moved meanwhile."""
        fresh = self._store.get_person(admin.id)
        appointments.check_is_admin(fresh, "change the policy settings")
        for rule in settings.rule_levels:
            if rule not in FIXED_RULES:  # a stored hidden_text level is ignored by core
                check_rule(rule)
        before = self._store.policy_settings()
        self.managed.check_change(before.settings, settings)
        changes = describe_changes(before.settings, settings)
        if not changes and before.version == expected_version:
            return PolicySave(before, ())  # no event for a save that changes nothing
        # From a version that moved on, the store refuses the save (with the words for it).
        event = PendingEvent(actor=fresh.id, action=CHANGED_ACTION, subject=SUBJECT,
                             details={"settings": settings.as_json(), "changes": changes,
                                      "from_version": expected_version})
        stored = self._store.save_policy_settings(settings, expected_version, event)
        return PolicySave(stored, tuple(changes))

    # -- the small changes the command line and the Settings window make ---------------------

    def _change(self, admin: Person,
                how: Callable[[PolicySettings], PolicySettings]) -> PolicySave:
        current = self.current()
        return self.save(admin, how(current.settings), current.version)

    def add_terms(self, admin: Person, kind: TermList, values: Iterable[str]) -> PolicySave:
        added = list(values)
        return self._change(admin, lambda s: _with_list(s, kind, [*kind.of(s), *added]))

    def remove_terms(self, admin: Person, kind: TermList, values: Iterable[str]) -> PolicySave:
        unwanted = list(values)

        def without(settings: PolicySettings) -> PolicySettings:
            keep = list(kind.of(settings))
            for value in unwanted:
                key = _list_key(kind, value)
                found = [t for t in keep if t.casefold() == key]
                if not found:
                    raise InvalidInputError(msg("“{value}” is not one of the {list}, so it "
                                                "cannot be removed. Nothing was changed.",
                                                value=value, list=_LIST_WORDS[kind]))
                keep.remove(found[0])
            return _with_list(settings, kind, keep)

        return self._change(admin, without)

    def add_period(self, admin: Person, name: str, starts: str, ends: str,
                   terms: Iterable[str] = ()) -> PolicySave:
        period = election_period(name, starts, ends, terms)
        return self._change(admin, lambda s: _with_periods(s, [*s.election_periods, period]))

    def remove_period(self, admin: Person, name: str) -> PolicySave:
        def without(settings: PolicySettings) -> PolicySettings:
            key = " ".join(name.split()).casefold()
            keep = [p for p in settings.election_periods if p.name.casefold() != key]
            if len(keep) == len(settings.election_periods):
                raise InvalidInputError(msg("There is no election period called “{name}”. "
                                            "Nothing was changed.", name=name))
            return _with_periods(settings, keep)

        return self._change(admin, without)

    def set_rule_level(self, admin: Person, rule: str, level: RuleLevel) -> PolicySave:
        check_rule(rule)

        def with_level(settings: PolicySettings) -> PolicySettings:
            levels = {**settings.rule_levels, rule: level}
            return _rebuilt(settings, levels=levels)

        return self._change(admin, with_level)

    def add_watched_accounts(self, admin: Person, addresses: Iterable[str]) -> PolicySave:
        """Party and candidate accounts whose posts an official share warns about in an
        election period (``core.policy.sharing``)."""
        added = list(addresses)
        return self._change(admin, lambda s: settings_of_watched(
            s, [*s.watched_accounts, *added]))

    def remove_watched_accounts(self, admin: Person, addresses: Iterable[str]) -> PolicySave:
        unwanted = list(addresses)

        def without(settings: PolicySettings) -> PolicySettings:
            keep = list(settings.watched_accounts)
            for address in unwanted:
                found = [a for a in keep if a.casefold() == address.strip().casefold()]
                if not found:
                    raise InvalidInputError(msg("“{value}” is not one of the watched accounts, "
                                                "so it cannot be removed. Nothing was changed.",
                                                value=address))
                keep.remove(found[0])
            return settings_of_watched(settings, keep)

        return self._change(admin, without)

    def set_pair_style(self, admin: Person, account_id: str, style: PairStyle) -> PolicySave:
        """How a bilingual pair goes out on the account ``account_id`` (``core.pairs``)."""
        self._store.get_account(account_id)  # an account SafeDesk knows, or NotFoundError

        def with_style(settings: PolicySettings) -> PolicySettings:
            return replace(settings, pair_styles={**settings.pair_styles, account_id: style})

        return self._change(admin, with_style)


def _list_key(kind: TermList, value: str) -> str:
    """How ``settings_of`` would store ``value`` in ``kind``, compared without case."""
    cleaned = " ".join(value.split())
    if kind is TermList.HASHTAGS:
        cleaned = cleaned.lstrip("#")
    return cleaned.casefold()


def _rebuilt(settings: PolicySettings, *, lists: dict[TermList, list[str]] | None = None,
             periods: list[ElectionPeriod] | None = None,
             levels: dict[str, RuleLevel] | None = None) -> PolicySettings:
    """``settings`` with some inputs replaced, checked again as an admin's input is."""
    chosen = lists or {}

    def pick(kind: TermList) -> Iterable[str]:
        return chosen.get(kind, kind.of(settings))

    return settings_of(names=pick(TermList.NAMES), handles=pick(TermList.HANDLES),
                       hashtags=pick(TermList.HASHTAGS), political_terms=pick(TermList.TERMS),
                       periods=settings.election_periods if periods is None else periods,
                       levels=dict(settings.rule_levels) if levels is None else levels,
                       pair_styles=settings.pair_styles,
                       watched_accounts=settings.watched_accounts)


def _with_list(settings: PolicySettings, kind: TermList, values: list[str]) -> PolicySettings:
    return _rebuilt(settings, lists={kind: values})


def _with_periods(settings: PolicySettings, periods: list[ElectionPeriod]) -> PolicySettings:
    return _rebuilt(settings, periods=periods)


def settings_of_watched(settings: PolicySettings, watched: list[str]) -> PolicySettings:
    """``settings`` with its watched accounts replaced, checked as an admin's input is."""
    return replace(_rebuilt(settings), watched_accounts=settings_of(
        watched_accounts=watched).watched_accounts)
