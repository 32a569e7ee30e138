"""Shared helpers for the quality checks: where the site is, its pages, a local server."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
REPORTS = ROOT / "build" / "reports"
NODE_BIN = ROOT / "node_modules" / ".bin"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class SiteMissing(RuntimeError):
    """The built site is not there."""


def site_dir() -> Path:
    """The built site: $B12_SITE_DIR, else site/ at the repository root."""
    path = Path(os.environ.get("B12_SITE_DIR", ROOT / "site")).resolve()
    if not (path / "index.html").is_file():
        raise SiteMissing(f"no built site at {path}: run `make site` first")
    return path


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, as paths relative to the site root, sorted."""
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def page_url(base: str, rel: Path) -> str:
    """The served URL of a page: directory URLs end in '/', like the built links."""
    text = rel.as_posix()
    if text == "index.html":
        return base + "/"
    if text.endswith("/index.html"):
        return f"{base}/{text[: -len('index.html')]}"
    return f"{base}/{text}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL (no slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_report(name: str, data: Any, reports: Path = REPORTS) -> Path:
    """Write a JSON report to build/reports/<name>.json and return its path."""
    reports.mkdir(parents=True, exist_ok=True)
    path = reports / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
