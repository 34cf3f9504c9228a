"""Words and HTML for the official queue: what a post will look like on each account, its story
(who wrote, edited, submitted and decided, and when), and what publishing did.

Everything a person typed is made visible and HTML-escaped here (:func:`shown`), once, before it
reaches a rich-text label: an invisible or control character in a post, a reason or a name is
drawn as ``⟨U+202E⟩`` (``core.visible_text``), so a right-to-left override cannot reorder the
page and a zero-width character cannot hide, and a typed ``<`` is a ``<``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from safedesk.core.lifecycle import describe_state
from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.models import (
    Account,
    AuditEvent,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    Platform,
    Publication,
    PublicationState,
    Visibility,
)
from safedesk.core.overrides import override_summary
from safedesk.core.visible_text import content_texts, hidden_note, visible
from safedesk.gui.compose_thread import thread_preview
from safedesk.gui.decide_dialog import cannot_approve, needs_override
from safedesk.gui.findings import finding_html
from safedesk.gui.link_card import card_preview
from safedesk.gui.pair_text import pair_html
from safedesk.gui.shared_pictures import PicturesShown
from safedesk.gui.shared_post_view import kind_words, shared_post_html
from safedesk.gui.theme import ERROR_ON_LIGHT
from safedesk.services.checking import TargetCheck
from safedesk.services.queue import QueueItem

translate = QCoreApplication.translate


def audience_words(visibility: Visibility) -> str:
    return {Visibility.PUBLIC: translate("QueueText", "public"),
            Visibility.UNLISTED: translate("QueueText", "quiet public (unlisted)"),
            Visibility.PRIVATE: translate("QueueText", "followers only"),
            Visibility.DIRECT: translate("QueueText", "mentioned people only")}[visibility]


def event_words(action: str) -> str:
    """An audit trail's action as a sentence about the person who did it (the action's own
    name when it is not one of these)."""
    words = {
        "draft.create": translate("QueueText", "wrote it"),
        "draft.copy_to_pane": translate("QueueText", "copied it from the other pane"),
        "draft.edit": translate("QueueText", "edited it"),
        "draft.submit": translate("QueueText", "submitted it for approval"),
        "draft.withdraw": translate("QueueText", "withdrew it"),
        "draft.approve": translate("QueueText", "approved it"),
        "draft.reject": translate("QueueText", "rejected it"),
        "draft.request_changes": translate("QueueText", "asked for changes"),
        "draft.start_publish": translate("QueueText", "started publishing it"),
        "draft.publish_succeeded": translate("QueueText", "published it"),
        "draft.publish_failed": translate("QueueText", "could not publish it to every account"),
        "draft.schedule_missed": translate(
            "QueueText", "published it late: SafeDesk was not running at the set time"),
    }
    return words.get(action, action)


def shown(text: str, *, quote: bool = True) -> str:
    """Text a person typed (or a server sent), safe in rich text: visible, then escaped."""
    return html.escape(visible(text), quote=quote)


def local_time(moment: datetime | None, *, year: bool = False) -> str:
    """A moment in this computer's time zone, in the window's language (its default
    ``QLocale``): English keeps its C-library month names, as the command line writes them."""
    if moment is None:
        return "—"
    local = moment.astimezone()
    locale = QLocale()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return local.strftime("%d %b %Y %H:%M" if year else "%d %b %H:%M")
    shown_at = QDateTime(QDate(local.year, local.month, local.day),
                         QTime(local.hour, local.minute))
    return locale.toString(shown_at, "dd MMM yyyy HH:mm" if year else "dd MMM HH:mm")


def summary(draft: Draft, length: int = 60) -> str:
    """A quotable first line, for lists and notifications (plain text, not escaped; hidden
    characters shown); a pair's, each language's."""
    def quoted(words: str) -> str:
        text = visible(" ".join(words.split()))
        return f"“{text[:length]}{'…' if len(text) > length else ''}”"

    share = draft.content.share
    if share is not None:  # "Boost of @fire@service.example: “Flood warning…”"
        return f"{visible(kind_words(share.kind, share.post))}: {quoted(share.post.text)}"
    if not draft.content.text.split():
        return translate("QueueText", "(an image post)") if draft.content.media \
            else translate("QueueText", "(empty)")
    if draft.content.translation is None:
        return quoted(draft.content.text)
    return translate("QueueText", "{first} and {second}").format(
        first=quoted(draft.content.text), second=quoted(draft.content.translation.text))


def schedule_words(draft: Draft) -> str:
    schedule = draft.content.schedule_at
    if schedule is None:
        return translate("QueueText", "As soon as it is approved")
    return translate("QueueText", "{time} (your local time)").format(
        time=local_time(schedule, year=True))


def author_state(draft: Draft) -> str:
    """A draft's state as its author needs to hear it."""
    state = draft.state
    if state is DraftState.SUBMITTED:
        return translate("QueueText", "Urgent — waiting for approval") if draft.urgent \
            else translate("QueueText", "Waiting for approval")
    if state is DraftState.APPROVED:
        when = draft.content.schedule_at
        return translate("QueueText", "Approved — publishes {time}").format(
            time=local_time(when)) if when else translate("QueueText", "Approved")
    words = {DraftState.PUBLISHING: translate("QueueText", "Publishing…"),
             DraftState.PUBLISHED: translate("QueueText", "Published"),
             DraftState.REJECTED: translate("QueueText", "Rejected"),
             DraftState.CHANGES_REQUESTED: translate("QueueText", "Changes requested"),
             DraftState.FAILED: translate("QueueText", "Approved, but publishing failed"),
             DraftState.DRAFT: translate("QueueText", "Withdrawn (unsent draft)")}
    return words.get(state, str(describe_state(state)).capitalize())


