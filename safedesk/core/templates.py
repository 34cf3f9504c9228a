"""Correction templates: plain text with a few named placeholders, and the checks around them.

A template is named (``correction``, ``apology``, ``retraction``, ``note`` for the line added to
an edited original, or any name an admin gives) and written in one language (``en-GB`` or
``cy``). Its version is the SHA-256 of its text, so a pre-approval names exactly the words an
approver read: change one character and the version, and with it the pre-approval, is new.

Placeholders are ``{name}`` and only the names in :data:`PLACEHOLDERS`; any other brace is
refused when the template is saved, so a typo cannot reach a post. Values are put in by one pass
over the template, never re-read as placeholders.

:func:`hack_claims` finds text saying the account was hacked or misused. SafeDesk's templates
never say so; a correction that does goes to an approver, whatever was pre-approved.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from safedesk.core.digest import normalise_text
from safedesk.core.errors import InvalidInputError, NotAllowedError, SelfApprovalError
from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import Pane, Person

# The documented set. Each is filled with one value, as one correction is one text everywhere.
PLACEHOLDERS: Mapping[str, Message] = {
    "original_date": msg("the day the original was first published, written out in the "
                         "template's language (e.g. 21 November 2026, 21 Tachwedd 2026)"),
    "account": msg("the name the account goes by: its display name, else its address"),
    "correction": msg("the author's own words: what was wrong, and what is right"),
    "author": msg("when undoing a share: whose post was shared, by their display name, else "
                  "their address"),
}
# Template language -> the language code the post carries on the platforms.
LANGUAGES: Mapping[str, str] = {"en-GB": "en", "cy": "cy"}
LANGUAGE_NAMES: Mapping[str, str] = {"en-GB": "English (UK)", "cy": "Cymraeg"}
NAME_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,39}")
MAX_TEMPLATE_LENGTH = 2000
PERSONAL_VOICE = "-personal"  # apology-personal: the words of a person, not of the organisation
SHARE_WORDING = "-share"  # apology-share: undoing a share of someone else's post, not our own

_TOKEN = re.compile(r"\{([^{}]*)\}|[{}]")

_MONTHS = {
    "en-GB": ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
           "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}

_APOSTROPHE = "['\u2019]"
# Claims that the account was hacked, compromised or used by someone else, in English and Welsh.
# Kept narrow on purpose ("Hackney", "a compromise" must pass): a match sends a correction to an
# approver, it does not refuse it.
_HACK_SOURCES = (
    r"\bhack(?:ed|er|ers|ing)\b",
    r"\bcompromised\b",
    r"\bunauthori[sz]ed\s+(?:access|log-?ins?|use|users?|posts?|person|people|someone)\b",
    rf"\b(?:was|were)n{_APOSTROPHE}?t\s+(?:us|from\s+us|by\s+us|posted\s+by\s+us)\b",
    r"\b(?:was|were)\s+not\s+(?:us|from\s+us|by\s+us|posted\s+by\s+us)\b",
    r"\bnot\s+(?:posted|written|sent)\s+by\s+us\b",
    r"\bsomeone\s+(?:else\s+)?(?:got\s+into|accessed|took\s+over|broke\s+into)\b",
    (r"\b(?:account|password)s?\s+(?:was|were|has\s+been|have\s+been)\s+"
     r"(?:stolen|breached|taken\s+over)\b"),
    # Cymraeg: hacio / haciwyd / hacwyr; mynediad heb awdurdod; nid ni oedd; wedi'i gyfaddawdu.
    r"\bhac(?:io|iwyd|iodd|iwr|wyr|wyd)\b",
    r"\bmynediad\s+(?:heb\s+(?:ei\s+)?awdurdod|diawdurdod)",
    r"\bnid\s+ni\s+(?:oedd|wnaeth|a\s+(?:bostiodd|ysgrifennodd|anfonodd))\b",
    r"\b[cg]yfaddawd(?:u|wyd)\b",
)


@cache
def _hack_patterns() -> tuple[re.Pattern[str], ...]:
    """Each claim's pattern, compiled on first use: together they cost a window's start more
    than anything else of this module, and only a check or a correction needs them."""
    return tuple(re.compile(source, re.IGNORECASE) for source in _HACK_SOURCES)


@cache
def _any_hack_pattern() -> re.Pattern[str]:
    """Any of them, in one pass: most posts claim nothing, and the queue lists a thousand at a
    time."""
    return re.compile("|".join(f"(?:{source})" for source in _HACK_SOURCES), re.IGNORECASE)


@cache
def _hack_search() -> re.Pattern[str]:
    """The same, opening with a look-ahead at the first letters a claim can start with, so a
    search over a long text skips most positions at once."""
    return re.compile(f"(?=[hcuwnsapmgHCUWNSAPMG])(?:{_any_hack_pattern().pattern})",
                      re.IGNORECASE)


# Words one of the claims must contain, so a text with none of them is not searched at all
# (the compose box asks on every keystroke).
_HACK_NEEDS = ("hack", "compromised", "unauthori", " us", "someone", "stolen", "breached",
               "taken", "hac", "mynediad", "nid ni", "yfaddawd")


@dataclass(frozen=True, slots=True)
class Template:
    """One template's text, as shipped (``editor_id`` None) or as an admin last saved it."""

    name: str
    language: str
    text: str
    editor_id: str | None = None
    saved_at: datetime | None = None

    @property
    def version(self) -> str:
        return template_version(self.text)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholders used, in order of first use."""
        return parse(self.text)

    @property
    def shipped(self) -> bool:
        return self.editor_id is None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.language})"


@dataclass(frozen=True, slots=True)
class TemplatePreapproval:
    """An approver's signature on one version of one template."""

    id: str
    name: str
    language: str
    version: str
    approver_id: str
    approved_at: datetime
    comment: str = ""


