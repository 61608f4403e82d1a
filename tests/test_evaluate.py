"""kg eval: the scorer on small hand-made graphs, and end to end on tests/eval."""

from __future__ import annotations

import doctest
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

import kg.evaluate.gold
import kg.evaluate.index
from kg.build import build
from kg.cli import main
from kg.errors import InputError, UsageError
from kg.evaluate import evaluate, gold_files, micro_average, report_lines, to_dict
from kg.evaluate.gold import load_gold, period_fits, value_candidates

# Classes in a namespace of their own: the scorer must go by local names.
ONT = Namespace("http://example.org/onto#")
ID = Namespace("http://example.org/id/")
SCHEMA = Namespace("https://schema.org/")
EVAL = Path(__file__).resolve().parent / "eval"

GOLD = """
document: {title: 台山试写稿, date: 2024-05-10}
entities:
  - {id: taishan, name: 台山市, aliases: [台山], type: AdminDivision, level: county}
  - {id: dajiang, name: 大江镇, type: AdminDivision, level: town}
  - {id: park, name: 台山临港装备产业园, type: Park}
  - {id: firm, name: 广东蓝湾海工装备有限公司, aliases: [蓝湾海工], type: Company}
  - {id: paper, name: 侨都日报, type: Organization, optional: true}
facts:
  - {s: dajiang, p: locatedIn, o: taishan}
  - {s: firm, p: locatedIn, o: park}
  - {s: park, p: investment, value: 3.5, unit: 亿元, period: 2024-01/2024-04}
  - {s: taishan, p: date, date: 2024-05-08}
"""


def _ontology(g: Graph) -> None:
    for sub, sup in [
        ("County", "AdministrativeDivision"),
        ("Town", "AdministrativeDivision"),
        ("Company", "Organization"),
    ]:
        g.add((ONT[sub], RDFS.subClassOf, ONT[sup]))
    for cls in ("AdministrativeDivision", "Park", "Organization"):
        g.add((ONT[cls], RDFS.subClassOf, ONT.Entity))


def _entity(g: Graph, key: str, cls: str, label: str, *alt: str, article: str = "a") -> URIRef:
    node = ID[key]
    g.add((node, RDF.type, ONT[cls]))
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    for name in alt:
        g.add((node, SKOS.altLabel, Literal(name, lang="zh")))
    g.add((node, PROV.wasDerivedFrom, ID[f"{article}/s0"]))
    return node


def _article(g: Graph, article: str = "a", title: str = "台山试写稿") -> None:
    g.add((ID[article], RDF.type, ONT.Article))
    g.add((ID[article], DCTERMS.identifier, Literal(article)))
    g.add((ID[article], DCTERMS.title, Literal(title)))
    g.add((ID[f"{article}/s0"], RDF.type, ONT.Sentence))
    g.add((ID[f"{article}/s0"], DCTERMS.isPartOf, ID[article]))


def _perfect(*, town_class: str = "Town", with_firm: bool = True, amount: str = "3.5") -> Graph:
    """A graph holding everything GOLD asks for (options spoil one thing)."""
    g = Graph()
    _ontology(g)
    _article(g)
    taishan = _entity(g, "taishan", "County", "台山市", "台山")
    dajiang = _entity(g, "dajiang", town_class, "大江镇")
    park = _entity(g, "park", "Park", "台山临港装备产业园")
    g.add((dajiang, ONT.locatedIn, taishan))
    if with_firm:
        firm = _entity(g, "firm", "Company", "广东蓝湾海工装备有限公司", "蓝湾海工")
        statement = ID["a/statement/0"]  # the relation only through an n-ary node
        g.add((statement, RDF.type, ONT.Statement))
        g.add((statement, RDF.subject, firm))
        g.add((statement, RDF.object, park))
    quantity, period = ID["a/quantity/0"], ID["a/period/0"]
    g.add((park, ONT.hasQuantity, quantity))
    g.add((quantity, SCHEMA.value, Literal(Decimal(amount), datatype=XSD.decimal)))
    g.add((quantity, ONT.normalizedValue, Literal(Decimal(amount) * 10**8, datatype=XSD.decimal)))
    g.add((quantity, ONT.period, period))
    g.add((period, SCHEMA.startDate, Literal("2024-01-01", datatype=XSD.date)))
    g.add((period, SCHEMA.endDate, Literal("2024-04-30", datatype=XSD.date)))
    return g


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return path


