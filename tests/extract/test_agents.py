"""Who carries out a programme (kg.extract.relations.step' agent cues), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_places_listed_before_tuijin_each_carry_out_the_slogan(make_article):
    text = "梅县区松口镇、隆文镇推进“一村一品”，分别发展柚子、茶叶产业。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("松口镇", "一村一品"), ("隆文镇", "一村一品")}


def test_a_programme_taken_as_the_lever(make_article):
    ex = extract(make_article("和平县将以“百千万工程”为总抓手，加快补齐县域发展短板。"))
    assert facts(ex, "implements") == {("和平县", "百千万工程")}


def test_an_organ_whose_spokesman_announces_the_programme(make_article):
    text = "连平县商务局相关负责人表示，下半年将开展“消费提振月”专项行动。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("连平县商务局", "“消费提振月”专项行动")}


def test_a_place_the_spokesman_names_carries_it_out(make_article):
    text = "化州市农业农村局负责人表示，化州将继续实施“百千万工程”。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("化州市", "百千万工程")}


def test_tuijin_governs_only_the_name_right_after_it(make_article):
    # the pilot is what 发展 governs; 推进 is too common a verb to reach past it
    ex = extract(make_article("阳西县加快推进发展新型农村集体经济专项改革试点。"))
    assert facts(ex, "implements") == set()


def test_a_programme_inside_an_events_name_is_carried_out_by_no_one(make_article):
    ex = extract(make_article("广东全省推进“百千万工程”促进区域协调发展现场会在化州市召开。"))
    assert facts(ex, "implements") == set()


def test_weirao_reaches_each_programme_of_its_object(make_article):
    text = "蕉岭县紧紧围绕《梅州市产业振兴方案》和“百千万工程”工作要求,大抓产业。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("蕉岭县", "梅州市产业振兴方案"), ("蕉岭县", "百千万工程")}


def test_tuidong_and_jianchi_govern_the_programme_right_after_them(make_article):
    text = "平远县坚持《平远县项目服务制度》,推动“百千万工程”走深走实。平远县坚持发展特色产业。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("平远县", "平远县项目服务制度"), ("平远县", "百千万工程")}


def test_a_town_the_article_is_on_carries_out_what_no_clause_names_an_agent_for(make_article):
    text = (
        "今年以来,东坑镇发展水经济。东坑镇引进项目5个。东坑镇建成碧道8公里。"
        "东莞市东坑镇着力强化基层治理,推动“百千万工程”提质增效。"
    )
    ex = extract(make_article(text))
    assert ("东坑镇", "百千万工程") in facts(ex, "implements")


def test_a_place_right_before_dazao_carries_out_the_programme_after_it(make_article):
    text = "近年来，梅州打造“1+3”现代农业体系，平远县随之布局新材料产业园。"
    ex = extract(make_article(text))
    assert facts(ex, "implements") == {("梅州市", "“1+3”现代农业体系")}


def test_a_programme_with_no_agent_is_the_county_s_not_a_town_only_its_parks_name(make_article):
    # the town dominates only through the park named after it: the article is the county's
    text = (
        "仁居园以电子产业为主导。仁居园已入驻企业20家，仁居园产值增长10%。"
        "全力推进“两园三区”建设。平远县规划建设仁居园、八尺园。"
    )
    assert facts(extract(make_article(text)), "implements") == {("平远县", "两园三区")}
