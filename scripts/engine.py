"""The one function that runs an engine over a project: first the generation stage (the
pages that come from data, ``python -m macros generate``), then ``<engine> build
--strict``. `make site`, `make diff`, `make properdocs`, `make zensical`, the benchmark
and the test builds all build through here.

    python -m scripts.engine [--engine mkdocs|properdocs|zensical] [--site-dir DIR] [TREE]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: The project's folder (scripts/paths.py's ROOT: this file also runs as a script, with
#: scripts/ and not the project on its path, so it cannot import it).
ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def generate_command(config: str = "mkdocs.yml") -> list[str]:
    return [sys.executable, "-m", "macros", "generate", "--config", config]


def engine_command(engine: str, site_dir: Path | None, config: str | None = None) -> list[str]:
    """``<engine> build --strict``: MkDocs and ProperDocs into ``site_dir``; Zensical into
    the ``site_dir`` of its config (it has no option for it)."""
    command = [sys.executable, "-m", engine, "build", "--strict"]
    if engine == "zensical":  # --clean: its cache keeps pages whose source is unchanged
        command = [sys.executable, __file__, ZENSICAL, "build", "--strict"]
        return command + ["--clean"] + (["--config-file", config] if config else [])
    command += ["--clean"] if engine == "mkdocs" else []
    command += ["--site-dir", str(site_dir)] if site_dir is not None else []
    return command + (["--config-file", config] if config else [])


def generation_stage(
    tree: Path = ROOT,
    config: str = "mkdocs.yml",
    env: dict[str, str] | None = None,
    capture: bool = True,
) -> subprocess.CompletedProcess[str]:
    """The generation stage over ``tree`` (``python -m macros generate``), in ``env`` (by
    default this process's, with ``engine_env``'s setting)."""
    return subprocess.run(
        generate_command(config),
        cwd=tree,
        env=env if env is not None else engine_env(),
        text=True,
        capture_output=capture,
    )


def build(
    tree: Path = ROOT,
    site_dir: Path | None = None,
    engine: str = "mkdocs",
    config: str | None = None,
    capture: bool = True,
    env: dict[str, str] | None = None,
    generate: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Generate, then build ``tree`` with ``engine``; the result of the step that failed,
    or of the engine (its output after the stage's). A tree from before the generation
    stage existed (an older commit, in `make diff`) is built as it is. ``env``: the
    environment to build in (by default this process's); ``generate=False``: the stage
    has run already."""
    env = {**(env if env is not None else os.environ), "NO_MKDOCS_2_WARNING": "1"}
    output = ""
    if generate and (tree / "macros" / "generate.py").is_file():
        generated = generation_stage(tree, config or "mkdocs.yml", env, capture)
        if generated.returncode != 0:
            return generated
        output = (generated.stdout or "") + (generated.stderr or "")
    result = subprocess.run(
        engine_command(engine, site_dir, config),
        cwd=tree,
        env=env,
        text=True,
        capture_output=capture,
    )
    if capture:
        result.stdout = output + (result.stdout or "")
    return result


def build_side_by_side(
    commands: Mapping[str, list[str]], timeout: int, must_say: Mapping[str, str] | None = None
) -> None:
    """The generation stage once, then each engine command at the same time (one core
    each), from the project's folder; ``RuntimeError`` naming every build that failed (its
    exit status, or an output without the words ``must_say`` gives for it)."""
    env = engine_env()
    generated = generation_stage(env=env)
    if generated.returncode != 0:
        raise RuntimeError(f"the generation stage failed:\n{generated.stderr}")
    procs = {
        name: subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, command in commands.items()
    }
    failed = []
    for name, proc in procs.items():
        output, _ = proc.communicate(timeout=timeout)
        if proc.returncode != 0 or (must_say or {}).get(name, "") not in output:
            failed.append(f"{name} build --strict failed (exit {proc.returncode}):\n{output}")
    if failed:
        raise RuntimeError("\n".join(failed))


#: The first argument that runs Zensical's own command line through ``zensical``.
ZENSICAL = "--as-zensical"


class _Problems(logging.Handler):
    """Shows and counts the page problems the macros log while pages render
    (macros/problems.py)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        print(record.getMessage(), file=sys.stderr)


def zensical(argv: list[str]) -> int:
    """Zensical's command line, run where it stands (the project on ``sys.path``, as
    ``python -m zensical`` has it). A build that ``define_env`` stops (``SystemExit``:
    the data's or the pages' errors) ends with its message alone: Zensical hands it back
    as a ``RuntimeError`` carrying the Python traceback, which says nothing to an author.
    A strict build fails on a page problem met while rendering, as MkDocs' does (Zensical
    0.0.73's ``--strict`` does not count a warning logged from Python)."""
    from click import ClickException
    from zensical.main import cli

    # Run as a file (``engine_command``), Python put scripts/ first on the path, where its
    # modules could stand in for others: the project's folder takes its place.
    here = Path(__file__).resolve().parent
    sys.path[:] = [os.getcwd(), *(p for p in sys.path if Path(p or ".").resolve() != here)]
    from macros.problems import LOG

    problems = _Problems()
    LOG.addHandler(problems)
    try:
        cli.main(args=argv, prog_name="zensical", standalone_mode=False)
    except ClickException as exc:  # as click's standalone mode shows it
        exc.show()
        return exc.exit_code
    except RuntimeError as exc:
        stopped = re.search(
            r"SystemExit: (.*?)(?:\nTraceback \(most recent call last\)|\Z)", str(exc), re.DOTALL
        )
        if stopped is None:
            raise
        print(stopped.group(1).rstrip(), file=sys.stderr)
        return 1
    if problems.count and "--strict" in argv:
        print(f"Aborted with {problems.count} page problems in strict mode.", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [ZENSICAL]:
        return zensical(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--site-dir", type=Path)
    parser.add_argument("--config")
    args = parser.parse_args(argv)
    result = build(args.tree, args.site_dir, args.engine, args.config, capture=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
