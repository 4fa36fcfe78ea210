"""Which language a project asks for: the `language:` key of its `pst.yaml`."""

from __future__ import annotations

from pathlib import Path


def read_language(root: Path) -> str | None:
    """The `language:` of `root/pst.yaml` when it names a language pst speaks; None otherwise.

    Read with the loader's own YAML parser, but only this key: a `pst.yaml` too broken to
    parse has no language, and the loader will say what is wrong with it.
    """
    from pst_cli.i18n import LANGUAGES

    path = root / "pst.yaml"
    try:
        if not path.is_file() or path.stat().st_size > 5 * 1024 * 1024:
            return None
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except (OSError, ValueError):
        return None
    if "language" not in text:
        return None
    from yaml.nodes import MappingNode

    from pst_cli.project.yamlfast import YamlProblem, compose

    try:
        node = compose(text)
    except YamlProblem:
        return None
    if not isinstance(node, MappingNode):
        return None
    value = next((value.value for key, value in node.value if getattr(key, "value", None) == "language"), None)
    return value if value in LANGUAGES else None
