"""Read the build's canonical N-Triples (``kg.model.canonical_ntriples``) into an index.

The NetworkX view reads every triple of a build once, as ``{subject:
{predicate: [objects]}}``. Going through pyoxigraph's parser costs a Python
object per term and a conversion per term (about 12 us a triple here); the
lines pyoxigraph writes have one fixed shape, so slicing them is cheaper
(about 6 us). IRIs become rdflib URIRefs, each made once, so the index answers
lookups by the vocabulary's terms; literals become ``Text``: their lexical
form with their language tag, which is all the view reads of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection

from rdflib import URIRef

Index = dict[URIRef, dict[URIRef, list]]
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Text(str):
    """A literal's lexical form, with ``language`` (or None); an rdflib Literal costs
    5-10 us to make."""

    language: str | None = None


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    if match.group(3) is not None:
        return _SIMPLE[match.group(3)]
    return chr(int(match.group(1) or match.group(2), 16))


def index_ntriples(
    data: bytes,
    into: Index | None = None,
    skip: Collection[str] = (),
    skip_types: Collection[str] = (),
    terms: dict[str, URIRef] | None = None,
) -> Index:
    """``{subject: {predicate: [objects]}}`` of N-Triples ``data``, objects in line order,
    filled into ``into`` (a fresh one if None; an empty mapping of subjects to
    ``defaultdict(list)``), without the triples whose predicate is in ``skip`` or
    whose ``rdf:type`` is in ``skip_types``. ``terms`` maps IRIs to the URIRefs made for
    them; pass one dict to every call filling one index, so each IRI is made once.

    ``data`` holds IRIs and literals only (kg mints no blank nodes), one triple
    a line, as pyoxigraph writes N-Triples: ``<s> <p> <o> .`` or
    ``<s> <p> "text"@lang .`` or ``<s> <p> "text"^^<datatype> .``.
    """
    iris: dict[str, URIRef] = {} if terms is None else terms

    def iri(value: str) -> URIRef:
        term = iris.get(value)
        if term is None:
            # pyoxigraph wrote it, so it is a valid IRI: skip URIRef's check of each character
            term = iris[value] = str.__new__(URIRef, value)
        return term

    index: Index = defaultdict(lambda: defaultdict(list)) if into is None else into
    skip = frozenset(skip)
    for line in data.decode("utf-8").split("\n"):  # not splitlines: U+2028 is no line end
        if not line:
            continue
        cut = line.index("> <", 1)
        subject = line[1:cut]
        end = line.index("> ", cut + 3)
        predicate = line[cut + 3 : end]
        if predicate in skip:
            continue
        rest = line[end + 2 : -2]
        if rest[0] == "<":
            if predicate == _RDF_TYPE and rest[1:-1] in skip_types:
                continue
            term = iri(rest[1:-1])
        else:
            close = rest.rindex('"')
            value = rest[1:close]
            term = Text(_ESCAPE.sub(_unescape, value) if "\\" in value else value)
            if rest[close + 1 : close + 2] == "@":
                term.language = rest[close + 2 :]
        index[iri(subject)][iri(predicate)].append(term)
    return index


__all__ = ["Index", "Text", "index_ntriples"]
