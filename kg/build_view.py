"""The build's NetworkX view: each part's piece of it, cached beside the part, merged.

``kg build`` makes an article's piece of the view (``kg.analyse.pieces``) in the
worker that makes or reads its part, keeps it in the cache (``view`` entries,
keyed by the part's key and the view's code) and merges the view from the
pieces in the order of the build's graphs, instead of reading every part's
triples again (``to_networkx``, which the merge equals; it is the fallback).
"""

from __future__ import annotations

import logging
import pickle

import networkx as nx

from kg.analyse import to_networkx
from kg.analyse.pieces import merge_view, piece_bytes, view_piece
from kg.cache import BuildCache
from kg.parts import GraphSet, Part, collector_off

log = logging.getLogger(__name__)

# graph IRI -> (the part's cache key, its pickled piece of the view)
Pieces = dict[str, tuple[str, bytes]]


def piece_of(cache: BuildCache, key: str, part: Part) -> bytes:
    """The piece of the view of the part cached under ``key``: the cache's, else made
    from the part's triples and kept beside it."""
    piece_key = cache.key("view", key)
    path = cache.path("view", piece_key)
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass
    with collector_off():  # the piece's index lives until it is pickled, whole
        data = piece_bytes(view_piece(part.iri, part.ntriples))
    cache.put_bytes("view", piece_key, data)
    return data


def keep_piece(cache: BuildCache, key: str, iri: str, piece: bytes, into: dict | None) -> None:
    """Count the piece of the part cached under ``key`` as used by this build (a worker's
    cache is its own), and put it ``into`` the build's pieces."""
    cache.used["view"].add(cache.key("view", key))
    if into is not None:
        into[iri] = (key, piece)


def view_of(graph: GraphSet, pieces: Pieces, cache: BuildCache) -> nx.MultiDiGraph:
    """The NetworkX view of ``graph``, merged from its parts' pieces (``pieces``: the
    part's cache key and its pickled piece, by graph IRI). A piece that cannot be read
    (a torn or foreign cache entry) is made again from its part and kept; the view is
    read from the triples when a piece is not its part's alone."""
    loaded = [view_piece(None, graph.ontology)]
    for part in graph.parts:
        key, data = pieces[part.iri]
        try:
            loaded.append(pickle.loads(data))
        except Exception as err:  # never trusted: made again
            log.info("unreadable piece of the view for %s (%s): made again", part.iri, err)
            loaded.append(view_piece(part.iri, part.ntriples))
            cache.put_bytes("view", cache.key("view", key), piece_bytes(loaded[-1]))
    try:
        view = merge_view(loaded)
    except (ValueError, TypeError, KeyError, IndexError) as err:  # a foreign entry's shape
        log.info("pieces of the view do not fit (%s): the view is read whole", err)
        view = None
    return to_networkx(graph) if view is None else view
