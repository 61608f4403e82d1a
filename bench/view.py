"""Benchmark of the browser view on a generated corpus; prints its figures.

    .venv/bin/python bench/view.py [--articles 5000] [--budget 1500] [--seed 7]

The corpus comes from bench/stages.py's article generator, read and extracted
by the real pipeline (kg.ingest.parse_article, kg.extract.extract), modelled
(kg.model.build_graph, no SHACL: validation is not what is measured) and turned
into the view (kg.analyse). The page is written by the HTML exporter into
bench/results/view/ and loaded in Debian's headless Chromium from file:// with
every other request aborted. Figures: page size, time to first draw and to
ready, click-to-panel and search latency, frames per second while dragging
and zooming (requestAnimationFrame counted in the page).

``--reuse`` skips the corpus and the page when bench/results/view/ holds them.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from stages import generated_articles  # noqa: E402

from kg.analyse import metrics, to_networkx, with_centrality  # noqa: E402
from kg.export.chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402
from kg.export.html import write_html  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.ingest import parse_article  # noqa: E402
from kg.model import build_graph  # noqa: E402

OUT = ROOT / "bench" / "results" / "view"


def _timed(label: str, fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    seconds = time.perf_counter() - started
    print(f"  {label}: {seconds:.1f} s", flush=True)
    return result


def build_view(count: int, seed: int):
    """Return the centrality-annotated view of ``count`` generated articles, with stage timings."""
    print(f"corpus: {count} generated articles (bench/stages.py), extracted by kg.extract")
    pages = _timed("generate", generated_articles, count, seed)
    articles = _timed(
        "ingest",
        lambda: [parse_article(p, f"gen-{i}.txt", f"{i:064x}") for i, p in enumerate(pages)],
    )
    extractions = _timed("extract", lambda: [extract(a) for a in articles])
    graph = _timed("model", build_graph, extractions)
    print(f"  {len(graph):,} triples")
    view = _timed("to_networkx", to_networkx, graph)
    del graph
    return _timed("centrality", lambda: with_centrality(view, metrics(view)))


def write_page(view, budget: int) -> Path:
    """Write the page into OUT; print its size and how long writing took."""
    path = _timed("write page", lambda: write_html(view, OUT / "kg.html", budget=budget))
    files = sorted(OUT.glob("kg*.html")) + sorted(OUT.glob("kg-data.*.js"))
    total = sum(f.stat().st_size for f in files)
    sizes = ", ".join(f"{f.name} {f.stat().st_size / 1e6:.1f} MB" for f in files)
    print(f"page: {total / 1e6:.1f} MB ({sizes})")
    return path


_COUNT_FRAMES = """ms => { window.__benchFrames = new Promise(done => {
    let frames = 0; const end = performance.now() + ms;
    function tick(now) { frames++; if (now < end) requestAnimationFrame(tick); else done(frames); }
    requestAnimationFrame(tick);
}); }"""

# Resolves with ms from the next event of `type` on `target` to the first panel
# change after it, painted (one animation frame later).
_LATENCY = """([selector, type]) => { window.__benchLatency = new Promise(done => {
    const target = document.querySelector(selector);
    const panel = document.getElementById('kg-panel');
    let start = 0;
    const begin = () => { start = performance.now(); };
    target.addEventListener(type, begin, {capture: true, once: true});
    const seen = new MutationObserver(() => {
        if (!start) return;
        seen.disconnect();
        requestAnimationFrame(() => done(performance.now() - start));
    });
    seen.observe(panel, {childList: true, subtree: true, characterData: true});
}); }"""


def _fps_while(page, action, ms: int = 2000) -> float:
    """Frames per second counted in the page while ``action`` runs for about ``ms``."""
    page.evaluate(_COUNT_FRAMES, ms)
    started = time.perf_counter()
    action(started + ms / 1000)
    frames = page.evaluate("window.__benchFrames")
    return frames / max(ms / 1000, time.perf_counter() - started)


def measure(path: Path) -> None:
    """Load the page offline in headless Chromium and print what a user would feel."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors, external = [], []
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith("file:")
                else (external.append(r.request.url), r.abort())
            ),
        )
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        wall = time.perf_counter() - started
        times = page.evaluate("window.kgTimes")
        drawn = page.evaluate("kg.nodes.length")
        total = page.evaluate("kg.graph.n")
        print(
            f"load: first draw {times['firstDraw'] / 1000:.2f} s, "
            f"ready {times['ready'] / 1000:.2f} s "
            f"after navigation ({wall:.2f} s wall); {drawn} nodes drawn of {total} entities"
        )
        _interact(page)
        print(f"console errors: {len(errors)}; blocked requests: {len(external)}")
        for line in errors[:5]:
            print(f"  {line}")
        browser.close()


