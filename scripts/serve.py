"""`make serve`: the generation stage, then ``mkdocs serve``; the stage runs again whenever
a file in data/ changes, so a new or renamed symptom gets its page while you edit.

    python -m scripts.serve [mkdocs serve options]

``mkdocs serve`` watches docs/ (where the generated pages are written), data/, macros/
and overrides/, and rebuilds on any change.
"""

from __future__ import annotations

import subprocess
import sys
import time

from macros.generate import GenerateFailed, generate
from macros.state import DataFailed, data_stamp
from scripts.engine import ROOT, engine_env

WATCH = ["--watch", "data", "--watch", "macros", "--watch", "overrides"]


def regenerate() -> None:
    try:
        changed = generate(ROOT / "mkdocs.yml")
    except (DataFailed, GenerateFailed) as exc:
        print(exc, file=sys.stderr)  # the served build reports the data errors too
        return
    if changed:
        print("generate: " + "; ".join(changed), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    regenerate()
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
