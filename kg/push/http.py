"""HTTP for ``kg push``: one request at a time, with basic or digest auth kept across requests.

urllib's own handlers do not fit the servers users run. With
``HTTPPasswordMgrWithPriorAuth`` it sends Basic credentials up front after the
first exchange, and Virtuoso's ``-auth`` endpoints answer a Basic header with
401 and no ``WWW-Authenticate``, so a push failed on its second graph. Their
password manager is keyed by URL, so an Update URL on another path found no
credentials and ended in a ValueError from the Basic handler. Here the server's
last challenge is remembered per origin (scheme, host and port) and answered up
front on the next request: Basic as is, Digest with the remembered nonce and a
growing nonce count. When the server refuses that (a stale nonce, or a 401
without a challenge), the request is sent once more without credentials to get
a fresh challenge, and once more answering it.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.request import parse_http_list, parse_keqv_list

from kg.errors import RemoteError

GSP_MISSING = {404, 405, 415, 501}  # statuses that say "no such endpoint here"
USER_VARIABLE, PASSWORD_VARIABLE = "KG_PUSH_USER", "KG_PUSH_PASSWORD"
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256, "SHA": hashlib.sha1}

Send = Callable[[str, str, bytes, str], int]


@dataclass(frozen=True)
class Challenge:
    """A server's ``WWW-Authenticate`` challenge: scheme (lower case) and its parameters."""

    scheme: str
    params: tuple[tuple[str, str], ...] = ()

    def get(self, name: str, default: str | None = None) -> str | None:
        """One parameter of the challenge."""
        return dict(self.params).get(name, default)


def parse_challenge(header: str | None) -> Challenge | None:
    """The challenge to answer in a ``WWW-Authenticate`` header: Digest if offered, else Basic.

    >>> parse_challenge('Digest realm="SPARQL", nonce="abc", qop="auth"').get("nonce")
    'abc'
    >>> parse_challenge('Basic realm="kg"').scheme, parse_challenge("Bearer") is None
    ('basic', True)
    """
    if not header:
        return None
    lower = header.lower()
    at = lower.find("digest ")
    if at >= 0:
        params = parse_keqv_list([p for p in parse_http_list(header[at + 7 :]) if "=" in p])
        return Challenge("digest", tuple(sorted(params.items())))
    if lower.startswith("basic") or ", basic" in lower:
        return Challenge("basic")
    return None


def basic_header(user: str, password: str) -> str:
    """The Authorization header for HTTP basic auth (RFC 7617, UTF-8).

    >>> basic_header("kg", "secret")
    'Basic a2c6c2VjcmV0'
    """
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def digest_header(
    challenge: Challenge, user: str, password: str, method: str, uri: str, count: int
) -> str:
    """The Authorization header answering a Digest challenge (RFC 7616, qop auth or none).

    >>> c = Challenge("digest", (("nonce", "n"), ("qop", "auth"), ("realm", "r")))
    >>> digest_header(c, "u", "p", "PUT", "/store", 1).startswith('Digest username="u"')
    True
    """
    algorithm = challenge.get("algorithm", "MD5") or "MD5"
    digest = _HASHES.get(algorithm.upper())
    if digest is None:
        raise RemoteError(f"the server asks for digest auth with {algorithm}, which kg cannot do")

    def h(text: str) -> str:
        return digest(text.encode("utf-8")).hexdigest()

    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    ha1, ha2 = h(f"{user}:{realm}:{password}"), h(f"{method}:{uri}")
    parts = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"']
    qops = [q.strip() for q in (challenge.get("qop") or "").split(",")]
    if "auth" in qops:
        nc, cnonce = f"{count:08x}", os.urandom(8).hex()
        response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        parts += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        response = h(f"{ha1}:{nonce}:{ha2}")
    parts += [f'response="{response}"', f"algorithm={algorithm}"]
    if challenge.get("opaque") is not None:
        parts.append(f'opaque="{challenge.get("opaque")}"')
    return "Digest " + ", ".join(parts)


@dataclass
class Client:
    """Sends requests, answering auth challenges; remembers each origin's last challenge.

    Not frozen: the remembered challenges and digest nonce counts change per request.
    """

    credentials: tuple[str, str] | None = None
    timeout: float = 300.0
    _challenges: dict[str, Challenge] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)
    _opener: urllib.request.OpenerDirector = field(default_factory=urllib.request.build_opener)

    def send(self, method: str, url: str, body: bytes, content_type: str) -> int:
        """Send one request; its status (GSP_MISSING ones included), RemoteError otherwise."""
        origin = _origin(url)
        fresh = origin not in self._challenges
        for _ in range(3):
            status, challenge, detail = self._once(method, url, body, content_type)
            if status != 401 or self.credentials is None:
                break
            if challenge is None and fresh:
                break  # no challenge even without credentials: nothing to answer
            stale = challenge is not None and (challenge.get("stale") or "").lower() == "true"
            if not fresh and not stale and challenge == self._challenges.get(origin):
                break  # the answer to this very challenge was refused: wrong credentials
            fresh = challenge is None  # a bare 401 to our answer: ask again without one
            if challenge is None:
                self._challenges.pop(origin, None)
            else:
                self._challenges[origin], self._counts[origin] = challenge, 0
        return _judge(url, status, detail)

    def _once(
        self, method: str, url: str, body: bytes, content_type: str
    ) -> tuple[int, Challenge | None, str]:
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Content-Type", content_type)
        authorization = self._authorization(method, url)
        if authorization:
            request.add_header("Authorization", authorization)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read()
                return response.status, None, ""
        except urllib.error.HTTPError as err:
            detail = " ".join(err.read().decode("utf-8", "replace").split())[:200]
            offered = ", ".join(err.headers.get_all("WWW-Authenticate") or [])
            return err.code, parse_challenge(offered), detail
        except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
            reason = getattr(err, "reason", err) or type(err).__name__
            raise RemoteError(f"cannot reach {url}: {reason}; is the server running?") from err

    def _authorization(self, method: str, url: str) -> str | None:
        origin = _origin(url)
        challenge = self._challenges.get(origin)
        if challenge is None or self.credentials is None:
            return None
        if challenge.scheme == "basic":
            return basic_header(*self.credentials)
        self._counts[origin] = self._counts.get(origin, 0) + 1
        parts = urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        return digest_header(challenge, *self.credentials, method, uri, self._counts[origin])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _judge(url: str, status: int, detail: str) -> int:
    """The status of a request that went through, or the RemoteError saying why it did not."""
    if status < 400 or status in GSP_MISSING:
        return status
    if status in (401, 403):
        raise RemoteError(
            f"{url} refused the push ({status}): set {USER_VARIABLE} and "
            f"{PASSWORD_VARIABLE} to an account that may write. {detail}".rstrip()
        )
    raise RemoteError(f"{url} answered {status}: {detail or 'no reason given'}")


__all__ = [
    "GSP_MISSING",
    "PASSWORD_VARIABLE",
    "USER_VARIABLE",
    "Challenge",
    "Client",
    "Send",
    "basic_header",
    "digest_header",
    "parse_challenge",
]
