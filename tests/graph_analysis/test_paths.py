"""kg path and kg neighbours: every path is a walk of real relations with evidence."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from analyse_helpers import by_label

from kg.analyse import simple_projection
from kg.analyse.paths import AmbiguousName, find_entity, neighbours, relation_paths
from kg.cli import main
from kg.errors import UsageError


def assert_walk_with_evidence(view, path, a, b):
    assert path[0].source == a and path[-1].target == b
    for hop, following in zip(path, path[1:], strict=False):
        assert hop.target == following.source
    for hop in path:
        assert hop.relations, "a hop without a relation"
        for rel in hop.relations:
            u, v = (hop.source, hop.target)
            if rel["direction"] == "backward":
                u, v = v, u
            assert rel["predicate"] in view[u][v], "not a relation of the graph"
            assert (rel["subject"], rel["object"]) == (
                view.nodes[u]["label"],
                view.nodes[v]["label"],
            )
            assert rel["label_zh"] and rel["label_en"]
            assert rel["evidence"], f"no evidence for {rel}"
            for ev in rel["evidence"]:
                if "gazetteer" in ev:
                    assert ev["codes"] == [view.nodes[u]["code"], view.nodes[v]["code"]]
                    assert all(ev["codes"])
                else:
                    sentences = [s["text"] for s in view.edges[u, v, rel["predicate"]]["sentences"]]
                    assert ev["sentence"] in sentences and ev["article"]


def test_every_path_is_a_walk_of_real_relations_with_evidence(seed_view):
    simple = simple_projection(seed_view)
    giant = sorted(max(nx.connected_components(simple), key=len))
    pairs = random.Random(4).sample([(a, b) for a in giant for b in giant if a < b], 150)
    for a, b in pairs:
        paths = relation_paths(seed_view, a, b, limit=3)
        assert 1 <= len(paths) <= 3
        length = nx.shortest_path_length(simple, a, b)
        for path in paths:
            assert len(path) == length
            assert_walk_with_evidence(seed_view, path, a, b)
        assert relation_paths(seed_view, a, b, limit=3) == paths


def test_heshan_to_longji_goes_through_the_town_and_the_park(seed_view):
    a, b = find_entity(seed_view, "鹤山"), find_entity(seed_view, "隆基硅能源")
    (path,) = relation_paths(seed_view, a, b)
    walk = [seed_view.nodes[h.source]["label"] for h in path] + ["隆基硅能源"]
    assert walk == ["鹤山市", "址山镇", "省硅能源产业基地", "隆基硅能源"]
    (first,) = path[0].relations
    assert (first["subject"], first["predicate"], first["object"]) == (
        "址山镇",
        "locatedIn",
        "鹤山市",
    )
    assert first["evidence"] == [
        {"gazetteer": "data/gazetteer/divisions.tsv", "codes": ["440784107", "440784"]}
    ]
    (second,) = path[1].relations
    assert (second["label_zh"], second["label_en"]) == ("依托", "depends on")
    assert "址山镇依托省硅能源产业基地" in second["evidence"][0]["sentence"]


def test_names_by_label_short_form_pinyin_and_iri(seed_view):
    heshan = by_label(seed_view, "鹤山市")
    assert find_entity(seed_view, "鹤山市") == heshan
    assert find_entity(seed_view, "鹤山") == heshan
    assert find_entity(seed_view, "Heshan Shi") == heshan
    assert find_entity(seed_view, "heshanshi") == heshan
    assert find_entity(seed_view, heshan) == heshan
    with pytest.raises(UsageError, match="no entity named '鹤山乡'"):
        find_entity(seed_view, "鹤山乡")


def test_a_name_that_fits_several_entities_lists_them(seed_view):
    view = seed_view.copy()
    view.add_node("x:other", label="址山镇", kind="Town", code="999999999", aliases=["址山"])
    with pytest.raises(AmbiguousName) as caught:
        find_entity(view, "址山")
    assert [c["code"] for c in caught.value.candidates] == ["440784107", "999999999"]
    assert caught.value.exit_code == 2 and "址山镇 (Town, 440784107)" in str(caught.value)


def test_neighbours_are_grouped_by_relation_within_the_depth(seed_view):
    zhishan = find_entity(seed_view, "址山镇")
    groups = neighbours(seed_view, zhishan, depth=1)
    assert {(g["predicate"], g["direction"]) for g in groups} == {
        ("locatedIn", "out"),
        ("dependsOn", "out"),
        ("connects", "in"),
    }
    members = {m["iri"] for g in groups for m in g["members"]}
    assert members == set(simple_projection(seed_view)[zhishan])
    deeper = neighbours(seed_view, zhishan, depth=2)
    distance = nx.single_source_shortest_path_length(simple_projection(seed_view), zhishan, 2)
    for g in deeper:
        for m in g["members"]:
            assert distance[m["iri"]] == g["distance"] and m["evidence"]
    assert {m["iri"] for g in deeper for m in g["members"]} == set(distance) - {zhishan}


@pytest.fixture
def ambiguous_graph(seed_out, tmp_path):
    extra = (
        "\n<https://kg.example.org/id/division/999999999> a "
        "<https://kg.example.org/ontology#Town> ;\n"
        '  <http://www.w3.org/2000/01/rdf-schema#label> "址山镇"@zh .\n'
    )
    path = tmp_path / "kg.ttl"
    path.write_text((seed_out / "kg.ttl").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_cli_path_and_neighbours(seed_out, capsys, ambiguous_graph):
    graph = str(seed_out / "kg.ttl")
    assert main(["path", "鹤山", "隆基硅能源", "--graph", graph]) == 0
    out = capsys.readouterr().out
    assert "鹤山市 — 址山镇 — 省硅能源产业基地 — 隆基硅能源" in out
    assert "址山镇 440784107 within 鹤山市 440784" in out
    assert main(["path", "鹤山", "隆基硅能源", "--graph", graph, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["hops"] == 3 and answer["to"]["kind"] == "Company"
    assert main(["neighbours", "址山镇", "--graph", graph, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["groups"]) == 3
    assert main(["path", "鹤山", "鹤山市", "--graph", graph]) == 0
    assert "the same entity" in capsys.readouterr().out
    assert main(["path", "址山镇", "鹤山", "--graph", str(ambiguous_graph)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "fits 2 entities" in err
