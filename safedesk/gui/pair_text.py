"""Words and HTML for a bilingual pair (``core.pairs``), shared by the compose box and the queue.

A pair's second language is written as a post of its own (``second_post``): the same accounts,
images, schedule and audience, with its own text, warning and alt texts. So it is counted,
checked and previewed as the first language is, by the same functions. Everything a person typed
is made visible and escaped (``shown``, as in ``queue_text``) before it reaches rich text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.models import Account, Content
from safedesk.core.pairs import (
    ENGLISH_LANGUAGE,
    ONE_POST_DIVIDER,
    WELSH,
    PairLayout,
    PairStyle,
    in_order,
    parts_of,
)
from safedesk.core.target_check import check_for
from safedesk.core.visible_text import visible
from safedesk.gui.compose_words import preview_html

translate = QCoreApplication.translate


def shown(text: str) -> str:
    """Typed words, safe in rich text: hidden characters shown, then escaped (as the queue's)."""
    return html.escape(visible(text))


def other_language(code: str) -> str:
    """The second language of a pair whose first is ``code``: English after Welsh, Welsh after
    anything else (a pair is always Welsh and English; ``pair_problem`` says so otherwise)."""
    return ENGLISH_LANGUAGE if code == WELSH else WELSH


def language_words(code: str) -> str:
    return translate("PairText", "Welsh") if code == WELSH else \
        translate("PairText", "English") if code == ENGLISH_LANGUAGE else code


def text_label(code: str) -> str:
    """What the second language's text box is called. Whole phrases, not "{language} text":
    Welsh mutates a language's name after some words ("yn Gymraeg")."""
    return translate("PairText", "Welsh text") if code == WELSH else \
        translate("PairText", "English text")


def warning_label(code: str) -> str:
    return translate("PairText", "Welsh warning") if code == WELSH else \
        translate("PairText", "English warning")


def alt_label(code: str) -> str:
    """What the alt-text dialog calls the second language's box."""
    return translate("PairText", "Describe the image in Welsh") if code == WELSH else \
        translate("PairText", "Describe the image in English")


def second_post(content: Content) -> Content:
    """The pair's second language as a post of its own: what it is counted, checked and
    previewed as. ``content`` must be a pair."""
    _own, other = parts_of(content)
    media = tuple(replace(item, alt_text=alt)
                  for item, alt in zip(content.media, other.alt_texts, strict=False))
    return replace(content, text=other.text, content_warning=other.content_warning,
                   language=other.language, media=media, thread=(), translation=None)


def first_post(content: Content) -> Content:
    """The pair's first language alone (the draft as it is, without its translation)."""
    return replace(content, translation=None)


def one_post(content: Content, style: PairStyle) -> Content:
    """Both languages in one post, the style's first language above: the text and the warning
    each joined the same way (a rough likeness: publishing lays it out)."""
    first, second = in_order(content, style)
    warnings = [w for w in (first.content_warning, second.content_warning) if w.strip()]
    return replace(content, text=f"{first.text}{ONE_POST_DIVIDER}{second.text}",
                   content_warning=" / ".join(warnings), thread=(), translation=None)


def pair_preview_html(account: Account, content: Content, style: PairStyle) -> str:
    """How a pair goes out on ``account``: two posts in the style's order, or one holding both,
    or two after all when both do not fit one (said, so no one approves a surprise)."""
    if content.translation is None:
        return preview_html(account, content)
    posts = {content.language: first_post(content), content.translation.language:
             second_post(content)}
    order = [part.language for part in in_order(content, style)]
    if style.layout is PairLayout.ONE_POST:
        together = one_post(content, style)
        if check_for(account, together.text, together.content_warning, together.cw_on_bluesky,
                     together.media).length.ok:
            return "<i>" + translate("PairText", "One post, in both languages:") + "</i><br>" + \
                preview_html(account, together)
        note = translate("PairText", "Both languages do not fit in one post on this account: "
                         "it goes out as two posts.")
    else:
        note = translate("PairText", "Two posts, published together:")
    return f"<i>{note}</i><br>" + "<br>".join(
        f"<b>{language_words(code)}</b><br>{preview_html(account, posts[code])}"
        for code in order)


def pair_html(content: Content, accounts: Iterable[Account], alarm: str,
              words: Words = ENGLISH) -> str:
    """For an approver: both languages in full (text, warning, every alt text), and how the
    second fits each account (the first's fit is in the previews). "" for a post of one
    language."""
    if content.translation is None:
        return ""
    sections = []
    for part in parts_of(content):
        lines = [f"<b>{shown(language_words(part.language))}</b>"]
        if part.content_warning.strip():
            lines.append(translate("PairText", "Warning: {warning}").format(
                warning=shown(part.content_warning)))
        lines.append(shown(part.text).replace("\n", "<br>") or
                     translate("PairText", "(no text)"))
        none = translate("PairText", "no alt text")
        lines += [translate("PairText", "Image {number}: {alt}").format(
            number=number, alt=shown(alt) if alt.strip() else none)
            for number, alt in enumerate(part.alt_texts, start=1)]
        sections.append("<br>".join(lines))
    second = second_post(content)
    fits = []
    for account in accounts:
        check = check_for(account, second.text, second.content_warning, second.cw_on_bluesky,
                          second.media)
        style = "" if check.length.ok and not check.notes else f' style="color:{alarm}"'
        notes = "".join(f" {shown(say(n, words))}" for n in check.notes)
        fits.append(f"<span{style}>{shown(account.address)} "
                    f"({shown(language_words(second.language))}): "
                    f"{shown(say(check.length.message(), words))}{notes}</span>")
    heading = translate("PairText", "Bilingual post: one approval covers both languages.")
    return (f"<p><b>{heading}</b></p>" + "".join(f"<p>{s}</p>" for s in sections) +
            f"<p>{'<br>'.join(fits)}</p>")

