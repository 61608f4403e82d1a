"""Events' names, venues, participants and topics (relations/events.py), on our own sentences."""

from __future__ import annotations

import pytest
from relation_facts import facts

from kg.extract import extract
from kg.ingest import parse_article


def _events(ex) -> set[str]:
    return {e.name for e in ex.entities if e.kind == "Event"}


def _took_part(ex) -> set[tuple[str, str]]:
    """Taking part in an event, and its kinds: started, signed or completed there."""
    deeds = ("participatesIn", "startedAt", "signedAt", "completedAt")
    return set().union(*(facts(ex, p) for p in deeds))


@pytest.mark.parametrize("word", ["推介会", "观摩会", "动员会", "签约会", "恳谈会", "研讨会"])
def test_event_words(make_article, word):
    ex = extract(make_article(f"3月5日，连州市农业招商{word}在西岸镇召开。"))
    assert _events(ex) == {f"连州市农业招商{word}"}
    assert facts(ex, "heldIn") == {(f"连州市农业招商{word}", "西岸镇")}


def test_a_later_event_word_alone_is_the_event_named_before(make_article):
    text = (
        "9月25日，2024年罗定市(广州)招商推介会暨重点项目集中签约仪式在广州市天河区举行。"
        "罗定市委主要负责人在推介会上表示，将持续优化营商环境。"
    )
    ex = extract(make_article(text))
    event = "2024年罗定市(广州)招商推介会暨重点项目集中签约仪式"
    assert _events(ex) == {event}
    # held in the last place after 在, not the city before it
    assert facts(ex, "heldIn") == {(event, "天河区")}
    assert facts(ex, "participatesIn") == {("罗定市委", event)}


def test_a_shorter_form_of_the_event_name_is_the_same_event(make_article):
    text = (
        "四会市(深圳)招商推介会签约12个项目。2024年四会市(深圳)招商推介会暨项目签约仪式在深圳举行。"
    )
    ex = extract(make_article(text))
    assert _events(ex) == {"2024年四会市(深圳)招商推介会暨项目签约仪式"}


def test_the_same_event_word_for_two_events_stays_unlinked(make_article):
    text = "高州市荔枝招商推介会在广州举行。信宜市南药招商推介会在深圳举行。会后推介会成果显著。"
    ex = extract(make_article(text))
    assert _events(ex) == {"高州市荔枝招商推介会", "信宜市南药招商推介会"}


def test_bodies_and_companies_take_part(make_article):
    text = (
        "5月8日，四会市农业招商推介会在广州举办，"
        "四会市农业农村局、广东四会玉器有限公司等单位亮相推介会。"
    )
    ex = extract(make_article(text))
    event = "四会市农业招商推介会"
    assert facts(ex, "participatesIn") == {
        ("四会市农业农村局", event),
        ("广东四会玉器有限公司", event),
    }


@pytest.mark.parametrize("cue", ["参加", "出席", "参与"])
def test_join_cues(make_article, cue):
    ex = extract(make_article(f"紫金县临江镇{cue}了河源市乡村振兴动员会。"))
    assert facts(ex, "participatesIn") == {("临江镇", "河源市乡村振兴动员会")}


def test_a_speaker_at_an_event_takes_part(make_article):
    text = "广东华岭电器股份有限公司董事长在上市仪式上表示，将扩大产能。"
    ex = extract(make_article(text))
    assert facts(ex, "participatesIn") == {("广东华岭电器股份有限公司", "上市仪式")}


def test_an_event_is_about_the_programme_named_in_its_clause(make_article):
    text = (
        "4月1日，阳春市推进“百县千镇万村高质量发展工程”加快发展现场会在春湾镇召开。"
        "5月9日，阳春市召开重点项目观摩会，围绕“百千万工程”部署下一步工作。"
    )
    ex = extract(make_article(text))
    about = facts(ex, "about")
    # the meeting is named from its place across the verbs in its name
    meeting = "阳春市推进“百县千镇万村高质量发展工程”加快发展现场会"
    assert (meeting, "百县千镇万村高质量发展工程") in about
    # 百千万工程 abbreviates the programme named before
    assert ("重点项目观摩会", "百县千镇万村高质量发展工程") in about


def test_an_event_after_a_programme_in_another_clause_is_not_about_it(make_article):
    text = "阳春市深入实施“百千万工程”，召开重点项目观摩会。"
    ex = extract(make_article(text))
    assert facts(ex, "about") == set()


