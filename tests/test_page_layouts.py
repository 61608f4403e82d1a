"""Headlines, credits and link lists on two page layouts: public-account posts
(an account line with a time stamp and 发表于) and table-layout city-paper pages
(<font>/<b> headline, subtitle row, field row, photo caption, 相关阅读 links).

Every page here is written for the test; the counties are real, the facts invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest import html_to_text, parse_article
from kg.ingest.page import _could_be_title, _is_caption, _is_page_furniture

SHA = "0" * 64

# ---------------------------------------------------------------- public-account posts

LIANPING_POST = """连平发布
三季度“成绩单”来了!连平工业投资增长一成半
连平县融媒体中心 连平发布 2024-10-25 19:40 发表于广东

点击上方蓝字 关注我们

  10月24日,连平县召开三季度经济运行分析会。前三季度,全县规上工业增加值增长7.2%。
  忠信镇、大湖镇工业投资分列全县前两位,两镇新签约项目12个。
  会议提出,四季度要确保新开工项目不少于8个。

文字:李嘉文 邓晓彤
图片:连平县工信局
编辑:何小燕
审核:曾志强
终审:谢文辉
来源:连平县融媒体中心

觉得有用就点个“在看”吧
"""


def test_a_post_account_line_with_a_time_stamp_is_furniture_not_the_title():
    article = parse_article(LIANPING_POST, "lianping-post.txt", SHA)
    meta = article.meta
    assert meta.title == "三季度“成绩单”来了!连平工业投资增长一成半"
    assert meta.date == dt.date(2024, 10, 25)
    assert meta.newspaper == "连平发布"  # the account, not the 来源 credit
    assert meta.author == "李嘉文 邓晓彤"
    assert article.sentences[0].text.startswith("10月24日,连平县")
    assert article.sentences[-1].text == "会议提出,四季度要确保新开工项目不少于8个。"
    assert "在看" not in article.text and "终审" not in article.text


def test_a_long_account_name_above_the_title_is_not_the_title():
    raw = (
        "揭西县发布\n揭西新增三家省级专精特新企业\n"
        "揭西县融媒体中心 2024年06月12日 08:05 广东\n\n"
        "  近日,揭西县新增3家省级专精特新中小企业,均位于棉湖镇。\n"
    )
    meta = parse_article(raw, "jiexi-post.txt", SHA).meta
    assert meta.title == "揭西新增三家省级专精特新企业"
    assert meta.date == dt.date(2024, 6, 12)


@pytest.mark.parametrize(
    "line",
    [
        "龙川县融媒体中心 龙川发布 2025-03-18 21:02 发表于广东",
        "原创 和平融媒 和平发布 2024年11月02日 07:30 广东",
        "新丰发布 昨天 18:20",
        "发表于广东",
    ],
)
def test_post_stamp_lines_are_furniture_and_never_headlines(line):
    assert _is_page_furniture(line)
    assert not _could_be_title(line)


def test_a_body_sentence_with_a_clock_time_stays_in_the_body():
    raw = (
        "龙门县:永汉镇产业园开工\n\n  3月5日 9:30,永汉镇产业园一期项目开工。\n  项目总投资6亿元。\n"
    )
    article = parse_article(raw, "longmen.txt", SHA)
    assert article.sentences[0].text == "3月5日 9:30,永汉镇产业园一期项目开工。"


def test_a_plain_text_list_heading_with_a_colon_ends_the_body():
    raw = (
        "怀集县:冷水镇茶园扩种八百亩\n\n  冷水镇今年新增茶园八百亩。\n"
        "推荐阅读:\n怀集县召开重点项目推进会\n广宁县竹产业园揭牌\n"
    )
    article = parse_article(raw, "huaiji.txt", SHA)
    assert article.text == "冷水镇今年新增茶园八百亩。"


# ---------------------------------------------------------------- table-layout paper pages


def _table_page(title_tag: str, related: str = "", after_related: str = "") -> str:
    return f"""<html><head><meta charset="utf-8"><title>{title_tag}</title></head><body>
