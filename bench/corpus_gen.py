"""Two benchmark corpora for whole builds: generated articles, and articles made of real text.

``generated(count, seed)`` writes articles of 1,500-3,000 characters in the
genre: a county of Guangdong with its prefecture and towns from the gazetteer,
invented parks and companies named the way the genre names them, national and
provincial roads, organs, events, figures with units and periods, and a dated
page header. Paragraph kinds and their order vary per article, so articles
differ in shape and not only in names.

``from_real(folder, count, seed)`` joins three excerpts of a folder of real
articles (``../shared/realdev`` when it is there) into each article, with every
number varied, so that no two articles are the same text. It is assembled at
bench time and never stored in the repository.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from kg.extract.names.gazetteer import load_gazetteer

BRANDS = [
    "华信", "南岭", "海宏", "兴达", "粤丰", "晨光", "联创", "金泰", "宏远", "德润",
    "汇鑫", "嘉盛", "恒通", "中拓", "瑞丰", "港昌", "新越", "安捷", "泰和", "明阳",
]  # fmt: skip
INDUSTRIES = [
    "电器", "新材料", "光电", "智能装备", "食品", "精密机械", "汽配", "陶瓷", "电子", "生物科技",
]  # fmt: skip
PARK_ENDINGS = [
    "工业园", "产业园", "高新技术产业开发区", "产业转移工业园", "临港产业基地", "智造园",
]  # fmt: skip
TITLES = ["项目建设跑出加速度", "奋力推进高质量发展", "县域经济再上新台阶"]
ROAD_KINDS = ["国道G{g}线", "省道S{s}线", "S{s}线", "G{g}"]
ORGANS = ["发展和改革局", "工业和信息化局", "交通运输局", "自然资源局", "农业农村局", "商务局"]
WORKS = ["污水处理厂", "供水工程", "综合体育馆", "物流中心", "人民医院新院区", "产业孵化中心"]
MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]

PARAGRAPHS = {
    "lead": [
        "{date_cn}，记者从{county}获悉，{county}坚持把县域经济高质量发展摆在突出位置，"
        "全力推进“百县千镇万村高质量发展工程”，{town}、{town2}等镇街产业基础不断夯实。",
        "近日，{prefecture}召开县域经济发展推进会，{county}作为典型作交流发言。"
        "今年以来，{county}以项目建设为抓手，经济运行稳中向好。",
    ],
    "investment": [
        "1月至{month}月，{county}新签约项目{n2}个，计划总投资{n3}亿元，"
        "其中亿元以上项目{n4}个；完成固定资产投资{d1}亿元，同比增长{p1}%。",
        "今年前{month_cn}个月，{county}实际利用外资{d2}亿美元，规模以上工业增加值增长{p2}%，"
        "全县地区生产总值达到{n5}亿元。",
    ],
    "park": [
        "{park}规划面积{n6}亩，已落户{company1}、{company2}等企业{n2}家。"
        "{company1}年产{n7}万件{industry}项目总投资{d3}亿元，预计{year}年{quarter}季度投产。",
        "位于{town}的{park}聚焦{industry}产业，{year_prev}年实现产值{n3}亿元，"
        "入选广东省特色产业园名单。园区内{company2}扩产项目占地{n8}亩。",
    ],
    "road": [
        "{road}{town}至{town2}段改扩建工程全长{d4}公里，总投资{d5}亿元，"
        "项目已获{prefecture}{organ}批复，计划{year}年底建成通车。",
        "{road}建成后将连接{town}和{town2}，两地车程由{n9}分钟缩短至{n10}分钟。",
    ],
    "works": [
        "总投资{d3}亿元的{town}{works}项目由{county}{organ}牵头推进，目前已完成投资{p3}%，"
        "新建管网{d4}公里。",
        "{county}{organ}介绍，{town}{works}一期工程已于{month}月完工，二期工程计划{year}年开工。",
    ],
    "event": [
        "{date_cn}，{county}{year}年第{quarter}季度重点项目集中签约仪式在{town}举行，"
        "{company1}、{company2}等{n4}家企业现场签约，签约金额{n3}亿元。",
        "{county}第十七届人民代表大会第{ordinal}次会议提出，到{year_next}年全县规上工业企业达到{n11}家。",
    ],
    "rank": [
        "在全省县域经济综合发展排名中，{county}位列第{rank}位，{town}入选全国千强镇。",
        "{county}获评省级乡村振兴示范县，{town}农民人均可支配收入{n12}元，增长{p4}%。",
    ],
}  # fmt: skip
ORDER = ["lead", "investment", "park", "road", "works", "event", "rank"]


def generated(count: int, seed: int) -> list[str]:
    """``count`` article texts in the genre, 1,500-3,000 characters each, the same for a seed."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    counties = [
        d for d in gaz.divisions.values() if d.level == "County" and d.code.startswith("44")
    ]
    towns_of: dict[str, list] = {}
    for d in gaz.divisions.values():
        if d.level in ("Town", "Subdistrict"):
            towns_of.setdefault(d.parent, []).append(d)
    pages = []
    for _ in range(count):
        county = rng.choice(counties)
        towns = towns_of.get(county.code) or [county]
        prefecture = gaz.by_code(county.parent) or county
        date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(900))
        body: list[str] = []
        while sum(map(len, body)) < rng.randint(1_400, 2_700):
            kinds = ORDER[:1] + rng.sample(ORDER[1:], rng.randint(3, 6))
            body += [_paragraph(rng, kind, county, towns, prefecture, date) for kind in kinds]
        reporter = rng.choice("王李张陈林黄") + rng.choice("明华文静海燕")
        head = (
            f"第A{rng.randint(1, 12):02d}版：县域新闻\n\n{county.name}{rng.choice(TITLES)}"
            f"\n\n记者 {reporter}\n\n"
        )
        pages.append(head + "\n\n".join(body) + f"\n\n{date.year}年{date.month}月{date.day}日\n")
    return pages


