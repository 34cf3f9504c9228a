"""Correcting a bilingual pair: the correction is a pair too.

A post that went out in Welsh and in English is corrected in both, together: the Welsh template
(``cy``) and the English one (``en-GB``) are filled side by side, and the correction is one
draft in Welsh with its English as ``Content.translation``, replying to the original, so each
language threads under its own language's post. Treating Welsh no less favourably than English
means neither language's correction may go out without the other.

The plan's own text (``CorrectionPlan.text``) is the Welsh; :class:`SecondLanguage` is the
English: its template, its values (the date is written in English), its text and what it still
lacks. A pre-approval covers a pair's correction only when one approver pre-approved both
languages' template versions and both texts are exactly those versions with their placeholders
filled (``rules.check_preapproved_template``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Translation
from safedesk.core.target_check import check_for
from safedesk.core.templates import (
    LANGUAGES,
    Template,
    clean_text,
    hack_claims,
    is_rendering_of,
    leftover_placeholders,
    preview,
)

# A pair's correction: its own text in Welsh, its translation in English (template languages).
FIRST_TEMPLATE_LANGUAGE = "cy"
SECOND_TEMPLATE_LANGUAGE = "en-GB"


@dataclass(frozen=True, slots=True)
class SecondLanguage:
    """The English of a pair's correction: from ``template`` filled with ``fields``, or the
    author's own words (``template`` None)."""

    language: str  # a template language: en-GB
    text: str = ""
    template: Template | None = None
    fields: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()  # placeholders still unfilled
    flags: tuple[str, ...] = ()  # claims of a hack

    @property
    def uses_template_only(self) -> bool:
        return (self.template is not None and not self.missing
                and is_rendering_of(self.text, self.template, dict(self.fields)))

    @property
    def post_language(self) -> str:
        """The language the post carries on the platforms: en-GB's is en."""
        return LANGUAGES[self.language]

    def revised(self, fields: Mapping[str, str] | None = None,
                text: str | None = None) -> SecondLanguage:
        """With new placeholder values, or with the author's own text instead of the
        template's (which no pre-approval covers). Pure, like ``CorrectionService.revise``."""
        values = dict(self.fields) if fields is None else {**dict(self.fields), **fields}
        missing: tuple[str, ...] = ()
        if text is None and self.template is not None:
            rendering = preview(self.template, values)
            text, missing = rendering.text, rendering.missing
        else:  # the author's own words: new ones, or those already written
            text = self.text if text is None else text
            missing = leftover_placeholders(text)
        body = clean_text(text or "")
        return replace(self, text=body, fields=tuple(sorted(values.items())), missing=missing,
                       flags=hack_claims(body))

    def translation(self) -> Translation:
        return Translation(language=self.post_language, text=self.text)


def second_language_problems(second: SecondLanguage,
                             accounts: Sequence[Account]) -> list[Message]:
    """Why the English of a pair's correction cannot go out as it stands; empty when it can.
    Each language is measured on its own: a pair goes out as one post per language wherever the
    two do not fit in one."""
    found: list[Message] = []
    if second.missing:
        found.append(msg("Fill in {placeholders} in the English.",
                         placeholders=", ".join(f"{{{m}}}" for m in second.missing)))
    if not second.text.strip():
        found.append(msg("The English of the correction is empty: a bilingual post is "
                         "corrected in both languages."))
    for account in accounts:
        length = check_for(account, second.text).length
        if not length.ok:
            found.append(msg("{address} (English): {length}", address=account.address,
                             length=length.message()))
    return found