def approver_note(draft: Draft) -> str:
    """The approver's reason or comment. Publishing overwrites ``decision_note`` (with the failure
    reason, or nothing), so an approval's comment is read from the approval itself."""
    if draft.decision_note:
        return draft.decision_note
    return draft.approval.comment if draft.approval is not None else ""


def preview_html(check: TargetCheck, draft: Draft, alarm: str = ERROR_ON_LIGHT,
                 words: Words = ENGLISH) -> str:
    """One account's preview: the text as that platform will get it, and its count."""
    account, content = check.account, draft.content
    text = content.text
    warning = shown(content.content_warning.strip())
    if account.platform is Platform.BLUESKY and warning:
        if content.cw_on_bluesky is ContentWarningOnBluesky.PREPEND:
            text = f"CW: {content.content_warning.strip()}\n\n{text}"
        warning = ""  # Bluesky has none; the notes below say what happens instead
    body = shown(text).replace("\n", "<br>")
    if warning:
        body = translate("QueueText", "<b>CW: {warning}</b> [show more]").format(
            warning=warning) + f"<br>{body}"
    images = "".join("<br>" + translate("QueueText", "[image: {alt}]").format(
        alt=shown(m.alt_text or translate("QueueText", "no alt text"))) for m in content.media)
    audience = f" · {audience_words(content.visibility)}" \
        if account.platform is Platform.MASTODON else ""
    style = f' style="color:{alarm}"' if not check.length.ok or check.notes else ""
    notes = "".join(f'<br><span style="color:{alarm}">{shown(say(n, words))}</span>'
                    for n in check.notes)
    where = translate("QueueText", "<b>{address}</b> on {platform}").format(
        address=shown(account.address), platform=account.platform.value.title())
    return (f"<p>{where}"
            f"{audience}<br>{body}{images}{card_preview(account, content)}"
            f"{thread_preview(account, content)}<br><span{style}>"
            f"{shown(say(check.length.message(), words))}</span>{notes}</p>")


def event_line(event: AuditEvent, names: Mapping[str, str]) -> str:
    who = shown(names.get(event.actor, translate("QueueText", "SafeDesk setup")
                          if event.actor == "setup" else gone_person()))
    words = event_words(event.action)
    extra = ""
    reason = event.details.get("reason")
    if isinstance(reason, str) and reason:
        extra = f": “{shown(reason)}”"
    if event.details.get("voided_approval"):
        extra += translate("QueueText", " (the approval no longer applies)")
    if event.details.get("urgent"):
        extra += translate("QueueText", " as urgent")
    flag = event.details.get("flag")
    if isinstance(flag, str) and flag:
        extra += f" — {shown(flag)}"
    override = event.details.get("override_reason")
    if isinstance(override, str) and override:
        extra += translate("QueueText", ", overriding a policy block: “{reason}”").format(
            reason=shown(override))
    return f"{local_time(event.occurred_at)} — {who} {shown(words)}{extra}"


def gone_person() -> str:
    return translate("QueueText", "someone no longer in SafeDesk")


def findings_html(item: QueueItem, alarm: str = ERROR_ON_LIGHT, words: Words = ENGLISH) -> str:
    """What the policy finds, as the approver must weigh it, and what approving it needs."""
    if not item.findings:
        return ""
    lines = [finding_html(f, f"color:{alarm}; font-weight: bold;", words) for f in item.findings]
    if item.cannot_pass:
        lines.append(f'<span style="color:{alarm}"><b>{html.escape(cannot_approve())}</b>'
                     "</span>")
    elif item.to_override:
        lines.append(f"<b>{html.escape(needs_override())}</b>")
    heading = translate("QueueText", "Safety checks")
    return f"<p><b>{heading}</b><br>{'<br>'.join(lines)}</p>"


