"""The language of a text, read with py3langid's model (langid.py's): the
:class:`~safedesk.core.post_language.LanguageReader` the command line and the window use.

Chosen for Welsh in short posts at a size a desktop install can carry. On the short council-style
posts of ``tests/language_samples.py`` it read 61 of 62 right and was never sure of a wrong one;
a phrase of two words it often reads wrongly, so core reads no language from fewer than three
words (``core.post_language``). Lingua read the two-word phrases better, but its compiled models
are about 290 MB installed, twice a whole SafeDesk bundle's budget; CLD2 cannot be told to
choose among SafeDesk's languages only and misread short ones ("Merry Christmas" was Danish), and
CLD3 and fastText's small model misread 6 and 7 of 60 sentences. py3langid's model is 4.5 MB.

py3langid itself runs on NumPy (35 MB of the bundle with its OpenBLAS), so SafeDesk reads its
model and scores texts with the standard library (``services.langid_model``), with the same
verdicts; py3langid is installed for its model file only and never imported. Loading the model
takes about as long as py3langid's own load (a fifth of a second to half a second, most of it
unpacking the file), and a post is read in well under a millisecond.

The model is loaded on the first reading only: starting SafeDesk, and every command that posts
nothing, never pay for it. The window reads only once the model is loaded on a worker
(``gui.compose_language``).

A model file that is missing or damaged (a broken install) must not stop anyone posting: the
reading only suggests a post's language and warns when the words and the tag disagree. The
reader then reads nothing, as for a text too short to tell, and ``problem`` says why, for the
window's notice, ``safedesk check`` and the self-test.
"""

from __future__ import annotations

import configparser
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.messages import Message, msg
from safedesk.core.post_language import Reading, word_count, words_only

if TYPE_CHECKING:
    from safedesk.services.langid_model import LanguageModel

# The post languages SafeDesk offers (the compose box's list), every one of which the model knows.
# Scottish Gaelic among them: without it a Gaelic post read as Irish, the closest it had.
log = logging.getLogger(__name__)

READ_LANGUAGES = ("cy", "en", "ga", "gd", "pl", "ur", "ar", "pa")


class LangidReader:
    """Reads a text's language among ``READ_LANGUAGES``; safe to share between threads."""

    def __init__(self, languages: tuple[str, ...] = READ_LANGUAGES) -> None:
        self._languages = languages
        self._model: LanguageModel | None = None
        self._problem: Message | None = None
        self._loading = threading.Lock()

    @property
    def known(self) -> frozenset[str]:
        return frozenset(self._languages)

    @property
    def problem(self) -> Message | None:
        return self._problem

    def read(self, text: str) -> Reading | None:
        words = words_only(text)
        if not word_count(words):
            return None
        model = self._loaded()
        if model is None:
            return None
        # The model never changes once loaded: threads read with it side by side.
        language, confidence = model.classify(words)
        return Reading(language, confidence)

    def _loaded(self) -> LanguageModel | None:
        with self._loading:  # one thread loads; the others wait for it
            if self._model is None and self._problem is None:
                # Imported and loaded here, not at start-up: the model takes a fifth of a second
                # or more, and most commands never read a language.
                from safedesk.services.langid_model import (  # noqa: PLC0415
                    LanguageModelError,
                    load_model,
                    model_file,
                )

                try:
                    self._model = load_model(model_file(), self._languages)
                except LanguageModelError as error:
                    # Tried once: a damaged file stays damaged until SafeDesk is installed again.
                    log.warning("the language model cannot be read: %s", error)
                    self._problem = msg("SafeDesk cannot read which language a post is written "
                                        "in: its language model cannot be read ({why}). Posts "
                                        "keep the language chosen for them. Install SafeDesk "
                                        "again to put this right.", why=str(error))
            return self._model


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
