"""Tests for kg.ingest: decoding, HTML, normalisation, page furniture, metadata, sentences."""

from __future__ import annotations

import datetime as dt
import doctest
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.ingest
import kg.ingest.markup
import kg.ingest.page
import kg.ingest.text
from kg.errors import InputError
from kg.ingest import (
    article_id,
    normalise_text,
    parse_article,
    read_article,
    segment,
    split_sentences,
)
from kg.records import Article

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
SEED = ROOT / "data" / "articles" / "heshan-2023-11-16.txt"

# file: (title, newspaper, section, page, date, author, word_count, paragraphs, first, last)
EXPECTED = {
    "taishan-2024-05-10.txt": (
        "台山:向海图强,打造临港产业新高地",
        "侨都日报",
        "县域经济",
        "A06",
        dt.date(2024, 5, 10),
        "台讯",
        812,
        7,
        "5月8日,台山市召开",
        "带动周边2300户农户增收。",
    ),
    "boluo-2024-03-05.txt": (
        "博罗县园洲镇:电子信息产业集群加速成势",
        "惠州日报",
        None,
        None,
        dt.date(2024, 3, 5),
        "张三",
        None,
        5,
        "今年1—2月,博罗县园洲镇",
        "突破600亿元。",
    ),
    "kaiping-2023-12-08.html": (
        "开平市赤坎镇:华侨古镇带旺文旅新业态",
        "侨乡新闻网",
        None,
        None,
        dt.date(2023, 12, 8),
        "陈小明",
        None,
        5,
        "12月6日,开平市赤坎镇",
        "力争达到50亿元&以上。",
    ),
    "xinhui-2024-01-18.txt": (
        "新会区司前镇:新材料产业园首期竣工投产",
        "新会侨报",
        "经济",
        "A03",
        dt.date(2024, 1, 18),
        "黄晓东",
        None,
        4,
        "1月16日,江门市新会区",
        "合计突破400亿元。",
    ),
    "shunde-2024-06-20.txt": (
        "顺德区北滘镇:智能家电产业链再添新项目<script>alert(1)</script>",
        None,
        None,
        None,
        dt.date(2024, 6, 20),
        "周敏",
        None,
        5,
        "6月18日,佛山市顺德区北滘镇",
        "新增规模以上工业企业45家。",
    ),
    "taishan-portal-2024-05-20.txt": (
        "台山市召开2024年招商引资工作推进会",
        "台山市发展和改革局",
        None,
        None,
        dt.date(2024, 5, 20),
        None,
        None,
        5,
        "一、会议概况",
        "开工率达到60%以上。",
    ),
    "zengcheng-2024-04-02.txt": (
        "增城区新塘镇:牛仔服装产业向“智造”转型",
        None,
        None,
        None,
        dt.date(2024, 4, 2),
        "王五",
        None,
        5,
        "本报讯(记者 王五 通讯员 赵六)记者从",
        "计划总投资14.3亿元。",
    ),
}


def assert_offsets(article: Article) -> None:
    for index, sentence in enumerate(article.sentences):
        assert sentence.index == index
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and "\n" not in sentence.text


# ---------------------------------------------------------------- the seed (only seed test)


def test_seed_article_metadata_body_and_sentences():
    article = read_article(SEED)
    meta = article.meta
    assert article.id == "heshan-2023-11-16"
    assert meta.title == "发展县域经济,奋力再造一个工业新鹤山"
    assert (meta.page, meta.section) == ("JMA13", "江门新闻")
    assert meta.date == dt.date(2023, 11, 16)
    assert meta.author == "鹤讯"
    assert meta.word_count == 2122
    assert meta.newspaper == "广州日报"
    assert article.sentences[0].text.startswith("11月6日")
    assert article.text.split("\n")[-1].endswith("示范段建设。")
    footer = normalise_text(SEED.read_text(encoding="utf-8").split("(鹤讯)")[1]).split("\n")
    assert len([line for line in footer if line]) >= 10
    for line in filter(None, footer):
        assert line not in article.text
    assert "坚持高位统筹,构建强有力工作推进机制" in article.text.split("\n")
    assert_offsets(article)


