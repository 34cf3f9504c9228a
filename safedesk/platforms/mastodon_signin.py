"""Signing in to a Mastodon server and out again, with secrets only in the keyring.

Three ways in, each ending in a :class:`MastodonIdentity`:

- :class:`LoopbackOAuth`: the browser. A one-shot listener on 127.0.0.1 receives the redirect;
  the authorization code is bound to this sign-in by a random ``state`` and by PKCE (S256).
- :class:`PasteCodeSignIn`: the same, for when no browser can reach this computer: the server
  shows the code (``urn:ietf:wg:oauth:2.0:oob``) and the person pastes it.
- :func:`sign_in_with_token`: an access token the person made under Preferences > Development.

SafeDesk registers itself once per server, with the scopes that server knows
(:func:`scopes_for`: ``profile`` from Mastodon 4.3, else ``read:accounts``), and again when those
change. The app's client id, secret and scopes live in the keyring under ``mastodon-app:<host>``;
the account's token, once the caller has an account id for it, under that id
(:func:`save_sign_in`). A token issued in a sign-in that then fails is revoked at once. Everything
here blocks on the network: call it off the GUI thread.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import re
import secrets
import webbrowser
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from mastodon import Mastodon, MastodonError, MastodonIllegalArgumentError

from safedesk.core.errors import (
    ConnectionFailedError,
    InvalidInputError,
    NotAllowedError,
    PlatformError,
    RateLimitedError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, ServerLimits
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_client import ACCESS_TOKEN
from safedesk.platforms.mastodon_common import (
    APP_NAME,
    LOOPBACK_HOSTS,
    SCOPES,
    TAKAHE,
    USER_AGENT,
    Failure,
    ServerInfo,
    classify,
    host_of,
    is_loopback,
    make_api,
    read_server_info,
    to_error,
    transport_error,
)
from safedesk.platforms.oauth_callback import CallbackListener

log = logging.getLogger(__name__)

OOB = "urn:ietf:wg:oauth:2.0:oob"
CLIENT_ID = "client_id"  # keyring kinds
CLIENT_SECRET = "client_secret"  # noqa: S105 - a keyring kind name, not a secret
REDIRECT_URIS = "redirect_uris"
APP_SCOPES = "scopes"  # what the stored registration may ask for
# What save_sign_in keeps under an account's id, and sign_out deletes again.
SECRET_KINDS = (ACCESS_TOKEN, CLIENT_ID)
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_HANDLE = re.compile(r"@?[\w.+-]+@(?P<host>[^@/\s]+)")


# -- server addresses ---------------------------------------------------------------------------

def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.split(".")
        return host == "localhost" or (
            len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)
            and (labels[-1].isalpha() or labels[-1].startswith("xn--")))
    return True


def normalise_server_url(text: str) -> str:
    """``https://host[:port]`` from what a person typed: ``mastodon.social``,
    ``https://Mastodon.Social/``, a profile address (``https://host/@jo``) or a handle
    (``@jo@host``). https is added when no scheme is given; http is accepted only for this
    computer (127.0.0.1, localhost, ::1)."""
    raw = text.strip()
    bad = InvalidInputError(msg("“{raw}” is not a server address. Type it like mastodon.social.",
                                raw=raw)
                            if raw else msg("Type the address of your Mastodon server, like "
                                            "mastodon.social."))
    if not raw or any(ch.isspace() for ch in raw):
        raise bad
    handle = _HANDLE.fullmatch(raw)
    if handle and "://" not in raw:
        raw = handle["host"]
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    try:
        host, port = (parts.hostname or "").rstrip("."), parts.port
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except (ValueError, UnicodeError):
        raise bad from None
    profile = re.fullmatch(r"/@[\w.]+/?", parts.path)
    if (parts.scheme.lower() not in ("http", "https") or not _valid_host(ascii_host)
            or parts.username is not None or parts.query or parts.fragment
            or (parts.path not in ("", "/") and not profile)):
        raise bad
    scheme = parts.scheme.lower()
    if scheme == "http" and ascii_host not in LOOPBACK_HOSTS:
        raise InvalidInputError(msg("“{address}” uses http://, which anyone on the way could "
                                    "read. Use https://.", address=text.strip()))
    netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    if port is not None and port != {"https": 443, "http": 80}[scheme]:
        netloc += f":{port}"
    return f"{scheme}://{netloc}"


# -- results ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MastodonIdentity:
    """Who signed in, where, and the token to keep (in the keyring only, via save_sign_in)."""

    server: str
    handle: str
    display_name: str
    remote_id: str
    limits: ServerLimits
    access_token: str = field(repr=False)
    # The SafeDesk registration that issued the token, needed to revoke it; "" for a token the
    # person made themselves, which only they can revoke.
    client_id: str = ""


@dataclass(frozen=True, slots=True)
class RegisteredApp:
    client_id: str
    client_secret: str = field(repr=False)
    redirect_uris: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SignOutResult:
    revoked: bool  # the server confirmed the token no longer works
    message: Message


def save_sign_in(credentials: CredentialStore, account_id: str,
                 identity: MastodonIdentity) -> None:
    """Keep the token (and which registration issued it) under the account's id."""
    credentials.put(account_id, ACCESS_TOKEN, identity.access_token)
    if identity.client_id:
        credentials.put(account_id, CLIENT_ID, identity.client_id)
    else:
        credentials.delete(account_id, CLIENT_ID)