@dataclass(frozen=True, slots=True)
class PreapprovedText:
    """The second language of a bilingual correction, as a pre-approval must cover it: the
    pre-approval, the template version it names, and the values that fill it."""

    preapproval: TemplatePreapproval
    template: Template
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Rendering:
    """A template with what is filled so far; unfilled placeholders stay visible in the text."""

    text: str
    missing: tuple[str, ...]


def template_for(kind: str, pane: Pane) -> str:
    """The template a correction starts from. An official account speaks for the organisation
    ("We are sorry. Our post…"); a personal account is one person's own, so its correction
    says "I" (``apology-personal``), never the council's "we"."""
    return f"{kind}{PERSONAL_VOICE}" if pane is Pane.PERSONAL else kind


def share_template_for(kind: str, pane: Pane) -> str:
    """The template a correction posted with the undo of a share starts from: the account did
    not write the shared post, so it says "we shared a post by {author}", never "our post"
    (``apology-share``, ``apology-share-personal``)."""
    return template_for(f"{kind}{SHARE_WORDING}", pane)


def template_version(text: str) -> str:
    return hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """The form a template is stored, versioned and compared in: NFC, ``\\n`` line endings,
    no white space around the whole."""
    return normalise_text(text).strip()


def parse(text: str) -> tuple[str, ...]:
    """The placeholders of a template, or InvalidInputError naming the first bad brace."""
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        name = match.group(1)
        if name is None:
            raise InvalidInputError(msg(
                "A template may use braces only around a placeholder such as {{correction}}; "
                "there is a lone '{brace}' in it.", brace=match.group(0)))
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise InvalidInputError(msg("{{{name}}} is not a placeholder SafeDesk knows. Use "
                                        "{known}.", name=name, known=known))
        if name not in names:
            names.append(name)
    return tuple(names)