# ---------------------------------------------------------------- our articles


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_and_body_bounds(name):
    title, paper, section, page, date, author, words, paras, first, last = EXPECTED[name]
    article = read_article(ARTICLES / name)
    meta = article.meta
    assert (meta.title, meta.newspaper, meta.section, meta.page) == (title, paper, section, page)
    assert (meta.date, meta.author, meta.word_count) == (date, author, words)
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == paras
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1].endswith(last)
    assert meta.sha256 == hashlib.sha256((ARTICLES / name).read_bytes()).hexdigest()
    assert meta.source_path == str(ARTICLES / name)
    assert_offsets(article)


def test_every_fixture_has_an_expectation():
    assert {p.name for p in ARTICLES.iterdir() if p.suffix != ".md"} == set(EXPECTED)


@pytest.mark.parametrize(
    "name, furniture",
    [
        ("taishan-2024-05-10.txt", ["Copyright", "ICP", "热线", "客户端", "分享", "热点", "台讯"]),
        ("boluo-2024-03-05.txt", ["数字报", "当前位置", "来源", "字体", "责任编辑", "上一篇"]),
        ("kaiping-2023-12-08.html", ["tracker", "alert", "首页", "要闻", "版权", "分享", "ICP"]),
        ("xinhui-2024-01-18.txt", ["星期", "版", "记者", "(完)"]),
        ("shunde-2024-06-20.txt", ["作者", "发布时间"]),
        (
            "taishan-portal-2024-05-20.txt",
            ["门户网站", "首页", "高质量发展看县域", "浏览", "扫一扫", "附件", "主办", "ICP"],
        ),
    ],
)
def test_page_furniture_is_not_in_the_body(name, furniture):
    text = read_article(ARTICLES / name).text
    for piece in furniture:
        assert piece not in text


def test_subheadings_stay_in_the_body():
    paragraphs = read_article(ARTICLES / "taishan-2024-05-10.txt").text.split("\n")
    assert {"做强临港平台", "打通交通动脉", "壮大特色农业"} <= set(paragraphs)
    html_paragraphs = read_article(ARTICLES / "kaiping-2023-12-08.html").text.split("\n")
    assert html_paragraphs[1] == "文旅融合带动消费"


def test_html_joins_source_line_breaks_and_keeps_entities_as_text():
    text = read_article(ARTICLES / "kaiping-2023-12-08.html").text
    assert "投资建设,总投资约15亿元" in text
    assert "游客 286万人次" in text


def test_full_width_forms_become_ascii():
    text = read_article(ARTICLES / "xinhui-2024-01-18.txt").text
    assert "总投资23.6亿元" in text and "增长7.8%" in text and "(约6.8公里)" in text
    assert not [c for c in text if "\uff00" <= c <= "\uffef" or c in "\u3000\xa0"]


def test_full_width_and_ascii_punctuation_give_the_same_text():
    raw = (ARTICLES / "boluo-2024-03-05.txt").read_text(encoding="utf-8")
    ascii_raw = raw.translate(str.maketrans("，：；（）！？", ",:;()!?"))
    assert ascii_raw != raw
    one = parse_article(raw, "a.txt", "0" * 64)
    two = parse_article(ascii_raw, "a.txt", "0" * 64)
    assert one == two


def test_hostile_text_is_kept_as_plain_text_without_invisible_characters():
    article = read_article(ARTICLES / "shunde-2024-06-20.txt")
    text = article.text
    assert "<script>alert(1)</script>" in text  # escaping is the exporters' job
    assert '"}] ; DROP ALL ; #' in text
    for invisible in ("\r", "\ufeff", "\u200b", "\u202e", "\u202c", "\x07", "\t"):
        assert invisible not in text and invisible not in (article.meta.title or "")
    assert "北滘镇举行" in text