# -- app registration ---------------------------------------------------------------------------

def app_key(server_url: str) -> str:
    return f"mastodon-app:{host_of(server_url)}"


def stored_app(server_url: str, credentials: CredentialStore) -> RegisteredApp | None:
    key = app_key(server_url)
    client_id, secret = credentials.get(key, CLIENT_ID), credentials.get(key, CLIENT_SECRET)
    if not client_id or not secret:
        return None
    uris = tuple((credentials.get(key, REDIRECT_URIS) or "").split())
    scopes = tuple((credentials.get(key, APP_SCOPES) or "").split())
    return RegisteredApp(client_id, secret, uris, scopes)


def forget_app(server_url: str, credentials: CredentialStore) -> None:
    key = app_key(server_url)
    for kind in (CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS, APP_SCOPES):
        credentials.delete(key, kind)


def ensure_app(server_url: str, credentials: CredentialStore, *, loopback_redirect: str | None,
               scopes: tuple[str, ...] = SCOPES, timeout: float = 20.0) -> RegisteredApp:
    """The stored registration, or a new one when there is none, it lacks the loopback redirect
    URI, or it was made for other scopes (an older SafeDesk's, or before the server learnt
    ``profile``): a server refuses to authorize a scope its app was not registered with.
    Mastodon (Doorkeeper) accepts any port on a registered 127.0.0.1 redirect, as RFC 8252 asks,
    but stricter servers want the exact URI, and the port changes only when the one used before
    is busy."""
    app = stored_app(server_url, credentials)
    if app is not None and app.scopes == scopes and (
            loopback_redirect is None or loopback_redirect in app.redirect_uris):
        return app
    uris = (loopback_redirect, OOB) if loopback_redirect else (OOB,)
    app = _register(server_url, uris, scopes, timeout=timeout)
    key = app_key(server_url)
    credentials.put(key, CLIENT_ID, app.client_id)
    credentials.put(key, CLIENT_SECRET, app.client_secret)
    credentials.put(key, REDIRECT_URIS, "\n".join(uris))
    credentials.put(key, APP_SCOPES, " ".join(scopes))
    return app


def scopes_for(info: ServerInfo, supported: Collection[str] | None) -> tuple[str, ...]:
    """What to ask ``info``'s server for. ``profile`` (read who signed in, nothing else) exists
    from Mastodon 4.3, whose OAuth metadata lists it in ``scopes_supported``; elsewhere it is
    unknown (the app registration is refused, or verify_credentials answers 403), so
    ``read:accounts`` takes its place. Takahē honours neither for reading the signed-in account:
    its verify_credentials wants the whole ``read``, which also covers the reads SafeDesk needs."""
    if TAKAHE.search(info.version):
        return ("write:statuses", "write:media", "read")
    if supported is not None and "profile" in supported:
        return SCOPES
    return tuple("read:accounts" if scope == "profile" else scope for scope in SCOPES)


def _register(server_url: str, uris: tuple[str, ...], scopes: tuple[str, ...], *,
              timeout: float) -> RegisteredApp:
    # Mastodon.create_app turns every HTTP error into a KeyError, so this one request is ours.
    host = host_of(server_url)
    form = {"client_name": APP_NAME, "redirect_uris": "\n".join(uris), "scopes": " ".join(scopes)}
    with requests.Session() as http:
        try:
            reply = http.post(f"{server_url}/api/v1/apps", data=form, timeout=timeout,
                              headers={"User-Agent": USER_AGENT})
        except requests.RequestException as error:
            # A registration that went through unanswered is harmless: nothing uses it.
            raise transport_error(error, host, timeout=timeout, write=False) from None
    try:
        body: Any = reply.json()
    except ValueError:
        body = None
    doc: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
    if reply.ok and isinstance(doc.get("client_id"), str) and isinstance(doc.get("client_secret"),
                                                                          str):
        return RegisteredApp(doc["client_id"], doc["client_secret"], uris, scopes)
    if reply.status_code == 429:
        raise RateLimitedError(msg("{host} asks SafeDesk to slow down. Try again in a few minutes.",
                                   host=host))
    if reply.status_code >= 500 or reply.ok:
        raise ServerFailureError(msg("{host} could not register SafeDesk (HTTP {status_code}). "
                                     "Trying again later may work.",
                                     host=host, status_code=reply.status_code))
    reason = str(doc.get("error") or f"HTTP {reply.status_code}").rstrip(".")
    raise RejectedError(msg("{host} refused to register SafeDesk: {reason}.",
                            host=host, reason=reason))


