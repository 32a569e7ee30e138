"""The offline copy: a second MkDocs build (mkdocs.offline.yml) packed as a zip.

Material's offline plugin makes the site work from ``file://`` (no directory URLs, the
search index inlined as a script). Its iframe-worker shim would come from a CDN; here it
comes from the npm package ``iframe-worker`` in node_modules/, so the copy loads nothing
from any other host. The PDFs already made in the staged site are copied in too.

    python -m scripts.offline pages [--generated]  # the pages, into build/offline
    python -m scripts.offline zip STAGED_SITE      # with the PDFs and open data, zipped

The zip goes where mkdocs.yml's extra.downloads.offline says (through a temporary name).
`make site` builds the pages beside the online site, each on a core of its own
(scripts/build_site.py), and zips them once the PDFs and the open data are made.
"""

from __future__ import annotations

import argparse
import calendar
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from scripts import engine
from scripts.config import mkdocs_config
from scripts.downloads import download_path
from scripts.paths import ROOT

CONFIG = ROOT / "mkdocs.offline.yml"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
ZIP = download_path("offline")
FOLDER = ZIP.stem  # the one folder at the top of the zip
#: Anything the copy would load from another host (scripts, styles, images, frames).
_REMOTE = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*\brel=\"(?:stylesheet|preload|icon)"
    r"|<link\b[^>]*\brel=\"(?:stylesheet|preload|icon)\"[^>]*\bhref=\"(?:https?:)?//"
    r"|@import\s+url\(\"?(?:https?:)?//",
    re.IGNORECASE,
)


class OfflineError(Exception):
    """The offline copy could not be made."""


def mkdocs_offline_build(out: Path, generate: bool = True) -> None:
    """The generation stage (unless it has run: ``generate=False``), then MkDocs with
    mkdocs.offline.yml (scripts/engine.py)."""
    result = engine.build(ROOT, out, config=CONFIG.name, capture=False, generate=generate)
    if result.returncode:
        raise subprocess.CalledProcessError(result.returncode, result.args)


def remote_loads(site: Path) -> list[str]:
    """Pages of the copy that would load something from another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        match = _REMOTE.search(page.read_text(encoding="utf-8"))
        if match:
            found.append(f"{page.relative_to(site)}: {match.group(0)[:120]}")
    return found


#: The zip's compression: the smallest download zlib makes.
LEVEL = 9


def pack(source: Path, target: Path, top: str, stamp: int | None = None) -> None:
    """Zip a folder under one top-level folder name, through a temporary file. The same
    files give the same zip (with the same zlib): each entry a regular file, readable by
    all, dated ``stamp`` (``source_date``), in name order."""
    when = time.gmtime(source_date() if stamp is None else stamp)[:6]
    files = sorted((p.relative_to(source).as_posix(), p) for p in source.rglob("*") if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
            for name, path in files:
                entry = zipfile.ZipInfo(f"{top}/{name}", when)
                entry.create_system = 3  # Unix, whatever builds it
                entry.external_attr = (stat.S_IFREG | 0o644) << 16  # a file, rw-r--r--
                entry.compress_type = zipfile.ZIP_DEFLATED
                # the level given here: an entry made this way does not take the archive's
                archive.writestr(entry, path.read_bytes(), compresslevel=LEVEL)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


#: The dates a zip entry can carry (1 January 1980 to the end of 2107), as Unix times.
ZIP_DATES = (calendar.timegm((1980, 1, 1, 0, 0, 0)), calendar.timegm((2107, 12, 31, 23, 59, 58)))


def _in_zip_dates(seconds: int) -> int:
    """``seconds`` brought inside the dates a zip entry can carry (``ZIP_DATES``)."""
    return min(max(seconds, ZIP_DATES[0]), ZIP_DATES[1])


def source_date(root: Path = ROOT) -> int:
    """The date the offline copy's files carry: $SOURCE_DATE_EPOCH (the reproducible-builds
    convention; not a whole number of seconds is an error), else the time of the commit
    built, else 1 January 1980 (the zip format's first date, with a warning); a date the
    format cannot hold is brought inside it."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not re.fullmatch(r"[0-9]+", given):
            raise OfflineError(f"SOURCE_DATE_EPOCH={given!r}: expected whole seconds since 1970")
        return _in_zip_dates(int(given))
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True
        )
    except OSError:  # no git
        found = None
    if (
        found is not None
        and found.returncode == 0
        and re.fullmatch(r"[0-9]+", found.stdout.strip())
    ):
        return _in_zip_dates(int(found.stdout.strip()))
    why = found.stderr.strip().splitlines()[0] if found is not None and found.stderr else "no git"
    print(
        f"offline copy: no commit date ({why}); its files are dated 1 January 1980",
        file=sys.stderr,
    )
    return ZIP_DATES[0]


def build_pages(generate: bool = True) -> Path:
    """The offline copy's pages (the generation stage unless it has run, then MkDocs with
    mkdocs.offline.yml), into its own folder (build/offline); return that folder."""
    work = Path(mkdocs_config(CONFIG).site_dir)
    shutil.rmtree(work, ignore_errors=True)
    mkdocs_offline_build(work, generate)
    return work


def build_zip(staged_site: Path) -> Path:
    """The pages built by ``build_pages``, the iframe-worker shim, and the PDFs and open
    data of the staged site, checked and zipped into the staged site; return the zip."""
    if not SHIM.is_file():
        raise OfflineError(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts`")
    offline = mkdocs_config(CONFIG)
    work = Path(offline.site_dir)  # build/offline
    if not (work / "index.html").is_file():
        raise OfflineError(f"no offline pages in {work}: build them first (`pages`)")
    (polyfill,) = offline.extra["polyfills"]  # where the pages load the shim from
    shim = work / polyfill
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, shim)
    for made_after_the_build in ("pdf", "data"):  # the printed editions, the open data
        folder = staged_site / made_after_the_build
        if folder.is_dir():
            shutil.copytree(folder, work / made_after_the_build, dirs_exist_ok=True)
    remote = remote_loads(work)
    if remote:
        listing = "\n  ".join(remote)
        raise OfflineError(f"the offline copy would load from other hosts:\n  {listing}")
    if not (work / "search" / "search_index.js").is_file():
        raise OfflineError("the offline copy has no search/search_index.js (offline plugin off?)")
    target = staged_site / ZIP
    pack(work, target, FOLDER)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    pages = steps.add_parser("pages", help="build the offline copy's pages into build/offline")
    pages.add_argument(
        "--generated", action="store_true", help="the generation stage has run: skip it"
    )
    zipped = steps.add_parser(
        "zip",
        help="add the PDFs and open data of SITE to the pages last built (`pages`: after a "
        "failed one, build them again), and zip the copy into SITE's download/",
    )
    zipped.add_argument(
        "site", type=Path, metavar="SITE", help="the staged site folder to add the zip to"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.step == "pages":
            build_pages(generate=not args.generated)
            return 0
        target = build_zip(args.site)
    except OfflineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"error: the offline MkDocs build failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    size = target.stat().st_size / 1024 / 1024
    print(
        f"  {target.name}: {size:.1f} MiB, {time.perf_counter() - started:.1f} s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
