"""Benchmark of the pipeline stages on generated articles; prints its figures.

    .venv/bin/python bench/stages.py [--articles 200] [--seed 7]

Articles are generated from templates in the genre (Guangdong counties and
towns from the gazetteer, invented parks and companies, figures and periods),
about 1,500-2,500 characters each, so the figures are reproducible for a seed.
Extraction runs in this one process: the figure is characters per second on
one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from kg.analyse import to_networkx
from kg.build import make_parts
from kg.extract import extract
from kg.extract.names.gazetteer import load_gazetteer
from kg.ingest import parse_article
from kg.model import DEFAULT_BASE

BRANDS = ["华信", "南岭", "海宏", "兴达", "粤丰", "晨光", "联创", "金泰", "宏远", "德润"]
INDUSTRIES = ["电器", "新材料", "光电", "智能", "食品", "机械", "汽配", "陶瓷"]
PARKS = ["工业园", "产业园", "科技城", "产业基地", "先行启动区"]
TEMPLATES = [
    "{county}在{prefecture}率先推进县域经济高质量发展,{town}依托{park}打造特色产业集群。",
    "{park}占地{n1}亩的两个重点项目{company1}和{company2}同时在建,力争年内投产。",
    "1月至{month}月,{county}引进亿元以上项目{n2}个,计划总投资{n3}亿元。",
    "今年以来,{town}新建供水管道{d1}公里、市政燃气管道{d2}公里。",
    "S{road}线{town}至{town2}段改建工程完成立项,得到省发改委批复。",
    "全市规上工业企业{n4}家,数量居{prefecture}第{rank}。",
    "{town}在全国镇域经济500强中排名{n5}位,正全力打造省级样板中心镇。",
    "力争到2027年,所有行政村集体年均收入达到{n6}万元以上。",
    "总投资{d3}亿元的{town}污水处理提质增效项目通过省生态环境厅验收。",
    "{county}成立由县委书记任总指挥的县级“强县兴镇工程”指挥部,实行实体化运作。",
    "{county}重点项目集中签约仪式在{town}举行,{company1}等{n2}家企业参加签约。",
    "{town}获省政府督查激励,{county}入选全省首批乡村振兴示范县名单。",
]


def generated_articles(count: int, seed: int) -> list[str]:
    """``count`` page texts with a header, a body of templated paragraphs and a footer."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    counties = [
        d for d in gaz.divisions.values() if d.level == "County" and d.code.startswith("44")
    ]
    pages = []
    for i in range(count):
        county = rng.choice(counties)
        towns = [
            d for d in gaz.divisions.values() if d.parent == county.code and d.level == "Town"
        ] or [county]
        prefecture = gaz.by_code(county.parent) or county
        paragraphs = []
        for _ in range(rng.randint(6, 9)):
            sentences = []
            for template in rng.sample(TEMPLATES, 3):
                t1, t2 = rng.choice(towns), rng.choice(towns)
                sentences.append(
                    template.format(
                        county=county.name,
                        prefecture=prefecture.name,
                        town=t1.name,
                        town2=(t2.short or (t2.name,))[0],
                        park=(county.short or (county.name,))[0] + rng.choice(PARKS),
                        company1=rng.choice(BRANDS) + rng.choice(INDUSTRIES),
                        company2=rng.choice(BRANDS) + rng.choice(INDUSTRIES),
                        n1=rng.randint(100, 3000),
                        n2=rng.randint(5, 90),
                        n3=rng.randint(10, 500),
                        n4=rng.randint(100, 900),
                        n5=rng.randint(1, 500),
                        n6=rng.randint(50, 500),
                        month=rng.randint(3, 10),
                        rank=rng.choice("一二三四五"),
                        road=rng.randint(100, 399),
                        rank2=1,
                        d1=rng.randint(10, 99) / 10,
                        d2=rng.randint(10, 99) / 10,
                        d3=rng.randint(10, 99) / 10,
                    )
                )
            paragraphs.append("  " + "".join(sentences))
        date = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
        head = f"第A{i % 20 + 1:02d}版:县域新闻\n\n{county.name}奋力推进高质量发展\n\n"
        pages.append(head + "\n\n".join(paragraphs) + f"\n\n{date:%Y年%m月%d日}\n")
    return pages


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--corpus", type=Path, help="time these article files instead (e.g. tests/eval/articles)"
    )
    args = ap.parse_args()

    _, load_s = timed(load_gazetteer)
    if args.corpus:
        files = sorted(p for p in args.corpus.iterdir() if p.suffix in (".txt", ".html"))
        pages = [p.read_text(encoding="utf-8") for p in files]
        print(f"corpus: {len(pages)} articles from {args.corpus}")
    else:
        pages = generated_articles(args.articles, args.seed)
        print(f"corpus: {len(pages)} generated articles, seed {args.seed}")
    chars = sum(map(len, pages))
    print(f"characters: {chars:,}")
    print(f"gazetteer load: {load_s * 1000:.0f} ms")

    articles, ingest_s = timed(
        lambda: [
            parse_article(
                p, f"a-{i}.html" if p.lstrip().startswith("<") else f"a-{i}.txt", f"{i:064x}"
            )
            for i, p in enumerate(pages)
        ]
    )
    body = sum(len(a.text) for a in articles)
    print(f"ingest: {chars / ingest_s:,.0f} chars/s")

    extract(articles[0])  # segmenter and lexicons load once, outside the timing
    rates = []
    extractions = []
    for article in articles:
        ex, seconds = timed(extract, article)
        extractions.append(ex)
        rates.append(len(article.text) / seconds)
    total = sum(len(a.text) for a in articles) / sum(
        len(a.text) / r for a, r in zip(articles, rates, strict=True)
    )
    print(
        f"extract (one core): {total:,.0f} chars/s overall, "
        f"median article {statistics.median(rates):,.0f} chars/s ({body:,} body characters)"
    )
    graph, model_s = timed(lambda: make_parts(extractions, DEFAULT_BASE, jobs=1))
    print(f"model and validate (one core): {len(graph):,} triples in {model_s:.2f} s")
    view, view_s = timed(to_networkx, graph.triples())
    print(
        f"to_networkx: {view.number_of_nodes():,} nodes, {view.number_of_edges():,} edges "
        f"in {view_s:.2f} s"
    )


if __name__ == "__main__":
    main()
