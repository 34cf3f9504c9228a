"""What an edit of a post should leave behind, and how to say it when a server did otherwise.

Servers change more than they are asked to: real Mastodon removes the images of an edit sent
without them, Takahē makes every edited post public and drops its "sensitive" mark. So after an
edit the adapter compares what the server answered with what was intended, and each difference
is put in words for the person who asked for the edit (and the incident record), never passed
over as "done".
"""

from __future__ import annotations

from dataclasses import dataclass

# The key of RemotePost.extra under which an adapter's edit lists the differences, in words.
DIFFERENCES = "edit_differences"

_AUDIENCE = {
    "public": "public",
    "unlisted": "unlisted (quiet public)",
    "private": "visible to followers only",
    "direct": "visible only to the people it mentions",
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


def _images(intended: int, result: int) -> str:
    if result > intended:
        added = result - intended
        return "An image was added" if added == 1 else f"{added} images were added"
    if result == 0:
        return "The image was removed" if intended == 1 else f"All {intended} images were removed"
    lost = intended - result
    return f"{lost} of the {intended} images {'was' if lost == 1 else 'were'} removed"


def edit_differences(intended: PostShape, result: PostShape) -> tuple[str, ...]:
    """Each way ``result`` differs from ``intended``, as a sentence without a full stop
    ("The server made the post public"); empty when the edit did what was asked."""
    found: list[str] = []
    if result.text != intended.text:
        found.append("The text on the server is not the text SafeDesk sent")
    if result.images != intended.images:
        found.append(_images(intended.images, result.images))
    if result.visibility != intended.visibility:
        audience = _AUDIENCE.get(result.visibility, result.visibility or "unknown")
        found.append(f"The server made the post {audience}")
    if result.content_warning != intended.content_warning:
        if not result.content_warning:
            found.append("The server removed the content warning")
        elif not intended.content_warning:
            found.append(f"The server added a content warning (“{result.content_warning}”)")
        else:
            found.append(f"The server changed the content warning to "
                         f"“{result.content_warning}”")
    if result.sensitive != intended.sensitive:
        found.append("The server marked the media as sensitive" if result.sensitive else
                     "The server removed the sensitive-media mark")
    return tuple(found)


def describe(differences: tuple[str, ...] | list[str]) -> str:
    """The differences as one passage for people: "The image was removed. The server made the
    post public."."""
    return " ".join(f"{d}." for d in differences)
