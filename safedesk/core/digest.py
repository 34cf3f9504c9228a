"""The content digest that approvals bind to.

It must give the same value for the same content on every machine and in every future version
that keeps the ``v1`` tag, because an approval stored today is checked against it tomorrow. So:
- text is NFC-normalised and its line endings made ``\\n`` (the same words typed on Windows and
  on Linux are the same post);
- targets are a set, so they are sorted; media keep their order, which the reader sees;
- a media item counts by the SHA-256 of its bytes and its alt text, never by its file name;
- a schedule counts as UTC to the second;
- the Mastodon audience and the choice made for a content warning on Bluesky count, since each
  changes what people see;
- a link card counts by its link, title, description and the SHA-256 of its picture, and only
  when there is one, so content without a card keeps the digest it always had;
- a thread's later parts count, each as text, in order; the key is there only when the content
  is a thread, so a single post's digest is what it always was (approvals given before threads
  existed stay valid);
- a bilingual pair's second language counts (its language, text, warning and alt texts), under
  a key that is there only for a pair, so every other post keeps its digest;
- a share of someone else's post counts by how it is shared, the post's URI and content hash
  (which version of it was read) and its author and text as the approver saw them, under a key
  that is there only for a share;
- the whole is canonical JSON (sorted keys, no spaces, UTF-8) under a version tag.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, datetime

from safedesk.core.messages import msg
from safedesk.core.models import Content, LinkCard, Share, Translation

DIGEST_VERSION = "safedesk-digest-v1"


def normalise_text(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _utc_seconds(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(msg("a schedule must carry its time zone"))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_form(content: Content) -> bytes:
    """The exact bytes the digest is taken over; exposed so an investigation can recompute it."""
    document: dict[str, object] = {
        "v": DIGEST_VERSION,
        "text": normalise_text(content.text),
        "content_warning": normalise_text(content.content_warning),
        "language": content.language.strip().lower(),
        "media": [
            {"sha256": item.sha256.lower(), "alt_text": normalise_text(item.alt_text)}
            for item in content.media
        ],
        "targets": sorted(set(content.targets)),
        "schedule_at": _utc_seconds(content.schedule_at),
        "reply_to": content.reply_to,
        "visibility": content.visibility.value,
        "bluesky_cw": content.cw_on_bluesky.value,
    }
    if content.link_card is not None:
        document["link_card"] = _card_form(content.link_card)
    if content.thread:
        document["thread"] = [normalise_text(part) for part in content.thread]
    if content.translation is not None:
        document["translation"] = _translation_form(content.translation)
    if content.share is not None:
        document["share"] = _share_form(content.share)
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _card_form(card: LinkCard) -> dict[str, str | None]:
    thumbnail = card.thumbnail.sha256.lower() if card.thumbnail is not None else None
    return {"url": card.url, "title": normalise_text(card.title),
            "description": normalise_text(card.description), "thumbnail_sha256": thumbnail}


def _translation_form(translation: Translation) -> dict[str, object]:
    return {"language": translation.language.strip().lower(),
            "text": normalise_text(translation.text),
            "content_warning": normalise_text(translation.content_warning),
            "alt_texts": [normalise_text(alt) for alt in translation.alt_texts]}


def _share_form(share: Share) -> dict[str, str]:
    post = share.post
    return {"kind": share.kind.value, "platform": post.platform.value, "uri": post.uri,
            "content_hash": post.content_hash, "author": post.author,
            "text": normalise_text(post.text)}


def content_digest(content: Content) -> str:
    return hashlib.sha256(canonical_form(content)).hexdigest()