def _scores(graph: Graph, gold: Path) -> dict:
    (score,) = evaluate(graph, [gold])
    return {metric: ratio.value for metric, ratio in score.ratios.items()}


def test_a_perfect_graph_scores_one_everywhere(gold_file):
    scores = _scores(_perfect(), gold_file)
    assert scores == dict.fromkeys(scores, 1.0)


def test_a_missing_entity_lowers_recall_and_its_relation(gold_file):
    (score,) = evaluate(_perfect(with_firm=False), [gold_file])
    assert score.ratios["entity_recall"].hits == 3
    assert score.ratios["entity_recall"].total == 4
    assert score.missed["entities"] == ("广东蓝湾海工装备有限公司",)
    assert score.ratios["relation_recall"].value == 0.5
    assert score.missed["relations"] == (
        "广东蓝湾海工装备有限公司 locatedIn 台山临港装备产业园 (entity missing)",
    )


def test_a_wrong_class_lowers_type_and_level_accuracy(gold_file):
    (score,) = evaluate(_perfect(town_class="Park"), [gold_file])
    assert score.ratios["type_accuracy"].value == 0.75
    assert score.ratios["level_accuracy"].value == 0.5
    assert score.missed["types"] == ("大江镇 (Park; want AdministrativeDivision)",)


def test_a_figure_in_yi_yuan_is_found_through_its_value_in_yuan(gold_file):
    graph = _perfect()
    quantity = ID["a/quantity/0"]
    graph.remove((quantity, SCHEMA.value, None))  # only 350000000 元 is left
    assert graph.value(quantity, ONT.normalizedValue) == Literal(Decimal("350000000.0"))
    assert _scores(graph, gold_file)["quantity_recall"] == 1.0


def test_a_wrong_figure_or_period_is_reported(gold_file):
    (score,) = evaluate(_perfect(amount="3.6"), [gold_file])
    assert score.ratios["quantity_recall"].value == 0.0
    assert score.missed["quantities"] == ("台山临港装备产业园 3.5亿元",)
    graph = _perfect()
    graph.set((ID["a/period/0"], SCHEMA.endDate, Literal("2024-05-10", datatype=XSD.date)))
    assert _scores(graph, gold_file)["period_accuracy"] == 0.0


def test_nodes_only_other_articles_claim_do_not_count(gold_file):
    """The same label in another article (another 大江镇) neither finds nor dilutes."""
    graph = _perfect(town_class="Park")
    _article(graph, "b", title="新兴试写稿")
    _entity(graph, "other-dajiang", "Town", "大江镇", article="b")
    (score,) = evaluate(graph, [gold_file])
    assert score.article == "a"
    assert score.ratios["level_accuracy"].value == 0.5
    assert score.ratios["entity_precision"].total == 4


def test_precision_counts_claimed_nodes_outside_the_gold(gold_file):
    graph = _perfect()
    _entity(graph, "noise", "Park", "改革局")
    graph.add((ID.gazetteer_parent, RDF.type, ONT.County))  # no provenance: not a claim
    (score,) = evaluate(graph, [gold_file])
    assert (score.ratios["entity_precision"].hits, score.ratios["entity_precision"].total) == (4, 5)
    assert score.missed["extra"] == ("改革局",)


def test_a_range_needs_both_ends(tmp_path):
    gold = tmp_path / "a.gold.yaml"
    gold.write_text(
        GOLD.replace("value: 3.5, unit: 亿元", "value: 3.5, upper: 5, unit: 亿元"),
        encoding="utf-8",
    )
    assert _scores(_perfect(), gold)["quantity_recall"] == 0.0
    graph = _perfect()
    graph.add((ID["a/quantity/0"], SCHEMA.maxValue, Literal(Decimal(5), datatype=XSD.decimal)))
    assert _scores(graph, gold)["quantity_recall"] == 1.0


