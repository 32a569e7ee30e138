"""`make serve`: the generation stage, then ``mkdocs serve``; the stage runs again whenever
a file in data/ changes, so a new or renamed symptom gets its page while you edit.

    python -m scripts.serve [mkdocs serve options]

``mkdocs serve`` watches docs/ (where the generated pages are written) and overrides/,
not data/: a data edit is built once, after the stage has run (``regenerate``), never
first with the generated pages of the data before it. Edits to the Python in macros/
need a restart (Python keeps the modules it has imported).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from macros.generate import GenerateFailed, generate
from macros.state import DataFailed, data_stamp
from scripts.engine import ROOT, engine_env

WATCH = ["--watch", "overrides"]
CONFIG = ROOT / "mkdocs.yml"


def regenerate() -> None:
    """The stage, then one rebuild: by the files the stage wrote, or, when it wrote none (a
    data edit no generated page shows, or data errors, which the served build reports),
    by the config's modification time set to now (MkDocs reloads on it)."""
    changed: list[str] = []
    try:
        changed = generate(CONFIG)
    except (DataFailed, GenerateFailed) as exc:
        print(exc, file=sys.stderr)
    if changed:
        print("generate: " + "; ".join(changed), file=sys.stderr)
    else:
        os.utime(CONFIG)


def main(argv: list[str] | None = None) -> int:
    try:
        generate(CONFIG)
    except (DataFailed, GenerateFailed) as exc:
        print(exc, file=sys.stderr)
    command = [sys.executable, "-m", "mkdocs", "serve", *WATCH, *(argv or [])]
    server = subprocess.Popen(command, cwd=ROOT, env=engine_env())
    stamp = data_stamp(ROOT / "data")
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = data_stamp(ROOT / "data")
            if now != stamp:
                stamp = now
                regenerate()
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
