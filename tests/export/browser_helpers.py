"""Helpers for the browser tests: find where things are drawn and act on them as a user would."""

from __future__ import annotations


def node_point(page, node_id: str) -> tuple[float, float]:
    """Return where the node is drawn, in page coordinates."""
    x, y = page.evaluate(
        """id => {
            const dom = network.canvasToDOM(network.getPosition(id));
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )
    return x, y


def click_node(page, node_id: str) -> None:
    """Click the node where it is drawn, as a user would."""
    page.mouse.click(*node_point(page, node_id))


def click_edge(page, edge_id: str) -> None:
    """Click the edge's drawn curve at a point no node covers (nearest its middle)."""
    x, y = page.evaluate(
        """id => {
            const edge = network.body.edges[id].edgeType;
            const box = document.getElementById('kg-network').getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const dom = network.canvasToDOM(edge.getPoint(t));
                const free = network.getNodeAt(dom) === undefined;
                if (free) return [box.left + dom.x, box.top + dom.y];
            }
            throw new Error('every point of edge ' + id + ' lies under a node');
        }""",
        edge_id,
    )
    page.mouse.click(x, y)


def drawn_ids(page) -> set[str]:
    """Return the ids of the nodes vis-network holds (entities and cluster nodes)."""
    return set(page.evaluate("kg.nodes.getIds()"))


def entity_ids(page) -> set[str]:
    """Return the ids of the entities drawn (cluster nodes left out)."""
    return {i for i in drawn_ids(page) if not i.startswith("kg-cluster:")}


def wait_until_centred(page, node_id: str, timeout_ms: int = 5_000) -> None:
    """Wait until the view is centred on the node: the focus animation has ended.

    The animation takes 300 ms on an idle machine; a fixed wait failed when
    other work shared the CPU, so this polls the view instead.
    """
    page.wait_for_function(
        """id => {
            const c = network.getViewPosition(), t = network.getPosition(id);
            return Math.abs(c.x - t.x) < 1 && Math.abs(c.y - t.y) < 1;
        }""",
        arg=node_id,
        timeout=timeout_ms,
    )
