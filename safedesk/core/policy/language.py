"""A post tagged with one language whose words plainly read as another: tagged Welsh but written
in English, or a pair's Welsh part left in English. A reader filtering by language, or a screen
reader choosing its voice, gets it wrong; and a Welsh part in English is no Welsh at all.

A warning only, never a block: the reading is a judgment of a few words (``core.post_language``
sets how sure it must be), and the person may know better.
"""

from __future__ import annotations

from collections.abc import Iterator

from safedesk.core.messages import Message, msg
from safedesk.core.models import Content
from safedesk.core.policy.findings import FieldKind, FieldRef, Finding, Severity
from safedesk.core.post_language import LanguageReader, plainly_other

LANGUAGE_MISMATCH = "language_mismatch"

# The languages a reader may name, in the person's words (a code it names beyond these is
# shown as the code).
_NAMES = {"cy": msg("Welsh"), "en": msg("English"), "ga": msg("Irish"), "gd": msg("Gaelic"),
          "pl": msg("Polish"), "ur": msg("Urdu"), "ar": msg("Arabic"), "pa": msg("Punjabi")}


def language_name(code: str) -> Message | str:
    return _NAMES.get(code.split("-", maxsplit=1)[0].lower(), code)


def language_mismatches(content: Content, reader: LanguageReader) -> Iterator[Finding]:
    """A warning for each language of ``content`` (the post; a pair's second language too)
    whose words plainly read as another language than its tag."""
    parts = [(content.language, "\n".join((content.text, *content.thread)),
              FieldRef(FieldKind.TEXT))]
    if content.translation is not None:
        parts.append((content.translation.language, content.translation.text,
                      FieldRef(FieldKind.SECOND_TEXT)))
    for tagged, text, where in parts:
        read = plainly_other(text, tagged, reader)
        if read is not None:
            yield Finding(LANGUAGE_MISMATCH, Severity.WARN, msg(
                "Tagged {tagged}, but it reads as {read}: choose the language it is written "
                "in, or check the words.", tagged=language_name(tagged),
                read=language_name(read)), where)
