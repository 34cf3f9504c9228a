"""Settings an organisation's IT department presets for every desk: a managed TOML file.

Each setting is either a *default* (a person may change it) or *locked* (a person cannot). The
file is read once at start by the composition root (``app.load_managed``); what it says reaches
the rest of SafeDesk as a :class:`ManagedSettings` value passed down, never as a global.

Several files may be read (the system's, then one named by ``SAFEDESK_MANAGED_FILE``); they are
merged so that a later file only *adds*: a key an earlier file locked stays locked to the earlier
file's value, so a file a person can name cannot undo IT's locks (:func:`merge`).

A file that is partly wrong does not stop SafeDesk: every setting it could read is kept (locks
first of all), and each problem is kept with the file and the line or key it is on, for the
window, the command line and ``safedesk doctor`` to say.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from safedesk.core.contrast import (
    AA_NORMAL_TEXT,
    MIN_PANE_DIFFERENCE,
    best_text_contrast,
    closest_difference,
    normalise_hex,
)
from safedesk.core.errors import InvalidInputError, LockedSettingError
from safedesk.core.messages import Message, msg
from safedesk.core.policy.engine import RULES
from safedesk.core.policy.settings import (
    FIXED_RULES,
    ElectionPeriod,
    PolicySettings,
    RuleLevel,
    StoredPolicy,
    election_period,
    settings_of,
)

MANAGED_FILE_VARIABLE = "SAFEDESK_MANAGED_FILE"
SECTIONS = ("defaults", "locked")

TEAM_SERVER = "team.server"
PERSONAL_COLOUR = "colours.personal"
OFFICIAL_COLOUR = "colours.official"
POST_LANGUAGE = "language.posts"
INTERFACE_LANGUAGE = "language.interface"
# The policy settings an IT department may preset, each under ``policy.``. Pair styles are not
# among them: they name accounts by SafeDesk's own ids, which no IT department can know.
POLICY_LISTS = ("organisation_names", "organisation_handles", "organisation_hashtags",
                "political_terms", "watched_accounts")
POLICY_FIELDS = (*POLICY_LISTS, "election_periods", "rule_levels")
PLAIN_KEYS = (TEAM_SERVER, PERSONAL_COLOUR, OFFICIAL_COLOUR, POST_LANGUAGE, INTERFACE_LANGUAGE)
INTERFACE_LANGUAGES = ("en_GB", "en", "cy")
# The panes' built-in band colours (``gui.theme``), what a colour IT presets for one pane is
# compared with when IT presets none for the other.
BUILT_IN_COLOURS = {PERSONAL_COLOUR: "#1d4f91", OFFICIAL_COLOUR: "#8f3f00"}
_POST_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

@dataclass(frozen=True, slots=True)
class ManagedProblem:
    """Something in a managed file SafeDesk could not use, and where it is."""

    path: Path
    what: Message  # what is wrong and how to put it right
    line: int | None = None  # for a file that is not valid TOML
    key: str = ""  # for a value that is wrong ("locked.colours.personal")

    def words(self) -> Message:
        if self.line is not None:
            return msg("{path}, line {line}: {what}", path=str(self.path), line=self.line,
                       what=self.what)
        if self.key:
            return msg("{path}, {key}: {what}", path=str(self.path), key=self.key,
                       what=self.what)
        return msg("{path}: {what}", path=str(self.path), what=self.what)

@dataclass(frozen=True, slots=True)
class ManagedFile:
    """One managed file as read: its checked values by key (``policy.rule_levels`` maps rule
    to level), and its problems."""

    path: Path
    defaults: Mapping[str, object] = field(default_factory=dict)
    locked: Mapping[str, object] = field(default_factory=dict)
    problems: tuple[ManagedProblem, ...] = ()

@dataclass(frozen=True, slots=True)
class ManagedSettings:
    """What every managed file read says, merged (``merge``); empty when there is none."""

    defaults: Mapping[str, object] = field(default_factory=dict)
    locked: Mapping[str, object] = field(default_factory=dict)
    files: tuple[Path, ...] = ()  # the files found and read, in order
    problems: tuple[ManagedProblem, ...] = ()

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def value(self, key: str) -> object | None:
        """The locked value, else the default, else None."""
        return self.locked.get(key, self.defaults.get(key))

    def text(self, key: str) -> str | None:
        found = self.value(key)
        return found if isinstance(found, str) else None

    @property
    def policy(self) -> ManagedPolicy:
        return ManagedPolicy(_policy_part(self.locked), _policy_part(self.defaults))

NO_MANAGED_SETTINGS = ManagedSettings()

def locked_error(what: Message | str) -> LockedSettingError:
    return LockedSettingError(msg(
        "{what} cannot be changed here: your organisation's IT department set it. Ask them if "
        "it needs to change. Nothing was changed.", what=what))

def _policy_part(values: Mapping[str, object]) -> dict[str, object]:
    return {key.removeprefix("policy."): value for key, value in values.items()
            if key.startswith("policy.")}

def managed_notice(problem: ManagedProblem) -> Message:
    """A problem in a managed file, said to the person (and their IT department)."""
    return msg("Your organisation's managed settings have a problem that only your IT "
               "department can fix: {problem} SafeDesk uses every other setting in the file.",
               problem=problem.words())

# -- the policy settings: locked values win over the stored ones ----------------------------

_FIELD_WORDS = {
    "organisation_names": msg("The organisation names"),
    "organisation_handles": msg("The organisation handles"),
    "organisation_hashtags": msg("The organisation hashtags"),
    "political_terms": msg("The political terms"),
    "watched_accounts": msg("The watched accounts"),
    "election_periods": msg("The election periods"),
}

@dataclass(frozen=True, slots=True)
class ManagedPolicy:
    """The policy settings IT presets: ``locked`` (field -> value; ``rule_levels`` per rule)
    always win; ``defaults`` seed a desk (or team) where no admin has saved settings yet."""

    locked: Mapping[str, object] = field(default_factory=dict)
    defaults: Mapping[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.locked or self.defaults)

    def effective(self, stored: StoredPolicy) -> StoredPolicy:
        """What the checks use: the stored settings (IT's defaults until an admin first saves),
        with every locked value over them."""
        settings = stored.settings
        if stored.version == 0:
            settings = _overlay(settings, self.defaults)
        return replace(stored, settings=_overlay(settings, self.locked))

    def locked_names(self) -> list[str]:
        """What is locked, as the command line names it: fields, and ``rule_levels.RULE``."""
        levels = self.locked.get("rule_levels", {})
        return [*(name for name in self.locked if name != "rule_levels"),
                *(f"rule_levels.{rule}" for rule in
                  (sorted(levels) if isinstance(levels, Mapping) else []))]

    def locks_rule(self, rule: str) -> bool:
        levels = self.locked.get("rule_levels", {})
        return isinstance(levels, Mapping) and rule in levels

    def refuse(self, name: str) -> None:
        """Raise ``LockedSettingError`` when ``name`` (a field, or ``rule_levels.RULE``) is
        locked: before anything is asked of the person."""
        if name.startswith("rule_levels."):
            rule = name.removeprefix("rule_levels.")
            if self.locks_rule(rule):
                raise locked_error(msg("The level of the {rule} rule", rule=rule))
        elif name in self.locked:
            raise locked_error(_FIELD_WORDS[name])

    def check_change(self, before: PolicySettings, after: PolicySettings) -> None:
        """Refuse (``LockedSettingError``) an admin's change to anything locked."""
        for name in POLICY_FIELDS:
            if name == "rule_levels" or name not in self.locked:
                continue
            if getattr(before, name) != getattr(after, name):
                raise locked_error(_FIELD_WORDS[name])
        levels = self.locked.get("rule_levels", {})
        for rule in levels if isinstance(levels, Mapping) else {}:
            if before.level(rule) is not after.level(rule):
                raise locked_error(msg("The level of the {rule} rule", rule=rule))

def _overlay(settings: PolicySettings, values: Mapping[str, object]) -> PolicySettings:
    plain = {name: value for name, value in values.items() if name != "rule_levels"}
    levels = values.get("rule_levels")
    if isinstance(levels, Mapping) and levels:
        plain["rule_levels"] = {**settings.rule_levels, **levels}
    return replace(settings, **plain) if plain else settings  # type: ignore[arg-type]

# -- reading a file ---------------------------------------------------------------------------

def parse_file(path: Path, text: str) -> ManagedFile:
    """A managed file's text, checked key by key. Invalid TOML keeps what comes before the
    broken line (when that much is valid on its own), so the locks above it still hold."""
    problems: list[ManagedProblem] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _error_line(error)
        problems.append(ManagedProblem(path, msg(
            "this is not valid TOML ({error}). Settings after this line are not used.",
            error=str(error).split(" (at line")[0]), line=line))
        data = _before_line(text, line)
    sections: dict[str, dict[str, object]] = {"defaults": {}, "locked": {}}
    for name, body in data.items():
        if name not in SECTIONS or not isinstance(body, Mapping):
            problems.append(ManagedProblem(path, msg(
                "only [defaults] and [locked] sections are read here.") , key=name))
            continue
        for key, value in _flatten(body):
            try:
                sections[name][key] = check_value(key, value)
            except InvalidInputError as error:
                problems.append(ManagedProblem(path, _as_message(error.message),
                                               key=f"{name}.{key}"))
    return ManagedFile(path, sections["defaults"], sections["locked"], tuple(problems))

def _as_message(text: str | Message) -> Message:
    return text if isinstance(text, Message) else msg("{text}", text=text)

def _error_line(error: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(error, "lineno", None)  # Python 3.14 and later
    if isinstance(lineno, int):
        return lineno
    found = re.search(r"at line (\d+)", str(error))
    return int(found.group(1)) if found else None

def _before_line(text: str, line: int | None) -> dict[str, object]:
    if not line or line <= 1:
        return {}
    try:
        return tomllib.loads("\n".join(text.splitlines()[:line - 1]))
    except tomllib.TOMLDecodeError:
        return {}

def _flatten(body: Mapping[str, object]) -> Iterable[tuple[str, object]]:
    """``{"team": {"server": x}, "policy": {...}}`` as ("team.server", x), ("policy.…", …);
    a policy field's value stays whole (``rule_levels`` is a table of its own)."""
    for top, value in body.items():
        if top == "policy" and isinstance(value, Mapping):
            for name, inner in value.items():
                yield f"policy.{name}", inner
        elif isinstance(value, Mapping) and top in {"team", "colours", "language"}:
            for name, inner in value.items():
                yield f"{top}.{name}", inner
        else:
            yield top, value

def check_value(key: str, value: object) -> object:
    """``value`` as SafeDesk uses it for ``key``, or ``InvalidInputError`` saying why not."""
    if key.startswith("policy."):
        return _policy_value(key.removeprefix("policy."), value)
    if key not in PLAIN_KEYS:
        raise InvalidInputError(msg("SafeDesk has no setting called {key}; it knows {known}.",
                                    key=key, known=", ".join((*PLAIN_KEYS, "policy.…"))))
    if not isinstance(value, str):
        raise InvalidInputError(msg("give this setting as text in quotes."))
    if key == TEAM_SERVER:
        return _team_server(value)
    if key in {PERSONAL_COLOUR, OFFICIAL_COLOUR}:
        return _colour(value)
    if key == INTERFACE_LANGUAGE:
        if value not in INTERFACE_LANGUAGES:
            raise InvalidInputError(msg("SafeDesk's own language is en_GB (English) or cy "
                                        "(Cymraeg), not “{value}”.", value=value))
        return "en_GB" if value == "en" else value
    if not _POST_LANGUAGE_CODE.match(value):
        raise InvalidInputError(msg("“{value}” is not a language code such as cy or en.",
                                    value=value))
    return value

def _team_server(value: str) -> str:
    if not value.startswith(("postgresql://", "postgres://")):
        raise InvalidInputError(msg("the team server is a PostgreSQL URL such as "
                                    "postgresql://db.example.org:5432/safedesk?sslmode="
                                    "verify-full, not “{value}”.", value=value))
    return value

def _colour(value: str) -> str:
    try:
        colour = normalise_hex(value)
    except ValueError:
        raise InvalidInputError(msg("“{value}” is not a colour: give it as #rrggbb.",
                                    value=value)) from None
    if best_text_contrast(colour) < AA_NORMAL_TEXT:
        raise InvalidInputError(msg(
            "{colour} cannot be a pane colour: neither white nor near-black text reaches "
            "4.5:1 (WCAG AA) on it. Choose a darker or a lighter shade.", colour=colour))
    return colour

def _policy_value(name: str, value: object) -> object:
    if name in POLICY_LISTS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidInputError(msg("give this setting as a list of words in quotes, "
                                        "e.g. [\"one\", \"two\"]."))
        made = settings_of(**{_SETTINGS_OF_NAMES[name]: value})  # type: ignore[arg-type]
        return getattr(made, name)
    if name == "election_periods":
        return tuple(_period(raw) for raw in _list_of_tables(value))
    if name == "rule_levels":
        return _levels(value)
    raise InvalidInputError(msg("the policy settings have no {name}; they have {known}.",
                                name=name, known=", ".join(POLICY_FIELDS)))

_SETTINGS_OF_NAMES = {"organisation_names": "names", "organisation_handles": "handles",
                      "organisation_hashtags": "hashtags", "political_terms": "political_terms",
                      "watched_accounts": "watched_accounts"}

def _list_of_tables(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise InvalidInputError(msg("give each election period as a [[…election_periods]] "
                                    "table with name, starts and ends."))
    return value

def _period(raw: Mapping[str, object]) -> ElectionPeriod:
    starts, ends, terms = raw.get("starts", ""), raw.get("ends", ""), raw.get("terms", [])
    return election_period(str(raw.get("name", "")),
                           starts if isinstance(starts, date) else str(starts),
                           ends if isinstance(ends, date) else str(ends),
                           [str(t) for t in terms] if isinstance(terms, list) else [])

def _levels(value: object) -> dict[str, RuleLevel]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(msg("give the rule levels as a table, e.g. "
                                    "rule_levels = {{ links = \"block\" }}."))
    levels: dict[str, RuleLevel] = {}
    for rule, level in value.items():
        if rule in FIXED_RULES or rule not in RULES:
            raise InvalidInputError(msg("“{rule}” is not a rule whose level can be set: choose "
                                        "among {rules}.", rule=rule, rules=", ".join(
                                            sorted(set(RULES) - FIXED_RULES))))
        try:
            levels[rule] = RuleLevel(str(level))
        except ValueError:
            raise InvalidInputError(msg("“{level}” is not a rule level: choose one of "
                                        "{choices}.", level=level, choices=", ".join(
                                            v.value for v in RuleLevel))) from None
    return levels

# -- several files: later ones only add ------------------------------------------------------

def merge(files: Iterable[ManagedFile]) -> ManagedSettings:
    """The files in order of authority (the system's first). A later file may add defaults and
    locks, and replace an earlier file's default, but never change or remove a lock; a locked
    pair of pane colours that cannot be told apart is refused whole."""
    defaults: dict[str, object] = {}
    locked: dict[str, object] = {}
    problems: list[ManagedProblem] = []
    paths: list[Path] = []
    for read in files:
        paths.append(read.path)
        problems.extend(read.problems)
        defaults.update(read.defaults)
        for key, value in read.locked.items():
            if key == "policy.rule_levels" and isinstance(value, Mapping):
                earlier = locked.get(key, {})
                locked[key] = {**value, **(earlier if isinstance(earlier, Mapping) else {})}
            else:
                locked.setdefault(key, value)
    problems.extend(_pair_problems(defaults, locked, paths))
    return ManagedSettings(defaults, locked, tuple(paths), tuple(problems))

def _pair_problems(defaults: dict[str, object], locked: dict[str, object],
                   paths: list[Path]) -> list[ManagedProblem]:
    """The two panes' colours must be told apart (a preset one beside the other's preset or
    built-in colour); a pair that cannot is dropped (the desk's own or built-in colours stay)
    and said."""
    preset = {key: locked.get(key, defaults.get(key)) for key in BUILT_IN_COLOURS}
    if not any(isinstance(value, str) for value in preset.values()):
        return []
    personal, official = (str(preset[key] or BUILT_IN_COLOURS[key]) for key in BUILT_IN_COLOURS)
    _vision, difference = closest_difference(personal, official)
    if difference >= MIN_PANE_DIFFERENCE:
        return []
    for key in (PERSONAL_COLOUR, OFFICIAL_COLOUR):
        defaults.pop(key, None)
        locked.pop(key, None)
    return [ManagedProblem(paths[0] if paths else Path(), msg(
        "the pane colours {personal} and {official} are too alike to tell the panes apart "
        "(ΔE {difference}; SafeDesk needs {least}), so neither is used.", personal=personal,
        official=official, difference=f"{difference:.0f}", least=f"{MIN_PANE_DIFFERENCE:.0f}"),
        key="colours")]
