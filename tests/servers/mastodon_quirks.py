"""Where Mastodon-API servers differ, as switches of the Mastodon test server.

The defaults are what Mastodon 4.4 itself does; each switch turns the test server into what
another real server does instead (checked against Mastodon's and Takahē's source and, for
Takahē 0.11, a running server). Give them to ``MastodonTestServer(quirks=ServerQuirks(...))`` or
change them later with ``server.set_quirks(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

URL_STYLES = ("mastodon", "takahe", "gotosocial", "akkoma")


@dataclass(frozen=True)
class ServerQuirks:
    # The ``url`` of a local status, and the shape /api/v2/search resolves besides the ``uri``
    # (``/users/NAME/statuses/ID``): ``/@NAME/ID`` (Mastodon), ``/@NAME/posts/ID/`` (Takahē),
    # ``/@NAME/statuses/ID`` (GoToSocial) or ``/notice/ID`` (Akkoma and Pleroma).
    url_style: str = "mastodon"
    # Mastodon's controller passes every edit parameter to UpdateStatusService whether it was
    # sent or not, so an edit without media_ids removes the media, one without spoiler_text the
    # content warning, one without sensitive the mark. True keeps what an edit leaves out.
    edit_keeps_omitted: bool = False
    # Takahē's edit always makes the post public, and sets "sensitive" to what was sent (false
    # when nothing was), whatever the content warning.
    edit_resets_visibility: bool = False
    # Editing or deleting another account's status: Mastodon looks it up among the caller's own
    # statuses, so 404. (Takahē answers 401.)
    others_status_code: int = 404
    # Takahē's middleware answers any request with an unknown or revoked bearer token with
    # HTTP 400 and the plain text "Invalid Bearer token" instead of Mastodon's 401 JSON.
    bad_token_plain_400: bool = False
    # False: no ``profile`` scope, as before Mastodon 4.3: registering an app that asks for it
    # is 422, the OAuth metadata does not list it, and verify_credentials needs read:accounts.
    profile_scope: bool = True
    # GET /api/v2/instance answers 500, as Takahē does while it has no admin user.
    instance_v2_fails: bool = False
    # Takahē has no reblog statuses: POST /api/v1/statuses/:id/reblog answers with the boosted
    # status itself (``reblogged`` true), and an account's statuses do not list its boosts.
    reblog_answers_original: bool = False
    # Takahē's length check is ``len(status) > post_length``: code points of the text alone,
    # links and mentions in full, the content warning not counted, though its instance document
    # says 23 per link; over it, HTTP 400 "Status is too long". Its edits are not measured.
    length_in_code_points: bool = False

    def __post_init__(self) -> None:
        if self.url_style not in URL_STYLES:
            raise ValueError(f"url_style must be one of {URL_STYLES}, not {self.url_style!r}")
