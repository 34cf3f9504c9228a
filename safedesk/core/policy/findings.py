"""What a policy check says about a draft: a :class:`Finding` per problem, with its rule, severity,
the field and span it is about, and a message that says what and why."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import ENGLISH, Message, Words, msg, msgn


class Severity(enum.StrEnum):
    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def words(self) -> Message:
        """The word shown beside a finding, so that severity never rests on colour alone."""
        return _SEVERITY_WORDS[self.value]

    @property
    def label(self) -> str:
        """:attr:`words` in English."""
        return str(self.words)


_SEVERITY_WORDS = {"info": msg("Note"), "warn": msg("Warning"), "block": msg("Blocked")}


class FieldKind(enum.StrEnum):
    TEXT = "text"  # the post's text: part 1 of a thread
    THREAD_PART = "thread_part"  # part ``number`` (2..n) of a thread
    CONTENT_WARNING = "content_warning"
    ALT_TEXT = "alt_text"  # the alt text of image ``number`` (1..n)
    LINK_CARD = "link_card"
    # A bilingual pair's second language (``Content.translation``): its text, warning and the
    # alt text of image ``number``.
    SECOND_TEXT = "second_text"
    SECOND_CONTENT_WARNING = "second_content_warning"
    SECOND_ALT_TEXT = "second_alt_text"
    SHARED_POST = "shared_post"  # someone else's post being shared (``Content.share``)


@dataclass(frozen=True, slots=True)
class FieldRef:
    """Which part of a draft a finding is about."""

    kind: FieldKind
    number: int = 0

    @property
    def words(self) -> Message:
        """Where in the draft, for people: "part 2 of the thread"."""
        numbered = {FieldKind.THREAD_PART: msg("part {number} of the thread",
                                               number=self.number),
                    FieldKind.ALT_TEXT: msg("the alt text of image {number}", number=self.number),
                    FieldKind.SECOND_ALT_TEXT: msg(
                        "the alt text of image {number} in the second language",
                        number=self.number)}
        named = {FieldKind.CONTENT_WARNING: msg("the content warning"),
                 FieldKind.LINK_CARD: msg("the link card"),
                 FieldKind.SECOND_TEXT: msg("the text in the second language"),
                 FieldKind.SHARED_POST: msg("the shared post"),
                 FieldKind.SECOND_CONTENT_WARNING: msg(
                     "the content warning in the second language")}
        return numbered.get(self.kind) or named.get(self.kind) or msg("the text")

    @property
    def label(self) -> str:
        """:attr:`words` in English."""
        return str(self.words)

    @property
    def key(self) -> str:
        """A stable name for machine output: ``text``, ``thread_part:2``, ``alt_text:1``."""
        return self.kind.value if not self.number else f"{self.kind.value}:{self.number}"


TEXT = FieldRef(FieldKind.TEXT)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found. ``start``/``end`` index the field's text (Python ``str``
    positions); both 0 when the finding is about the field as a whole (a missing alt text).

    ``overridable`` says whether an approver's written reason may lift a block (a watched term
    in an election period); a hidden-text block never can: the text must change. ``matched`` is
    the text the finding is about, as written (for an override's record).
    """

    rule: str
    severity: Severity
    message: Message
    field: FieldRef = TEXT
    start: int = 0
    end: int = 0
    overridable: bool = False
    matched: str = ""

    @property
    def override_key(self) -> str:
        """What an approver's override names: the rule, the field and the words, so an override
        covers exactly the blocks the approver read (a term added later is not covered)."""
        return f"{self.rule}|{self.field.key}|{' '.join(self.matched.casefold().split())}"

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity.value, "message": str(self.message),
                "field": self.field.key, "span": [self.start, self.end],
                "overridable": self.overridable}

    def line(self, words: Words = ENGLISH) -> str:
        """One line for a terminal or a list: severity word, where, and why."""
        return msg("{severity}: {message} ({field})", severity=self.severity.words,
                   message=self.message, field=self.field.words).render(words)


class PolicyBlockedError(InvalidInputError):
    """A draft carries a blocking finding: it cannot be submitted or published as it stands."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        first = self.findings[0]
        more = len(self.findings) - 1
        if more:
            super().__init__(msgn(
                "This post cannot go out as it stands: {message} ({field}) (and {count} more).",
                "This post cannot go out as it stands: {message} ({field}) (and {count} more).",
                more, message=first.message, field=first.field.words))
        else:
            super().__init__(msg("This post cannot go out as it stands: {message} ({field}).",
                                 message=first.message, field=first.field.words))


def blocking(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.severity is Severity.BLOCK)
