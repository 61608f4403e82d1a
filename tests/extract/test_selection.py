"""Selected for a list, title or programme (relations/honours.py), on sentences of our own."""

from __future__ import annotations

import pytest
from relation_facts import facts

from kg.extract import extract
from kg.extract.names.titles import title_after


def _selected(ex) -> set[tuple[str, str]]:
    return facts(ex, "selectedFor")


def _kind(ex, name: str) -> str | None:
    return next((e.kind for e in ex.entities if e.name == name), None)


def test_coordinated_towns_selected_for_a_title(make_article):
    ex = extract(make_article("高州市根子镇、分界镇入选省级乡村振兴示范镇。"))
    assert _selected(ex) == {("根子镇", "省级乡村振兴示范镇"), ("分界镇", "省级乡村振兴示范镇")}
    assert _kind(ex, "省级乡村振兴示范镇") == "Designation"  # a title the towns hold


def test_the_subject_may_open_the_sentence_clauses_before_the_cue(make_article):
    text = "阳春市合水产业园新增企业9家，园区产值突破60亿元，获评省级循环化改造示范园区。"
    ex = extract(make_article(text))
    assert _selected(ex) == {("阳春市合水产业园", "省级循环化改造示范园区")}


def test_a_list_name_is_one_programme_not_a_park_inside_it(make_article):
    ex = extract(make_article("紫金县茶叶产业集群年产值超过30亿元，入选省级特色产业集群培育名单。"))
    assert _selected(ex) == {("紫金县茶叶产业集群", "省级特色产业集群培育名单")}
    assert _kind(ex, "省级特色产业集群培育名单") == "Programme"
    assert _kind(ex, "省级特色产业集群") is None


@pytest.mark.parametrize(
    "text, title",
    [
        ("2023年，四会市再次位居全国综合实力百强县第46位。", "全国综合实力百强县"),
        ("连州市被评为“广东省森林城市”。", "广东省森林城市"),
        ("翁源县江尾镇被认定为国家农业产业强镇。", "国家农业产业强镇"),
        ("怀集县成功创建省级全域旅游示范区。", "省级全域旅游示范区"),
        ("罗定市跻身全国县域经济500强。", "全国县域经济500强"),
    ],
)
def test_other_cues_and_title_endings(make_article, text, title):
    ex = extract(make_article(text))
    assert {o for _, o in _selected(ex)} == {title}
    assert _kind(ex, title) == "Designation"  # a title or ranking, not a list


def test_a_company_listed_in_a_named_list_after_de_you(make_article):
    text = "入选2024年广东省专精特新中小企业名单的有惠州华岭电器有限公司、博罗县立信化工有限公司。"
    ex = extract(make_article(text))
    title = "2024年广东省专精特新中小企业名单"
    assert _selected(ex) == {("惠州华岭电器有限公司", title), ("博罗县立信化工有限公司", title)}


def test_reversed_form_the_place_before_the_cue_is_a_scope(make_article):
    # 茂名市入选…的县是信宜市: 信宜市 was selected; 茂名市 only says among whom
    text = (
        "会上公布了“百县千镇万村高质量发展工程”首批典型县镇村名单。"
        "其中，茂名市入选首批典型县的县(市、区)是信宜市(争先类)。"
    )
    ex = extract(make_article(text))
    assert _selected(ex) == {("信宜市", "百县千镇万村高质量发展工程")}


def test_a_bare_title_without_a_programme_nearby_selects_nothing(make_article):
    ex = extract(make_article("阳江市入选首批典型县的是阳春市。"))
    assert _selected(ex) == set()
    assert _kind(ex, "首批典型县") is None


@pytest.mark.parametrize(
    "text",
    [
        "力争三年内春湾镇、合水镇进入全省中心镇行列。",
        "陆丰市今年未入选全国百强县名单。",
        "信宜市正积极申报，争取入选国家乡村振兴示范县。",
    ],
)
def test_aspirations_and_denials_select_nothing(make_article, text):
    assert _selected(extract(make_article(text))) == set()


