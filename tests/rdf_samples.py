"""Hand-built Extraction records for the RDF-layer tests (our own short articles).

Offsets are computed from the sentences, so the records keep the invariant
``article.text[start:end] == text`` without hand-counted numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal

from kg.records import (
    Article,
    ArticleMeta,
    Entity,
    Extraction,
    Mention,
    Period,
    Quantity,
    Relation,
    Sentence,
)


def make_article(article_id: str, sentences: list[str], date: dt.date, title: str) -> Article:
    """An Article whose body is ``sentences`` joined without separators."""
    text, records, start = "".join(sentences), [], 0
    for index, sentence in enumerate(sentences):
        records.append(Sentence(index, start, start + len(sentence), sentence, paragraph=0))
        start += len(sentence)
    meta = ArticleMeta(
        source_path=f"data/articles/{article_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        newspaper="侨乡日报",
        section="县域经济",
        page="A03",
        date=date,
        author="本报记者",
        word_count=len(text),
    )
    return Article(article_id, meta, text, tuple(records))


def mention(article: Article, sentence: int, text: str, kind: str, entity: str) -> Mention:
    """A Mention of the first ``text`` in sentence ``sentence``."""
    s = article.sentences[sentence]
    start = s.start + s.text.index(text)
    return Mention(text, start, start + len(text), sentence, kind, "test", entity)


def quantity(article: Article, sentence: int, text: str, **fields: object) -> Quantity:
    """A Quantity spanning the first ``text`` in sentence ``sentence``."""
    s = article.sentences[sentence]
    start = s.start + s.text.index(text)
    return Quantity(text, start, start + len(text), sentence, **fields)


KAIPING = make_article(
    "kaiping-2024-07-15",
    [
        "开平市赤坎镇潭江智造产业园项目日前获江门市发展和改革局批复。",
        "该项目由广东侨韵文旅发展有限公司投资建设，计划总投资3.5亿元，占地约120亩。",
        "今年1月至6月，潭江智造产业园完成投资3.5亿元，同比增长12.5%。",
        "开平市将依托开阳高速开平至台山段，推动园区与台山市联动发展。",
        "全年计划新建道路4.8公里。",
    ],
    dt.date(2024, 7, 15),
    "开平市上半年县域经济稳中有进",
)


def kaiping_extraction() -> Extraction:
    """The 开平 article: divisions with gazetteer parents, a park, project, road, figures."""
    a = KAIPING
    mentions = (
        mention(a, 0, "开平市", "County", "kp"),
        mention(a, 0, "赤坎镇", "Town", "ck"),
        mention(a, 0, "潭江智造产业园项目", "Project", "proj"),
        mention(a, 0, "潭江智造产业园", "Park", "park"),
        mention(a, 0, "江门市发展和改革局", "GovernmentBody", "gov"),
        mention(a, 1, "广东侨韵文旅发展有限公司", "Company", "co"),
        mention(a, 2, "潭江智造产业园", "Park", "park"),
        mention(a, 3, "开平市", "County", "kp"),
        mention(a, 3, "开阳高速开平至台山段", "Road", "road"),
        mention(a, 3, "台山市", "County", "ts"),
        mention(a, 3, "园区", "Park", "park"),
    )
    entities = (
        Entity("gd", "Province", "广东省", code="440000", from_text=False),
        Entity("jm", "Prefecture", "江门市", code="440700", parent="gd", from_text=False),
        Entity("kp", "County", "开平市", ("开平",), "440783", "jm", (0, 7)),
        Entity("ck", "Town", "赤坎镇", code="440783109", parent="kp", mentions=(1,)),
        Entity("ts", "County", "台山市", code="440781", parent="jm", mentions=(9,)),
        Entity("park", "Park", "潭江智造产业园", mentions=(3, 6, 10)),
        Entity("proj", "Project", "潭江智造产业园项目", mentions=(2,)),
        Entity("gov", "GovernmentBody", "江门市发展和改革局", mentions=(4,)),
        Entity("co", "Company", "广东侨韵文旅发展有限公司", mentions=(5,)),
        Entity("road", "Road", "开阳高速开平至台山段", mentions=(8,)),
    )
    relations = (
        Relation("park", "locatedIn", "ck", 0, "开平市赤坎镇"),
        Relation("proj", "about", "park", 0),
        Relation("proj", "approvedBy", "gov", 0, "批复"),
        Relation("co", "relatedTo", "proj", 1, "投资建设"),
        Relation("kp", "dependsOn", "road", 3, "依托"),
        Relation("road", "connects", "kp", 3),
        Relation("road", "connects", "ts", 3),
        Relation("ck", "locatedIn", "kp", None),
    )
    periods = (
        Period("今年1月至6月", 0, 0, 2, "interval", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        Period("全年", 0, 0, 4, "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    )
    periods = tuple(_respan(a, p) for p in periods)
    quantities = (
        quantity(a, 1, "3.5亿元", value=Decimal("3.5"), unit="亿元",
                 base_value=Decimal("350000000"), base_unit="元", measure="计划总投资",
                 subject="proj"),
        quantity(a, 1, "约120亩", value=Decimal("120"), unit="亩", qualifier="约",
                 base_value=Decimal("80000"), base_unit="m2", measure="占地", subject="proj"),
        quantity(a, 2, "3.5亿元", value=Decimal("3.5"), unit="亿元", base_value=Decimal("3.5E8"),
                 base_unit="元", measure="完成投资", subject="park", period=0),
        quantity(a, 2, "12.5%", value=Decimal("12.5"), unit="%", kind="ratio",
                 base_value=Decimal("0.125"), base_unit="1", measure="同比增长", subject="park",
                 period=0),
        quantity(a, 4, "4.8公里", value=Decimal("4.8"), unit="公里", base_value=Decimal("4800"),
                 base_unit="m", measure="新建道路"),
    )  # fmt: skip
    return Extraction(a, mentions, entities, relations, quantities, periods)


def _respan(article: Article, period: Period) -> Period:
    s = article.sentences[period.sentence]
    start = s.start + s.text.index(period.text)
    return Period(
        period.text, start, start + len(period.text), period.sentence, period.kind,
        period.begin, period.until,
    )  # fmt: skip


TAISHAN = make_article(
    "taishan-2024-08-02",
    [
        "台山市与开平市共同推进开阳高速开平至台山段改线项目。",
        "该项目由江门市交通运输局组织实施，预计总投资12亿元，到2026年建成通车。",
    ],
    dt.date(2024, 8, 2),
    "开阳高速改线项目加快推进",
)


def taishan_extraction() -> Extraction:
    """A second article sharing 开平市, 台山市, 江门市 and the road with the first."""
    a = TAISHAN
    mentions = (
        mention(a, 0, "台山市", "County", "ts"),
        mention(a, 0, "开平市", "County", "kp"),
        mention(a, 0, "开阳高速开平至台山段", "Road", "road"),
        mention(a, 0, "开阳高速开平至台山段改线项目", "Project", "proj"),
        mention(a, 1, "江门市交通运输局", "GovernmentBody", "gov"),
    )
    entities = (
        Entity("gd", "Province", "广东省", code="440000", from_text=False),
        Entity("jm", "Prefecture", "江门市", code="440700", parent="gd", from_text=False),
        Entity("ts", "County", "台山市", code="440781", parent="jm", mentions=(0,)),
        Entity("kp", "County", "开平", code="440783", parent="jm", mentions=(1,)),
        Entity("road", "Road", "开阳高速开平至台山段", mentions=(2,)),
        Entity("proj", "Project", "开阳高速开平至台山段改线项目", mentions=(3,)),
        Entity("gov", "GovernmentBody", "江门市交通运输局", mentions=(4,)),
    )
    relations = (
        Relation("proj", "about", "road", 0),
        Relation("gov", "relatedTo", "proj", 1, "组织实施"),
    )
    periods = (_respan(a, Period("到2026年", 0, 0, 1, "target", None, dt.date(2026, 12, 31))),)
    quantities = (
        quantity(a, 1, "12亿元", value=Decimal("12"), unit="亿元", base_value=Decimal("1.2E9"),
                 base_unit="元", measure="预计总投资", subject="proj", period=0),
    )  # fmt: skip
    return Extraction(a, mentions, entities, relations, quantities, periods)


def synthetic_extractions(count: int) -> list[Extraction]:
    """``count`` copies of the 开平 article under new ids, with numbered non-division names.

    About 250 triples each: 400 of them make a graph of about 100k triples.
    """
    x, found = kaiping_extraction(), []
    for i in range(count):
        entities = tuple(
            e if e.code else replace(e, name=f"{e.name}{i % 97}号{i}") for e in x.entities
        )
        meta = replace(x.article.meta, source_path=f"synthetic/a{i}.txt")
        found.append(x.evolve(article=replace(x.article, id=f"a{i}", meta=meta), entities=entities))
    return found
