"""kg.push.http: basic and digest auth that keep working over many requests.

The stub here answers as Virtuoso's ``-auth`` endpoints do: a Digest
challenge, 401 with no challenge at all to a Basic header, and (unlike
Virtuoso, to test the path) a fresh nonce marked stale every few requests.
The real Virtuoso is in test_push_servers.
"""

from __future__ import annotations

import doctest
import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import parse_http_list, parse_keqv_list

import pytest

import kg.push.http
from kg.errors import RemoteError
from kg.push.http import Client, basic_header, parse_challenge

USER, PASSWORD = "dba", "密码 dba"  # not ASCII: urllib's digest handler could not hash it


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


class _DigestOnly(BaseHTTPRequestHandler):
    """Digest auth (qop=auth), a new nonce every third request, a bare 401 to Basic."""

    nonce, served, statuses = "n0", 0, []

    def log_message(self, *args) -> None:
        pass

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Basic"):
            return self._answer(401, challenge=False)  # what Virtuoso does
        if not auth.startswith("Digest ") or not self._valid(auth[7:]):
            return self._answer(401, challenge=True)
        cls = type(self)
        cls.served += 1
        if cls.served % 3 == 0:  # the nonce expires: the next request is told it is stale
            cls.nonce = f"n{cls.served}"
        return self._answer(201)

    do_POST = do_PUT  # noqa: N815

    def _valid(self, fields: str) -> bool:
        given = parse_keqv_list(parse_http_list(fields))
        if given.get("nonce") != type(self).nonce or given.get("username") != USER:
            return False
        ha1 = _md5(f"{USER}:kg:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{given['uri']}")
        expected = _md5(f"{ha1}:{given['nonce']}:{given['nc']}:{given['cnonce']}:auth:{ha2}")
        return given.get("response") == expected and given["uri"] == self.path

    def _answer(self, status: int, challenge: bool = False) -> None:
        type(self).statuses.append(status)
        self.send_response(status)
        if challenge:
            sent = parse_keqv_list(parse_http_list((self.headers.get("Authorization") or "")[7:]))
            old = sent.get("nonce") not in (None, type(self).nonce)
            stale = "true" if old else "false"  # an old nonce, as opposed to a wrong password
            self.send_header(
                "WWW-Authenticate",
                f'Digest realm="kg", nonce="{type(self).nonce}", qop="auth", stale={stale}',
            )
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def digest_server() -> Iterator[str]:
    _DigestOnly.nonce, _DigestOnly.served, _DigestOnly.statuses = "n0", 0, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DigestOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_doctests_pass():
    assert doctest.testmod(kg.push.http).failed == 0


def test_digest_keeps_working_over_many_requests_and_paths(digest_server):
    client = Client((USER, PASSWORD), timeout=10)
    for number in range(20):  # two paths on one server, as Graph Store and Update URLs
        path = "/sparql-graph-crud-auth?graph=g" if number % 2 else "/sparql-auth"
        assert client.send("PUT", digest_server + path, b"x", "text/turtle") == 201
    # One challenge at the start, then one per expired nonce: never a wasted round trip more.
    assert _DigestOnly.statuses.count(201) == 20
    assert _DigestOnly.statuses.count(401) == 1 + 6


def test_a_bare_401_to_an_answer_asks_for_a_new_challenge(digest_server):
    client = Client((USER, PASSWORD), timeout=10)
    client._challenges[digest_server] = parse_challenge('Basic realm="old"')  # a stale belief
    assert client.send("PUT", digest_server + "/store", b"x", "text/turtle") == 201


def test_wrong_digest_credentials_are_one_clear_error(digest_server):
    with pytest.raises(RemoteError, match=r"refused the push \(401\): set KG_PUSH_USER"):
        Client((USER, "wrong"), timeout=10).send("PUT", digest_server + "/s", b"x", "text/turtle")
    assert len(_DigestOnly.statuses) == 2  # asked once, answered once, not retried forever


def test_a_scheme_kg_cannot_answer_is_refused_not_a_traceback():
    assert parse_challenge('Bearer realm="x"') is None
    assert parse_challenge('Basic realm="a", Digest realm="b", nonce="n"').scheme == "digest"
    assert basic_header("kg", "秘密").startswith("Basic ")
