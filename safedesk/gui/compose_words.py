"""The compose box's words that are not widgets: the language, audience and Bluesky-warning
choices, what the counts line says of one account, and the preview of a post on an account.

The choices keep their English (settings and tests read them); the box shows them through
``translate("ComposeBox", …)``, the context their translations are filed under.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from safedesk.core.counting import LengthCheck, Unit
from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import Account, Content, ContentWarningOnBluesky, Platform, Visibility
from safedesk.gui.compose_thread import thread_preview
from safedesk.gui.link_card import card_preview

translate = QCoreApplication.translate
# The names are in English here (settings and tests read them); the box shows them translated
# (``language_names``), each language's own name kept and the window's language's added.
LANGUAGES = (("", str(QT_TRANSLATE_NOOP("ComposeBox", "Language not set"))),
             ("en", str(QT_TRANSLATE_NOOP("ComposeBox", "English"))),
             ("cy", str(QT_TRANSLATE_NOOP("ComposeBox", "Cymraeg (Welsh)"))),
             ("gd", str(QT_TRANSLATE_NOOP("ComposeBox", "Gàidhlig"))),
             ("ga", str(QT_TRANSLATE_NOOP("ComposeBox", "Gaeilge"))),
             ("pl", str(QT_TRANSLATE_NOOP("ComposeBox", "Polski"))),
             ("ur", str(QT_TRANSLATE_NOOP("ComposeBox", "اردو"))),
             ("ar", str(QT_TRANSLATE_NOOP("ComposeBox", "العربية"))),
             ("pa", str(QT_TRANSLATE_NOOP("ComposeBox", "ਪੰਜਾਬੀ"))))
VISIBILITIES = (
    (Visibility.PUBLIC, str(QT_TRANSLATE_NOOP("ComposeBox", "Public"))),
    (Visibility.UNLISTED, str(QT_TRANSLATE_NOOP("ComposeBox", "Quiet public (unlisted)"))),
    (Visibility.PRIVATE, str(QT_TRANSLATE_NOOP("ComposeBox", "Followers only"))),
    (Visibility.DIRECT, str(QT_TRANSLATE_NOOP("ComposeBox", "Mentioned people only"))),
)
BLUESKY_CW_CHOICES = (
    (ContentWarningOnBluesky.REFUSE, str(QT_TRANSLATE_NOOP(
        "ComposeBox", "Bluesky has no warnings: don't post there while one is set"))),
    (ContentWarningOnBluesky.PREPEND, str(QT_TRANSLATE_NOOP(
        "ComposeBox", "Put “CW: …” at the top of the text"))),
    (ContentWarningOnBluesky.DROP, str(QT_TRANSLATE_NOOP("ComposeBox", "Post without the warning"))),
)


def language_names() -> list[tuple[str, str]]:
    """``LANGUAGES`` in the window's language: (code, name) pairs."""
    return [(code, translate("ComposeBox", name)) for code, name in LANGUAGES]


def length_words(length: LengthCheck) -> Message:
    """What the counts line says of one account: how much room is left, or how much to cut."""
    shown = length.headline
    platform = length.platform.value.title()
    in_bytes = shown.unit is Unit.BYTES
    if shown.over:
        fields = {"platform": platform, "used": shown.used, "limit": shown.maximum,
                  "over": -shown.remaining}
        return msg("Too long for {platform}: {used} of {limit} bytes. Remove {over}.", **fields) \
            if in_bytes else \
            msg("Too long for {platform}: {used} of {limit} characters. Remove {over}.", **fields)
    if in_bytes:
        return msgn("{count} byte left on {platform}.", "{count} bytes left on {platform}.",
                    shown.remaining, platform=platform)
    return msgn("{count} character left on {platform}.", "{count} characters left on {platform}.",
                shown.remaining, platform=platform)


def preview_html(account: Account, content: Content) -> str:
    """How the post will look on ``account``, roughly, as rich text."""
    body = html.escape(content.text).replace("\n", "<br>")
    head = translate("ComposeBox", "{account} on {platform}").format(
        account=f"<b>{html.escape(account.address)}</b>",
        platform=account.platform.value.title())
    warning = html.escape(content.content_warning)
    if warning and account.platform is Platform.MASTODON:
        shown = translate("ComposeBox", "CW: {warning}").format(warning=warning)
        more = html.escape(translate("ComposeBox", "[show more]"))
        body = f"<p><b>{shown}</b> {more}</p><p>{body}</p>"
    no_alt = translate("ComposeBox", "no alt text")
    images = "".join("<br>" + html.escape(translate("ComposeBox", "[image: {alt}]").format(
        alt=m.alt_text or no_alt)) for m in content.media)
    return f"{head}<br>{body}{images}{card_preview(account, content)}{thread_preview(account, content)}"
