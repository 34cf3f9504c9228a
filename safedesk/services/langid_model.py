"""py3langid's language model, read and applied without NumPy.

py3langid (https://github.com/adbar/py3langid, BSD-3-Clause; a fork of Marco Lui's langid.py)
scores a text with a naive Bayes model over byte n-grams, on NumPy. NumPy with its OpenBLAS is
35 MB of SafeDesk's bundle, whose budget is 150 MB, and the little arithmetic SafeDesk needs
(seven languages, a few hundred n-grams a post) is as quick in plain Python. So py3langid stays
the dependency that ships the model (``py3langid/data/model.npz.xz``) and the reference the
tests compare with, and this module reads that file with the standard library and repeats
py3langid 0.4's ``LanguageIdentifier`` with ``norm_probs=True`` after ``set_languages``:

- the model is an xz-compressed NumPy ``.npz`` (a zip of ``.npy`` arrays): ``ptc`` (n-gram x
  language log-probabilities, float16, row-major), ``pc`` (the languages' priors), ``classes``,
  and the tokenizer, an automaton over UTF-8 bytes (``nextmove`` rows shared between states
  through ``nextmove_row``, and ``out_feat``, the n-gram a state completes);
- only the chosen languages' columns of ``ptc`` are kept (7 of 142: 1.4 MB instead of 28);
- a text's score is ``log1p(count) . ptc[n-gram]`` summed over its n-grams, plus the prior,
  divided by the square root of its length in bytes, then turned into probabilities.

py3langid computes in float32, this module in float64: their confidences differ by 1e-7 as a
rule and by 5e-5 at most on the texts of ``tests/test_language_model.py``, which also holds
them to the same sums done with NumPy in float64.

Loading takes as long as py3langid's (about half a second, most of it unpacking the xz file)
and holds about 45 MB (the automaton is 39 of them), against py3langid's 70.
"""

from __future__ import annotations

import ast
import importlib.metadata
import lzma
import math
import shutil
import struct
import sys
import tempfile
import unicodedata
import zipfile
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# Where py3langid keeps its model, relative to the folder its distribution is installed in
# (site-packages, or the bundle's folder, which keeps py3langid's metadata for this).
MODEL_IN_DISTRIBUTION = "py3langid/data/model.npz.xz"
_NPY_MAGIC = b"\x93NUMPY"
# The unsigned and signed integer arrays of the model, by their .npy type.
_INTEGER_TYPECODES = {"<u2": "H", "<u4": "I", "<i4": "i"}


class LanguageModelError(ValueError):
    """The model cannot be used: missing, damaged, cut short, or not py3langid 0.4's."""


def model_file() -> Path:
    """py3langid's model file, found through its distribution's metadata: importing py3langid
    itself would import NumPy."""
    try:
        distribution = importlib.metadata.distribution("py3langid")
    except importlib.metadata.PackageNotFoundError:
        raise LanguageModelError("py3langid, which carries the language model, is not "
                                 "installed") from None
    return Path(str(distribution.locate_file(MODEL_IN_DISTRIBUTION)))


@dataclass(frozen=True, slots=True)
class LanguageModel:
    """py3langid's model cut down to some of its languages. Never changed once loaded, so one
    model serves any number of threads."""

    languages: tuple[str, ...]  # in the model's order, which breaks ties as py3langid does
    priors: tuple[float, ...]
    # weights[feature * len(languages) + i]: the n-gram's log-probability in languages[i]
    weights: array[float]
    next_state: array[int]  # next_state[row_start[state] * 256 + byte]: rows shared by states
    row_start: array[int]
    feature_of_state: array[int]  # the n-gram a state completes, or -1

    def classify(self, text: str) -> tuple[str, float]:
        """The language ``text`` reads as and its probability, as py3langid's ``classify``."""
        data = _encoded(text)
        counts = self.feature_counts(data)
        width = len(self.languages)
        scores = list(self.priors)
        if counts:
            weights = self.weights
            for feature, count in counts.items():
                weight, base = math.log1p(count), feature * width
                for i in range(width):
                    scores[i] += weight * weights[base + i]
        else:
            scores = [0.0] * width  # no n-gram: every language equally likely
        # Dividing by the square root of the length keeps long texts from being sure of
        # everything (py3langid's calibration).
        scale = 1.0 / math.sqrt(len(data) or 1)
        top = max(scores)
        exps = [math.exp((score - top) * scale) for score in scores]
        total = sum(exps)
        by_language: dict[str, float] = {}  # a language with two columns gets their sum
        for language, value in zip(self.languages, exps, strict=True):
            by_language[language] = by_language.get(language, 0.0) + value / total
        language = max(by_language, key=by_language.__getitem__)  # the first of equals
        return language, by_language[language]

    def feature_counts(self, data: bytes) -> Counter[int]:
        """How often each of the model's n-grams occurs in ``data`` (py3langid's
        ``visit_counts``): the automaton steps once per byte."""
        next_state, row_start, feature_of = self.next_state, self.row_start, self.feature_of_state
        state, found = 0, []
        for byte in data:
            state = next_state[(row_start[state] << 8) + byte]
            feature = feature_of[state]
            if feature >= 0:
                found.append(feature)
        return Counter(found)


