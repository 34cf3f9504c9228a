"""The language of a text, read by Lingua (``lingua-language-detector``): the
:class:`~safedesk.core.post_language.LanguageReader` the command line and the window use.

Lingua was chosen for Welsh in short posts. Measured on short council-style Welsh and English
posts and two-word phrases (those of ``tests/language_samples.py``, before it was chosen): it read
79 of 80 phrases right, against 77 for py3langid and langidentify; CLD2 cannot be told to
choose among SafeDesk's languages only and misread short ones ("Merry Christmas" was Danish), and
CLD3 and fastText's small model misread 6 and 7 of 60 sentences. It loads only the models of the
languages asked for, in about 0.1 s, where py3langid takes 2.6 s and langidentify 7.7 s. A
reading takes about a millisecond. Its wheel is large (96 MB for Python 3.11, 170 MB from 3.12),
the price of that accuracy.

It is imported, and its models loaded, on the first reading only: starting SafeDesk, and every
command that posts nothing, never pay for it. The window reads only once the models are loaded
on a worker (``gui.compose_language``).
"""

from __future__ import annotations

import configparser
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.post_language import Reading, word_count, words_only

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The post languages SafeDesk offers (the compose box's list) that Lingua knows. It has no
# Scottish Gaelic: a post tagged gd is never read, nor warned about.
READ_LANGUAGES = ("cy", "en", "ga", "pl", "ur", "ar", "pa")


class LinguaReader:
    """Reads a text's language among ``READ_LANGUAGES``; safe to share between threads."""

    def __init__(self, languages: tuple[str, ...] = READ_LANGUAGES) -> None:
        self._languages = languages
        self._detector: LanguageDetector | None = None
        self._lock = threading.Lock()

    @property
    def known(self) -> frozenset[str]:
        return frozenset(self._languages)

    def read(self, text: str) -> Reading | None:
        words = words_only(text)
        if not word_count(words):
            return None
        values = self._loaded().compute_language_confidence_values(words)
        if not values:
            return None
        best = values[0]
        return Reading(best.language.iso_code_639_1.name.lower(), best.value)

    def _loaded(self) -> LanguageDetector:
        with self._lock:
            if self._detector is None:
                # Loaded here, not at the top: the library is large, and most commands never
                # read a language.
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # noqa: PLC0415

                languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
                             for code in self._languages]
                detector = LanguageDetectorBuilder.from_languages(*languages).build()
                detector.compute_language_confidence_values("Bore da")  # loads the models
                self._detector = detector
            return self._detector


def desk_default_language(window_settings: Path) -> str:
    """The post language a new draft starts with on this desk (Settings > Language in the
    window, kept in ``window.ini`` under ``compose/default_language``); "" when none is set or
    the file cannot be read. Read without Qt, for the command line."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(window_settings, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return ""
    return parser.get("compose", "default_language", fallback="").strip()
