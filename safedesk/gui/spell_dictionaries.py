"""The dictionaries behind spell check: Enchant (libenchant-2) over Debian's Hunspell and Aspell
dictionaries, through pyenchant.

A compose box's Language choice names the dictionary: English is British English (hunspell-en-gb),
Welsh comes from Aspell (aspell-cy; Debian has no Hunspell Welsh), the others from whatever the
system has. A draft with no language set is checked as British English. Loading a dictionary
takes a good part of a second, so it is done once per language and off the GUI thread
(:func:`load`); checking a word afterwards takes microseconds, and every answer is remembered.
When Enchant or a dictionary is missing, :func:`load` says so in a sentence and spell check is
simply off for that language.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from safedesk.core.messages import Message, msg

log = logging.getLogger(__name__)

# Enchant's tags to try for each compose-box language code, best first.
_TAGS: dict[str, tuple[str, ...]] = {
    "": ("en_GB",), "en": ("en_GB",), "cy": ("cy_GB", "cy"), "gd": ("gd_GB", "gd"),
    "ga": ("ga_IE", "ga"), "pl": ("pl_PL", "pl"), "ur": ("ur_PK", "ur"), "ar": ("ar",),
    "pa": ("pa_IN", "pa"),
}
_NAMES = {"": msg("British English"), "en": msg("British English"), "cy": msg("Welsh"),
          "gd": msg("Gaelic"), "ga": msg("Irish"), "pl": msg("Polish"), "ur": msg("Urdu"),
          "ar": msg("Arabic"), "pa": msg("Punjabi")}
# Welsh joins a short word to the one before it with an apostrophe: the article ("Mae'r", "o'r",
# "a'r"), "yn" ("mae'n"), and the pronouns ("wedi'i", "i'w", "gyda'u", "fe'm", "a'th", "i'ch").
# Aspell's Welsh dictionary carries only a few of these pairs, so the most common sentence
# openings were underlined; a pair is right when its first word is.
_WELSH_ENCLITICS = frozenset({"r", "n", "i", "w", "u", "m", "th", "ch"})
_APOSTROPHES = ("'", "\u2019")
SUGGESTIONS = 6  # on the right-click menu: more would push the usual entries off a small screen
_MEMORY = 20_000  # answers remembered per dictionary: a day's words, a few hundred kB


def language_name(code: str) -> Message | str:
    """The dictionary's language, to be said in the window's (an unknown code as it is)."""
    return _NAMES.get(code, code) if code else _NAMES[""]


class Speller:
    """One loaded dictionary, plus the person's own words. Used on the GUI thread only."""

    def __init__(self, code: str, backend: Any, personal: set[str]) -> None:
        self.code = code
        self.name = language_name(code)
        self._backend = backend
        self._personal = personal  # shared with the person's other box, and updated by it
        self._known: dict[str, bool] = {}

    def is_known(self, word: str) -> bool:
        if word in self._personal:
            return True
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= _MEMORY:
                self._known.clear()
            known = self._known[word] = self._check(word)
        return known

    def _check(self, word: str) -> bool:
        if self._backend.check(word):
            return True
        if self.code != "cy":
            return False
        for apostrophe in _APOSTROPHES:
            first, joined, enclitic = word.rpartition(apostrophe)
            if joined and enclitic.lower() in _WELSH_ENCLITICS and len(first) > 0:
                return bool(self._backend.check(first))
        return False

    def suggestions(self, word: str) -> list[str]:
        return [str(s) for s in self._backend.suggest(word)][:SUGGESTIONS]


@dataclass(frozen=True, slots=True)
class Missing:
    """Why there is no spell check for a language, in words for the person."""

    code: str
    message: Message


@dataclass
class _Cache:
    backends: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_cache = _Cache()


def load(code: str, personal: set[str]) -> Speller | Missing:
    """The speller for a compose-box language code; blocks while a dictionary loads (run it in
    the background). Never raises: a missing library or dictionary is a :class:`Missing`."""
    name = language_name(code)
    with _cache.lock:
        backend = _cache.backends.get(code)
        if backend is None:
            try:
                import enchant  # noqa: PLC0415 - loads libenchant: only when spell check starts

                tag = next((t for t in _TAGS.get(code, (code,)) if enchant.dict_exists(t)), None)
                if tag is None:
                    return Missing(code, msg("Spell check: no {language} dictionary installed",
                                             language=name))
                backend = enchant.Dict(tag)
            except Exception as error:  # noqa: BLE001 - any failure here only turns spell check off
                # pyenchant raises ImportError when libenchant itself is absent, enchant.Error
                # when a provider fails to open a dictionary.
                log.info("spell check unavailable: %s", error)
                return Missing(code, msg("Spell check: the Enchant spelling library is not "
                                         "installed"))
            _cache.backends[code] = backend
    return Speller(code, backend, personal)
