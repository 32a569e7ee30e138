"""The JSON Schemas in data/schema/ are generated from the models and must not be stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import macros.__main__ as cli
from macros.loader import FILES

from .conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in cli.schema_texts().items()
        if not path.exists() or path.read_text() != text
    ]
    assert stale == [], "run `.venv/bin/python -m macros schema` and commit data/schema/"
    assert {p.name for p in (ROOT / "data" / "schema").glob("*.json")} == {
        f"{name}.schema.json" for name in FILES
    }


def test_stale_schema_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "schema"
    shutil.copytree(ROOT / "data" / "schema", copy)
    monkeypatch.setattr(cli, "SCHEMA_DIR", copy)
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    # The schemas' map for editors and their pre-commit hooks are checked too.
    (tmp_path / ".vscode").mkdir()
    shutil.copy2(ROOT / ".vscode" / "settings.json", tmp_path / ".vscode" / "settings.json")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", tmp_path / ".pre-commit-config.yaml")
    assert cli.schema(check_only=True) == 0
    symptoms = copy / "symptoms.schema.json"
    schema = json.loads(symptoms.read_text())
    del schema["items"]
    symptoms.write_text(json.dumps(schema))
    assert cli.schema(check_only=True) == 1
    assert "schema/symptoms.schema.json is stale" in capsys.readouterr().err


def test_schemas_describe_fields_for_editors() -> None:
    symptoms = json.loads((ROOT / "data" / "schema" / "symptoms.schema.json").read_text())
    symptom = symptoms["$defs"]["Symptom"]
    assert symptom["additionalProperties"] is False
    assert "lay_terms" in symptom["required"]
    assert "Everyday words" in symptom["properties"]["lay_terms"]["description"]
