"""Command line: ``python -m macros check`` validates data/; ``python -m macros schema [--check]``;
``python -m macros generate`` writes the pages that come from data (macros/generate.py)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .errors import DataErrors
from .loader import load_site, schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"


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


def schema_texts() -> dict[Path, str]:
    """The JSON Schema files as they should be on disk."""
    return {
        SCHEMA_DIR / f"{name}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas().items()
    }


def schema(check_only: bool) -> int:
    """Write data/schema/, or with --check report stale files and return 1."""
    stale = [p for p, text in schema_texts().items() if not p.exists() or p.read_text() != text]
    if check_only:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is stale: run `python -m macros schema`", file=sys.stderr
            )
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in schema_texts().items():
        path.write_text(text)
    print(f"wrote {len(stale)} changed schema file(s) to {SCHEMA_DIR.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros")
    sub = parser.add_subparsers(dest="command", required=True)
    check_p = sub.add_parser("check", help="validate data/")
    check_p.add_argument("--data", type=Path, default=ROOT / "data")
    schema_p = sub.add_parser("schema", help="write data/schema/ from the models")
    schema_p.add_argument("--check", action="store_true", help="fail if data/schema/ is stale")
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
