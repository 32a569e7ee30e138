"""Shared helpers for the quality checks: where the site is, its pages, a local server."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.paths import ROOT as ROOT  # re-exported: the quality gates import it from here

REPORTS = ROOT / "build" / "reports"
NODE_BIN = ROOT / "node_modules" / ".bin"


@dataclass(frozen=True)
class Screen:
    """A browser window size the accessibility gates test at (CSS px)."""

    width: int
    height: int
    mobile: bool = False
    #: The axe rules run at this size; None: every WCAG A and AA rule.
    rules: tuple[str, ...] | None = None


# The screen sizes the accessibility gates (axe, pa11y) test every page at: a laptop, a
# short laptop window and a phone. The short window has the laptop's width, so the same
# layout: what its height changes is what must scroll (the navigation), so axe runs the
# rules that depend on it there.
SCREENS = {
    "1280x900": Screen(1280, 900),
    "1280x720": Screen(1280, 720, rules=("target-size", "scrollable-region-focusable")),
    "390x844": Screen(390, 844, mobile=True),
}


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


GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """A file's gzip body, compressed once per version of the file (not once per request:
    every page load fetches the same CSS, JS and search index)."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a production host serves them: keep-alive connections, gzip for
    text, and a cache lifetime (Lighthouse's simulated mobile network charges for none of
    these on a real host, and Lighthouse empties the cache before each run)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                super().do_GET()  # redirects to the URL with a slash
                return
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in GZIP_TYPES):
            super().do_GET()
            return
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


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
