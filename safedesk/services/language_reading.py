"""The language of a text, read by py3langid (langid.py's model over NumPy): the
:class:`~safedesk.core.post_language.LanguageReader` the command line and the window use.

Chosen for Welsh in short posts at a size a desktop install can carry. On the short council-style
posts of ``tests/language_samples.py`` it read 61 of 62 right and was never sure of a wrong one;
a phrase of two words it often reads wrongly, so core reads no language from fewer than three
words (``core.post_language``). Lingua read the two-word phrases better, but its compiled models
are about 290 MB installed, twice a whole SafeDesk bundle's budget; CLD2 cannot be told to
choose among SafeDesk's languages only and misread short ones ("Merry Christmas" was Danish), and
CLD3 and fastText's small model misread 6 and 7 of 60 sentences. py3langid is under 1 MB (with
NumPy, about 45 MB), loads in about 0.2 s and reads a post in well under a millisecond.

It is imported, and its model loaded, on the first reading only: starting SafeDesk, and every
command that posts nothing, never pay for it. The window reads only once the model is loaded on
a worker (``gui.compose_language``).
"""

from __future__ import annotations

import configparser
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.post_language import Reading, word_count, words_only

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# The post languages SafeDesk offers (the compose box's list) that the model knows. It has no
# Scottish Gaelic: a post tagged gd is never read, nor warned about.
READ_LANGUAGES = ("cy", "en", "ga", "pl", "ur", "ar", "pa")


class LangidReader:
    """Reads a text's language among ``READ_LANGUAGES``; safe to share between threads."""

    def __init__(self, languages: tuple[str, ...] = READ_LANGUAGES) -> None:
        self._languages = languages
        self._identifier: LanguageIdentifier | None = None
        self._lock = threading.Lock()

    @property
    def known(self) -> frozenset[str]:
        return frozenset(self._languages)

    def read(self, text: str) -> Reading | None:
        words = words_only(text)
        if not word_count(words):
            return None
        identifier = self._loaded()
        with self._lock:  # the identifier keeps its working arrays between calls
            language, confidence = identifier.classify(words)
        return Reading(str(language), float(confidence))

    def _loaded(self) -> LanguageIdentifier:
        with self._lock:
            if self._identifier is None:
                # Loaded here, not at the top: NumPy and the model take a fifth of a second,
                # and most commands never read a language.
                from py3langid.langid import (  # noqa: PLC0415
                    MODEL_FILE,
                    LanguageIdentifier,
                )

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(list(self._languages))
                self._identifier = identifier
            return self._identifier


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
