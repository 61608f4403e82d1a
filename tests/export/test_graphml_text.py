"""kg.graphml is written as text: the bytes networkx's GraphML writer makes of the same
view, which builds an ElementTree of the whole graph first (7 s of a 300-article build)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rdf_samples import kaiping_extraction, taishan_extraction  # noqa: E402

from kg.export import graphml_text  # noqa: E402

_MARK = "\ue000cr\ue000"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def by_networkx(view: nx.MultiDiGraph) -> str:
    """What kg wrote through networkx before: scalars only, CRs kept as references."""

    def safe(value):
        if not isinstance(value, str):
            return value
        return _NOT_XML.sub("\ufffd", value).replace("\r", _MARK)

    flat = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        flat.add_node(node, **{k: safe(v) for k, v in data.items()
                               if isinstance(v, str | int | float)})  # fmt: skip
    for u, v, key, data in view.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: safe(x) for k, x in data.items() if isinstance(x, str)})
    text = "\n".join(nx.generate_graphml(flat)) + "\n"
    for mark in (_MARK, _MARK.replace("\ue000", "&#57344;")):
        text = text.replace(mark, "&#13;")
    return text


def test_a_view_with_every_kind_of_value_is_written_as_networkx_writes_it():
    view = nx.MultiDiGraph()
    view.add_node("https://x.example/a?x=1&y=<2>", label='引号"和\\ & <b> \r\n换行\t制表 😀 𠀀',
                  size=3, weight=0.1, flag=True, skipped=["list"], gone=None)  # fmt: skip
    view.add_node("https://x.example/b", label="\x01\x1c\u2028\x85 控制", size=2.5)
    view.add_node("https://x.example/c")
    view.add_edge("https://x.example/a?x=1&y=<2>", "https://x.example/b", key="locatedIn",
                  predicate="https://x.example/p", sentence="句子\r。", count=3)  # fmt: skip
    view.add_edge("https://x.example/b", "https://x.example/c", key="about")
    view.add_edge("https://x.example/b", "https://x.example/c", key="near", size="large")
    assert graphml_text(view) == by_networkx(view)
    read = nx.read_graphml(_written(graphml_text(view)), force_multigraph=True)
    assert read.nodes["https://x.example/b"]["size"] == 2.5


def test_an_empty_view_is_written_as_networkx_writes_it():
    assert graphml_text(nx.MultiDiGraph()) == by_networkx(nx.MultiDiGraph())


def test_a_built_view_is_written_as_networkx_writes_it():
    from kg.analyse import metrics, to_networkx, with_centrality
    from kg.build import make_parts
    from kg.model import DEFAULT_BASE

    graph = make_parts([kaiping_extraction(), taishan_extraction()], DEFAULT_BASE)
    view = to_networkx(graph)
    view = with_centrality(view, metrics(view))
    assert view.number_of_edges() > 5
    assert graphml_text(view) == by_networkx(view)


def _written(text: str):
    import io

    return io.BytesIO(text.encode("ascii"))


def test_a_lone_surrogate_in_a_label_is_replaced_so_the_graphml_still_parses():
    view = nx.MultiDiGraph()
    view.add_node("https://x.example/a", label="前\ud800后\udfff")
    text = graphml_text(view)
    assert "&#55296;" not in text and "&#57343;" not in text
    read = nx.read_graphml(_written(text))
    assert read.nodes["https://x.example/a"]["label"] == "前\ufffd后\ufffd"
