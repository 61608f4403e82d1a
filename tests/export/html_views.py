"""Hand-made NetworkX views for the HTML export tests.

The views follow the contract in docs/rdf-model.md ("NetworkX view"); the text is
our own, written in the genre (Kaiping and Taishan, invented companies).
"""

from __future__ import annotations

import networkx as nx

BASE = "https://kg.example.org/id/"
ARTICLE = "kaiping-2024-03-08"
TITLE = "开平县域经济加速跑 翠山湖产业园再添新项目"
DATE = "2024-03-08"
SENTENCES = [
    "3月5日,开平市在翠山湖新区举办招商推介会,粤华新材料有限公司等12个项目集中签约,总投资约86亿元。",
    "开平翠山湖产业园位于三埠街道,规划面积1.2万亩,今年1月至2月完成工业投资9.3亿元。",
    "赤坎古镇活化项目由开平市发展和改革局批复,计划总投资15亿元。",
    "S275线赤坎至塘口段改造后连接赤坎镇和塘口镇,全长18.6公里。",
    "开平市将实施县域经济高质量发展行动,力争到2025年地区生产总值突破600亿元。",
    "台山市台城街道与开平市三埠街道加强产业协作,共建粤西先进制造业走廊。",
]
PREDICATES = {
    "locatedIn": ("位于", "located in"),
    "hosts": ("承载", "hosts"),
    "approvedBy": ("批复", "approved by"),
    "connects": ("连接", "connects"),
    "implements": ("实施", "implements"),
    "participatesIn": ("参与", "participates in"),
    "heldIn": ("举办地", "held in"),
    "relatedTo": ("相关", "related to"),
}


def sentence(index: int, mention: str, *, article: str = ARTICLE, title: str = TITLE) -> dict:
    """Return a view sentence dict for SENTENCES[index] mentioning ``mention``."""
    return {
        "text": SENTENCES[index],
        "mention": mention,
        "article": article,
        "title": title,
        "date": DATE,
    }


def add_entity(view: nx.MultiDiGraph, path: str, label: str, label_en: str, kind: str, **attrs):
    """Add an entity node with the view's attributes; missing lists default to empty."""
    sentences = attrs.pop("sentences", [])
    view.add_node(
        BASE + path,
        label=label,
        label_en=label_en,
        kind=kind,
        code=attrs.pop("code", None),
        parents=attrs.pop("parents", []),
        quantities=attrs.pop("quantities", []),
        sentences=sentences,
        articles=sorted({s["article"] for s in sentences}),
        **attrs,
    )


def add_relation(view: nx.MultiDiGraph, u: str, v: str, key: str, index: int | None) -> None:
    """Add an edge ``u -key-> v``; ``index`` is the source sentence (None: gazetteer link)."""
    label_zh, label_en = PREDICATES[key]
    view.add_edge(
        BASE + u,
        BASE + v,
        key=key,
        predicate=f"https://kg.example.org/ontology#{key}",
        label_zh=label_zh,
        label_en=label_en,
        sentence=None if index is None else SENTENCES[index],
        article=None if index is None else ARTICLE,
    )


def quantity(value, unit: str, measure: str, index: int, **extra) -> dict:
    """Return a view quantity dict taken from SENTENCES[index]."""
    row = {"value": value, "unit": unit, "measure": measure, "qualifier": None}
    row |= {"period": None, "start": None, "end": None, "sentence": SENTENCES[index]}
    return row | extra


def _add_divisions(view: nx.MultiDiGraph) -> None:
    chain = ["江门市", "广东省"]
    add_entity(view, "division/440000", "广东省", "Guangdong Sheng", "Province", code="440000")
    add_entity(
        view,
        "division/440700",
        "江门市",
        "Jiangmen Shi",
        "Prefecture",
        code="440700",
        parents=["广东省"],
    )
    add_entity(
        view,
        "division/440783",
        "开平市",
        "Kaiping Shi",
        "County",
        code="440783",
        parents=chain,
        centrality=0.9,
        sentences=[sentence(0, "开平市"), sentence(4, "开平市")],
        quantities=[
            quantity(86.0, "亿元", "总投资", 0, qualifier="约"),
            quantity(
                600,
                "亿元",
                "地区生产总值",
                4,
                qualifier="超",
                period="到2025年",
                start="2025-01-01",
                end="2025-12-31",
            ),
        ],
    )
    add_entity(
        view,
        "division/440783001",
        "三埠街道",
        "Sanbu Jiedao",
        "Subdistrict",
        code="440783001",
        parents=["开平市", *chain],
        sentences=[sentence(1, "三埠街道")],
    )
    for code, name, pinyin, index, mention in (
        ("440783109", "赤坎镇", "Chikan Zhen", 3, "赤坎镇"),
        ("440783108", "塘口镇", "Tangkou Zhen", 3, "塘口镇"),
    ):
        add_entity(
            view,
            f"division/{code}",
            name,
            pinyin,
            "Town",
            code=code,
            parents=["开平市", *chain],
            sentences=[sentence(index, mention)],
        )
    add_entity(
        view,
        "division/440781",
        "台山市",
        "Taishan Shi",
        "County",
        code="440781",
        parents=chain,
        sentences=[sentence(5, "台山市")],
    )
    add_entity(
        view,
        "division/440781001",
        "台城街道",
        "Taicheng Jiedao",
        "Subdistrict",
        code="440781001",
        parents=["台山市", *chain],
        sentences=[sentence(5, "台城")],
    )