def _encoded(text: str) -> bytes:
    """The bytes py3langid reads for ``text``: lower case when it is all upper case, NFC."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")


# Every way a missing, damaged or foreign file shows while it is unpacked and read: the
# decompressor's and the zip reader's own errors, a member or header field that is not there, a
# header that is not a dict literal, a number field cut short.
_DAMAGE = (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile, KeyError, IndexError,
           TypeError, struct.error, SyntaxError, ValueError, MemoryError)


def load_model(path: Path, languages: tuple[str, ...]) -> LanguageModel:
    """Read py3langid's model at ``path``, keeping ``languages`` only. Raises
    :class:`LanguageModelError`, saying what is wrong and naming the file, for a file that is
    missing or damaged, a language the model does not know, or a model laid out otherwise than
    py3langid 0.4's."""
    try:
        return _load(path, languages)
    except LanguageModelError:
        raise
    except _DAMAGE as error:
        # Our own ValueErrors say what is wrong; the libraries' errors need their kind named.
        why = str(error) if isinstance(error, ValueError) else type(error).__name__
        if not isinstance(error, ValueError) and str(error):
            why += f": {error}"
        raise LanguageModelError(f"{path}: {why}") from error


def _load(path: Path, languages: tuple[str, ...]) -> LanguageModel:
    # Unpacked to a temporary file, as py3langid does, so the 68 MB never sit in memory at once.
    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(path) as packed:
            shutil.copyfileobj(packed, unpacked, length=1 << 20)
        unpacked.seek(0)
        with zipfile.ZipFile(unpacked) as npz:
            classes = _read_classes(npz)
            unknown = set(languages) - set(classes)
            if unknown:
                raise ValueError(f"the language model does not know {sorted(unknown)}")
            columns = [i for i, name in enumerate(classes) if name in languages]
            all_priors = _read_priors(npz)
            return LanguageModel(
                languages=tuple(classes[i] for i in columns),
                priors=tuple(all_priors[i] for i in columns),
                weights=_read_columns(npz, len(classes), columns),
                next_state=_read_integers(npz, "nextmove.npy"),
                row_start=_read_integers(npz, "nextmove_row.npy"),
                feature_of_state=_read_integers(npz, "out_feat.npy"))


@contextmanager
def _opened_npy(npz: zipfile.ZipFile,
                name: str) -> Iterator[tuple[IO[bytes], str, tuple[int, ...]]]:
    """An array of the .npz, open at its data, with its type and its shape. The header is
    NumPy's (numpy.lib.format): magic, version, header length, then a Python dict literal."""
    with npz.open(name) as stream:
        magic, major = stream.read(6), stream.read(2)[0]
        if magic != _NPY_MAGIC or major not in (1, 2, 3):
            raise ValueError(f"{name} in the language model is not a NumPy array")
        length_format = "<H" if major == 1 else "<I"
        (length,) = struct.unpack(length_format, stream.read(struct.calcsize(length_format)))
        header: dict[str, Any] = ast.literal_eval(stream.read(length).decode("latin-1"))
        if header.get("fortran_order"):
            raise ValueError(f"{name} in the language model is not laid out as py3langid 0.4's")
        yield stream, str(header["descr"]), tuple(header["shape"])


def _read_npy(npz: zipfile.ZipFile, name: str) -> tuple[bytes, str, tuple[int, ...]]:
    with _opened_npy(npz, name) as (stream, descr, shape):
        return stream.read(), descr, shape


def _expect(name: str, found: str, wanted: str) -> None:
    if found != wanted:
        raise ValueError(f"{name} in the language model holds {found}, not {wanted}")


def _read_classes(npz: zipfile.ZipFile) -> list[str]:
    data, descr, (count,) = _read_npy(npz, "classes.npy")
    _expect("classes.npy", descr, "<U3")  # UTF-32, three characters each
    return [data[i * 12:(i + 1) * 12].decode("utf-32-le").rstrip("\0") for i in range(count)]


def _read_priors(npz: zipfile.ZipFile) -> tuple[float, ...]:
    data, descr, (count,) = _read_npy(npz, "pc.npy")
    _expect("pc.npy", descr, "<f4")
    return struct.unpack(f"<{count}f", data)


def _read_integers(npz: zipfile.ZipFile, name: str) -> array[int]:
    with _opened_npy(npz, name) as (stream, descr, shape):
        if descr not in _INTEGER_TYPECODES:
            raise ValueError(f"{name} in the language model holds {descr}, not integers")
        values = array(_INTEGER_TYPECODES[descr], [0]) * math.prod(shape)
        # Read into the array a megabyte at a time: the automaton is 39 MB, and reading it
        # whole first would hold it twice.
        target, done = memoryview(values).cast("B"), 0
        while done < len(target):
            chunk = stream.read(min(1 << 20, len(target) - done))
            if not chunk:
                raise ValueError(f"{name} in the language model is cut short")
            target[done:done + len(chunk)] = chunk
            done += len(chunk)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _read_columns(npz: zipfile.ZipFile, width: int, columns: list[int]) -> array[float]:
    """Some columns of ``ptc`` (float16, one row per n-gram), as one float64 array row by row.
    Each column is taken as raw 16-bit words by a strided slice, then decoded at once."""
    data, descr, (rows, found_width) = _read_npy(npz, "ptc.npy")
    _expect("ptc.npy", descr, "<f2")
    if found_width != width:
        raise ValueError(f"ptc.npy in the language model has {found_width} languages, "
                         f"not {width}")
    words = memoryview(data).cast("H")
    kept = len(columns)
    weights = [0.0] * (rows * kept)
    for i, column in enumerate(columns):
        weights[i::kept] = struct.unpack(f"<{rows}e", words[column::width].tobytes())
    return array("d", weights)