def _paragraph(rng: random.Random, kind: str, county, towns, prefecture, date: dt.date) -> str:
    t1, t2 = rng.sample(towns, 2) if len(towns) > 1 else (towns[0], towns[0])
    brand1, brand2 = rng.sample(BRANDS, 2)
    industry = rng.choice(INDUSTRIES)
    short = (county.short or (county.name,))[0]
    month = rng.randint(3, min(11, max(3, date.month)))
    values = {
        "county": county.name,
        "prefecture": prefecture.name,
        "town": t1.name,
        "town2": (t2.short or (t2.name,))[0],
        "park": short + rng.choice(PARK_ENDINGS),
        "company1": f"广东{brand1}{industry}有限公司",
        "company2": brand2 + rng.choice(INDUSTRIES),
        "industry": industry,
        "road": rng.choice(ROAD_KINDS).format(g=rng.randint(105, 359), s=rng.randint(110, 399)),
        "organ": rng.choice(ORGANS),
        "works": rng.choice(WORKS),
        "date_cn": f"{date.month}月{date.day}日",
        "month": month,
        "month_cn": MONTHS[month - 1],
        "year": date.year + rng.randint(0, 1),
        "year_prev": date.year - 1,
        "year_next": date.year + rng.randint(2, 5),
        "quarter": rng.choice("一二三四"),
        "ordinal": rng.choice(MONTHS[:5]),
        "rank": rng.randint(1, 60),
    }
    values |= {f"n{k}": rng.randint(5, 3000) for k in range(2, 13)}
    values |= {f"d{k}": rng.randint(11, 999) / 10 for k in range(1, 6)}
    values |= {f"p{k}": rng.randint(11, 299) / 10 for k in range(1, 5)}
    return "  " + rng.choice(PARAGRAPHS[kind]).format(**values)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def from_real(folder: Path, count: int, seed: int) -> list[str]:
    """``count`` articles, each three real excerpts of ``folder`` joined, every number varied."""
    excerpts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if len(excerpts) < 3:
        raise SystemExit(f"{folder}: need at least three .txt excerpts to assemble articles")
    rng = random.Random(seed)
    pages = []
    for _ in range(count):
        parts = [_vary(rng, text) for text in rng.sample(excerpts, 3)]
        pages.append("\n\n".join(parts))
    return pages


def _vary(rng: random.Random, text: str) -> str:
    """The text with every number but a date's changed in its last digit."""

    def change(match: re.Match) -> str:
        digits = match.group()
        after = text[match.end() : match.end() + 1]
        if after in "年月日时号" or re.fullmatch(r"(19|20)\d\d", digits):
            return digits  # dates stay dates
        last = str((int(digits[-1]) + rng.randint(1, 9)) % 10)
        return digits[:-1] + last

    return _NUMBER.sub(change, text)
