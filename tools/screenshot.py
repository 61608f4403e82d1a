"""Regenerate docs/kg-html.png: the seed article's browser view with 鹤山市 selected.

    .venv/bin/python tools/screenshot.py [--out docs/kg-html.png] [--article PATH]

Builds the article with kg.build.build into a temporary folder, opens the page
from file:// in Debian's headless Chromium (network requests aborted), clicks
鹤山市 where it is drawn so the side panel shows its figures and sources, and
saves the window. Needs `chromium` and `fonts-noto-cjk` (see .ci/run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
from kg.export.chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402

_WHERE = """label => {
    const node = kg.graph.findNodes(label)[0];
    const dom = network.canvasToDOM(network.getPosition(kg.graph.ids[node]));
    const box = document.getElementById('kg-network').getBoundingClientRect();
    return [box.left + dom.x, box.top + dom.y];
}"""


def screenshot(page_path: Path, out: Path, select: str) -> None:
    """Open ``page_path`` offline, click the node labelled ``select``, save a PNG to ``out``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
        )
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        page.mouse.click(*page.evaluate(_WHERE, select))
        box = page.locator("#kg-network").bounding_box()
        page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5, steps=5)  # no tooltip
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "kg-html.png")
    ap.add_argument(
        "--article", type=Path, default=ROOT / "data" / "articles" / "heshan-2023-11-16.txt"
    )
    ap.add_argument("--select", default="鹤山市", help="label of the node to click")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = build([args.article], Path(tmp))
        screenshot(dict(report.outputs)["html"], args.out, args.select)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