# -- OAuth --------------------------------------------------------------------------------------

class _PkceSession(requests.Session):
    """Adds PKCE's ``code_verifier`` to the token request. Mastodon.py's log_in builds its form
    from its own parameters (``locals()``), so there is no other way to pass it."""

    def __init__(self, verifier: str) -> None:
        super().__init__()
        self._verifier = verifier

    def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        data = kwargs.get("data")
        if method.upper() == "POST" and urlsplit(url).path.endswith("/oauth/token") \
                and isinstance(data, dict):
            kwargs["data"] = {**data, "code_verifier": self._verifier}
        return super().request(method, url, *args, **kwargs)


def _identity(api: Mastodon, info: ServerInfo, token: str, client_id: str) -> MastodonIdentity:
    me = api.account_verify_credentials()
    return MastodonIdentity(info.url, str(me.username), str(me.display_name or me.username),
                            str(me.id), info.limits, token, client_id)


class _OAuthFlow:
    """One authorization: its state, its PKCE pair, and the code exchange."""

    def __init__(self, server_url: str, timeout: float) -> None:
        self.server = server_url
        self.host = host_of(server_url)
        self.timeout = timeout
        self.info = read_server_info(server_url, timeout=timeout)
        self.scopes = scopes_for(self.info, self._scopes_supported())
        self.state = secrets.token_urlsafe(24)
        self._verifier = secrets.token_urlsafe(64)
        digest = hashlib.sha256(self._verifier.encode("ascii")).digest()
        self._challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        # Mastodon.py refuses http:// OAuth endpoints unless told; only this computer may use it.
        self._allow_http = is_loopback(server_url)

    def _scopes_supported(self) -> Collection[str] | None:
        """``scopes_supported`` from the OAuth metadata (Mastodon 4.3+); None without one."""
        api = make_api(self.server, timeout=self.timeout, info=self.info)
        try:
            metadata = api.oauth_authorization_server_info()  # {} where there is none
        except (MastodonError, requests.RequestException) as error:
            raise self._fail(error) from None
        supported = metadata.get("scopes_supported") if isinstance(metadata, Mapping) else None
        return [str(s) for s in supported] if isinstance(supported, list) else None

    def _fail(self, error: MastodonError | requests.RequestException) -> PlatformError:
        found = classify(error)
        log.warning("sign-in at %s failed: %s %s", self.host, found.failure.value,
                    found.status or "")
        return to_error(found, who=self.host, host=self.host, timeout=self.timeout, write=False)

    def authorize_url(self, app: RegisteredApp, redirect: str) -> str:
        api = make_api(self.server, client_id=app.client_id, client_secret=app.client_secret,
                       timeout=self.timeout, info=self.info)
        try:
            # force_login: a browser signed in as someone else must not authorize them instead.
            url = api.auth_request_url(redirect_uris=redirect, scopes=list(self.scopes),
                                       state=self.state, force_login=True,
                                       allow_http=self._allow_http)
        except MastodonIllegalArgumentError:
            raise self._insecure() from None
        except (MastodonError, requests.RequestException) as error:
            raise self._fail(error) from None
        challenge = {"code_challenge": self._challenge, "code_challenge_method": "S256"}
        return f"{url}&{urlencode(challenge)}"

    def _insecure(self) -> PlatformError:
        return ConnectionFailedError(msg("{host} offers its sign-in page at an address that is "
                                         "not https://, so SafeDesk will not use it.",
                                         host=self.host))

    def exchange(self, app: RegisteredApp, code: str, redirect: str,
                 credentials: CredentialStore) -> MastodonIdentity:
        api = make_api(self.server, client_id=app.client_id, client_secret=app.client_secret,
                       timeout=self.timeout, info=self.info, session=_PkceSession(self._verifier))
        try:
            token = api.log_in(code=code, redirect_uri=redirect, scopes=list(self.scopes),
                               allow_http=self._allow_http)
        except MastodonIllegalArgumentError as error:
            # log_in wraps every failure in this; what happened is in its context.
            inner = error.__context__
            if not isinstance(inner, MastodonError | requests.RequestException):
                raise self._insecure() from None
            found = classify(inner)
            if found.status == 400:
                raise InvalidInputError(
                    msg("{host} did not accept that sign-in code. A code works once and for "
                        "ten minutes; start the sign-in again.", host=self.host)) from None
            if found.failure is Failure.SIGNED_OUT:
                forget_app(self.server, credentials)  # the server no longer knows SafeDesk
                raise SignedOutError(msg("{host} no longer knows SafeDesk's registration. "
                                         "Start the sign-in again.", host=self.host)) from None
            raise self._fail(inner) from None
        except (MastodonError, requests.RequestException) as error:
            if "scopes" in str(error.args[0] if error.args else ""):
                self._withdraw(api)  # issued, but with less than asked for
                raise NotAllowedError(msg("{host} did not grant SafeDesk everything it needs "
                                          "({scopes}). Sign in again and allow "
                                          "it.", host=self.host,
                                          scopes=", ".join(self.scopes))) from None
            raise self._fail(error) from None
        try:
            return _identity(api, self.info, token, app.client_id)
        except (MastodonError, requests.RequestException) as error:
            self._withdraw(api)
            found = classify(error)
            if found.failure in (Failure.NO_PERMISSION, Failure.SIGNED_OUT, Failure.REJECTED):
                raise RejectedError(
                    msg("{host} signed SafeDesk in, then refused to say which account it is "
                        "(HTTP {status}), so SafeDesk withdrew that sign-in and added "
                        "nothing. The server may not support this kind of sign-in: try signing in "
                        "with an access token instead.", host=self.host, status=found.status)) from None
            raise self._fail(error) from None

    def _withdraw(self, api: Mastodon) -> None:
        """Revoke a token this sign-in was issued but will not keep, so that no working token is
        left behind on the server that nobody knows about. Best effort: a failure is logged."""
        try:
            api.revoke_access_token(allow_http=self._allow_http)
        except (MastodonError, requests.RequestException) as error:
            log.warning("could not revoke an unused token at %s: %s", self.host,
                        type(error).__name__)
        else:
            log.info("revoked the token of a failed sign-in at %s", self.host)


