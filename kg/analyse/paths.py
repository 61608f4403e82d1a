"""How two entities are connected, and what surrounds one: answers with their evidence.

- ``find_entity(view, name)``: the entity a user means by a label (鹤山市), a
  short form (鹤山), a pinyin or English label (Heshan Shi, heshanshi) or an
  IRI. A zh label that matches wins over short forms and romanisations; a name
  that fits several entities raises ``AmbiguousName`` (a usage error, exit 2)
  listing them.
- ``relation_paths(view, a, b, limit)``: the shortest paths between two
  entities over relations taken in either direction, each hop with its
  relations, their predicate in Chinese and English, and the evidence: the
  sentence that states it, or for a hop between two divisions that no
  sentence states, the gazetteer and both division codes.
- ``neighbours(view, x, depth)``: the entities within ``depth`` hops, grouped by
  relation (predicate and direction) and by distance.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from itertools import islice

import networkx as nx

from kg.errors import UsageError

GAZETTEER = "data/gazetteer/divisions.tsv"
MAX_PATHS = 5
_SEARCHED = 200  # shortest paths looked at before sorting and keeping MAX_PATHS


class AmbiguousName(UsageError):
    """A name fits several entities; ``candidates`` lists them (IRI, label, kind, code)."""

    def __init__(self, name: str, candidates: list[dict]):
        self.name = name
        self.candidates = candidates
        shown = "; ".join(_describe(c) for c in candidates[:12])
        more = f"; and {len(candidates) - 12} more" if len(candidates) > 12 else ""
        super().__init__(
            f"{name!r} fits {len(candidates)} entities: {shown}{more}; give the full name"
        )


def _describe(entity: dict) -> str:
    where = entity.get("code") or " < ".join(entity.get("parents", [])[:2])
    return f"{entity['label']} ({entity['kind']}{', ' + where if where else ''})"


def _key(text: str) -> str:
    """A name as compared: case, spaces, hyphens and apostrophes ignored."""
    return re.sub(r"[\s\-'’·]+", "", text).casefold()


def entity_info(view: nx.MultiDiGraph, node: str) -> dict:
    """The short description of an entity every answer carries."""
    data = view.nodes[node]
    return {
        "iri": node,
        "label": data.get("label", node),
        "label_en": data.get("label_en"),
        "kind": data.get("kind"),
        "code": data.get("code"),
        "parents": list(data.get("parents", [])),
    }


def find_entity(view: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the entity ``name`` means; UsageError when none, AmbiguousName when several."""
    if name in view:
        return name
    wanted = _key(name)
    exact, other = [], []
    for node, data in view.nodes(data=True):
        if data.get("kind") in ("Sentence", "Article"):
            continue
        if _key(data.get("label") or "") == wanted:
            exact.append(node)
        elif any(_key(a) == wanted for a in data.get("aliases", ())) or any(
            _key(data.get(k) or "") == wanted for k in ("pinyin", "label_en")
        ):
            other.append(node)
    found = exact or other
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousName(name, [entity_info(view, n) for n in sorted(found)])
    near = sorted(
        data["label"]
        for node, data in view.nodes(data=True)
        if wanted and wanted in _key(data.get("label") or "")
    )
    hint = f"; names containing it: {', '.join(near[:8])}" if near else ""
    raise UsageError(f"no entity named {name!r} in the graph{hint}")


@dataclass(frozen=True)
class Hop:
    """One step of a path: ``source`` to ``target`` through one or more relations."""

    source: str
    target: str
    relations: list[dict] = field(default_factory=list)


def hop_relations(view: nx.MultiDiGraph, u: str, v: str) -> list[dict]:
    """Every relation between ``u`` and ``v`` in either direction, with its evidence.

    Each is ``{predicate, label_zh, label_en, subject, object, direction,
    evidence}`` where ``direction`` is ``"forward"`` (u → v) or ``"backward"``
    and ``evidence`` a list of ``{"sentence", "article"}`` or one
    ``{"gazetteer", "codes"}``; empty when the graph records none.
    """
    found = []
    for a, b, direction in ((u, v, "forward"), (v, u, "backward")):
        for key, data in sorted(view.get_edge_data(a, b, default={}).items()):
            found.append(
                {
                    "predicate": key,
                    "label_zh": data.get("label_zh"),
                    "label_en": data.get("label_en"),
                    "subject": view.nodes[a].get("label", a),
                    "object": view.nodes[b].get("label", b),
                    "direction": direction,
                    "evidence": _evidence(view, a, b, data),
                }
            )
    return found