def test_micro_average_sums_hits_and_totals(gold_file):
    scores = evaluate(_perfect(with_firm=False), [gold_file, gold_file])
    recall = micro_average(scores)["entity_recall"]
    assert (recall.hits, recall.total) == (6, 8)
    assert "micro-average over 2 gold files" in report_lines(scores)
    assert to_dict(scores)["micro_average"]["entity_recall"]["value"] == 0.75


def test_unknown_ids_and_bad_files_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.gold.yaml"
    bad.write_text(GOLD.replace("{s: dajiang, p: locatedIn", "{s: dajaing, p: locatedIn"))
    with pytest.raises(InputError, match="unknown entity id 'dajaing'"):
        load_gold(bad)
    bad.write_text("entities: [")
    with pytest.raises(InputError, match="not a readable YAML file"):
        load_gold(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no gold files"):
        gold_files([empty])


def test_values_and_periods():
    assert Decimal("20000") in value_candidates(Decimal("2"), "万")
    assert Decimal("0.3") in value_candidates(Decimal("3"), "成")
    assert Decimal("0.025") in value_candidates(Decimal("2.5"), "%")
    assert period_fits("2022-10-01/2022-10-07", ["2022-10-01", "2022-10-07"])
    assert not period_fits("2022", ["2022-02-10", "2023-02-10"])


@pytest.mark.parametrize("module", [kg.evaluate.gold, kg.evaluate.index])
def test_doctests_pass(module):
    assert doctest.testmod(module).failed == 0


def test_every_eval_gold_file_names_its_article_and_its_entities():
    """The corpus itself: one gold per article; names are surface forms of the text."""
    articles = {p.stem: p for p in (EVAL / "articles").iterdir()}
    golds = [load_gold(p) for p in gold_files([EVAL / "gold"])]
    assert sorted(g.stem for g in golds) == sorted(articles)
    for gold in golds:
        text = articles[gold.stem].read_text(encoding="utf-8")
        for entity in gold.entities:
            missing = [n for n in entity.names if n not in text]
            assert not missing, f"{gold.stem}: {missing} not in the article"


# The micro-averages kg eval gave on tests/eval when last measured. A change
# that loses more than ALLOWED_DROP on any of them fails, so recall is never
# lost silently; raise a figure when a change improves it.
MEASURED_ON_EVAL = {
    "entity_recall": 0.9886,
    "entity_precision": 0.9515,
    "type_accuracy": 0.9971,
    "level_accuracy": 1.0,
    "relation_recall": 0.8987,
    "quantity_recall": 0.9444,
    "period_accuracy": 0.9892,
}
ALLOWED_DROP = 0.02


@pytest.mark.slow
def test_end_to_end_on_the_eval_corpus(tmp_path, capsys):
    report = build([EVAL / "articles"], tmp_path, formats=("ttl",))
    assert not report.failures
    graph_file = tmp_path / "kg.ttl"
    assert main(["eval", str(EVAL / "gold"), "--graph", str(graph_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["files"]) == 12
    for entry in result["files"]:
        assert entry["article"] == Path(entry["gold"]).name.removesuffix(".gold.yaml")
        for metric, ratio in entry["scores"].items():
            assert ratio["value"] is None or 0 <= ratio["value"] <= 1, (entry["gold"], metric)
    assert main(["eval", str(EVAL / "gold"), "--graph", str(graph_file)]) == 0
    assert "micro-average over 12 gold files" in capsys.readouterr().out
    dropped = {
        metric: (result["micro_average"][metric]["value"], measured)
        for metric, measured in MEASURED_ON_EVAL.items()
        if result["micro_average"][metric]["value"] < measured - ALLOWED_DROP
    }
    assert not dropped, (
        f"extraction lost quality on tests/eval (now, last measured): {dropped}; "
        "find the rule that did it, or if the loss is intended, say why and lower MEASURED_ON_EVAL"
    )


def test_a_graph_without_the_ontology_is_read_with_kgs_own(gold_file):
    kgo = Namespace("https://kg.example.org/ontology#")

    def renamed(term):
        text = str(term)
        return kgo[text.split("#")[1]] if text.startswith(str(ONT)) else term

    graph = Graph()
    for s, p, o in _perfect():
        if p != RDFS.subClassOf:
            graph.add((renamed(s), renamed(p), renamed(o)))
    assert _scores(graph, gold_file)["type_accuracy"] == 1.0
