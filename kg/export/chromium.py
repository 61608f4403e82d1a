"""Where Debian's headless Chromium is and how to start it here (tests, benchmarks,
the README screenshot): no sandbox as root, no GPU, and none of the background
requests that this offline machine refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
INSTALL_HINT = "run `apt-get install -y chromium fonts-noto-cjk` as root (.ci/run does this)"


def chromium_path() -> str | None:
    """The Chromium executable: Debian's, else one on PATH, else None."""
    return str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