def test_html_content_in_a_txt_file_is_read_as_html(tmp_path):
    page = (
        "<html><head><title>台山招商_新闻</title></head>"
        "<body><p>台山市签约项目3个。</p></body></html>"
    )
    path = tmp_path / "taishan-page.txt"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert article.text == "台山市签约项目3个。"
    assert article.meta.title == "台山招商"
    literal = parse_article(page, "x.txt", "0" * 64, html=False)
    assert "<p>" in literal.text


def test_date_in_the_text_wins_over_the_file_name(tmp_path):
    path = tmp_path / "xinhui-1999-01-01.txt"
    path.write_bytes((ARTICLES / "xinhui-2024-01-18.txt").read_bytes())
    assert read_article(path).meta.date == dt.date(2024, 1, 18)


def test_byline_appended_to_the_last_paragraph_is_author_evidence():
    raw = "开平新闻\n\n  开平市月山镇新增企业12家。\n\n  水口镇签约项目5个。(记者 李明)\n"
    article = parse_article(raw, "kaiping.txt", "0" * 64)
    assert article.text.endswith("水口镇签约项目5个。")
    assert article.meta.author == "李明"


def test_date_and_source_line_after_the_title_is_furniture():
    raw = "海宴镇香米产业园提质扩容\n2024-05-20 10:30 来源:台山发布\n记者了解到,海宴镇签约项目5个。"
    article = parse_article(raw, "x.txt", "0" * 64)
    assert (article.meta.newspaper, article.meta.date) == ("台山发布", dt.date(2024, 5, 20))
    assert article.text == "记者了解到,海宴镇签约项目5个。"


def test_a_subheading_right_under_the_title_stays_in_the_body():
    raw = "台山市召开招商推进会\n一、总体目标\n全年力争引进亿元以上项目40个。"
    article = parse_article(raw, "x.txt", "0" * 64)
    assert article.meta.title == "台山市召开招商推进会"
    assert article.text.startswith("一、总体目标\n")


@pytest.mark.parametrize("ending", ["(完)", "(图片来源:台山市统计局)", "(全文完)"])
def test_closing_marks_are_not_authors(ending):
    raw = f"开平新闻速递\n\n  开平市月山镇新增企业12家。\n{ending}"
    article = parse_article(raw, "kaiping.txt", "0" * 64)
    assert article.meta.author is None


def test_headerless_text_has_no_title():
    article = parse_article("台山市新增企业12家。\n水口镇签约项目5个。", "t.txt", "f" * 64)
    assert article.meta.title is None
    assert article.text == "台山市新增企业12家。\n水口镇签约项目5个。"


# ---------------------------------------------------------------- errors


TRADITIONAL = "臺山市政府今年投資五億元，在廣海鎮建設新的工業園區，預計明年六月完成。"
SIMPLIFIED = "台山市政府今年投资五亿元，在广海镇建设新的工业园区，预计明年六月完成。"


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (SIMPLIFIED, "utf-8", "UTF-8"),
        (SIMPLIFIED, "utf-8-sig", "UTF-8"),
        (SIMPLIFIED, "gb18030", "GB18030"),
        (SIMPLIFIED, "gbk", "GB18030"),
        (TRADITIONAL, "big5", "Big5"),
        (TRADITIONAL, "gb18030", "GB18030"),
        (TRADITIONAL, "utf-8", "UTF-8"),
    ],
)
def test_gb18030_and_big5_are_detected_decoded_and_recorded(tmp_path, text, codec, label):
    path = tmp_path / "taishan.txt"
    path.write_bytes(text.encode(codec))
    article = read_article(path)
    assert article.text == normalise_text(text)
    assert article.meta.encoding == label


def test_big5_is_not_read_as_gbk_mojibake(tmp_path):
    # Every Big5 byte pair is also valid GBK: the old hint led to mojibake built with exit 0.
    path = tmp_path / "short.txt"
    path.write_bytes("廣海鎮新增企業十二家。".encode("big5"))
    assert read_article(path).text == "廣海鎮新增企業十二家。"


