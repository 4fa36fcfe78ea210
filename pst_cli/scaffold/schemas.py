"""JSON Schemas of the project files, exported from the pydantic models (Draft 7)."""

from __future__ import annotations

import json
from pathlib import Path

from pst_cli.errors import PstError
from pst_cli.files import reason, replace_output
from pst_cli.model import FILE_KINDS, FileKind

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
        raise PstError.of("schema.cannot-create-folder", path=out, reason=reason(error)) from None
    written = []
    for kind in FILE_KINDS:
        text = schema_text(kind)
        # An output: never written through a link a project could have committed in `.pst/schemas/`.
        written.append(replace_output(out, f"{kind.name}.schema.json", lambda temporary, text=text: Path(temporary).write_text(text, encoding="utf-8", newline="\n")))
    return written