def _port_of(uris: tuple[str, ...]) -> int | None:
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme == "http" and parts.hostname == "127.0.0.1":
            return parts.port
    return None


class LoopbackOAuth:
    """Sign in through the browser. :meth:`start` registers SafeDesk if needed, starts the
    listener and opens the authorize page (returning its URL, to show if no browser opened);
    :meth:`finish` waits for the redirect, checks ``state`` and exchanges the code with the PKCE
    verifier. :meth:`run` does both; :meth:`close` (from any thread) gives up."""

    def __init__(self, server: str, credentials: CredentialStore, *,
                 open_browser: Callable[[str], object] = webbrowser.open, timeout: float = 20.0,
                 wait_seconds: float = 300.0) -> None:
        self._server = normalise_server_url(server)
        self._credentials = credentials
        self._open = open_browser
        self._timeout = timeout
        self._wait = wait_seconds
        self._listener: CallbackListener | None = None
        self._flow: _OAuthFlow | None = None
        self._app: RegisteredApp | None = None

    def start(self) -> str:
        flow = _OAuthFlow(self._server, self._timeout)
        known = stored_app(self._server, self._credentials)
        listener = CallbackListener(_port_of(known.redirect_uris) if known else None)
        try:
            app = ensure_app(self._server, self._credentials,
                             loopback_redirect=listener.redirect_uri, scopes=flow.scopes,
                             timeout=self._timeout)
            url = flow.authorize_url(app, listener.redirect_uri)
        except BaseException:
            listener.close()
            raise
        self._listener, self._flow, self._app = listener, flow, app
        self._open(url)
        return url

    def finish(self) -> MastodonIdentity:
        if self._listener is None or self._flow is None or self._app is None:
            raise RuntimeError("LoopbackOAuth.finish() needs start() first")
        listener, flow = self._listener, self._flow
        try:
            answer = listener.wait(self._wait)
        finally:
            self.close()
        if answer is None:
            raise NotAllowedError(msg("The sign-in was cancelled; nothing was signed in."))
        if not secrets.compare_digest(answer.get("state", "").encode(), flow.state.encode()):
            raise NotAllowedError(msg("The answer that reached SafeDesk does not belong to this "
                                      "sign-in, so it was refused. Start the sign-in again."))
        if "error" in answer:
            if answer["error"] == "access_denied":
                raise NotAllowedError(msg("You did not allow SafeDesk to use your account on "
                                          "{host}; nothing was signed in.", host=flow.host))
            raise NotAllowedError(msg("{host} refused the sign-in ({reason}).",
                                      host=flow.host, reason=answer["error"]))
        return flow.exchange(self._app, answer.get("code", ""), listener.redirect_uri,
                             self._credentials)

    def run(self) -> MastodonIdentity:
        self.start()
        return self.finish()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()