def test_undecodable_text_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "taishan-latin1.txt"
    path.write_bytes("Café ".encode("latin-1") * 3 + bytes(range(0x80, 0xA0)))
    with pytest.raises(InputError) as err:
        read_article(path)
    message = str(err.value)
    assert str(path) in message and "UTF-8" in message and "iconv" in message
    assert "\n" not in message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no data on disk, and reading it would take long
        handle.truncate(3_000_000_000)
    with pytest.raises(InputError, match="over the 50 MB limit"):
        read_article(path)
    with pytest.raises(InputError, match="over the 0.001 MB limit"):
        read_article(path, max_bytes=1000)


def test_a_fifo_is_skipped_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(InputError, match="a FIFO, not a file"):
        read_article(path)


def test_a_device_is_skipped():
    with pytest.raises(InputError, match="a character device, not a file"):
        read_article(Path("/dev/zero"))


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_article(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_article(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    "content, reason",
    [
        ("", "empty"),
        ("\n  \u3000\n", "empty"),
        ("分享到微信\n版权所有 不得转载\n广告咨询电话:81000000\n© 2024 台山日报社\n", "furniture"),
        ("<html><body><script>x()</script><footer>版权所有</footer></body></html>", "empty"),
    ],
)
def test_no_body_is_an_input_error(tmp_path, content, reason):
    path = tmp_path / "boilerplate.html"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"no article text found in {path}.*{reason}"):
        read_article(path)


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    "path, expected",
    [
        ("data/heshan-2023-11-16.txt", "heshan-2023-11-16"),
        ("Kaiping News 2024_05.HTML", "kaiping-news-2024-05"),
        ("台山Ｎｅｗｓ.txt", "tai-shan-news"),
        ("台山新闻.txt", "tai-shan-xin-wen"),
        ("鹤山新闻2023.txt", "he-shan-xin-wen-2023"),
        ("台山新闻2023.txt", "tai-shan-xin-wen-2023"),
        ("——.txt", "article-abcdef0123"),
    ],
)
def test_article_id(path, expected):
    assert article_id(path, "abcdef0123" + "0" * 54) == expected


@pytest.mark.parametrize(
    "paragraph, sentences",
    [
        ("甲。乙!丙?丁;戊", ["甲。", "乙!", "丙?", "丁;", "戊"]),
        ("他说:“今年投产。”随后开工。", ["他说:“今年投产。”", "随后开工。"]),
        ("“一。二!”三", ["“一。二!”", "三"]),
        ('他说:"好。"然后走了。', ['他说:"好。"', "然后走了。"]),
        ("真的吗?!是的。 ", ["真的吗?!", "是的。"]),
        ("(详见附件。)下文", ["(详见附件。)", "下文"]),
        ("增长3.2%,排名第1", ["增长3.2%,排名第1"]),
        ("  ", []),
    ],
)
def test_split_sentences(paragraph, sentences):
    assert [paragraph[s:e] for s, e in split_sentences(paragraph)] == sentences


def test_normalise_text_collapses_blank_lines_and_indentation():
    raw = "\r\n\u3000\u3000第一段\xa0 文字\r\n\r\n\r\n\r\n  第二段\t\r\n\n"
    assert normalise_text(raw) == "第一段 文字\n\n第二段"


@pytest.mark.parametrize(
    "module",
    [kg.ingest, kg.ingest.markup, kg.ingest.page, kg.ingest.text],
    ids=lambda m: m.__name__,
)
def test_doctests_pass(module):
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


# ---------------------------------------------------------------- invariants

GENRE_CHARS = '台山市镇园区公司项目投资亿元12.%。!?;,:“”"()、 \u3000\xa0\t０９，。！？；（）\u200b'