def _add_others(view: nx.MultiDiGraph) -> None:
    add_entity(
        view,
        "region/cui-shan-hu-xin-qu",
        "翠山湖新区",
        "Cuishanhu Xinqu",
        "Region",
        sentences=[sentence(0, "翠山湖新区")],
    )
    add_entity(
        view,
        "park/kai-ping-cui-shan-hu-chan-ye-yuan",
        "开平翠山湖产业园",
        "Kaiping Cuishanhu Chanyeyuan",
        "Park",
        centrality=0.6,
        sentences=[sentence(1, "开平翠山湖产业园")],
        quantities=[
            quantity(1.2, "万亩", "规划面积", 1),
            quantity(
                9.3,
                "亿元",
                "工业投资",
                1,
                period="今年1月至2月",
                start="2024-01-01",
                end="2024-02-29",
            ),
        ],
    )
    add_entity(
        view,
        "company/yue-hua-xin-cai-liao",
        "粤华新材料有限公司",
        "Yuehua Xincailiao Youxian Gongsi",
        "Company",
        centrality=0.3,
        sentences=[sentence(0, "粤华新材料")],
    )
    add_entity(
        view,
        "governmentbody/kai-ping-fa-gai-ju",
        "开平市发展和改革局",
        "Kaiping Shi Fazhan he Gaigeju",
        "GovernmentBody",
        sentences=[sentence(2, "开平市发展和改革局")],
    )
    add_entity(
        view,
        "project/chi-kan-gu-zhen-huo-hua",
        "赤坎古镇活化项目",
        "Chikan Guzhen Huohua Xiangmu",
        "Project",
        sentences=[sentence(2, "赤坎古镇活化项目")],
        quantities=[quantity(15, "亿元", "计划总投资", 2)],
    )
    add_entity(
        view,
        "road/s275-chi-kan-tang-kou",
        "S275线赤坎至塘口段",
        "S275 Chikan-Tangkou",
        "Road",
        sentences=[sentence(3, "S275线赤坎至塘口段")],
        quantities=[quantity(18.6, "公里", "全长", 3)],
    )
    add_entity(
        view,
        "programme/xian-yu-jing-ji-xing-dong",
        "县域经济高质量发展行动",
        "Xianyu Jingji Gaozhiliang Fazhan Xingdong",
        "Programme",
        sentences=[sentence(4, "县域经济高质量发展行动")],
    )
    add_entity(
        view,
        "event/zhao-shang-tui-jie-hui",
        "招商推介会",
        "Zhaoshang Tuijiehui",
        "Event",
        sentences=[sentence(0, "招商推介会")],
    )


def build_small_view() -> nx.MultiDiGraph:
    """Return a 16-node view of one invented Kaiping article."""
    view = nx.MultiDiGraph()
    _add_divisions(view)
    _add_others(view)
    for u, v, key, index in (
        ("division/440700", "division/440000", "locatedIn", None),
        ("division/440783", "division/440700", "locatedIn", None),
        ("division/440781", "division/440700", "locatedIn", None),
        ("division/440783001", "division/440783", "locatedIn", None),
        ("division/440783109", "division/440783", "locatedIn", None),
        ("division/440783108", "division/440783", "locatedIn", None),
        ("division/440781001", "division/440781", "locatedIn", None),
        ("region/cui-shan-hu-xin-qu", "division/440783", "locatedIn", 0),
        ("park/kai-ping-cui-shan-hu-chan-ye-yuan", "division/440783001", "locatedIn", 1),
        ("division/440783001", "park/kai-ping-cui-shan-hu-chan-ye-yuan", "hosts", 1),
        ("project/chi-kan-gu-zhen-huo-hua", "governmentbody/kai-ping-fa-gai-ju", "approvedBy", 2),
        ("road/s275-chi-kan-tang-kou", "division/440783109", "connects", 3),
        ("road/s275-chi-kan-tang-kou", "division/440783108", "connects", 3),
        ("division/440783", "programme/xian-yu-jing-ji-xing-dong", "implements", 4),
        ("company/yue-hua-xin-cai-liao", "event/zhao-shang-tui-jie-hui", "participatesIn", 0),
        ("event/zhao-shang-tui-jie-hui", "region/cui-shan-hu-xin-qu", "heldIn", 0),
        ("division/440781001", "division/440783001", "relatedTo", 5),
    ):
        add_relation(view, u, v, key, index)
    return view


SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


def build_hostile_view() -> nx.MultiDiGraph:
    """Return a view whose names, sentences and titles are markup meant to run script."""
    view = nx.MultiDiGraph()
    text = f"博罗县{SCRIPT}产业园{IMG}签约落地。"
    bad_sentence = {"text": text, "mention": SCRIPT, "article": "x", "title": IMG, "date": DATE}
    view.add_node(
        BASE + "park/evil",
        label=f"园区{SCRIPT}",
        label_en=IMG,
        kind="Park",
        code=None,
        parents=[IMG],
        sentences=[bad_sentence],
        articles=["x"],
        quantities=[
            {
                "value": 1,
                "unit": IMG,
                "measure": SCRIPT,
                "qualifier": None,
                "period": IMG,
                "start": None,
                "end": None,
                "sentence": text,
            }
        ],
    )
    view.add_node(
        BASE + "company/evil",
        label=IMG,
        label_en=SCRIPT,
        kind="Company",
        code=None,
        parents=[],
        sentences=[bad_sentence | {"mention": IMG}],
        articles=["x"],
        quantities=[],
    )
    view.add_node(
        BASE + "division/441322",
        label="博罗县",
        label_en="Boluo Xian",
        kind="County",
        code="441322",
        parents=[],
        sentences=[],
        articles=[],
        quantities=[],
    )
    view.add_edge(
        BASE + "company/evil",
        BASE + "park/evil",
        key="locatedIn",
        predicate="locatedIn",
        label_zh=SCRIPT,
        label_en=IMG,
        sentence=text,
        article="x",
    )
    return view


def build_corpus_view(counties: int = 30, per_county: int = 100) -> nx.MultiDiGraph:
    """Return a generated view of ``counties * per_county`` entities, like a corpus's.

    Each county holds towns, parks in towns and companies in parks (``locatedIn``),
    roads connect towns of neighbouring counties, and a few companies link to
    nothing placed, so clustering meets every case. Each county has its own
    articles; node ``centrality`` falls with depth so the summary picks counties
    and towns first. Deterministic.
    """
    view = nx.MultiDiGraph()
    add_entity(
        view,
        "division/440000",
        "广东省",
        "Guangdong Sheng",
        "Province",
        code="440000",
        centrality=0.6,
    )
    towns_per = max(1, per_county // 10)
    for c in range(counties):
        county = f"division/44{c + 1:02d}00"
        name = f"测试{c}县"
        article = f"county-{c}"
        said = {"text": f"{name}推进县域经济高质量发展。", "mention": name, "article": article}
        said |= {"title": f"{name}县域经济观察", "date": f"2024-{c % 12 + 1:02d}-15"}
        add_entity(
            view,
            county,
            name,
            f"Ceshi {c} Xian",
            "County",
            code=county[-6:],
            centrality=0.5,
            sentences=[said],
        )
        add_relation(view, county, "division/440000", "locatedIn", None)
        made = 1
        for t in range(towns_per):
            town = f"{county}{t + 1:03d}"
            add_entity(
                view,
                town,
                f"测试{c}县{t}镇",
                f"Ceshi {c}-{t} Zhen",
                "Town",
                code=town[-9:],
                centrality=0.2,
                sentences=[said | {"mention": None}],
            )
            add_relation(view, town, county, "locatedIn", None)
            made += 1
        while made < per_county:
            k = made
            host = f"{county}{k % towns_per + 1:03d}"
            park = f"park/p{c}-{k}"
            add_entity(
                view,
                park,
                f"测试{c}县{k}号产业园",
                f"Park {c}-{k}",
                "Park",
                centrality=0.05,
                sentences=[said | {"mention": None}],
            )
            view.add_edge(
                BASE + park,
                BASE + host,
                key="locatedIn",
                label_zh="位于",
                label_en="located in",
                sentence=said["text"],
                article=article,
            )
            made += 1
            if made < per_county:
                company = f"company/c{c}-{k}"
                add_entity(
                    view,
                    company,
                    f"测试{c}县{k}号公司",
                    f"Company {c}-{k}",
                    "Company",
                    centrality=0.01,
                    sentences=[said | {"mention": None}],
                )
                if k % 7:
                    view.add_edge(
                        BASE + company,
                        BASE + park,
                        key="locatedIn",
                        label_zh="位于",
                        label_en="located in",
                        sentence=said["text"],
                        article=article,
                    )
                made += 1
        if c:
            view.add_edge(
                BASE + f"{county}001",
                BASE + f"division/44{c:02d}00001",
                key="connects",
                label_zh="连接",
                label_en="connects",
                sentence=None,
                article=None,
            )
    return view
