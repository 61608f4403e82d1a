"""Reports, rivers, tidal creeks and reservoirs by their name endings (sentences written for kg)."""

from __future__ import annotations

from kg.extract import extract
from kg.ingest import parse_article


def named(sentence: str) -> set[tuple[str, str]]:
    ex = extract(parse_article("标题行\n" + sentence, "x.txt", "0" * 64))
    return {(m.text, str(m.kind)) for m in ex.mentions}


def test_a_government_work_report_and_a_statistical_communique_are_reports():
    assert ("清远市清新区政府工作报告", "Report") in named(
        "清远市清新区政府工作报告提出，今年要抓好项目建设。"
    )
    assert ("2023年英德市国民经济和社会发展统计公报", "Report") in named(
        "2023年英德市国民经济和社会发展统计公报显示，全市经济稳步回升。"
    )


def test_creeks_rivers_and_reservoirs_are_named_waters():
    found = named("连江口镇整治了白石涌和长岗河，飞来峡水库蓄水正常。")
    assert {("白石涌", "River"), ("长岗河", "River"), ("飞来峡水库", "Reservoir")} <= found


def test_common_words_ending_in_he_are_no_rivers():
    found = named("全县河流长度和河涌整治情况良好，内河航道畅通，河道清淤完成。")
    assert not [name for name, kind in found if kind in ("River", "Reservoir")]


def test_a_county_whose_name_ends_in_he_is_no_river():
    found = named("汕尾市陆河县提出“建设一个美丽陆河”的目标。")
    assert not [name for name, kind in found if kind == "River"]


def test_a_report_cited_after_ju_does_not_start_with_it():
    assert ("英德市统计公报", "Report") in named("据英德市统计公报显示，全市经济稳步回升。")