def _interact(page) -> None:
    box = page.locator("#kg-network").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    target = page.evaluate(
        """() => { const id = kg.graph.ids[0];
                   const p = network.canvasToDOM(network.getPosition(id));
                   const b = document.getElementById('kg-network').getBoundingClientRect();
                   return [b.left + p.x, b.top + p.y]; }"""
    )
    page.evaluate(_LATENCY, ["#kg-network", "pointerdown"])
    page.mouse.click(*target)
    latency = page.evaluate("window.__benchLatency")
    print(f"click to panel: {latency:.0f} ms ({page.text_content('#kg-panel h2')})")

    hidden = page.evaluate("kg.graph.cols.label[kg.graph.n - 1]")
    page.fill("#kg-search", hidden[:-1])
    page.evaluate(_LATENCY, ["#kg-search", "keydown"])
    started = time.perf_counter()
    page.press("#kg-search", "Enter")
    latency, wall = page.evaluate("window.__benchLatency"), time.perf_counter() - started
    print(
        f"search {hidden[:-1]!r} + Enter to panel: {latency:.0f} ms "
        f"({wall * 1000:.0f} ms wall, selected {page.text_content('#kg-panel h2')})"
    )
    page.click("#kg-reset")
    page.wait_for_timeout(300)

    def drag(until: float) -> None:
        page.mouse.move(*centre)
        page.mouse.down()
        step = 0
        while time.perf_counter() < until:
            step += 1
            page.mouse.move(
                centre[0] + 150 * ((step // 40) % 2 * 2 - 1) * (step % 40) / 40, centre[1]
            )
        page.mouse.up()

    def zoom(until: float) -> None:
        page.mouse.move(*centre)
        step = 0
        while time.perf_counter() < until:
            step += 1
            page.mouse.wheel(0, 120 if (step // 10) % 2 else -120)

    print(
        f"fps idle: {_fps_while(page, lambda until: time.sleep(until - time.perf_counter())):.0f}"
    )
    print(f"fps while dragging: {_fps_while(page, drag):.0f}")
    print(f"fps while zooming: {_fps_while(page, zoom):.0f}")
    cluster = page.evaluate("(kg.nodes.getIds().find(i => i.startsWith('kg-cluster:')) || null)")
    if cluster:
        started = time.perf_counter()
        before = page.evaluate("kg.nodes.length")
        page.evaluate("id => kg.view.expandCluster(Number(id.split(':')[1]))", cluster)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        after = page.evaluate("kg.nodes.length")
        print(
            f"expand a cluster: {before} -> {after} nodes drawn in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms"
        )
        print(f"fps while dragging after it: {_fps_while(page, drag):.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--budget", type=int, default=1500)
    ap.add_argument("--reuse", action="store_true", help="reuse bench/results/view/ when present")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the generated text makes extract warn a lot
    cache = OUT / f"view-{args.articles}-{args.seed}.pickle"
    if args.reuse and cache.exists():
        view = pickle.loads(cache.read_bytes())
        print(f"corpus: reused {cache}")
    else:
        view = build_view(args.articles, args.seed)
        OUT.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(view))
    print(f"view: {view.number_of_nodes():,} entities, {view.number_of_edges():,} relations")
    path = write_page(view, args.budget)
    measure(path)


if __name__ == "__main__":
    main()