def test_a_programme_named_right_after_the_cue(make_article):
    ex = extract(make_article("怀集县冷坑镇丝苗米产业园列入《广东省现代农业产业园建设名录》。"))
    assert _selected(ex) == {("怀集县冷坑镇丝苗米产业园", "广东省现代农业产业园建设名录")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("入选省级特色产业集群培育名单。", ("省级特色产业集群培育名单", False)),
        ("位居全国综合实力百强区第2位", ("全国综合实力百强区", False)),
        ("入选首批典型县的县是X", ("首批典型县", True)),
        ("获批建设省级现代农业产业园", ("省级现代农业产业园", False)),
        ("进入试点阶段", None),
        ("纳入省重点支持建设范围", None),
    ],
)
def test_title_after_a_cue(text, expected):
    cues = ("入选", "位居", "获批", "进入", "纳入")
    cue_end = next(text.find(c) + len(c) for c in cues if c in text)
    title = title_after(text, cue_end)
    got = (text[title.start : title.end], title.bare) if title else None
    assert got == expected


def test_a_quoted_title_before_chenghao_and_no_village_in_it(make_article):
    ex = extract(make_article("高州市根子镇柏桥村荣获“全国文明村”称号。"))
    assert _selected(ex) == {("柏桥村", "全国文明村")}
    assert _kind(ex, "文明村") is None


def test_titles_with_no_one_named_before_the_cue_are_the_articles_place(make_article):
    text = (
        "连平县经济持续向好。连平县去年地区生产总值增长5%。"
        "连续2年被中国县域研究会评为“智慧农业50强县”，相继入选“2022全国生态文旅100强县”"
        "“2023全国创新创业100强县”和“2024全国乡村振兴100强县”。"
    )
    selected = _selected(extract(make_article(text)))
    assert ("连平县", "智慧农业50强县") in selected
    for title in ("2022全国生态文旅100强县", "2023全国创新创业100强县", "2024全国乡村振兴100强县"):
        assert ("连平县", title) in selected
    # the body that chose is not the one chosen
    assert not any(s == "中国县域研究会" for s, _ in selected)


def test_a_sentence_naming_someone_else_gives_the_articles_place_no_title(make_article):
    text = (
        "新兴县经济持续向好。新兴县去年增长5%。"
        "据悉，广东温氏食品集团股份有限公司多次入选“中国企业500强”。"
    )
    selected = _selected(extract(make_article(text)))
    assert not any(s == "新兴县" for s, _ in selected)


def test_titles_after_zuowei_are_held_by_the_name_right_after_them(make_article):
    text = "作为“中国农民画之乡”“中国温泉之乡”，龙门县森林覆盖率达68%。"
    selected = _selected(extract(make_article(text)))
    assert selected >= {("龙门县", "中国农民画之乡"), ("龙门县", "中国温泉之乡")}


def test_every_title_of_an_unquoted_list_after_the_cue_is_selected(make_article):
    text = (
        "平远县今年入选全国休闲农业重点示范县、全国电子商务进农村示范县，"
        "获评省级全域旅游示范区、省级林业生态示范县。"
    )
    ex = extract(make_article(text))
    assert {o for s, o in _selected(ex) if s == "平远县"} == {
        "全国休闲农业重点示范县",
        "全国电子商务进农村示范县",
        "省级全域旅游示范区",
        "省级林业生态示范县",
    }


def test_who_chose_a_title_issued_it_and_the_gap_to_the_subject_ends_at_bei(make_article):
    ex = extract(make_article("平远县连续3年被南方城市研究中心评为“营商环境50强县”。"))
    assert _selected(ex) == {("平远县", "营商环境50强县")}
    assert facts(ex, "issuedBy") == {("营商环境50强县", "南方城市研究中心")}


def test_one_of_the_parks_holding_a_title_is_selected_for_it(make_article):
    ex = extract(make_article("梅北新材料产业园是全省五个先进材料产业基地之一。"))
    assert _selected(ex) == {("梅北新材料产业园", "先进材料产业基地")}