@settings(max_examples=300)
@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=200)
@given(st.text(alphabet=GENRE_CHARS + "\r\n"))
def test_normalisation_is_idempotent_on_genre_text(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\n")), max_size=6))
def test_sentence_offsets_slice_back_and_cover_the_text(paragraphs):
    text, sentences = segment(paragraphs)
    assert text == "\n".join(paragraphs)
    covered = set()
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text and sentence.start >= previous_end
        assert sentence.text in paragraphs[sentence.paragraph]
        previous_end = sentence.end
        covered.update(range(sentence.start, sentence.end))
    uncovered = [c for i, c in enumerate(text) if i not in covered]
    assert all(c.isspace() for c in uncovered)


@settings(max_examples=200)
@given(st.lists(st.text(alphabet=GENRE_CHARS, min_size=1), min_size=1, max_size=5))
def test_parsed_articles_keep_offsets(paragraphs):
    raw = "台山:县域经济新闻\n\n" + "\n\n".join(paragraphs)
    try:
        article = parse_article(raw, "t.txt", "0" * 64)
    except InputError:
        return
    assert_offsets(article)
    assert article.text == normalise_text(article.text)


# ---------------------------------------------------------------- speed


@pytest.mark.slow
def test_a_large_page_ingests_whole():
    # speed is measured in bench/stages.py, not asserted here
    page = (ARTICLES / "taishan-2024-05-10.txt").read_text(encoding="utf-8")
    head, rest = page.split("本文字数:812\n")
    body, footer = rest.split("  (台讯)")
    raw = head + "本文字数:812\n" + body * 2000 + "  (台讯)" + footer
    article = parse_article(raw, "big.txt", "0" * 64)
    assert len(article.sentences) == 2000 * 12


def test_a_wechat_page_ends_where_its_list_of_other_articles_begins():
    raw = (
        "开平发布\n开平新增两家上市后备企业\n原创 开平融媒 开平发布 2024年05月08日 18:30\n\n"
        "  开平市新增上市后备企业两家,均为新材料企业。\n"
        "来源:开平市融媒体中心\n阅读原文\n分享 收藏 点赞 在看\n往期推荐\n"
        "开平市召开重点项目建设动员会\n@所有人,这些路段即将封闭施工\n"
    )
    article = parse_article(raw, "kaiping-wechat.txt", "0" * 64)
    assert article.text == "开平市新增上市后备企业两家,均为新材料企业。"


def test_an_office_holder_under_a_report_title_is_its_author_not_its_title():
    raw = (
        "开平市人民政府网\n2024年开平市政府工作报告(摘要)\n"
        "——2024年1月8日在开平市第十六届人民代表大会第四次会议上\n开平市市长 李明华\n"
        "发布日期:2024-01-20 来源:开平市人民政府办公室\n\n  一、2023年工作回顾\n"
        "  过去一年,全市地区生产总值增长4.5%。\n"
    )
    meta = parse_article(raw, "kaiping-report.txt", "0" * 64).meta
    assert meta.title == "2024年开平市政府工作报告(摘要)"
    assert meta.author == "开平市市长 李明华"


def test_a_morning_paper_is_a_newspaper():
    raw = (
        "港城晨报 2024年9月26日 星期四\n第05版:县域经济\n廉江新签约项目十八个\n\n"
        "  廉江市新签约项目18个。\n"
    )
    assert parse_article(raw, "x.txt", "0" * 64).meta.newspaper == "港城晨报"


def test_more_lines_than_an_article_has_are_refused(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("ab\n" * 300_000, encoding="utf-8")  # took minutes and GBs per million
    with pytest.raises(InputError, match="300,000 lines, more than an article's 100,000"):
        read_article(path)


def test_a_flood_of_newlines_around_a_sentence_leaves_the_sentence(tmp_path):
    path = tmp_path / "newlines.txt"
    path.write_bytes(b"\n" * 5_000_000 + "台山市新增企业12家。".encode() + b"\r\n" * 1000)
    assert read_article(path).text == "台山市新增企业12家。"


def _normalise_line_by_line(text: str) -> str:
    """normalise_text as it was before blank runs were collapsed by a regex first."""
    import unicodedata

    from kg.ingest.text import _INVISIBLE

    lines = []
    for raw in text.splitlines():
        line = " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", raw)).split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@settings(max_examples=300, derandomize=True)
