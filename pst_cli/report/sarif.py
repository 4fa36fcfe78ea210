"""Findings as a SARIF 2.1.0 log, the format of GitHub code scanning and most CI dashboards.

Every rule of the registry is described in `tool.driver.rules` (its summary, its
documentation and its default level), and each result points at its rule by id and index.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from urllib.parse import quote

from pst_cli import __version__
from pst_cli.report.paths import display_path
from pst_cli.rules.runner import CheckResult

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A URI for a file: relative paths stay relative (to the repository), absolute ones become file URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def render(result: CheckResult, folder: str, colour: bool = False) -> str:
    """The SARIF log of a check, as indented JSON."""
    from pst_cli.rules import RULES

    index = {rule.id: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace("/", "-"),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": inspect.cleandoc(rule.doc)},
            "help": {"text": inspect.cleandoc(rule.doc)},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES
    ]
    results = []
    for finding in result.findings:
        text = finding.message + (f" — {finding.hint}" if finding.hint else "")
        entry = {
            "ruleId": finding.rule,
            "level": LEVELS.get(finding.severity, "note"),
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(display_path(folder, finding.path))},
                        "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.col, 1)},
                    }
                }
            ],
        }
        if finding.rule in index:
            entry["ruleIndex"] = index[finding.rule]
        results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pst",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/pst-cli/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
