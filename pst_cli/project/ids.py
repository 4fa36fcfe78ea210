"""The house ids and file names of new entities, for every command that creates some.

`pst add`, `pst import plan` and `pst import docx` number new entities the way the
examples do (`A3`, `A1.OG4`, `A1.OG2.OO3`, `E6`, `FA-05`) and name new files after
their title (`plan/axes/3-vivre-ensemble.yaml`).
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, limit: int = 40) -> str:
    """`Forum des enjeux (2ᵉ)` → `forum-des-enjeux-2e`: the name part of a new file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "sans-titre"


def next_number(ids: list[str], prefix: str) -> int:
    """One more than the largest number `n` among the ids written `<prefix><n>` (1 when none)."""
    compiled = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(match.group(1)) for match in map(compiled.fullmatch, ids) if match]
    return max(numbers, default=0) + 1
