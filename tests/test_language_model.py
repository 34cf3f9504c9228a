"""SafeDesk reads languages with py3langid's model but without NumPy
(``services.langid_model``): its verdicts must be py3langid's own. py3langid, on NumPy, is the
reference here (the test venv has NumPy, as py3langid depends on it); the bundle has neither."""

# ruff: noqa: RUF001 - Arabic, Urdu and Punjabi texts are written in their own letters

from __future__ import annotations

import io
import random
import struct
import subprocess
import sys
import unicodedata
import zipfile
from array import array
from typing import TYPE_CHECKING

import pytest
from language_samples import ENGLISH_PHRASES, ENGLISH_POSTS, WELSH_PHRASES, WELSH_POSTS

from safedesk.core.post_language import word_count, words_only
from safedesk.services.langid_model import LanguageModel, _read_integers, load_model, model_file
from safedesk.services.language_reading import READ_LANGUAGES, LangidReader

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# py3langid computes in float32, SafeDesk in float64. Measured over TEXTS: py3langid's
# confidences are up to 5e-5 from the same sums done in float64 (median 1e-7; the most on runs
# of mixed scripts), while SafeDesk's are within 1e-13 of those (``FLOAT64_TOLERANCE``).
CONFIDENCE_TOLERANCE = 1e-4
FLOAT64_TOLERANCE = 1e-9

OTHER_LANGUAGES = (
    "Dzień dobry, biblioteka będzie zamknięta w poniedziałek z powodu prac konserwacyjnych.",
    "Zapraszamy na spotkanie mieszkańców w ratuszu o godzinie osiemnastej.",
    "Beidh an leabharlann dúnta Dé Luain mar gheall ar obair chothabhála.",
    "Go raibh maith agaibh go léir a tháinig chuig an gcruinniú poiblí aréir.",
    "ستكون المكتبة مغلقة يوم الاثنين بسبب أعمال الصيانة.",
    "شكرا لكل من حضر الاجتماع العام الليلة الماضية.",
    "لائبریری پیر کے دن مرمت کے کام کی وجہ سے بند رہے گی۔",
    "کل رات عوامی اجلاس میں آنے والے سب لوگوں کا شکریہ۔",
    "ਲਾਇਬ੍ਰੇਰੀ ਸੋਮਵਾਰ ਨੂੰ ਮੁਰੰਮਤ ਦੇ ਕੰਮ ਕਾਰਨ ਬੰਦ ਰਹੇਗੀ।",
    "ਕੱਲ੍ਹ ਰਾਤ ਦੀ ਜਨਤਕ ਮੀਟਿੰਗ ਵਿੱਚ ਆਉਣ ਵਾਲੇ ਸਾਰਿਆਂ ਦਾ ਧੰਨਵਾਦ।",
    "Der Weg ist heute wegen Bauarbeiten gesperrt.",  # languages SafeDesk does not read
    "La bibliothèque sera fermée lundi pour des travaux d'entretien.",
    "Библиотека будет закрыта в понедельник.",
    "図書館は月曜日に休館します。",
)
ODD_TEXTS = (
    "", " ", "\n\t ", "🎉", "🎉🎉🎉 👍🏽 🏴󠁧󠁢󠁷󠁬󠁳󠁿", "1234 5678 90", "14/03/2026 10:00", "!!! ??? ...",
    "#Powys @cyngor",
    "https://example.gov.wales/cy", "THE ROAD IS CLOSED TODAY", "MAE'R FFORDD AR GAU HEDDIW",
    unicodedata.normalize("NFD", "Dydd Gŵyl Dewi Hapus! Peidiwch â gyrru drwy ddŵr."),
    "\u200fمرحبا\u200f Hello \u202bعالم\u202c", "a\u200db\u200cc", "x\ud800y",  # lone surrogate
    "Mae'r ffordd ar gau. The road is closed.", "Llanfairpwllgwyngyll" * 3,
    " ".join(WELSH_POSTS) * 40, " ".join(ENGLISH_POSTS) * 40, "ab" * 5000, "🎉" * 3000,
)
# The letters texts are made of below: Latin as Welsh, Polish and Irish write it, Arabic,
# Urdu's extra letters, Gurmukhi, Cyrillic, digits, punctuation and emoji.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzâêîôûŵŷáéíóúąćęłńóśźż ,.'!?"
            "ابتثجحخدذرسشصضطظعغفقكلمنهوي ٹڈڑںےۓ ਅਆਇਈਉਊਏਐਓਔਕਖਗਘਙਚਛਜਝ ਾਿੀੁੂੇੈੋੌ"
            "абвгдежз 0123456789 🎉👍🏴❤️")


def generated_texts(count: int) -> list[str]:
    """Texts no one wrote: word salads of the samples' words, in mixed case, and runs of
    letters from several scripts. Seeded, so a failure can be repeated."""
    rng = random.Random(16)
    words = " ".join(WELSH_POSTS + ENGLISH_POSTS + OTHER_LANGUAGES).split()
    texts = []
    for n in range(count):
        if n % 2:
            salad = " ".join(rng.choices(words, k=rng.randint(1, 40)))
            texts.append(salad.upper() if n % 7 == 0 else salad)
        else:
            texts.append("".join(rng.choices(ALPHABET, k=rng.randint(1, 300))))
    return texts


