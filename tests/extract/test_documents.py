"""Reports delivered at sessions and documents published by several parties
(relations/documents.py), on sentences of our own."""

from __future__ import annotations

from relation_facts import facts

from kg.extract import extract


def test_a_work_report_after_the_session_opening_is_presented_at_it(make_article):
    text = (
        "1月9日，平远县第十五届人民代表大会第四次会议开幕。"
        "平远县县长钟立群作2024年平远县政府工作报告，回顾了过去一年的工作。"
    )
    assert facts(extract(make_article(text)), "presentedAt") == {
        ("2024年平远县政府工作报告", "平远县第十五届人民代表大会第四次会议")
    }


def test_a_work_report_in_another_paragraph_is_not_presented_at_the_session(make_article):
    text = "平远县第十五届人民代表大会第四次会议开幕。\n平远县政府工作报告指出，园区扩容。"
    assert facts(extract(make_article(text)), "presentedAt") == set()


def test_a_document_published_by_several_parties_is_issued_by_each(make_article):
    text = "《中国县域营商环境报告2024》由南方城市研究院和北京城乡规划研究中心等单位共同编制。"
    assert facts(extract(make_article(text)), "issuedBy") == {
        ("中国县域营商环境报告2024", "南方城市研究院"),
        ("中国县域营商环境报告2024", "北京城乡规划研究中心"),
    }


def test_a_quoted_programme_right_after_an_organ_was_issued_by_it(make_article):
    text = "平远县认真落实省委“1234”具体部署，扎实推进各项工作。"
    assert facts(extract(make_article(text)), "issuedBy") == {("“1234”具体部署", "省委")}


def test_the_signer_under_a_subtitle_took_part_in_the_session_and_the_report_was_given_there(
    make_article,
):
    text = (
        "2024年平远县政府工作报告\n"
        "——2024年1月9日在平远县第十五届人民代表大会第四次会议上\n"
        "平远县县长 钟立群\n"
        "过去一年，全县经济总量增长5%。"
    )
    ex = extract(make_article(text))
    session = "平远县第十五届人民代表大会第四次会议"
    assert facts(ex, "participatesIn") >= {("钟立群", session)}
    assert facts(ex, "presentedAt") == {("2024年平远县政府工作报告", session)}