def leftover_placeholders(text: str) -> tuple[str, ...]:
    """Known placeholders still standing in a text someone wrote themselves: a ``{correction}``
    copied from a template and never replaced must not go out as it is. Other braces are the
    author's own business."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        name = match.group(1)
        if name in PLACEHOLDERS and name not in found:
            found.append(name)
    return tuple(found)


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInputError(msg("'{language}' is not a template language. Choose "
                                    "{first} or {second}.", language=language,
                                    first="en-GB", second="cy"))
    return language


def make_template(name: str, language: str, text: str, editor_id: str | None = None,
                  saved_at: datetime | None = None) -> Template:
    """A checked template: known name form, language and placeholders, no claim of a hack."""
    if not NAME_PATTERN.fullmatch(name):
        raise InvalidInputError(msg("'{name}' cannot name a template: use lower-case letters, "
                                    "digits and hyphens, starting with a letter.", name=name))
    check_language(language)
    body = clean_text(text)
    if not body:
        raise InvalidInputError(msg("A template needs some text."))
    if len(body) > MAX_TEMPLATE_LENGTH:
        raise InvalidInputError(msg("Keep a template under {limit} characters.",
                                    limit=MAX_TEMPLATE_LENGTH))
    parse(body)
    claims = hack_claims(body)
    if claims:
        raise InvalidInputError(msg(
            "A template must not say the account was hacked or misused (it says "
            "“{claim}”). If that really happened, write the post yourself: it will go to an "
            "approver.", claim=claims[0]))
    return Template(name, language, body, editor_id, saved_at)


def _values(template: Template, fields: Mapping[str, str]) -> dict[str, str]:
    used = template.placeholders
    unknown = [name for name in fields if name not in used]
    if unknown:
        has: str | Message = ", ".join(f"{{{p}}}" for p in used) or msg("no placeholders")
        raise InvalidInputError(msg(
            "The {template} template has no {{{name}}} (it has {has}). Write your "
            "own text instead if the template does not say what you need.",
            template=template.label, name=unknown[0], has=has))
    return {name: clean_text(value) for name, value in fields.items() if clean_text(value)}


def preview(template: Template, fields: Mapping[str, str]) -> Rendering:
    """The text so far, for a dialog: filled where a value is given, ``{name}`` where not."""
    values = _values(template, fields)
    missing = tuple(name for name in template.placeholders if name not in values)

    def fill(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    return Rendering(_TOKEN.sub(fill, template.text), missing)


def render(template: Template, fields: Mapping[str, str]) -> str:
    """The finished text; refused while any placeholder is unfilled."""
    rendering = preview(template, fields)
    if rendering.missing:
        names = ", ".join(f"{{{name}}}" for name in rendering.missing)
        raise InvalidInputError(msgn(
            "Fill in {names} before publishing: the {template} template needs it ({what}).",
            "Fill in {names} before publishing: the {template} template needs them ({what}).",
            len(rendering.missing), names=names, template=template.label,
            what=PLACEHOLDERS[rendering.missing[0]]))
    return rendering.text


def is_rendering_of(text: str, template: Template, fields: Mapping[str, str]) -> bool:
    """Whether ``text`` is exactly the template with its placeholders filled, nothing else."""
    try:
        return clean_text(text) == render(template, fields)
    except InvalidInputError:
        return False


def hack_pattern_sources() -> tuple[str, ...]:
    """The claim patterns as regular-expression text (case-insensitive), for a team server,
    which holds pre-approved corrections to the same list."""
    return _HACK_SOURCES


def hack_claim_matches(text: str) -> Iterator[re.Match[str]]:
    """Where ``text`` claims a hack or misuse, as spans of the text itself (not normalised)."""
    lowered = text.lower()
    if any(word in lowered for word in _HACK_NEEDS):
        yield from _hack_search().finditer(text)


def hack_claims(text: str) -> tuple[str, ...]:
    """The phrases that claim a hack or misuse, as written, first occurrence first."""
    body = normalise_text(text)
    if not _any_hack_pattern().search(body):
        return ()
    found: list[tuple[int, str]] = []
    for pattern in _hack_patterns():
        found.extend((m.start(), m.group(0)) for m in pattern.finditer(body))
    phrases: list[str] = []
    for _, phrase in sorted(found):
        if phrase.lower() not in {p.lower() for p in phrases}:
            phrases.append(phrase)
    return tuple(phrases)


def format_date(day: date, language: str) -> str:
    """``21 November 2026`` or ``21 Tachwedd 2026``: no ordinals, which Welsh writes differently."""
    months = _MONTHS[check_language(language)]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def preapproval_comment(preapproval: TemplatePreapproval) -> str:
    return (f"pre-approved template {preapproval.name}.{preapproval.language}"
            f"@{preapproval.version[:12]}")


def check_can_preapprove(template: Template, approver: Person, seen_version: str) -> None:
    """Rule 3 for templates: an approver who did not write this version signs the words read."""
    if not approver.role.may_approve:
        raise NotAllowedError(msg("{name} is an {role}; only approvers and "
                                  "admins can pre-approve a template.", name=approver.name,
                                  role=approver.role.word))
    if template.editor_id == approver.id:
        raise SelfApprovalError(msg("{name} last edited the {template} template, so "
                                    "cannot pre-approve it. Someone who has not changed it must.",
                                    name=approver.name, template=template.label))
    if seen_version != template.version:
        raise NotAllowedError(msg("The template changed after you read it. Read the new version "
                                  "before pre-approving it."))
    claims = hack_claims(template.text)
    if claims:
        raise NotAllowedError(msg("This template says “{claim}”: such a claim cannot be "
                                  "pre-approved.", claim=claims[0]))