<table class="top"><tr><td><a href="/">首页</a> | <a href="/xw/">新闻</a></td></tr></table>
<table width="960">
<tr><td class="weizhi">当前位置:<a href="/">汕尾新闻网</a> &gt;&gt; 县域 &gt;&gt; 正文</td></tr>
<tr><td class="bt" align="center"><font size="5"><b>陆丰碣石镇海上风电运维基地投用
</b></font></td></tr>
<tr><td align="center">年运维能力覆盖200台风机　前三季度全镇工业投资增长两成</td></tr>
<tr><td align="center">来源:汕尾日报&nbsp;&nbsp;作者:林晓东&nbsp;&nbsp;<span
class="time">发布时间:2024-10-16 10:05</span></td></tr>
<tr><td>
&nbsp;&nbsp;10月15日,陆丰市碣石镇海上风电运维基地正式投用,基地由粤海蓝能运维有限公司建设。<br/>
<center><img src="/a.jpg"/><br/><font color="#666">运维基地码头。陈海鹏 摄</font></center><br/>
&nbsp;&nbsp;<b>产业链条向深处延伸</b><br/>
&nbsp;&nbsp;前三季度,碣石镇工业投资增长21.5%,新引进配套企业6家。<br/>
{related}
{after_related}
<div align="right">责任编辑:黄丽娜</div>
</td></tr>
<tr><td align="right">【<a href="javascript:print()">打印本页</a>】
【<a href="#">关闭窗口</a>】</td></tr>
<tr><td class="xglj"><b>相关阅读:</b><br/>
·<a href="/1.html">海丰县召开民营经济发展大会</a><br/>
·<a href="/2.html">陆河县青梅产业园二期动工</a><br/>
</td></tr>
</table>
<table class="foot"><tr><td>汕尾新闻网 版权所有<br/>新闻热线:0660-0000000</td></tr></table>
</body></html>"""


@pytest.mark.parametrize(
    "title_tag",
    ["汕尾新闻网", "陆丰碣石镇海上风电运维基地投用_县域新闻_汕尾新闻网"],
    ids=["site-name-only", "headline-in-title"],
)
def test_a_table_page_headline_is_the_bold_row_not_the_subtitle_row(title_tag):
    article = parse_article(_table_page(title_tag), "lufeng.html", SHA, html=True)
    meta = article.meta
    assert meta.title == "陆丰碣石镇海上风电运维基地投用"
    assert (meta.newspaper, meta.author, meta.date) == ("汕尾日报", "林晓东", dt.date(2024, 10, 16))
    assert article.text.split("\n") == [
        "10月15日,陆丰市碣石镇海上风电运维基地正式投用,基地由粤海蓝能运维有限公司建设。",
        "运维基地码头。",  # a photo caption is text; its credit is not
        "产业链条向深处延伸",
        "前三季度,碣石镇工业投资增长21.5%,新引进配套企业6家。",
    ]


def test_a_related_box_inside_the_text_is_dropped_and_the_text_after_it_kept():
    related = (
        "<b>延伸阅读</b><br/>·<a href='/3.html'>陆丰甲子镇渔港升级改造</a><br/>"
        "·<a href='/4.html'>城东街道新建工业厂房启用</a><br/>"
    )
    after = "&nbsp;&nbsp;碣石镇表示,到2026年全镇海上风电配套产值力争突破30亿元。<br/>"
    page = _table_page("汕尾新闻网", related, after)
    text = parse_article(page, "lufeng.html", SHA, html=True).text
    assert "延伸阅读" not in text and "甲子镇渔港" not in text and "城东街道" not in text
    assert text.endswith("碣石镇表示,到2026年全镇海上风电配套产值力争突破30亿元。")


def test_a_run_of_link_lines_without_a_heading_is_not_article_text():
    links = "<p><a href='/5.html'>惠来县前詹镇风电产业园签约</a></p>" * 1 + (
        "<p><a href='/6.html'>普宁市流沙东街道新建厂房投用</a></p>"
    )
    page = (
        "<html><head><title>惠来县:神泉镇渔港经济区开工_揭阳网</title></head><body>"
        "<h1>惠来县:神泉镇渔港经济区开工</h1>"
        "<p>来源:揭阳日报 发布时间:2024-05-09</p>"
        "<p>5月8日,惠来县神泉镇渔港经济区项目开工,总投资12亿元。</p>"
        f"{links}<p>项目建成后,神泉渔港年卸港量可达15万吨。</p></body></html>"
    )
    text = parse_article(page, "huilai.html", SHA, html=True).text
    assert text.split("\n") == [
        "5月8日,惠来县神泉镇渔港经济区项目开工,总投资12亿元。",
        "项目建成后,神泉渔港年卸港量可达15万吨。",
    ]


def test_the_markup_says_which_lines_are_set_apart_and_which_are_links():
    page = (
        "<table><tr><td><font size='+2'>英德连江口镇</font></td></tr>"
        "<tr><td class='news_title'>连江口镇新建茶叶加工厂</td></tr>"
        "<tr><td>正文<b>加粗</b>一句。</td></tr>"
        "<tr><td>· <a href='/1'>相关\n链接</a><br/><a href='/2'>另一条</a> 尾巴</td></tr></table>"
    )
    _, hints = html_to_text(page)
    assert hints["<headline>"].split("\n") == ["英德连江口镇", "连江口镇新建茶叶加工厂"]
    assert hints["<a>"].split("\n") == ["相关链接"]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("项目一期厂房。许文达 摄", True),
        ("▲新建的物流园。(记者 黄志明摄)", True),
        ("园区航拍图 记者 罗晓 通讯员 梁一帆 摄", True),
        ("不少游客在古镇驻足拍摄", False),
        ("不少游客在古镇驻足拍摄。", False),
        ("水库大坝全景。 连州日报记者 邓志强 摄", True),
        ("修缮后的骑楼老街。 阳山县委宣传部供图", True),
    ],
)
def test_photo_credits_mark_captions(line, caption):
    assert _is_caption(line) is caption


def test_a_photo_caption_names_what_the_photo_shows_and_is_never_the_headline():
    # captions were dropped, and a caption opening the page became the headline: the
    # parks and companies only a caption names were lost
    raw = (
        "英红华侨茶博园茶园。 清远日报记者 苏文豪 摄\n"
        "英德红旗茶业有限公司加工车间。 英德市委宣传部供图\n"
        "今年以来,英德市加快建设茶产业园,新增茶企12家。\n"
    )
    article = parse_article(raw, "yingde.txt", SHA)
    assert article.meta.title is None
    assert article.text.split("\n") == [
        "英红华侨茶博园茶园。",
        "英德红旗茶业有限公司加工车间。",
        "今年以来,英德市加快建设茶产业园,新增茶企12家。",
    ]