class PasteCodeSignIn:
    """Sign in where the server shows a code to paste: :meth:`start` gives the URL to open,
    :meth:`finish` takes the code. PKCE still binds the code to this sign-in."""

    def __init__(self, server: str, credentials: CredentialStore, *,
                 timeout: float = 20.0) -> None:
        self._server = normalise_server_url(server)
        self._credentials = credentials
        self._timeout = timeout
        self._flow: _OAuthFlow | None = None
        self._app: RegisteredApp | None = None

    def start(self) -> str:
        self._flow = _OAuthFlow(self._server, self._timeout)
        self._app = ensure_app(self._server, self._credentials, loopback_redirect=None,
                               scopes=self._flow.scopes, timeout=self._timeout)
        return self._flow.authorize_url(self._app, OOB)

    def finish(self, code: str) -> MastodonIdentity:
        if self._flow is None or self._app is None:
            raise RuntimeError("PasteCodeSignIn.finish() needs start() first")
        code = code.strip()
        if not code or any(ch.isspace() for ch in code):
            raise InvalidInputError(msg("Paste the code the server showed after you allowed "
                                        "SafeDesk."))
        return self._flow.exchange(self._app, code, OOB, self._credentials)


def sign_in_with_token(server: str, token: str, *, timeout: float = 20.0) -> MastodonIdentity:
    """Use an access token made under Preferences > Development (it needs the scopes in
    ``SCOPES``). Only its owner can revoke it there."""
    server_url, token = normalise_server_url(server), token.strip()
    if not token or any(ch.isspace() for ch in token):
        raise InvalidInputError(msg("Paste the access token from Preferences > Development."))
    info = read_server_info(server_url, timeout=timeout)
    api = make_api(server_url, access_token=token, timeout=timeout, info=info)
    host = host_of(server_url)
    try:
        return _identity(api, info, token, "")
    except (MastodonError, requests.RequestException) as error:
        found = classify(error)
        if found.failure in (Failure.SIGNED_OUT, Failure.NO_PERMISSION):
            raise InvalidInputError(
                msg("{host} does not accept that access token for reading the account. Copy it "
                    "again from Preferences > Development, with the scopes "
                    "{scopes}.", host=host, scopes=", ".join(SCOPES))) from None
        raise to_error(found, who=host, host=host, timeout=timeout, write=False) from None


def sign_out(account: Account, credentials: CredentialStore, *,
             timeout: float = 20.0) -> SignOutResult:
    """Revoke the account's token where SafeDesk issued it, then delete it from the keyring, in
    that order, whatever the server says: signing out always works locally."""
    host, who = host_of(account.server), account.address
    token = credentials.get(account.id, ACCESS_TOKEN)
    issued_by = credentials.get(account.id, CLIENT_ID)
    app = stored_app(account.server, credentials)
    revoked, message = False, msg("SafeDesk had no sign-in for {who}.", who=who)
    manual = msg("To be sure, remove SafeDesk under Preferences > Account > Authorized apps on "
                 "{host}.", host=host)
    try:
        if token and not issued_by:
            message = msg("Signed out of {who}. The access token was made on {host}, so only you "
                          "can revoke it there, under Preferences > Development.",
                          who=who, host=host)
        elif token and (app is None or app.client_id != issued_by):
            message = msg("Signed out of {who}, but SafeDesk cannot revoke its token itself. "
                          "{manual}", who=who, manual=manual)
        elif token and app is not None:
            api = make_api(account.server, access_token=token, client_id=app.client_id,
                           client_secret=app.client_secret, timeout=timeout)
            try:
                api.revoke_access_token(allow_http=is_loopback(account.server))
                revoked, message = True, msg("Signed out of {who}; {host} has revoked the token.",
                                             who=who, host=host)
            except (MastodonError, requests.RequestException) as error:
                log.warning("revoking the token at %s failed: %s", host, type(error).__name__)
                message = msg("Signed out of {who}, but {host} could not be told. {manual}",
                              who=who, host=host, manual=manual)
    finally:
        for kind in SECRET_KINDS:
            credentials.delete(account.id, kind)
    return SignOutResult(revoked, message)
