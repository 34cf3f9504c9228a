"""A person's name must name one person: visible, plain, and unlike anyone else's.

Two names that look the same on screen ("ada", "ad\u200ba", "\u0430da" with a Cyrillic a) would let one person
pass for another in the queue and the audit trail. Names are compared by their UTS #39 skeleton:
what they look like, not which code points they hold. The confusables table (Unicode's
``confusables.txt``) is read by the caller and handed in, so this module stays pure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg

MAX_NAME_LENGTH = 80

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): drawn as nothing at all.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Blank-looking characters that are not ignorable but show nothing either.
_BLANK = frozenset({0x2800})
# Embeddings, overrides and isolates reorder what follows them: a name could show as another.
_BIDI_CONTROLS = frozenset({*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F,
                            0x061C})

ConfusablesTable = Mapping[str, str]


def parse_confusables(text: str) -> dict[str, str]:
    """``SOURCE;TARGET`` lines of hex code points (Unicode's confusables.txt, its first two
    fields) -> {source character: its prototype}."""
    table: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        source, target = (field.strip() for field in line.split(";")[:2])
        table[chr(int(source, 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return table


def is_invisible(char: str) -> bool:
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or code in _BLANK
            or any(low <= code <= high for low, high in _DEFAULT_IGNORABLE))


def skeleton(text: str, table: ConfusablesTable) -> str:
    """UTS #39 skeleton: NFD, drop default-ignorable characters, map each character to its
    prototype, NFD again. Two strings with one skeleton look alike."""
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(table.get(c, c) for c in decomposed if not is_invisible(c))
    return unicodedata.normalize("NFD", mapped)


def _likeness_key(name: str, table: ConfusablesTable) -> str:
    # Case is no disguise either: "ADA" is read as "ada".
    return skeleton(unicodedata.normalize("NFKC", name).casefold(), table)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def clean_name(name: str) -> str:
    """The name with its white space collapsed, or :class:`InvalidInputError` saying why it
    cannot name a person."""
    clean = " ".join(name.split())
    for char in clean:
        if ord(char) in _BIDI_CONTROLS:
            raise InvalidInputError(msg(
                "A name cannot hold a text-direction control ({code}): it can make the "
                "name show as something else. Type the name without it.", code=_code(char)))
        if unicodedata.category(char) == "Cc":
            raise InvalidInputError(msg("A name cannot hold a control character ({code}).",
                                        code=_code(char)))
    if not "".join(c for c in clean if not is_invisible(c)).strip():
        if clean:
            raise InvalidInputError(msg("That name is made only of invisible characters. Type a "
                                        "name people can read."))
        raise InvalidInputError(msg("A person needs a name."))
    if len(clean) > MAX_NAME_LENGTH:
        raise InvalidInputError(msg("Keep the name under {limit} characters.",
                                    limit=MAX_NAME_LENGTH))
    return clean


def resembled(name: str, existing: Iterable[tuple[str, str]],
              table: ConfusablesTable) -> str | None:
    """The name of the first existing person (``(id, name)`` pairs) that ``name`` looks like."""
    key = _likeness_key(name, table)
    for _person_id, other in existing:
        if _likeness_key(other, table) == key:
            return other
    return None


def check_new_name(name: str, existing: Iterable[tuple[str, str]],
                   table: ConfusablesTable) -> str:
    """A clean name that resembles none of ``existing`` (leave out the person being renamed)."""
    clean = clean_name(name)
    other = resembled(clean, existing, table)
    if other is not None:
        same = unicodedata.normalize("NFKC", other).casefold() == \
            unicodedata.normalize("NFKC", clean).casefold()
        if same:
            raise InvalidInputError(msg("There is already a person called '{other}'. "
                                        "Choose another name.", other=other))
        raise InvalidInputError(msg(
            "'{name}' looks like '{other}', who already uses SafeDesk: people could take one "
            "for the other. Choose a name that looks different.", name=clean, other=other))
    return clean
