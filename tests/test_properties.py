"""Properties of ingest, extraction and the model over generated text (hypothesis).

Any Unicode text (and any bytes in a file) is an article or one InputError, never
another exception; extraction of any article raises nothing, every offset slices back
to its text, every relation joins emitted entities; the IRIs minted are valid and the
same on every run. Fixed seed (derandomize) and bounded examples, so the suite is
repeatable and its time known.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kg.errors import InputError
from kg.extract import extract
from kg.ingest import parse_article, read_article
from kg.model import article_graphs

SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
# Pieces of the genre, so generated text reaches the extraction rules, not only the
# "nothing found" path; mixed with arbitrary characters.
PIECES = [
    "台山市", "广海镇", "开平市", "赤坎镇", "江门市", "广东省", "潭江智造产业园", "工业园区",
    "科技有限公司", "发展和改革局", "项目", "开阳高速", "G325国道", "村", "街道", "县",
    "今年", "1月至6月", "2024年", "到2025年", "去年", "同比增长", "计划总投资", "投资",
    "建设", "位于", "依托", "批复", "签约", "完成", "占地", "约", "超", "亿元", "万元",
    "亩", "公里", "%", "12.5", "3", "三百", "一千", "，", "。", "；", "、", "：",
    "“", "”", "（", "）", "《", "》", "\n", " ", "\u3000", "在", "由", "和", "与", "将",
    "计划总投资3.5亿元", "占地约120亩", "同比增长12.5%", "新建道路4.8公里", "台山市广海镇",
    "潭江智造产业园位于开平市赤坎镇", "由广东侨韵文旅发展有限公司投资建设",
    "获江门市发展和改革局批复",
]  # fmt: skip
PIECE = st.one_of(st.sampled_from(PIECES), st.sampled_from(PIECES), st.text(max_size=3))
SENTENCE = st.lists(PIECE, min_size=2, max_size=16).map(lambda p: "".join(p) + "。")
# Paragraphs of sentences (ingest keeps a body only when it reads like one), some of
# them any Unicode at all.
GENRE = st.lists(
    st.one_of(SENTENCE, SENTENCE, st.text(max_size=40).map(lambda t: t + "。")),
    min_size=1,
    max_size=8,
).map("\n".join)
ANY_TEXT = st.one_of(st.text(max_size=400), GENRE)
# What a valid absolute IRI may not hold (RFC 3987: no spaces, controls, <>"{}|\^`).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def article_of(text: str):
    """The article in ``text``, or None when ingest refuses it (with an InputError)."""
    try:
        return parse_article(text, "property.txt", "0" * 64)
    except InputError:
        return None


@SETTINGS
@given(ANY_TEXT)
def test_any_text_is_an_article_or_one_input_error(text):
    article = article_of(text)
    if article is not None:
        assert article.text and article.sentences
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_in_a_file_are_an_article_or_one_input_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bytes.txt"
        path.write_bytes(data)
        try:
            read_article(path)
        except InputError as err:
            assert "\n" not in str(err)


@SETTINGS
@given(GENRE)
def test_extraction_of_any_article_keeps_offsets_and_emits_the_ends_of_relations(text):
    article = article_of(text)
    if article is None:
        return
    x = extract(article)
    for record in (*x.mentions, *x.quantities, *x.periods):
        assert article.text[record.start : record.end] == record.text, record
    keys = {e.key for e in x.entities}
    assert len(keys) == len(x.entities)
    for r in x.relations:
        assert r.subject in keys and r.object in keys, r
    for e in x.entities:
        assert all(0 <= i < len(x.mentions) for i in e.mentions)
        assert e.parent is None or e.parent in keys


@settings(derandomize=True, deadline=None, max_examples=30)
@given(GENRE)
def test_iris_are_valid_and_the_same_on_every_run(text):
    article = article_of(text)
    if article is None:
        return
    graphs = [article_graphs([extract(article)])[article.id] for _ in range(2)]
    runs = [{t for triple in g for t in triple if isinstance(t, URIRef)} for g in graphs]
    assert runs[0] == runs[1]
    assert set(graphs[0]) == set(graphs[1])
    for iri in runs[0]:
        assert re.match(r"[a-z][a-z0-9+.-]*:", iri) and not _BAD_IRI.search(iri), iri
        ox.NamedNode(str(iri))  # pyoxigraph validates IRIs strictly
    turtle = graphs[0].serialize(format="turtle")
    assert len(list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))) == len(graphs[0])
