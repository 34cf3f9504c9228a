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
a worker (``gui.compose_language``). The model is read here rather than by py3langid's own
``load_model``, with the same result (a test compares the two), because that turned its 39 MB
state table into a Python array in one copy that held the interpreter lock throughout: on the
worker, that paused the window for 17 ms or more as a person began to type. Copied a megabyte at
a time, the window's thread gets the lock between pieces.
"""

from __future__ import annotations

import configparser
import lzma
import shutil
import tempfile
import threading
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safedesk.core.post_language import Reading, word_count, words_only

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# The post languages SafeDesk offers (the compose box's list) that the model knows. It has no
# Scottish Gaelic: a post tagged gd is never read, nor warned about.
READ_LANGUAGES = ("cy", "en", "ga", "pl", "ur", "ar", "pa")
_PIECE_BYTES = 1 << 20  # copied while holding the interpreter lock at once: well under 1 ms
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def _array_in_pieces(values: Any) -> array[int]:
    """A NumPy array of unsigned integers as a standard library array, copied in pieces."""
    import numpy as np  # noqa: PLC0415 - loaded with the model, never at start

    flat = np.ascontiguousarray(values).reshape(-1)
    out: array[int] = array(_TYPECODES[flat.dtype.itemsize])
    step = max(1, _PIECE_BYTES // flat.dtype.itemsize)
    for start in range(0, len(flat), step):
        out.frombytes(memoryview(flat[start:start + step]).cast("B"))
    return out


def load_model_in_pieces(path: Path) -> tuple[Any, ...]:
    """What ``py3langid.modelio.load_model`` gives for the model file ``path``: the scores,
    priors, classes, state table, row index and outputs (npz inside LZMA)."""
    import numpy as np  # noqa: PLC0415 - loaded with the model, never at start

    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(path) as packed:  # the LZMA module lets go of the lock as it unpacks
            shutil.copyfileobj(packed, unpacked, length=_PIECE_BYTES)
        unpacked.seek(0)
        with np.load(unpacked, allow_pickle=False) as data:
            return (data["ptc"], data["pc"], data["classes"].tolist(),
                    _array_in_pieces(data["nextmove"]), _array_in_pieces(data["nextmove_row"]),
                    data["out_feat"].tolist())


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
                import numpy as np  # noqa: PLC0415
                from py3langid.langid import (  # noqa: PLC0415
                    MODEL_DIR,
                    MODEL_FILE,
                    LanguageIdentifier,
                )

                ptc, pc, classes, states, rows, output = load_model_in_pieces(
                    Path(MODEL_DIR) / MODEL_FILE)
                identifier = LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes,
                                                states, output, norm_probs=True, tk_row=rows)
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
