"""The NetworkX view made from per-graph pieces: what ``kg build`` keeps per article.

``to_networkx`` reads every graph of a build into one index, 78% of whose lines
are an article's own (its sentences, mentions, figures and statements, under
its IRI): a 1,000-article view took 20 s, all of it again after one article
changed. A graph's ``piece`` is what the view takes from it, worked out from
that graph alone:

- the facts of each subject that is not its own (the entities it names): its
  classes, labels, short forms, division codes and links to other IRIs, as
  they stand in this graph (another graph may add to them);
- the rows the view makes of its own nodes: each entity's sentences (with the
  surface form used there), the figures about each entity, and the sources of
  each statement, each row with the sort key of the node it came from.

``merge_view`` joins the pieces of every graph, in the order of
``GraphSet.named`` (the ontology's first), into exactly the view
``to_networkx`` makes of the graphs: the facts of a subject are the union of
its pieces', rows are merged in the order the whole index sorts them, and the
rest (which subjects are entities, kinds, labels, parents, edges) is worked out
by the same functions on the merged facts (tested node for node, attribute for
attribute, edge for edge). It holds as long as no graph describes another
graph's own nodes, which is how ``kg.model`` mints them (``kg.parts.split_own``
counts triples on the same ground); a piece that reads a node not its own says
so (``local`` false) and ``merge_view`` then returns None: the caller makes the
view from the triples.

A piece is plain data (strings, tuples, lists, dicts), pickled by ``piece_bytes``:
``kg build`` makes it in the worker that makes the part and keeps it in the
build cache beside the part.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import networkx as nx
from rdflib import URIRef

from kg.analyse.view import (
    _DCTERMS,
    _KGO,
    _NOT_EDGES,
    _PROV,
    _RDF,
    _RDFS,
    _SKOS,
    _ancestors,
    _edge_attrs,
    _first,
    _index,
    _kind,
    _natural_key,
    _quantity_row,
    _sentence_row,
    _statement_sources,
)
from kg.ntriples import Index
from kg.records import KINDS
from kg.vocab import KGO_IRI

# Bump when what a piece holds changes shape (its code is hashed into the cache key too).
PIECE_FORMAT = 1

_ENTITY_CLASSES = frozenset(
    {KGO_IRI + k for k in KINDS} | {str(_KGO.Entity), str(_KGO.AdministrativeDivision)}
)
_LOCATED = str(_KGO.locatedIn)


def view_piece(iri: str | None, ntriples: bytes) -> tuple:
    """What the view takes from the graph named ``iri`` (None: a graph with no own
    nodes, the ontology's) holding canonical ``ntriples``: (format, local, subjects,
    sentences, quantities, statements), each as the module's docstring says."""
    index = _index(ntriples)
    own = (lambda node: False) if iri is None else _owner(iri)
    local = True
    subjects, sentences, quantities, statements = [], [], [], []
    typed = _RDF.type
    texts: dict[str, str] = {}

    def share(row: dict) -> dict:
        """``row`` with each string one object for the piece: a sentence's text is in
        the rows of every name, figure and statement it holds, and pickled once."""
        return {k: texts.setdefault(v, v) if type(v) is str else v for k, v in row.items()}

    for s, props in index.items():
        if own(s):
            types = props.get(typed, ())
            if _KGO.Quantity in types:
                about = _first(index, s, _KGO.about)
                if type(about) is URIRef:
                    quantities.append((str(about), _natural_key(s), share(_quantity_row(index, s))))
                    sentence = _first(index, s, _PROV.wasDerivedFrom)
                    read = [_first(index, s, _KGO.period), sentence, _part_of(index, sentence)]
                    local &= all(own(x) for x in read if x is not None)
            if _KGO.Statement in types:
                key = tuple(
                    _first(index, s, p) for p in (_RDF.subject, _RDF.predicate, _RDF.object)
                )
                if all(type(x) is URIRef for x in key):
                    rows = [share(row) for row in _statement_sources(index, s)]
                    statements.append((tuple(map(str, key)), _natural_key(s), rows))
                    for sentence in props.get(_PROV.wasDerivedFrom, ()):
                        article = _part_of(index, sentence)
                        local &= own(sentence) and (article is None or own(article))
            continue
        subjects.append(_facts(s, props))
        rows, read = _sentence_rows(index, s, share)
        if rows:
            sentences.append((str(s), rows))
        local &= all(map(own, read))
    if iri is None:
        local = not (sentences or quantities or statements)
    return (PIECE_FORMAT, local, subjects, sentences, quantities, statements)


