"""The CSRF token of a visitor without a session: a signed double-submit token.

    cookie   forcegen_csrf=<nonce>.<HMAC-SHA256(secret key, nonce)>; HttpOnly; SameSite=Lax
    form     csrf_token=<the same value>

The login form and the invitation's "Open the form" page need a CSRF token, but storing a
session for every visitor would let a crawler grow the sessions table. So the token lives in
the visitor's own cookie, signed with the secret key so that only this server can have made
it, and a post must send the same value back in the form (security.check_csrf compares it).
A forged cross-site post has neither: SameSite=Lax keeps the cookie off it, and the page
that carries the value cannot be read from another site.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

ANONYMOUS_COOKIE = "forcegen_csrf"
_CONTEXT = b"forcegen anonymous csrf:"


def _signature(nonce: str, secret_key: str) -> str:
    digest = hmac.new(secret_key.encode(), _CONTEXT + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class AnonymousCsrf:
    """The anonymous token of this request: the cookie's, if validly signed, or a new one
    (`is_new`: the response must set the cookie, if a page used the token)."""

    def __init__(self, token: str, *, is_new: bool) -> None:
        self._token = token
        self.is_new = is_new
        self.is_used = False

    @property
    def token(self) -> str:
        self.is_used = True
        return self._token

    @classmethod
    def from_cookie(cls, value: str | None, secret_key: str) -> AnonymousCsrf:
        """The cookie's token if this server signed it, else a freshly signed one."""
        if value and value.count(".") == 1:
            nonce, signature = value.split(".")
            if hmac.compare_digest(signature, _signature(nonce, secret_key)):
                return cls(value, is_new=False)
        return cls.issue(secret_key)

    @classmethod
    def issue(cls, secret_key: str) -> AnonymousCsrf:
        nonce = secrets.token_urlsafe(32)
        return cls(f"{nonce}.{_signature(nonce, secret_key)}", is_new=True)