def original_html(item: QueueItem) -> str:
    """What a reply or correction answers, beside it: the original's words and links."""
    original = item.original
    if original is None:
        return translate("QueueText",
                         "<b>A reply</b> to an earlier post that is no longer in SafeDesk")
    quoted = shown(original.text.strip()).replace("\n", "<br>") or \
        translate("QueueText", "(no text)")
    links = ", ".join(f'<a href="{shown(link)}">{shown(link)}</a>'
                      for link in original.links) or translate("QueueText", "not published")
    return (translate("QueueText",
                      "<b>In reply to this post</b> (what a correction corrects):") +
            f"<br><blockquote>{quoted}</blockquote>" +
            translate("QueueText", "<b>Published at:</b> {links}").format(links=links))


def accounts_words(item: QueueItem) -> str:
    """Each account the post goes out as, by handle and platform."""
    return ", ".join(f"{a.address} ({a.platform.value.title()})" for a in item.accounts)


def item_html(item: QueueItem, names: Mapping[str, str], alarm: str = ERROR_ON_LIGHT,
              words: Words = ENGLISH, pictures: PicturesShown | None = None) -> str:
    """Everything an approver decides on, in one scrollable page; SafeDesk's own notes in the
    language of ``words``; a shared post's ``pictures`` once they have arrived."""
    draft = item.draft
    editors = [names.get(e, gone_person()) for e in item.editors if e != draft.author_id]
    facts = [translate("QueueText", "<b>Author:</b> {name}").format(name=shown(item.author.name)),
             translate("QueueText", "<b>Submitted:</b> {time}").format(
                 time=local_time(draft.submitted_at, year=True))
             + (translate("QueueText", " — <b>urgent</b>") if draft.urgent else ""),
             translate("QueueText", "<b>Publishes:</b> {when}").format(
                 when=shown(schedule_words(draft))),
             translate("QueueText", "<b>Accounts:</b> {accounts}").format(
                 accounts=shown(accounts_words(item)))]
    if editors:
        facts.append(translate("QueueText", "<b>Also edited by:</b> {names}").format(
            names=shown(", ".join(editors))))
    if draft.content.language:
        facts.append(translate("QueueText", "<b>Language:</b> {language}").format(
            language=shown(draft.content.language)))
    if draft.content.reply_to:
        facts.append(original_html(item))
    if draft.approval is not None and draft.approval.flag:
        facts.append(f'<span style="color:{alarm}">' + translate(
            "QueueText", "<b>Approval:</b> {flag}").format(flag=shown(draft.approval.flag))
                     + "</span>")
    if draft.approval is not None and draft.approval.override_reason:
        approver = names.get(draft.approval.approver_id, gone_person())
        facts.append(translate("QueueText", "<b>Override:</b> {summary}").format(
            summary=shown(say(override_summary(draft.approval, approver), words))))
    if item.flags:
        claims = ", ".join(f"“{shown(f)}”" for f in item.flags)
        facts.append(f'<span style="color:{alarm}">' + translate(
            "QueueText", "<b>Check this claim:</b> the text says the account was hacked or "
            "misused ({claims}). Approve only if it is true.").format(claims=claims) + "</span>")
    note = say(hidden_note(content_texts(draft.content)), words)
    if note:
        facts.append(f'<span style="color:{alarm}">' + translate(
            "QueueText", "<b>Hidden characters:</b> {note}").format(note=shown(note)) + "</span>")
    previews = "".join(preview_html(check, draft, alarm, words) for check in item.checks)
    story = "<br>".join(event_line(e, names) for e in item.history)
    history = translate("QueueText", "History")
    fingerprint = translate("QueueText", "Fingerprint (SHA-256 of exactly this content): "
                            "{digest}…").format(digest=item.digest[:12])
    previews += pair_html(draft.content, item.accounts, alarm, words)  # both languages in full
    # A share: the post it shares, whole.
    previews = shared_post_html(draft.content, pictures) + previews
    return (f"<p>{'<br>'.join(facts)}</p>{findings_html(item, alarm, words)}<hr>{previews}<hr>"
            f"<p><b>{history}</b><br>{story}</p>"
            f"<p><small>{fingerprint}</small></p>")


def publication_lines(publications: Iterable[Publication], accounts: Mapping[str, Account],
                      alarm: str = ERROR_ON_LIGHT) -> list[str]:
    """One line per account: published with its link, or not, with the platform's reason."""
    lines = []
    for publication in publications:
        account = accounts.get(publication.account_id)
        name = shown(account.address if account else publication.account_id)
        if publication.state is PublicationState.PUBLISHED:
            link = shown(publication.url)
            lines.append(translate("QueueText", '✔ {name}: published — <a href="{link}">{link}</a>')
                         .format(name=name, link=link))
        elif publication.state is PublicationState.FAILED:
            lines.append(f'<span style="color:{alarm}">' + translate(
                "QueueText", "✘ {name}: not published — {reason}").format(
                    name=name, reason=shown(publication.error, quote=False)) + "</span>")
        else:
            lines.append(f"{name}: {shown(publication.state.value)}")
    return lines