def _owner(iri: str):
    prefix = iri + "/"
    # str(): an rdflib URIRef equals no plain string
    return lambda node: node.startswith(prefix) or str(node) == iri


def _facts(subject: URIRef, props: dict) -> tuple:
    """(subject, classes, labels as (text, language), short forms, division codes,
    ((predicate, IRIs), ...) of its kgo links that may be edges), all strings."""
    labels = tuple((str(x), getattr(x, "language", None)) for x in props.get(_RDFS.label, ()))
    links = tuple(
        (str(p), tuple(str(o) for o in objects if type(o) is URIRef))
        for p, objects in props.items()
        if str(p).startswith(KGO_IRI) and p not in _NOT_EDGES
    )
    return (
        str(subject),
        tuple(str(t) for t in props.get(_RDF.type, ()) if type(t) is URIRef),
        labels,
        tuple(str(a) for a in props.get(_SKOS.altLabel, ())),
        tuple(str(c) for c in props.get(_KGO.divisionCode, ())),
        links,
    )


def _sentence_rows(index: Index, node: URIRef, share) -> tuple[list[tuple], list]:
    """((sort key, row), ...) of the sentences ``node`` is derived from in this graph
    (``view._sentences``), and the nodes read for them."""
    props = index[node]
    mentions = props.get(_KGO.mentionedIn, [])
    derived = props.get(_PROV.wasDerivedFrom, [])
    if not derived:
        return [], []
    surface: dict[object, str] = {}
    read = list(mentions)
    for mention in sorted(mentions, key=_natural_key):
        sentence = _first(index, mention, _KGO.inSentence)
        anchor = _first(index, mention, _KGO.anchorOf)
        if sentence is not None and anchor is not None:
            surface.setdefault(sentence, str(anchor))
    rows = []
    for sentence in sorted(set(derived), key=_natural_key):
        read.append(sentence)
        article = _part_of(index, sentence)
        if article is not None:
            read.append(article)
        rows.append(
            (_natural_key(sentence), share(_sentence_row(index, sentence, surface.get(sentence))))
        )
    return rows, read


def piece_bytes(piece: tuple) -> bytes:
    """The piece as kept in the build cache."""
    return pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)


def merge_view(pieces: Iterable[bytes | tuple]) -> nx.MultiDiGraph | None:
    """The view ``to_networkx`` makes of the graphs whose ``pieces`` (as ``view_piece``
    or ``piece_bytes`` gave them) come in the order of ``GraphSet.named``; None when a
    piece is not ``local`` (or of another format)."""
    facts: dict[str, list] = {}
    sentences: dict[str, list] = defaultdict(list)
    quantities: dict[str, list] = defaultdict(list)
    statements: dict[tuple, list] = defaultdict(list)
    for piece in pieces:
        if isinstance(piece, bytes):
            piece = pickle.loads(piece)
        version, local, subjects, rows, figures, sources = piece
        if version != PIECE_FORMAT or not local:
            return None
        # sets: the view reads each of these as a set or by its least (a thing every
        # article names would otherwise carry each article's copy of its facts)
        for subject, types, labels, aliases, codes, links in subjects:
            known = facts.get(subject)
            if known is None:
                facts[subject] = [set(types), set(labels), set(aliases), set(codes),
                                  {p: set(v) for p, v in links}]  # fmt: skip
                continue
            known[0].update(types)
            known[1].update(labels)
            known[2].update(aliases)
            known[3].update(codes)
            for p, v in links:
                have = known[4].get(p)
                if have is None:
                    known[4][p] = set(v)
                else:
                    have.update(v)
        for subject, found in rows:
            sentences[subject].append(found)
        for about, key, row in figures:
            quantities[about].append((key, row))
        for triple, key, found in sources:
            statements[triple].append((key, found))
    return _view(facts, sentences, quantities, statements)


