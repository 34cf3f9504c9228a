"""The language of a text, read by Lingua (``lingua-language-detector``): the
:class:`~safedesk.core.post_language.LanguageReader` the command line and the window use.

Lingua was chosen for Welsh in short posts: on the council-style sentences and two-word phrases
of ``tests/test_language_reading.py`` it reads Welsh and English right more often than langid
(py3langid), CLD2, CLD3 or fastText's small model, and it loads only the models of the languages
asked for (about 50 ms for these), where py3langid takes over two seconds to load. Its wheel is
large (about 100-170 MB), the price of that accuracy.

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

    @property
    def ready(self) -> bool:
        """Whether a reading now is quick: the library and its models are loaded."""
        return self._detector is not None

    def warm_up(self) -> None:
        """Load the library and its models now (on a worker, before the first reading)."""
        self.read("Bore da")

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
