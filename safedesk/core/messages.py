"""Words for people, kept apart from the language they are shown in.

Core and the services never choose a language: what they say to a person is a :class:`Message`,
the English (en-GB) text with named ``{fields}`` and, where a number decides the wording, its
plural. The edge that shows it (the window, the command line) renders it with the person's
:class:`Words`, a gettext catalog (``safedesk.i18n``), so one message reads right in English and
in Welsh, with Welsh's six plural forms. Rendered with no catalog, a message is its English text,
which is also what ``str()`` gives: logs and tests read the same words as before.

The English text is the catalog's key (gettext's msgid), so ``msg("…")`` and ``msgn("…", "…",
n)`` calls are where ``scripts/i18n.py`` finds the words to translate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class Words(Protocol):
    """One language's words: a gettext catalog, and that language's way with dates."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def when(self, moment: datetime, /) -> str:
        """A date and time, as this language writes them."""
        ...

    def day(self, moment: date, /) -> str:
        """A date alone."""
        ...


class _English:
    """The source language: every text as written, and dates as a UK reader expects them."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def when(self, moment: datetime, /) -> str:
        return f"{moment.day} {moment:%b %Y, %H:%M}"

    def day(self, moment: date, /) -> str:
        return f"{moment.day} {moment:%b %Y}"


ENGLISH: Words = _English()

@dataclass(frozen=True, slots=True)
class Message:
    """What to say, in no language yet (module doc). ``fields`` fill the text's ``{names}``; a
    field may itself be a message, rendered in the same language, or a date, written the
    language's way. A plural message also offers its number as ``{count}``."""

    text: str
    fields: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int | None = None

    def render(self, words: Words = ENGLISH) -> str:
        if self.plural is not None and self.count is not None:
            template = words.ngettext(self.text, self.plural, self.count)
        else:
            template = words.gettext(self.text)
        values = {name: _rendered(value, words) for name, value in self.fields}
        if self.count is not None:
            values.setdefault("count", self.count)
        return template.format_map(values) if values else template

    def __str__(self) -> str:
        return self.render()


def _rendered(value: object, words: Words) -> object:
    if isinstance(value, Message):
        return value.render(words)
    if isinstance(value, datetime):
        return words.when(value)
    if isinstance(value, date):
        return words.day(value)
    return value


def msg(text: str, /, **fields: object) -> Message:
    """A message in English (en-GB), with its fields: translated where it is shown."""
    return Message(text, tuple(fields.items()))


def msgn(singular: str, plural: str, count: int, /, **fields: object) -> Message:
    """A message whose wording depends on ``count`` (English has two forms, Welsh six)."""
    return Message(singular, tuple(fields.items()), plural, count)


def say(message: str | Message, words: Words = ENGLISH) -> str:
    """``message`` in the language of ``words``; plain text (a server's own words, a name) as
    it is."""
    return message.render(words) if isinstance(message, Message) else message