def _merged(runs: list[list[tuple]]) -> list:
    """The rows of ``runs`` (each sorted by key) in key order, ties in run order."""
    if len(runs) == 1:
        return [row for _, row in runs[0]]
    return [row for _, row in sorted((r for run in runs for r in run), key=_key)]


def _key(item: tuple) -> tuple:
    return item[0]


def _view(facts: dict, sentences: dict, quantities: dict, statements: dict) -> nx.MultiDiGraph:
    entities = sorted((s for s, f in facts.items() if _ENTITY_CLASSES.intersection(f[0])),
                      key=_natural_key)  # fmt: skip
    members = set(entities)
    located = {s: {_KGO.locatedIn: facts[s][4].get(_LOCATED, ())} for s in entities}
    by_language = {}
    view = nx.MultiDiGraph()
    for node in entities:
        types, labels, aliases, codes, _ = facts[node]
        languages = by_language[node] = _by_language(labels)
        rows = _merged(sentences[node]) if node in sentences else []
        view.add_node(
            node,
            label=_zh(languages, node),
            label_en=languages.get("en") or languages.get("zh-latn-pinyin"),
            pinyin=languages.get("zh-latn-pinyin"),
            aliases=sorted(aliases),
            kind=_kind_of(frozenset(types)),
            code=min(codes) if codes else None,
            parents=[],
            quantities=_figures(quantities.get(node)),
            sentences=rows,
            articles=sorted({s["article"] for s in rows if s["article"]}),
        )
    above: dict[str, set] = {}
    for node in entities:
        chain = _parent_chain(located, node, members, above)
        view.nodes[node]["parents"] = [_zh(by_language[p], p) for p in chain]
    edges = []
    for u in entities:
        links = facts[u][4]
        for p in sorted(links):  # kgo links but those to figures and sources (_facts)
            for v in sorted(members.intersection(links[p])):
                found = statements.get((u, p, v))
                sources = [s for _, rows in sorted(found, key=_key) for s in rows] if found else []
                gazetteer = not sources and bool(facts[u][3]) and bool(facts[v][3])
                edges.append((u, v, p[len(KGO_IRI) :], _edge_attrs(_iri(p), sources, gazetteer)))
    view.add_edges_from(edges)
    return view


def _parent_chain(located: dict, node: str, members: set, above: dict) -> list[str]:
    """``view._parent_chain``, with each place's ancestors worked out once (``above``):
    every thing in a county asks for the county's."""
    chain, seen, current = [], {node}, node
    while True:
        parents = {p for p in located.get(current, {}).get(_KGO.locatedIn, ()) if p in members}
        parents -= seen
        if not parents:
            return chain
        ancestors = set()
        for p in parents:
            found = above.get(p)
            if found is None:
                found = above[p] = _ancestors(located, p, members)
            ancestors |= found
        current = min(parents - ancestors or parents, key=_natural_key)
        chain.append(current)
        seen.add(current)


def _figures(rows: list | None) -> list:
    """The figures about an entity in the order of their nodes (ties: graph order)."""
    return [] if rows is None else [row for _, row in sorted(rows, key=_key)]


def _by_language(labels: set[tuple[str, str | None]]) -> dict[str, str]:
    """Each language's least label (``view._labels_of``: which of two equal texts in
    different languages comes first there changes nothing, each language keeps its own)."""
    found: dict[str, str] = {}
    for text, language in sorted(labels, key=_key):
        found.setdefault((language or "").lower(), text)
    return found


def _zh(languages: dict[str, str], node: str) -> str:
    return languages.get("zh") or next(iter(languages.values()), None) or node.rsplit("/", 1)[-1]


@cache
def _kind_of(types: frozenset[str]) -> str:
    return _kind(_iri(t) for t in types)


@cache
def _iri(value: str) -> URIRef:
    return URIRef(value)


def _part_of(index: Index, sentence: object) -> object | None:
    return None if sentence is None else _first(index, sentence, _DCTERMS.isPartOf)


__all__ = ["PIECE_FORMAT", "merge_view", "piece_bytes", "view_piece"]
