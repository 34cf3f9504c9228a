"""What the servers change in a text on its way in, done before SafeDesk stores, counts or finds
facets in it, so that what is stored, counted, approved and linked is what gets published.

The Bluesky PDS drops one leading U+FEFF (a byte-order mark, invisible, often pasted in from a
file) from every string of a record: the text and each alt text. Facets found in the text with
the mark would point three bytes off, breaking every link, mention and hashtag. Checked against
the reference PDS: other invisible characters at the start (U+200B, U+2060, U+00A0), leading
spaces and line breaks, and a mark anywhere but the start are all kept as sent, so only this
one is removed. Each pass through the PDS drops one mark, so every leading one goes here, and
the result comes back unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from safedesk.core.models import Content

BYTE_ORDER_MARK = "\ufeff"


def published_text(text: str) -> str:
    """``text`` as the server will keep it."""
    return text.lstrip(BYTE_ORDER_MARK)


def published_content(content: Content) -> Content:
    """``content`` with its text and alt texts as the servers will keep them. (A warning goes to
    Bluesky only after "CW: ", where a mark is kept.)

    The same object comes back when nothing changes, so comparing drafts stays cheap.
    """
    text = published_text(content.text)
    media = tuple(item if item.alt_text == published_text(item.alt_text)
                  else replace(item, alt_text=published_text(item.alt_text))
                  for item in content.media)
    thread = tuple(published_text(part) for part in content.thread)
    translation = content.translation
    if translation is not None:  # a pair's second language is published as the first is
        kept = replace(translation, text=published_text(translation.text),
                       alt_texts=tuple(published_text(alt) for alt in translation.alt_texts))
        translation = translation if kept == translation else kept
    if (text, media, thread, translation) == (content.text, content.media, content.thread,
                                              content.translation):
        return content
    return replace(content, text=text, media=media, thread=thread, translation=translation)