def test_a_session_is_one_event_named_from_its_place(make_article):
    text = "信宜市人民政府在信宜市第十七届人民代表大会第四次会议上作工作报告。"
    ex = extract(make_article(text))
    session = "信宜市第十七届人民代表大会第四次会议"
    assert _events(ex) == {session}
    assert facts(ex, "participatesIn") == {("信宜市人民政府", session)}


def test_works_started_on_the_day_of_the_one_event_named_before(make_article):
    text = (
        "6月3日，高州市金山工业园三期项目集中开工仪式在金山街道举行。三期规划用地800亩。"
        "当天共有4个项目同步开工，包括高州绿源食品加工项目、高州金山物流园项目等。"
    )
    ex = extract(make_article(text))
    ceremony = "高州市金山工业园三期项目集中开工仪式"
    assert {s for s, o in facts(ex, "startedAt") if o == ceremony} == {
        "高州绿源食品加工项目",
        "高州金山物流园项目",
    }


def test_on_the_day_needs_one_event_before_it(make_article):
    text = (
        "高州市荔枝招商推介会在广州举行。信宜市南药招商推介会在深圳举行。"
        "当天共有4个项目签约，包括高州绿源食品加工项目等。"
    )
    assert _took_part(extract(make_article(text))) == set()


def test_signed_works_listed_after_the_event_of_the_sentence_before(make_article):
    text = (
        "5月8日，罗定市第二季度重点项目集中签约仪式在罗城街道举行。"
        "签约项目中，罗定华森木业加工项目总投资5亿元；"
        "广东云岭新材料有限公司将建设高分子材料生产线。"
    )
    ex = extract(make_article(text))
    ceremony = "罗定市第二季度重点项目集中签约仪式"
    taking_part = {s for s, o in facts(ex, "signedAt") if o == ceremony}
    assert {"罗定华森木业加工项目", "广东云岭新材料有限公司"} <= taking_part


@pytest.mark.parametrize("opening", ["其中，", "此次签约的", "签约的项目包括"])
def test_list_openings_after_a_ceremony(make_article, opening):
    text = (
        "9月2日，新兴县招商引资项目集中签约仪式在新城镇举行。"
        f"{opening}新兴禾丰饲料项目、广东南江农业发展有限公司均为产业项目。"
    )
    ex = extract(make_article(text))
    ceremony = "新兴县招商引资项目集中签约仪式"
    assert {s for s, o in facts(ex, "signedAt") if o == ceremony} >= {
        "新兴禾丰饲料项目",
        "广东南江农业发展有限公司",
    }


def test_a_list_opening_needs_the_event_in_the_sentence_right_before(make_article):
    text = (
        "9月2日，新兴县招商引资项目集中签约仪式在新城镇举行。全县工业投资增长12%。"
        "其中，新兴禾丰饲料项目完成投资3亿元。"
    )
    assert _took_part(extract(make_article(text))) == set()


def test_works_listed_after_a_sentence_speaking_of_this_event_take_part_in_it(make_article):
    # the sentence right before the list named no event, only 本次活动: nothing took part
    text = (
        "8月5日，恩平市第三季度重大项目集中开工活动在恩城街道举行。今年以来，全市加快"
        "推进项目建设。纳入本次活动的项目共9个。其中，开工项目包括恩城科创中心、北岸供水"
        "项目等2项，签约项目为恩平冷链配送中心。"
    )
    ex = extract(make_article(text))
    assert {s for s, _ in facts(ex, "startedAt")} >= {"恩城科创中心", "北岸供水项目"}
    assert {s for s, _ in facts(ex, "signedAt")} >= {"恩平冷链配送中心"}


def test_works_this_signing_names_take_part_in_the_one_signing_event_before(make_article):
    # 本次签约的 needed an event in the sentence right before; a festival is named too
    text = (
        "1月6日，惠来县举办招商项目集中签约投产活动。此次活动是“惠来海洋文化节”的一部分。"
        "县长与华兴电子有限公司等8家企业签署协议。"
        "本次签约的华兴电子有限公司智能终端产业园项目总投资15亿元。"
    )
    signed = facts(extract(make_article(text)), "signedAt")
    assert ("智能终端产业园项目", "招商项目集中签约投产活动") in signed


def test_a_company_naming_the_owner_of_started_works_is_no_taker(make_article):
    text = (
        "3月8日，紫金县工业园区项目集中动工仪式在临江镇举行。"
        "当天共有3个项目动工，包括河源恒泰新材料有限公司年产2万吨特种纸项目等。"
    )
    ex = extract(make_article(text))
    taking_part = {s for s, _ in _took_part(ex)}
    assert "特种纸项目" in taking_part
    assert "河源恒泰新材料有限公司" not in taking_part