def _evidence(view: nx.MultiDiGraph, a: str, b: str, data: dict) -> list[dict]:
    sentences = data.get("sentences")
    if sentences is None and data.get("sentence"):  # a view made by hand
        sentences = [{"text": data["sentence"], "article": data.get("article")}]
    if sentences:
        return [{"sentence": s["text"], "article": s["article"]} for s in sentences]
    codes = [view.nodes[n].get("code") for n in (a, b)]
    if data.get("source") == "gazetteer" or all(codes):
        return [{"gazetteer": GAZETTEER, "codes": codes}]
    return []


def relation_paths(
    view: nx.MultiDiGraph, source: str, target: str, limit: int = MAX_PATHS
) -> list[list[Hop]]:
    """Up to ``limit`` shortest paths from ``source`` to ``target`` (relations in either
    direction), ordered by their entities' labels; [] when they are not connected."""
    if source == target:
        return [[]]
    simple = _undirected(view)
    try:
        found = list(islice(nx.all_shortest_paths(simple, source, target), _SEARCHED))
    except nx.NetworkXNoPath:
        return []

    def order(path: list[str]) -> tuple:
        return tuple(view.nodes[n].get("label", n) for n in path), tuple(path)

    return [
        [Hop(u, v, hop_relations(view, u, v)) for u, v in zip(path, path[1:], strict=False)]
        for path in sorted(found, key=order)[:limit]
    ]


_UNDIRECTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _undirected(view: nx.MultiDiGraph) -> nx.Graph:
    """The entity graph without direction, kept for the next question about the same view."""
    size = (view.number_of_nodes(), view.number_of_edges())
    cached = _UNDIRECTED.get(view)
    if cached is None or cached[0] != size:
        simple = nx.Graph()
        simple.add_nodes_from(view)
        simple.add_edges_from((u, v) for u, v in view.edges() if u != v)
        cached = _UNDIRECTED[view] = (size, simple)
    return cached[1]


def neighbours(view: nx.MultiDiGraph, node: str, depth: int = 1) -> list[dict]:
    """What lies within ``depth`` hops of ``node``, grouped by distance and relation.

    Each group is ``{distance, predicate, label_zh, label_en, direction, members}``;
    ``direction`` is ``"out"`` when the nearer entity is the relation's subject
    (址山镇 locatedIn 鹤山市, seen from 址山镇) and ``"in"`` otherwise; each member
    has the entity, the nearer entity it is reached from (``via``) and the evidence.
    Groups come by distance, then by size (largest first), then by predicate.
    """
    simple = _undirected(view)
    distance = nx.single_source_shortest_path_length(simple, node, cutoff=depth)
    groups: dict[tuple, dict] = {}
    for far in sorted(distance, key=lambda n: (distance[n], n)):
        d = distance[far]
        if d == 0:
            continue
        for near in sorted(simple[far]):
            if distance.get(near) != d - 1:
                continue
            for rel in hop_relations(view, near, far):
                direction = "out" if rel["direction"] == "forward" else "in"
                key = (d, rel["predicate"], direction)
                group = groups.setdefault(
                    key,
                    {
                        "distance": d,
                        "predicate": rel["predicate"],
                        "label_zh": rel["label_zh"],
                        "label_en": rel["label_en"],
                        "direction": direction,
                        "members": [],
                    },
                )
                group["members"].append(
                    {
                        **entity_info(view, far),
                        "via": view.nodes[near].get("label", near),
                        "evidence": rel["evidence"],
                    }
                )
    return sorted(
        groups.values(),
        key=lambda g: (
            g["distance"],
            -len(g["members"]),
            g["predicate"],
            g["direction"],
        ),
    )
