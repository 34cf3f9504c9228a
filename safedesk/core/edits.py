"""What an edit of a post should leave behind, and how to say it when a server did otherwise.

Servers change more than they are asked to: real Mastodon removes the images of an edit sent
without them, Takahē makes every edited post public and drops its "sensitive" mark. So after an
edit the adapter compares what the server answered with what was intended, and each difference
is put in words for the person who asked for the edit (and the incident record), never passed
over as "done".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from safedesk.core.messages import Message, msg, msgn

# The key of RemotePost.extra under which an adapter's edit lists the differences, in words.
DIFFERENCES = "edit_differences"

_AUDIENCE = {
    "public": msg("The server made the post public"),
    "unlisted": msg("The server made the post unlisted (quiet public)"),
    "private": msg("The server made the post visible to followers only"),
    "direct": msg("The server made the post visible only to the people it mentions"),
}


@dataclass(frozen=True, slots=True)
class PostShape:
    """What an edit is about: the text (in a form both sides can be compared in), how many
    images, who sees the post, whether its media are marked sensitive, its content warning."""

    text: str
    images: int
    visibility: str
    sensitive: bool
    content_warning: str


def _images(intended: int, result: int) -> Message:
    if result > intended:
        return msgn("An image was added", "{count} images were added", result - intended)
    if result == 0:
        return msgn("The image was removed", "All {count} images were removed", intended)
    return msgn("{count} of the {total} images was removed",
                "{count} of the {total} images were removed", intended - result, total=intended)


def edit_differences(intended: PostShape, result: PostShape) -> tuple[Message, ...]:
    """Each way ``result`` differs from ``intended``, as a sentence without a full stop
    ("The server made the post public"); empty when the edit did what was asked."""
    found: list[Message] = []
    if result.text != intended.text:
        found.append(msg("The text on the server is not the text SafeDesk sent"))
    if result.images != intended.images:
        found.append(_images(intended.images, result.images))
    if result.visibility != intended.visibility:
        # A visibility SafeDesk does not know is the server's own word.
        found.append(_AUDIENCE.get(result.visibility) or msg(
            "The server made the post {audience}", audience=result.visibility or "unknown"))
    if result.content_warning != intended.content_warning:
        if not result.content_warning:
            found.append(msg("The server removed the content warning"))
        elif not intended.content_warning:
            found.append(msg("The server added a content warning (“{warning}”)",
                             warning=result.content_warning))
        else:
            found.append(msg("The server changed the content warning to “{warning}”",
                             warning=result.content_warning))
    if result.sensitive != intended.sensitive:
        found.append(msg("The server marked the media as sensitive") if result.sensitive else
                     msg("The server removed the sensitive-media mark"))
    return tuple(found)


def describe(differences: Sequence[str | Message]) -> str | Message:
    """The differences as one passage for people: "The image was removed. The server made the
    post public."."""
    sentences = [msg("{difference}.", difference=d) for d in differences]
    if not sentences:
        return ""
    passage = sentences[0]
    for sentence in sentences[1:]:
        passage = msg("{first} {then}", first=passage, then=sentence)
    return passage