TEXTS = [*WELSH_POSTS, *ENGLISH_POSTS, *WELSH_PHRASES, *ENGLISH_PHRASES, *OTHER_LANGUAGES,
         *ODD_TEXTS, *generated_texts(400)]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(READ_LANGUAGES))
    return identifier


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    return load_model(model_file(), READ_LANGUAGES)


def test_every_text_reads_as_py3langid_reads_it(model: LanguageModel,
                                                reference: LanguageIdentifier) -> None:
    assert len(TEXTS) > 500
    differing = []
    for text in TEXTS:
        language, confidence = model.classify(text)
        expected, expected_confidence = reference.classify(text)
        if language != expected or abs(confidence - expected_confidence) > CONFIDENCE_TOLERANCE:
            differing.append((text[:60], (language, confidence),
                              (expected, expected_confidence)))
    assert differing == []


def float64_reading(reference: LanguageIdentifier, text: str) -> tuple[str, float]:
    """py3langid's reading of ``text`` with its own arrays and n-gram counting, summed in float64
    with NumPy: the same arithmetic as SafeDesk's, bar the order of the additions."""
    import numpy as np
    from py3langid.langid import visit_counts

    data = reference._encode(text)
    counts = visit_counts(reference.tk_nextmove, reference._rowbase, reference.tk_output, data)
    scores = np.zeros(len(reference.nb_classes))
    if counts:
        weights = np.asarray(reference.nb_ptc, dtype=np.float64)[list(counts)]
        scores = np.log1p(np.array(list(counts.values()), dtype=np.float64)) @ weights + \
            np.asarray(reference.nb_pc, dtype=np.float64)
    scores /= np.sqrt(len(data) or 1)
    probabilities = np.exp(scores - scores.max())
    probabilities /= probabilities.sum()
    best = int(probabilities.argmax())
    return reference.nb_classes[best], float(probabilities[best])


def test_the_arithmetic_is_py3langids_done_in_float64(model: LanguageModel,
                                                      reference: LanguageIdentifier) -> None:
    assert not any(reference.nb_classes.count(c) > 1 for c in READ_LANGUAGES)  # no aliases
    for text in TEXTS:
        language, confidence = model.classify(text)
        expected, expected_confidence = float64_reading(reference, text)
        assert language == expected, text
        assert confidence == pytest.approx(expected_confidence, abs=FLOAT64_TOLERANCE), text


def test_the_reader_says_what_py3langid_says_of_a_posts_words(
        reference: LanguageIdentifier) -> None:
    reader = LangidReader()
    for text in TEXTS:
        reading = reader.read(text)
        if not word_count(words_only(text)):
            assert reading is None  # no words: nothing read, as before
            continue
        assert reading is not None
        expected, expected_confidence = reference.classify(words_only(text))
        assert reading.language == expected, text
        assert reading.confidence == pytest.approx(expected_confidence,
                                                   abs=CONFIDENCE_TOLERANCE), text


def test_reading_languages_never_imports_numpy() -> None:
    script = ("import sys\n"
              "from safedesk.services.language_reading import LangidReader\n"
              "reader = LangidReader()\n"
              "readings = [reader.read(t) for t in ('Mae\\u2019r ffordd ar gau heno.',\n"
              "                                     'The road is closed tonight.')]\n"
              "print(*[r.language for r in readings],\n"
              "      'numpy' in sys.modules, 'py3langid' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.split() == ["cy", "en", "False", "False"]


def test_only_the_languages_asked_for_are_kept(model: LanguageModel) -> None:
    assert sorted(model.languages) == sorted(READ_LANGUAGES)
    # One row of weights per n-gram the automaton finds, with as many weights as languages.
    assert len(model.weights) == (max(model.feature_of_state) + 1) * len(READ_LANGUAGES)
    with pytest.raises(ValueError, match="kw"):
        load_model(model_file(), ("cy", "kw"))  # the model has no Cornish


def _npy(descr: str, count: int, data: bytes) -> bytes:
    """A NumPy 1.0 .npy file as numpy.lib.format writes it: header padded to 64 bytes."""
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({count},), }}"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data


def _npz_holding(name: str, content: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as npz:
        npz.writestr(name, content)
    return zipfile.ZipFile(buffer)


def test_a_large_array_is_read_whole_across_its_pieces() -> None:
    # Past one piece (a megabyte) and not a whole number of them, as the automaton is.
    values = array("i", range(-5, (1 << 20) // 4 * 3 + 7))
    npz = _npz_holding("nextmove.npy", _npy("<i4", len(values), values.tobytes()))
    assert _read_integers(npz, "nextmove.npy") == values


def test_an_array_cut_short_is_refused_not_read_as_zeros() -> None:
    values = array("I", range(400_000))
    cut = values.tobytes()[: -(1 << 20) // 2]  # its last half megabyte is missing
    npz = _npz_holding("out_feat.npy", _npy("<u4", len(values), cut))
    with pytest.raises(ValueError, match="cut short"):
        _read_integers(npz, "out_feat.npy")