def _names_in(sentence: str) -> set[tuple[str, str]]:
    article = parse_article("标题行\n" + sentence, "x.txt", "0" * 64)
    return {(m.text, str(m.kind)) for m in extract(article).mentions}


def test_a_session_is_named_from_the_whole_chain_of_places_before_it():
    names = _names_in("佛山市南海区里水镇第十八届人民代表大会第五次会议召开。")
    assert ("佛山市南海区里水镇第十八届人民代表大会第五次会议", "Event") in names


def test_a_party_committee_plenum_is_an_event_not_an_organ():
    names = _names_in("中共英德市委十三届八次全会暨市委经济工作会议召开。")
    assert ("中共英德市委十三届八次全会", "Event") in names
    assert not [n for n, kind in names if kind == "GovernmentBody" and "暨" in n]


def test_a_long_huodong_held_right_after_the_verb_is_an_event(make_article):
    # the verbs inside (签约, 动工) ended the name, and an …活动 behind no place or year
    # was no event: the day's one event was lost
    ex = extract(
        make_article("1月8日，龙川县举办“百千万工程”重大项目集中动工签约活动，共签约项目17个。")
    )
    assert _events(ex) == {"“百千万工程”重大项目集中动工签约活动"}
    assert not _events(extract(make_article("园区举行签约活动，气氛热烈。")))


def test_an_event_name_holds_the_verbs_of_what_is_celebrated(make_article):
    ex = extract(make_article("12月28日，阳山县举行连江大桥建成通车仪式。"))
    assert "连江大桥建成通车仪式" in _events(ex)


def test_an_event_name_never_starts_inside_a_parenthesis(make_article):
    # the place inside (X环镇路) was taken for the place the event is named from
    ex = extract(make_article("龙门县举行南部干线第二标段(永汉环城路)竣工通车仪式。"))
    assert not any(name.startswith(("(", "永汉")) for name in _events(ex))


def test_an_event_name_holds_a_numbered_lot_and_its_bracketed_road(make_article):
    # 标段 ended the walk back from 仪式, leaving 建成通车仪式 alone
    ex = extract(make_article("龙门县在东坑村举行南部干线第二标段(永汉环城路)建成通车仪式。"))
    assert "南部干线第二标段(永汉环城路)建成通车仪式" in _events(ex)


def test_an_event_named_from_its_prefecture_and_county_is_also_called_from_the_county(
    make_article,
):
    ex = extract(make_article("5月20日，韶关市新丰县民营企业回乡投资推介大会在丰城街道召开。"))
    [event] = [e for e in ex.entities if e.kind == "Event"]
    assert event.name == "韶关市新丰县民营企业回乡投资推介大会"
    assert "新丰县民营企业回乡投资推介大会" in event.aliases


def test_the_short_form_of_a_session_is_an_event(make_article):
    # 县十六届人大四次会议 was no event: only the long form 第N届…第N次会议 was read
    for text, event in (
        ("全县较好完成了县十六届人大三次会议确定的目标任务。", "县十六届人大三次会议"),
        ("阳山县十六届人大四次会议胜利闭幕。", "阳山县十六届人大四次会议"),
        ("市政协十三届五次会议开幕。", "市政协十三届五次会议"),
    ):
        assert _events(extract(make_article(text))) == {event}


def test_organs_before_the_holding_verb_host_the_event_after_it(make_article):
    text = (
        "3月5日上午，连平县人民政府新闻办公室组织连平县发展和改革局、连平县交通运输局"
        "联合召开“稳中求进 奋力开新局”新闻发布会。"
    )
    ex = extract(make_article(text))
    hosts = {s for s, _ in facts(ex, "participatesIn")}
    assert {"连平县发展和改革局", "连平县交通运输局"} <= hosts


def test_an_event_season_with_its_quoted_theme_is_one_event_part_of_the_season(make_article):
    # the name stopped at the first 活动: the theme's day was lost
    ex = extract(make_article("副市长出席佛冈县招商项目集中动工投产活动周“智能家居专场”活动。"))
    themed = "佛冈县招商项目集中动工投产活动周“智能家居专场”活动"
    assert themed in _events(ex)
    assert (themed, "佛冈县招商项目集中动工投产活动") in facts(ex, "partOf")


def test_an_event_at_one_venue_is_named_after_the_main_event_and_part_of_it(make_article):
    ex = extract(make_article("2024年二季度清远市重大项目集中动工活动连山分会场设在吉田镇。"))
    venue = "2024年二季度清远市重大项目集中动工活动连山分会场"
    assert venue in _events(ex)
    assert (venue, "2024年二季度清远市重大项目集中动工活动") in facts(ex, "partOf")