@given(
    st.text(
        alphabet=st.sampled_from(["\n", "\r", " ", "\t", "\u3000", "a", "台", "\u2028", "\x0c"])
    )
)
def test_collapsing_blank_runs_first_changes_no_result(text):
    assert normalise_text(text) == _normalise_line_by_line(text)


_LINE_BROKEN_REPORT = (
    "政 府 工 作 报 告\n\n"
    "——2024年1月9日在罗定市第十六届\n\n"
    "人民代表大会第四次会议上\n\n"
    "罗定市代理市长 陈志坚\n\n"
    "各位代表:\n\n"
    "  2023年,我市地区生产总值增长5.1%,新引进项目12个。\n"
)


def test_a_reports_subtitle_and_signing_office_holder_are_read_as_text():
    # the subtitle and the byline were head furniture only: the report had no place
    # of its own, and every figure of a report that says only 我市 lost its subject
    article = parse_article(_LINE_BROKEN_REPORT, "luoding-report.txt", "0" * 64)
    lines = article.text.split("\n")
    assert lines[:3] == [
        "——2024年1月9日在罗定市第十六届",
        "人民代表大会第四次会议上",
        "罗定市代理市长 陈志坚",
    ]
    for sentence in article.sentences:  # offsets into the text the extractor reads
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.meta.title == "政府工作报告"  # printed letter-spaced
    assert article.meta.author == "罗定市代理市长 陈志坚"


def test_a_reports_figures_belong_to_the_place_its_subtitle_names():
    from kg.extract import extract

    ex = extract(parse_article(_LINE_BROKEN_REPORT, "luoding-report.txt", "0" * 64))
    names = {e.key: e.name for e in ex.entities}
    assert "罗定市" in names.values()
    subjects = {q.value: names.get(q.subject or "") for q in ex.quantities}
    assert subjects[12] == "罗定市"


def test_the_organs_issuing_a_release_are_text_not_its_headline():
    # a line naming only the issuing organs became the headline, and the organs were lost
    raw = (
        "江门市统计局 国家统计局江门调查队\n2025年3月20日\n"
        "2024年,江门市地区生产总值增长4.2%。\n"
    )
    article = parse_article(raw, "jiangmen-bulletin.txt", "0" * 64)
    assert article.meta.title is None
    assert article.text.split("\n")[0] == "江门市统计局 国家统计局江门调查队"


def test_the_issuing_organ_field_of_a_notice_is_read_as_text():
    raw = (
        "发布日期:2025-02-11 浏览次数:-\n"
        "发布机构: 开平市发展和改革局 成文日期: 2025-01-30\n"
        "开平市新签约项目18个\n\n"
        "  今年以来,开平市新签约项目18个,计划总投资56亿元。\n"
    )
    article = parse_article(raw, "kaiping-notice.txt", "0" * 64)
    assert article.meta.title == "开平市新签约项目18个"
    assert article.text.split("\n")[0] == "发布机构: 开平市发展和改革局 成文日期: 2025-01-30"


def test_a_headline_naming_a_document_is_read_as_text_too():
    # the page is the bulletin its headline names: the report was no entity
    raw = (
        "2023年平远县统计公报\n\n时间:2024-04-10 来源:本网\n\n"
        "  2023年,平远县经济总量增长4.2%。\n"
    )
    article = parse_article(raw, "pingyuan-bulletin.txt", "0" * 64)
    assert article.meta.title == "2023年平远县统计公报"
    assert article.text.split("\n")[0] == "2023年平远县统计公报"
    from kg.extract import extract

    ex = extract(article)
    assert "2023年平远县统计公报" in {e.name for e in ex.entities}


def test_a_headline_naming_a_report_excerpt_is_read_as_text_too():
    raw = "2024年平远县政府工作报告（摘要）\n\n  过去一年,平远县经济总量增长4.2%。\n"
    article = parse_article(raw, "pingyuan-report.txt", "0" * 64)
    assert article.text.split("\n")[0] == "2024年平远县政府工作报告(摘要)"  # NFKC
