"""JSON Schemas of the project files, exported from the pydantic models (Draft 7)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .findings import PstError
from .model import FILE_KINDS, FileKind

DRAFT_7 = "http://json-schema.org/draft-07/schema#"


def schema_of(kind: FileKind) -> dict:
    """The Draft 7 JSON Schema of one kind of file, definitions under `definitions`."""
    document = kind.model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = document.pop("$defs", None)
    schema = {"$schema": DRAFT_7, "$id": f"{kind.name}.schema.json", **document}
    if definitions:
        schema["definitions"] = definitions
    return schema


def schema_text(kind: FileKind) -> str:
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind of file into `out`, each file atomically."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PstError(f"impossible de créer le dossier « {out} » : {error.strerror}") from None
    written = []
    for kind in FILE_KINDS:
        target = out / f"{kind.name}.schema.json"
        write_atomic(target, schema_text(kind))
        written.append(target)
    return written


def write_atomic(target: Path, text: str) -> None:
    """Write `text` to a temporary file beside `target`, then replace `target` in one step."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
