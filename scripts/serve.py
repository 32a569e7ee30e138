"""`make serve`: the generation stage, then ``mkdocs serve``; the stage runs again whenever
a file in data/ changes, so a new or renamed symptom gets its page while you edit.

    python -m scripts.serve [mkdocs serve options]

``mkdocs serve`` watches docs/ (where the generated pages are written) and overrides/,
not data/: a data edit is built once, after the stage has run (``regenerate``), never
first with the generated pages of the data before it. Edits to the Python in macros/
need a restart (Python keeps the modules it has imported). When it stops on an
interrupt, the build records its builds left in the temporary folder are removed
(``leftovers``); a wrapper killed outright leaves them until the next ``make serve``.
Signals as on Linux (the project's platform).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def leftovers(folder: Path | None = None) -> list[Path]:
    """The build records and page bodies (macros/record.py) that ``mkdocs serve`` builds
    left beside their temporary sites (``mkdocs_*`` under the temporary folder), once
    those sites are gone: MkDocs removes its site when it stops, not what lies beside it."""
    folder = Path(tempfile.gettempdir()) if folder is None else folder
    return sorted(
        path
        for pattern in ("mkdocs_*.record.jsonl", "mkdocs_*.bodies.jsonl")
        for path in folder.glob(pattern)
        if not (folder / path.name.split(".", 1)[0]).exists()
    )


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl-C does, so that it removes its temporary site: a Ctrl-C in
    the terminal reached it too (it stops by itself); an interrupt sent to this process
    alone is passed on; a server that still runs is terminated."""
    for passed_on, seconds in ((False, 3), (True, 10)):
        if passed_on:
            server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=seconds)
            return
        except subprocess.TimeoutExpired:
            continue
    server.terminate()


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
        try:
            _stop(server)
        except KeyboardInterrupt:  # interrupted again: stop now
            server.terminate()
    finally:
        if server.poll() is None:  # an error of ours, not an interrupt: stop it too
            _stop(server)
        status = server.wait()
        for path in leftovers():
            with contextlib.suppress(OSError):  # another user's, in a shared /tmp
                path.unlink(missing_ok=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
