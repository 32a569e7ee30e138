"""Command line: ``python -m macros check`` validates data/; ``python -m macros schema [--check]``;
``python -m macros generate`` writes the pages that come from data (macros/generate.py)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .errors import DataErrors
from .loader import FILES, load_site, schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"
#: The test project's data (tests/fixtures/data/), which has a file for every data file.
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def check(data_dir: Path) -> int:
    """Validate every data file; print every error and return 1, or a summary and 0."""
    started = time.perf_counter()
    try:
        site = load_site(data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(v)} {k}" for k, v in vars(site).items() if isinstance(v, dict))
    print(f"data/ is valid ({counts}) in {time.perf_counter() - started:.2f} s")
    return 0


#: The pre-commit hooks that check each data file against its schema sit between these
#: two lines of .pre-commit-config.yaml; `python -m macros schema` writes what is between.
HOOKS_START = "      # >>> schema hooks: written by `python -m macros schema` from the models\n"
HOOKS_END = "      # <<< schema hooks\n"


class EditorFileError(Exception):
    """An editor or pre-commit file cannot take the generated part."""


def schema_texts() -> dict[Path, str]:
    """The JSON Schema files as they should be on disk."""
    return {
        SCHEMA_DIR / f"{name}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas().items()
    }


def fixture_texts() -> dict[Path, str]:
    """The test project's file for a list of items it has none of (a new kind of data): an
    empty list, since the loader refuses a missing data file. Existing files are the
    tests' own and are left as they are."""
    return {
        FIXTURE_DATA / f"{name}.yml": "[]\n"
        for name, (_, is_list) in FILES.items()
        if is_list and not (FIXTURE_DATA / f"{name}.yml").exists()
    }


def vscode_settings(current: str) -> str:
    """.vscode/settings.json with its ``yaml.schemas`` map (each schema to its data file)
    made from the models; every other setting as it is."""
    settings = json.loads(current) if current.strip() else {}
    settings["yaml.schemas"] = {
        f"./data/schema/{name}.schema.json": [f"data/{name}.yml"] for name in schemas()
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def pre_commit_config(current: str, path: str = ".pre-commit-config.yaml") -> str:
    """.pre-commit-config.yaml with one check-jsonschema hook per data file between the
    schema-hook marker lines; the rest as it is."""
    if current.count(HOOKS_START) != 1 or current.count(HOOKS_END) != 1:
        raise EditorFileError(
            f"{path}: expected the lines {HOOKS_START.strip()!r} and {HOOKS_END.strip()!r} "
            "once each, in the local repo's hooks"
        )
    hooks = "".join(
        f"      - id: schema-{name.replace('_', '-')}\n"
        f"        name: data/{name}.yml matches data/schema/{name}.schema.json\n"
        f"        entry: .venv/bin/check-jsonschema --schemafile data/schema/{name}.schema.json\n"
        "        language: system\n"
        f"        files: ^data/{name}\\.yml$\n"
        for name in schemas()
    )
    head, rest = current.split(HOOKS_START)
    return head + HOOKS_START + hooks + HOOKS_END + rest.split(HOOKS_END, 1)[1]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def editor_texts() -> dict[Path, str]:
    """The generated editor and pre-commit files as they should be on disk."""
    settings = ROOT / ".vscode" / "settings.json"
    hooks = ROOT / ".pre-commit-config.yaml"
    return {
        settings: vscode_settings(_read(settings)),
        hooks: pre_commit_config(_read(hooks), str(hooks.relative_to(ROOT))),
    }


def schema(check_only: bool) -> int:
    """Write data/schema/, the schema maps of .vscode/settings.json and
    .pre-commit-config.yaml, and the test project's empty file for a new list of items, or
    with --check report the stale ones and return 1."""
    try:
        texts = {**schema_texts(), **editor_texts(), **fixture_texts()}
    except EditorFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stale = [p for p, text in texts.items() if not p.exists() or p.read_text() != text]
    if check_only:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is stale: run `python -m macros schema`", file=sys.stderr
            )
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[path])
    print(
        f"wrote {len(stale)} changed file(s): the schemas in {SCHEMA_DIR.relative_to(ROOT)}, "
        "their map in .vscode/settings.json, their hooks in .pre-commit-config.yaml and "
        "the test project's data files in tests/fixtures/data/"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros")
    sub = parser.add_subparsers(dest="command", required=True)
    check_p = sub.add_parser("check", help="validate data/")
    check_p.add_argument("--data", type=Path, default=ROOT / "data")
    schema_p = sub.add_parser(
        "schema", help="write data/schema/ (and its editor and pre-commit maps) from the models"
    )
    schema_p.add_argument("--check", action="store_true", help="fail if any of them is stale")
    generate_p = sub.add_parser("generate", help="write the pages that come from data/")
    generate_p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    if args.command == "generate":
        from .generate import main as generate

        return generate(["--config", str(args.config)])
    if args.command == "check":
        return check(args.data)
    return schema(args.check)


if __name__ == "__main__":
    sys.exit(main())
