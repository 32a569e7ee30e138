"""Debian's chromium, the one browser the tests and the quality gates drive: where it is
and the flags it runs with, for Playwright (``launch``), Lighthouse and pa11y's puppeteer.

$CHROME_PATH overrides the path (Lighthouse reads the same variable).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
#: No sandbox (CI runs in a container as root), no GPU, and nothing that reaches out on
#: its own (updates, sync, QUIC, background requests); /tmp rather than the container's
#: small /dev/shm.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
#: For launchers that start chromium themselves from a flags string (Lighthouse).
HEADLESS = "--headless=new"


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium through Playwright, headless, with ``FLAGS``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
