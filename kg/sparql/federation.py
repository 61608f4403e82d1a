"""Federation control: find the ``SERVICE`` clauses of a query and refuse them.

A ``SERVICE <url> { … }`` clause makes the engine send a request to any
address and hand back what comes back; from ``kg serve`` any web page could
make a user's machine do that. pyoxigraph's Python API has no switch to turn
federation off, and rdflib's parser is slow (20-90 ms a query) and overflows
its recursion on nested sub-queries, so the query is read with a SPARQL
lexer instead: the SPARQL grammar's terminals (IRIs, prefixed names,
variables, the four string forms, comments, numbers, language tags) and its
keywords, case-insensitive. ``SERVICE`` is a reserved keyword, so a word
token ``SERVICE`` is a service clause wherever it stands: lower case, after
comments, nested, in a sub-query, with ``SILENT``; the same word inside a
string, an IRI, a comment, a variable or a prefixed name is not. The endpoint
is the token after it (``SILENT`` skipped), resolved through the query's
``PREFIX`` lines and the predeclared prefixes. pyoxigraph does not unescape
``\\u`` sequences outside strings and IRIs, so ``SE\\u0052VICE`` is a syntax
error there, never a service clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kg.errors import FederationRefused

_NAME_START = (
    r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    r"\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + r"_0-9\-.\u00b7\u0300-\u036f\u203f-\u2040"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<long>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*''')
  | (?P<string>\"(?:[^\"\\\n\r]|\\.)*\"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>\"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][{_NAME_CHAR}]+)
  | (?P<bnode>_:[{_NAME_CHAR}:]+)
  | (?P<pname>(?:[{_NAME_START}][{_NAME_CHAR}]*)?:(?:[{_NAME_CHAR}:]|%[0-9A-Fa-f]{{2}}|\\.)*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One lexical token of a query: its terminal's name and its text."""

    kind: str
    text: str


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a SPARQL query, spaces and comments left out.

    >>> [t.text for t in tokens('SELECT ?s # SERVICE\\n { ?s ex:service "SERVICE" }')]
    ['SELECT', '?s', '{', '?s', 'ex:service', '"SERVICE"', '}']
    """
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group())


def service_endpoints(text: str, prefixes: Mapping[str, str]) -> list[str | None]:
    """The endpoint of every SERVICE clause in ``text``: an absolute IRI, or None
    when it is a variable or cannot be resolved.

    >>> service_endpoints('select * { service silent ex:e { } }', {"ex": "http://e/"})
    ['http://e/e']
    >>> service_endpoints('ASK { ?s <http://e/SERVICE> "SERVICE" }', {})
    []
    """
    if "service" not in text.lower():
        return []  # no token can be the keyword: skip lexing (1.5 ms on a named query)
    found = list(tokens(text))
    declared = dict(prefixes)
    for i, token in enumerate(found[:-2]):
        if token.kind == "word" and token.text.upper() == "PREFIX":
            name, iri = found[i + 1], found[i + 2]
            if name.kind == "pname" and iri.kind == "iri":
                declared[name.text.rstrip(":")] = iri.text[1:-1]
    endpoints: list[str | None] = []
    for i, token in enumerate(found):
        if token.kind != "word" or token.text.upper() != "SERVICE":
            continue
        rest = found[i + 1 : i + 3]
        if rest and rest[0].kind == "word" and rest[0].text.upper() == "SILENT":
            rest = rest[1:]
        endpoints.append(_resolve(rest[0], declared) if rest else None)
    return endpoints


def _resolve(token: Token, prefixes: Mapping[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else None
    return None


def check_federation(text: str, prefixes: Mapping[str, str], allowed: Iterable[str] = ()) -> None:
    """Nothing when ``text`` calls no other server except the ``allowed`` endpoints;
    FederationRefused naming the first other one otherwise."""
    allowed = set(allowed)
    for endpoint in service_endpoints(text, prefixes):
        if endpoint is None or endpoint not in allowed:
            shown = f"<{endpoint}>" if endpoint else "an endpoint given by a variable"
            raise FederationRefused(
                f"SERVICE {shown} refused: kg does not send queries to other servers "
                "(federation is off; --allow-service URL allows one endpoint)"
            )


__all__ = ["Token", "check_federation", "service_endpoints", "tokens"]
