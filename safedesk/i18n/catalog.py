"""One language's words: its gettext catalog, its plural rule, and its dates.

The catalogs are compiled from ``resources/i18n/<code>.po`` into ``<code>.mo`` beside them
(``scripts/i18n.py compile``; ``resources/i18n/README.md`` says how a translator works). English
is the source language, so its catalog only holds the plurals' English forms.

Plurals follow the catalog's own rule (its ``Plural-Forms`` header, CLDR's: Welsh has six
forms, for 0, 1, 2, 3, 6 and the rest). Dates and times are written the language's way by
Babel, from CLDR's data.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.messages import Message, Words, say
from safedesk.i18n.languages import ENGLISH, Language
from safedesk.resources import resource_path

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "safedesk"


class Translator:
    """:class:`~safedesk.core.messages.Words` for one language, from its compiled catalog."""

    def __init__(self, lang: Language, catalog: gettext.NullTranslations) -> None:
        self.language = lang
        self._catalog = catalog

    def gettext(self, message: str, /) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return self._catalog.ngettext(singular, plural, n)

    # Babel and its locale data load with the first date said, not before the window shows.
    def when(self, moment: datetime, /) -> str:
        from babel.dates import format_datetime  # noqa: PLC0415 - see above

        return format_datetime(moment, "d MMM y, HH:mm", locale=self._locale,
                               tzinfo=moment.tzinfo)

    def day(self, moment: date, /) -> str:
        from babel.dates import format_date  # noqa: PLC0415 - see above

        return format_date(moment, "d MMM y", locale=self._locale)

    @cached_property
    def _locale(self) -> Locale:
        from babel import Locale  # noqa: PLC0415 - see above

        return Locale.parse(self.language.code)

    def say(self, message: str | Message) -> str:
        return say(message, self)


def catalog_path(lang: Language) -> Path:
    return resource_path("i18n", f"{lang.code}.mo")


@cache
def translator(lang: Language = ENGLISH) -> Translator:
    """The words of ``lang``, read once per process (the catalogs do not change while it
    runs)."""
    with catalog_path(lang).open("rb") as file:
        return Translator(lang, gettext.GNUTranslations(file))


def english() -> Words:
    return translator(ENGLISH)