def test_ceremonies_a_congress_held_are_events_and_parts_of_it(make_article):
    # verbs inside the ceremonies' names (授牌, 表彰) cut them to nothing
    text = (
        "3月2日，连南县百家商会返乡投资恳谈大会召开。大会举行了首届“杰出商会”授牌仪式、"
        "商会企业表彰仪式、招商项目签约仪式，共签约项目5个。"
    )
    ex = extract(make_article(text))
    parts = {"首届“杰出商会”授牌仪式", "商会企业表彰仪式", "招商项目签约仪式"}
    assert parts <= _events(ex)
    assert {(p, "连南县百家商会返乡投资恳谈大会") for p in parts} <= facts(ex, "partOf")


def test_a_list_after_the_holding_verb_is_of_events_only_when_each_item_is_one(make_article):
    ex = extract(make_article("园区举行了项目推介、企业座谈会，气氛热烈。"))
    assert "项目推介" not in _events(ex)


def test_an_event_held_before_de_is_named_whole_up_to_shang(make_article):
    text = "在新丰县工业园召开的市政协视察园区建设情况协商会上，园区负责人作了介绍。"
    assert "市政协视察园区建设情况协商会" in _events(extract(make_article(text)))


def test_an_event_held_in_several_places_is_held_in_each(make_article):
    # only the last place listed after 在 was the venue
    text = "7月2日上午，粤西乡村公路建成通车仪式在茂名、阳江和湛江市举行。"
    held = facts(extract(make_article(text)), "heldIn")
    assert {place for _, place in held} == {"茂名市", "阳江市", "湛江市"}


def test_works_listed_at_a_ceremony_are_started_signed_or_completed_as_their_verb_says(
    make_article,
):
    text = (
        "9月2日，新兴县产业项目集中动工投产签约活动在新城镇举行。"
        "其中，开工项目有新城物流中心、东成供水项目，竣工项目有南江食品加工项目，"
        "签约项目为天堂冷链配送中心。"
    )
    ex = extract(make_article(text))
    event = "新兴县产业项目集中动工投产签约活动"
    assert facts(ex, "startedAt") == {("新城物流中心", event), ("东成供水项目", event)}
    assert facts(ex, "completedAt") == {("南江食品加工项目", event)}
    assert facts(ex, "signedAt") == {("天堂冷链配送中心", event)}


def test_works_listed_after_a_count_of_signed_works_were_signed_at_the_signing(make_article):
    # the sentence before the list counted the signed works but named no event
    text = (
        "3月2日，连南县百家商会返乡投资恳谈大会召开。大会举行了首届“杰出商会”授牌仪式、"
        "商会企业表彰仪式、招商项目签约仪式。大会现场，签约落地的招商项目共6个。"
        "其中，金源精密配件项目、优选宝家居用品项目各投资2亿元。"
    )
    signed = facts(extract(make_article(text)), "signedAt")
    assert {s for s, o in signed if o == "招商项目签约仪式"} == {
        "金源精密配件项目",
        "优选宝家居用品项目",
    }


def test_this_event_said_to_be_a_link_of_a_festival_is_part_of_it(make_article):
    text = (
        "1月6日，惠来县举办招商项目集中签约投产活动。"
        "本次仪式作为“惠来海洋文化节”的组成部分，设在县城广场。"
    )
    assert ("招商项目集中签约投产活动", "惠来海洋文化节") in facts(
        extract(make_article(text)), "partOf"
    )


def test_the_chair_and_a_speaker_take_part_in_the_one_event_named_before(make_article):
    text = (
        "6月3日，2024年连州市重点项目集中签约仪式在连州镇举行。"
        "市长李国华、副市长陈少文等出席，市委副书记周志强主持仪式。"
        "李国华在讲话中指出，要抓好项目落地。"
    )
    joined = facts(extract(make_article(text)), "participatesIn")
    assert ("周志强", "2024年连州市重点项目集中签约仪式") in joined
    assert ("李国华", "2024年连州市重点项目集中签约仪式") in joined


def test_a_chair_with_two_events_named_before_is_left_unlinked(make_article):
    text = (
        "2024年连州市招商推介会和2024年连南县招商推介会先后举行。"
        "副市长陈少文在致辞中表示，欢迎客商投资。"
    )
    assert not any(p == "陈少文" for p, _ in facts(extract(make_article(text)), "participatesIn"))
