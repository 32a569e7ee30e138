"""Build the whole site into a staging folder, then publish it to site/ in one move.

Stages run in order; any failure stops the build and leaves the previous site/ as it
was, so a half-built site is never published. First it says which site address the
build uses (``SITE_URL``, or the placeholder in mkdocs.yml) and stops a deploy build
(``B12_DEPLOY=1``) whose address is a placeholder (scripts/config.py).

    python -m scripts.build_site [--out site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from macros.record import bodies_path, record_path
from scripts import engine
from scripts.config import AddressError, check_address
from scripts.paths import ROOT

BUILD = ROOT / "build"

Stage = Callable[[Path], None]


def generate(out: Path) -> None:
    """The pages that come from data (the generation stage, scripts/engine.py)."""
    engine.generation_stage(capture=False).check_returncode()


def mkdocs_build(out: Path) -> None:
    """The online site, with MkDocs in strict mode (never with -q: it hides warnings;
    scripts/engine.py), and beside it, on the other core, the offline copy's pages
    (scripts/offline.py). The offline build's output follows the site's; when the site
    fails, the offline build is stopped and its output (the same mistakes) left out."""
    with tempfile.TemporaryFile() as said:
        offline = subprocess.Popen(
            [sys.executable, "-m", "scripts.offline", "pages", "--generated"],
            cwd=ROOT,
            stdout=said,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its MkDocs
        )
        failed = True
        try:
            result = engine.build(ROOT, out, capture=False, generate=False)
            failed = result.returncode != 0
            if not failed:
                offline.wait()
        finally:
            if offline.poll() is None:  # the site failed, or the build was interrupted
                os.killpg(offline.pid, signal.SIGKILL)
                offline.wait()
        if failed:
            raise subprocess.CalledProcessError(result.returncode, result.args)
        said.seek(0)
        sys.stderr.flush()
        sys.stderr.buffer.write(said.read())
        sys.stderr.flush()
    if offline.returncode:
        raise subprocess.CalledProcessError(offline.returncode, offline.args)


def pdfs(out: Path) -> None:
    """The printed editions (scripts/pdf.py): a leaflet and a large-print edition per article,
    from the data model, and the booklet from the build's page bodies (page size:
    $B12_PDF_PAGE_SIZE)."""
    subprocess.run([sys.executable, "-m", "scripts.pdf", str(out)], cwd=ROOT, check=True)


def open_data(out: Path) -> None:
    """The data as JSON with its schemas, each item page's schema.org description and a
    Frictionless datapackage.json, into data/ (scripts/open_data.py)."""
    subprocess.run([sys.executable, "-m", "scripts.open_data", str(out)], cwd=ROOT, check=True)


def offline_copy(out: Path) -> None:
    """The offline copy (mkdocs.offline.yml) with the PDFs and open data, zipped into
    download/."""
    subprocess.run([sys.executable, "-m", "scripts.offline", "zip", str(out)], cwd=ROOT, check=True)


#: The stage of the online site's MkDocs build (the benchmark reads its time).
SITE_STAGE = "mkdocs build, and the offline copy's pages"

STAGES: list[tuple[str, Stage]] = [
    ("generate", generate),
    (SITE_STAGE, mkdocs_build),
    ("pdf leaflets and booklet", pdfs),
    ("open data", open_data),
    ("offline copy", offline_copy),
]


def publish(staged: Path, target: Path) -> None:
    """Swap the staged build into place: the old site stays until the new one is complete.
    The build record and the page bodies (macros/record.py) move with it, beside the site,
    not in it."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    for beside in (record_path, bodies_path):
        beside(staged).replace(beside(target))
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where to publish")
    args = parser.parse_args(argv)
    # Stopped from outside (a cancelled job, `timeout`): unwind as on Ctrl-C, so that a
    # stage's clean-up (the offline build beside the site's) runs.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    try:
        address = check_address()
    except AddressError as exc:
        print(f"build stopped: {exc}", file=sys.stderr)
        return 1
    print(address.describe(), file=sys.stderr)
    staged = BUILD / "site.staging"
    shutil.rmtree(staged, ignore_errors=True)
    for beside in (record_path, bodies_path):
        beside(staged).unlink(missing_ok=True)
    BUILD.mkdir(exist_ok=True)
    for name, stage in STAGES:
        started = time.perf_counter()
        try:
            stage(staged)
        except subprocess.CalledProcessError as exc:
            print(
                f"build failed in stage '{name}' (exit {exc.returncode}); site/ left unchanged",
                file=sys.stderr,
            )
            return 1
        print(f"stage '{name}' done in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    publish(staged, args.out.resolve())
    print(f"site published to {args.out} ({address.describe()})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
