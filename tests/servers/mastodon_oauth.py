"""App registration and OAuth of the Mastodon test server (Doorkeeper's behaviour)."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from urllib.parse import urlencode, urlsplit

from tests.servers.mastodon_entities import VAPID_KEY
from tests.servers.mastodon_shares import MastodonShares
from tests.servers.mastodon_state import (
    HTML_TYPE,
    OOB,
    SCOPES,
    ApiError,
    App,
    Request,
    Response,
    Token,
    html_response,
    json_response,
)

_INVALID_GRANT = (
    "The provided authorization grant is invalid, expired, revoked, does not match the "
    "redirection URI used in the authorization request, or was issued to another client."
)
_AUTHORIZE_ERRORS = {
    "unsupported_response_type": "The authorization server does not support this response type.",
    "invalid_scope": "The requested scope is invalid, unknown, or malformed.",
    "invalid_request": "The request is missing a required parameter, includes an unsupported "
    "parameter value, or is otherwise malformed.",
    "access_denied": "The resource owner or authorization server denied the request.",
}


def _s256(verifier: str) -> bytes:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=")


class MastodonOAuth(MastodonShares):
    """POST /api/v1/apps, the RFC 8414 metadata, /oauth/authorize, /oauth/token, /oauth/revoke."""

    # Set by MastodonTestServer.__init__.
    _oauth_metadata: bool
    _codes: dict[str, tuple[str, str, str, list[str], str | None, float]]
    _consent: bool
    _authorizing: str
    _shortcut: App

    def _issue(self, app: App, account_id: str | None, scopes: list[str]) -> Token:
        token = Token(secrets.token_urlsafe(32), app.client_id, account_id, scopes, time.time())
        self._tokens[token.value] = token
        return token
    def issued_tokens(self, username: str) -> list[Token]:
        """Copies of every token issued for the user, oldest first (inspection)."""
        with self._lock:
            account = self._account_named(username)
            return [Token(t.value, t.client_id, t.account_id, list(t.scopes), t.created_at,
                          t.revoked)
                    for t in self._tokens.values() if account and t.account_id == account.id]

    def _known_scopes(self) -> frozenset[str]:
        """Every scope this server knows; ``profile`` only from Mastodon 4.3 (see the quirks)."""
        return SCOPES if self._quirks.profile_scope else SCOPES - {"profile"}

    # --- apps and OAuth ------------------------------------------------------------------------

    def _h_create_app(self, req: Request, _m: re.Match[str]) -> Response:
        p = req.params
        name, scopes = (p.get("client_name") or "").strip(), (p.get("scopes") or "read").split()
        uris = [uri for raw in p.get_list("redirect_uris") for uri in raw.split()]
        if not name:
            raise ApiError(422, "Validation failed: Application name can't be blank")
        if not uris:
            raise ApiError(422, "Validation failed: Redirect URI can't be blank")
        if any(u != OOB and (not urlsplit(u).scheme or "#" in u) for u in uris):
            raise ApiError(422, "Validation failed: Redirect URI must be an absolute URI.")
        if not set(scopes) <= self._known_scopes():
            raise ApiError(422, "Validation failed: Scopes must be from the configured scopes")
        app = App(self._new_id(), secrets.token_urlsafe(32), secrets.token_urlsafe(32), name,
                  p.get("website"), uris, scopes)
        self._apps[app.client_id] = app
        return json_response(200, {
            "id": app.id, "name": name, "website": app.website, "scopes": scopes,
            "redirect_uri": "\n".join(uris), "redirect_uris": uris, "client_id": app.client_id,
            "client_secret": app.client_secret, "client_secret_expires_at": 0,
            "vapid_key": VAPID_KEY,
        })

    def _h_oauth_metadata(self, _req: Request, _m: re.Match[str]) -> Response:
        if not self._oauth_metadata:
            return html_response(404, "The page you are looking for isn't here.", "")
        b = self._base
        return json_response(200, {
            "issuer": f"{b}/", "authorization_endpoint": f"{b}/oauth/authorize",
            "token_endpoint": f"{b}/oauth/token", "revocation_endpoint": f"{b}/oauth/revoke",
            "app_registration_endpoint": f"{b}/api/v1/apps",
            "scopes_supported": sorted(self._known_scopes()),
            "response_types_supported": ["code"], "response_modes_supported": ["query"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "service_documentation": "https://docs.joinmastodon.org/",
        })

    def _h_authorize(self, req: Request, _m: re.Match[str]) -> Response:
        p = req.params
        app = self._apps.get(p.get("client_id") or "")
        redirect, state = p.get("redirect_uri"), p.get("state")
        if app is None or app is self._shortcut:
            return html_response(401, "Error", "<h2>invalid_client</h2><p>Client authentication "
                                 "failed due to unknown client.</p>")
        if redirect not in app.redirect_uris:
            return html_response(400, "Error", "<h2>invalid_redirect_uri</h2><p>The redirect "
                                 "uri included is not valid.</p>")
        scopes = (p.get("scope") or "read").split()
        challenge, method = p.get("code_challenge"), p.get("code_challenge_method")
        error = ""
        if p.get("response_type") != "code":
            error = "unsupported_response_type"
        elif not set(scopes) <= set(app.scopes):
            error = "invalid_scope"
        elif (challenge or method) and (method != "S256" or not challenge):
            error = "invalid_request"
        elif not self._consent:
            error = "access_denied"
        glue = "&" if "?" in redirect else "?"
        keep_state = {} if state is None else {"state": state}
        if error and redirect == OOB:
            return html_response(400, "Error", f"<h2>{error}</h2><p>{_AUTHORIZE_ERRORS[error]}</p>")
        if error:
            query = {"error": error, "error_description": _AUTHORIZE_ERRORS[error], **keep_state}
            return Response(302, b"", HTML_TYPE, {"Location": redirect + glue + urlencode(query)})
        owner = self._authorizing or next(iter(self._accounts), "")
        owner = owner or self._ensure_account("alice").id
        code = secrets.token_urlsafe(32)
        self._codes[code] = (app.client_id, owner, redirect, scopes, challenge, time.time())
        if redirect == OOB:
            return html_response(200, "Authorization code", "<p>Copy this authorization code and "
                                 "paste it to the application.</p><input class=\"oauth-code\" "
                                 f'readonly type="text" value="{code}">')
        location = redirect + glue + urlencode({"code": code, **keep_state})
        return Response(302, b"", HTML_TYPE, {"Location": location})

    def _client(self, req: Request) -> App | None:
        app = self._apps.get(req.params.get("client_id") or "")
        secret = req.params.get("client_secret") or ""
        known = app.client_secret.encode() if app else b""
        good = app is not None and secrets.compare_digest(known, secret.encode())
        return app if good and app is not self._shortcut else None

    def _h_token(self, req: Request, _m: re.Match[str]) -> Response:
        p, grant = req.params, req.params.get("grant_type")
        code = self._codes.get(p.get("code") or "") if grant == "authorization_code" else None
        if code and code[4] and not p.get("code_verifier"):
            raise ApiError(400, "invalid_request", "Missing required parameter: code_verifier.")
        app = self._client(req)
        if app is None:
            raise ApiError(401, "invalid_client", "Client authentication failed due to unknown "
                           "client, no client authentication included, or unsupported "
                           "authentication method.")
        if grant == "authorization_code":
            if not p.get("redirect_uri"):
                raise ApiError(400, "invalid_request", "Missing required parameter: redirect_uri.")
            client_id, owner, redirect, scopes, challenge, created = code or (
                "", "", "", [], None, 0.0
            )
            verifier = p.get("code_verifier") or ""
            if (
                code is None
                or client_id != app.client_id
                or time.time() > created + 600
                or redirect != p.get("redirect_uri")
                or (challenge and not secrets.compare_digest(_s256(verifier), challenge.encode()))
            ):
                raise ApiError(400, "invalid_grant", _INVALID_GRANT)
            del self._codes[p.get("code") or ""]
            token = self._issue(app, owner, scopes)
        elif grant == "client_credentials":
            scopes = (p.get("scope") or "read").split()
            if not set(scopes) <= set(app.scopes):
                raise ApiError(400, "invalid_scope", "The requested scope is invalid, unknown, "
                               "or malformed.")
            token = self._issue(app, None, scopes)
        else:
            raise ApiError(400, "unsupported_grant_type", "The authorization grant type is not "
                           "supported by the authorization server.")
        return json_response(200, {"access_token": token.value, "token_type": "Bearer",
                                   "scope": " ".join(token.scopes),
                                   "created_at": int(token.created_at)})

    def _h_revoke(self, req: Request, _m: re.Match[str]) -> Response:
        token, app = self._tokens.get(req.params.get("token") or ""), self._client(req)
        if token is not None and (app is None or app.client_id != token.client_id):
            message = "You are not authorized to revoke this token"
            raise ApiError(403, "unauthorized_client", message)
        if token is not None:
            token.revoked = True
        return json_response(200, {})
