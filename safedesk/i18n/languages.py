"""The languages SafeDesk speaks, and how the person's is chosen.

The order of choice: ``--lang`` on the command line, then ``SAFEDESK_LANG``, then what the person
chose in Settings > Language, then the system's locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, as gettext reads them), then English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg

LANG_VARIABLE = "SAFEDESK_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # as the catalogs are named: en_GB, cy
    name: str  # in the language itself, as a chooser lists it
    content_tag: str  # what a post written in it is tagged with (Mastodon language, Bluesky langs)


ENGLISH = Language("en_GB", "English", "en")
WELSH = Language("cy", "Cymraeg", "cy")
LANGUAGES = (ENGLISH, WELSH)


def language(code: str) -> Language:
    """The language a code names: ``cy``, ``cy_GB``, ``cy-GB.UTF-8``, ``en``, ``en_GB``…"""
    found = _known(code)
    if found is None:
        raise InvalidInputError(msg(
            "SafeDesk does not speak \"{code}\": choose one of {choices}.",
            code=code, choices=", ".join(f"{x.code} ({x.name})" for x in LANGUAGES)))
    return found


def _known(code: str) -> Language | None:
    base = code.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].replace("-", "_").lower()
    for candidate in LANGUAGES:
        if base in {candidate.code.lower(), candidate.content_tag} or \
                base.startswith(candidate.content_tag + "_"):
            return candidate
    return None


def system_language(environ: Mapping[str, str]) -> Language | None:
    """What the system's locale asks for, if SafeDesk speaks it (``LANGUAGE`` may list
    several, in order)."""
    for variable in LOCALE_VARIABLES:
        for code in _codes(environ.get(variable, "")):
            found = _known(code)
            if found is not None:
                return found
    return None


def _codes(value: str) -> Iterable[str]:
    return [part for part in value.split(":") if part and part not in {"C", "POSIX"}]


def choose_language(environ: Mapping[str, str], *, explicit: str | None = None,
                    saved: str | None = None) -> Language:
    """The language to speak (module doc for the order). A bad ``--lang`` or SAFEDESK_LANG is
    refused; a setting saved by an older SafeDesk that is no longer known is passed over."""
    if explicit:
        return language(explicit)
    if environ.get(LANG_VARIABLE):
        return language(environ[LANG_VARIABLE])
    if saved and _known(saved) is not None:
        return language(saved)
    return system_language(environ) or ENGLISH
