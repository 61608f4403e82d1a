"""The competency questions (ontology/queries/*.rq) and their answers on the seed.

Each test names the facts the seed article states and the query must return
(rows may grow as extraction improves; they must not lose these). Where
extraction still misses part of an answer, the test says so and checks what is
there today.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.sparql import named_queries, named_query, open_store, run_query
from kg.sparql.engine import PREFIXES
from kg.sparql.results import plain_value


def rows(store, name: str) -> list[dict[str, str]]:
    """The answer to the named query as dicts of plain values ('' when unbound)."""
    answer = run_query(store, named_query(name))
    return [
        {var: plain_value(term) for var, term in zip(answer.variables, row, strict=True)}
        for row in answer.rows
    ]


def has(found: list[dict[str, str]], **expected: str) -> bool:
    """Whether some row holds every expected value (``sentence`` by containment)."""

    def fits(row: dict[str, str]) -> bool:
        return all(
            value in row[key] if key == "sentence" else row[key] == value
            for key, value in expected.items()
        )

    return any(fits(row) for row in found)


def test_companies_in_each_park_with_the_parks_town(seed_store):
    found = rows(seed_store, "park-companies")
    assert has(found, park="江门大型产业集聚区雅瑶先行启动区", company="志高空调", town="雅瑶镇")
    # Gap: 省硅能源产业基地 is not yet located in 址山镇 (the text says 址山镇依托 it).
    assert has(found, park="省硅能源产业基地", company="隆基硅能源")
    assert has(found, park="省硅能源产业基地", company="信义玻璃")


def test_every_figure_about_heshan_with_period_and_sentence(seed_store):
    heshan = [r for r in rows(seed_store, "place-figures") if r["place"] == "鹤山市"]
    assert len(heshan) >= 20
    assert has(heshan, measure="计划总投资", value="209", unit="亿元", period="1月至9月",
               start="2023-01-01", end="2023-09-30", sentence="计划总投资209亿元")  # fmt: skip
    assert has(heshan, measure="外地新迁入户人口", value="4455", unit="人", period="今年以来",
               start="2023-01-01", end="2023-11-16")  # fmt: skip
    assert has(heshan, value="8328", unit="亩", start="2023-01-01", end="2023-08-31")
    assert has(heshan, measure="新建供水管道", value="4.8", unit="公里")
    assert has(heshan, value="400", unit="万元", qualifier="以上", end="2025-12-31")
    assert all(r["sentence"] for r in heshan)


def test_places_each_road_connects(seed_store):
    found = rows(seed_store, "road-connects")
    for road, place in [
        ("S270线鹤城至杜阮段", "鹤城镇"),
        ("S270线鹤城至杜阮段", "杜阮镇"),
        ("G325鹤山桃源至址山段", "桃源镇"),
        ("G325鹤山桃源至址山段", "址山镇"),
    ]:
        assert has(found, road=road, place=place, placeKind="Town", sentence=road), (road, place)
    assert has(found, road="共和至杜阮", place="共和镇")
    assert has(found, road="共和至杜阮", place="杜阮镇")
    assert has(found, road="高明杨梅—沙坪", place="沙坪街道")


def test_who_approved_or_evaluated_which_project(seed_store):
    found = rows(seed_store, "project-approvals")
    assert has(found, project="G325鹤山桃源至址山段改线项目", action="批复 approved",
               body="省发改委", sentence="立项批复")  # fmt: skip
    assert has(found, project="全国水系连通及水美乡村建设试点县项目", action="评估 evaluated",
               body="水利部", sentence="终期评估")  # fmt: skip


def test_targets_for_2025(seed_store):
    found = [r for r in rows(seed_store, "targets") if r["year"] == "2025"]
    # The seed's only 2025 figure is a county's (no town has one); 建成全国工业百强县
    # (also 2025) has no figure, so it is not a quantity: a gap of the model.
    assert has(found, place="鹤山市", placeKind="County", value="400", unit="万元",
               qualifier="以上", expression="力争到2025年")  # fmt: skip


def test_administrative_chain_up_to_the_province(seed_store):
    found = rows(seed_store, "admin-chain")
    chain = [r["division"] for r in found if r["place"] == "沙坪街道"]
    assert chain == ["鹤山市", "江门市", "广东省"]
    codes = [r["code"] for r in found if r["place"] == "江门大型产业集聚区雅瑶先行启动区"]
    assert codes == ["440784102", "440784", "440700", "440000"]
    assert [r["division"] for r in found if r["place"] == "小官田村"] == [
        "鹤城镇", "鹤山市", "江门市", "广东省"]  # fmt: skip
    # What lies in a county: every place whose chain passes through it.
    in_heshan = {r["place"] for r in found if r["division"] == "鹤山市"}
    assert {"志高空调", "鹤山工业城", "雅瑶镇", "小官田村"} <= in_heshan


def test_sentence_and_article_behind_every_fact(seed_store):
    found = rows(seed_store, "fact-sources")
    assert found and all(r["sentence"] and r["article"] == "heshan-2023-11-16" for r in found)
    assert all(r["title"] == "发展县域经济,奋力再造一个工业新鹤山" for r in found)
    zone = "江门大型产业集聚区雅瑶先行启动区"
    assert has(found, subject="志高空调", relation="位于", object=zone,
               sentence="落户志高空调", date="2023-11-16", publisher="广州日报")  # fmt: skip


def test_sentence_and_article_behind_every_figure(seed_store):
    found = rows(seed_store, "figure-sources")
    assert found and all(r["surface"] in r["sentence"] for r in found)
    assert has(found, about="鹤山主平台", surface="31.2平方公里", measure="规划面积")


def test_entities_in_more_than_one_article(seed_store, two_out):
    assert rows(seed_store, "multi-article-entities") == []
    found = rows(open_store(two_out / "kg.ttl"), "multi-article-entities")
    assert has(found, entity="江门市", kind="Prefecture", articles="2")
    jiangmen = next(r for r in found if r["entity"] == "江门市")
    assert sorted(jiangmen["ids"].split()) == ["heshan-2023-11-16", "xinhui-2024-01-18"]


def test_investments_largest_first(seed_store):
    found = rows(seed_store, "investments")
    assert found[0]["about"] == "鹤山市" and found[0]["value"] == "209"
    assert has(found, about="全国水系连通及水美乡村建设试点县项目", value="3.2", unit="亿元")
    yuan = [float(r["yuan"]) for r in found]
    assert yuan == sorted(yuan, reverse=True)


def test_land_and_lengths(seed_store):
    found = rows(seed_store, "land-and-lengths")
    assert has(found, about="省硅能源产业基地", measure="占地", value="1000", unit="亩")
    assert has(found, about="鹤山主平台", value="31.2", unit="平方公里", normalized="31200000")
    assert has(found, about="碧道工程", value="47", unit="公里", normalized="47000")
    assert has(found, about="千里步道", value="291", qualifier="约")


def test_rankings(seed_store):
    found = rows(seed_store, "rankings")
    assert has(found, about="共和镇", list="全国镇域经济500强", rank="344")


def test_what_lies_in_each_town_and_county(seed_store):
    found = rows(seed_store, "place-contents")
    assert has(found, division="雅瑶镇", entity="江门大型产业集聚区雅瑶先行启动区", kind="Park")
    assert has(found, division="雅瑶镇", entity="志高空调", kind="Company")
    assert has(found, division="鹤城镇", entity="小官田村", kind="Village")
    assert not has(found, kind="Town")


def test_what_places_build_on(seed_store):
    found = rows(seed_store, "dependencies")
    assert has(found, place="址山镇", reliesOn="省硅能源产业基地", kind="Park")
    assert has(found, place="宅梧镇", reliesOn="源林生态项目", kind="Project")


def test_honours_and_selections(seed_store):
    found = rows(seed_store, "honours")
    assert has(found, who="鹤山市", relation="获表彰", what="国务院", sentence="督查激励")
    # 首批典型县 is a bare title: the selection goes to the programme whose list it is.
    assert has(found, who="鹤山市", relation="入选", what="百县千镇万村高质量发展工程",
               sentence="入选首批典型县")  # fmt: skip
    # Gap: 河湖管理组's honour from 广东省 is not extracted yet.


def test_bodies_set_up(seed_store):
    found = rows(seed_store, "bodies-established")
    assert has(found, body="县级“百千万工程”指挥部", setUpBy="鹤山市", evidence="成立")


def test_events(seed_store):
    found = rows(seed_store, "events")
    assert has(found, event="现场会", heldIn="茂名市", date="2023-11-16",
               about="百县千镇万村高质量发展工程")  # fmt: skip
    assert has(found, event="博盈特焊上市", participants="博盈特焊")


def test_most_mentioned(seed_store):
    found = rows(seed_store, "most-mentioned")
    assert found[0]["entity"] == "鹤山市" and int(found[0]["mentions"]) >= 10


def test_articles(seed_store, two_out):
    (seed,) = rows(seed_store, "articles")
    assert seed["article"] == "heshan-2023-11-16" and seed["publisher"] == "广州日报"
    assert int(seed["sentences"]) > 30 and int(seed["entities"]) > 30
    both = rows(open_store(two_out / "kg.ttl"), "articles")
    assert [r["article"] for r in both] == ["heshan-2023-11-16", "xinhui-2024-01-18"]


def test_every_named_query_has_a_test_here():
    tested = {
        "park-companies", "place-figures", "road-connects", "project-approvals", "targets",
        "admin-chain", "fact-sources", "figure-sources", "multi-article-entities",
        "investments", "land-and-lengths", "rankings", "place-contents", "dependencies",
        "honours", "bodies-established", "events", "most-mentioned", "articles",
    }  # fmt: skip
    assert set(named_queries()) == tested


@pytest.fixture(scope="module")
def seed_rdflib(seed_out) -> Graph:
    graph = Graph()
    graph.parse(seed_out / "kg.ttl")
    return graph


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_rdflib_gives_the_same_number_of_rows(seed_store, seed_rdflib, name):
    """The queries are plain SPARQL 1.1: rdflib's engine agrees with pyoxigraph's."""
    ours = run_query(seed_store, named_query(name))
    theirs = seed_rdflib.query(named_query(name), initNs=PREFIXES)
    assert len(list(theirs)) == len(ours.rows)


PARAMETERISED = [
    (query.name, variable, about)
    for query in named_queries().values()
    for variable, about in query.parameters
]


def test_the_questions_asked_of_one_thing_declare_what_to_bind():
    assert {(name, variable) for name, variable, _ in PARAMETERISED} >= {
        ("place-figures", "place"),
        ("figure-sources", "about"),
        ("fact-sources", "subject"),
        ("admin-chain", "place"),
    }


@pytest.mark.parametrize(("name", "variable", "about"), PARAMETERISED)
def test_a_bound_question_answers_the_rows_of_that_value(seed_store, name, variable, about):
    """Bound to the example its ``# bind`` line gives, the query returns exactly the
    unbound answer's rows with that value, in the same order."""
    example = about.split("e.g. ")[1].split()[0]
    text = named_query(name)
    bound = run_query(seed_store, text, bindings={variable: ox.Literal(example, language="zh")})
    everything = run_query(seed_store, text)
    column = everything.variables.index(variable)
    expected = [row for row in everything.rows if row[column].value == example]
    assert expected, f"the example {example} has no rows in the seed"
    assert list(bound.rows) == expected


def test_events_rows_hold_what_their_own_article_says(tmp_path):
    """One event name in two articles is one node; each article's row names only its
    own venue (the query once crossed every venue with every sentence)."""
    from kg.build import build

    articles = tmp_path / "in"
    articles.mkdir()
    for day, town in (("01", "广海镇"), ("02", "都斛镇")):
        (articles / f"taishan-2024-03-{day}.txt").write_text(
            f"第A01版:县域新闻\n\n台山市推进项目建设\n\n  台山市重点项目集中签约仪式在{town}举行,"
            f"12个项目参加签约。\n\n2024年03月{day}日\n",
            encoding="utf-8",
        )
    build([articles], tmp_path / "out")
    found = rows(open_store(tmp_path / "out" / "kg.ttl"), "events")
    venues = {(row["date"], row["heldIn"]) for row in found}
    assert venues == {("2024-03-01", "广海镇"), ("2024-03-02", "都斛镇")}
