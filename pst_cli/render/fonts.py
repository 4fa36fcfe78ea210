"""The fonts of the PDF: those inside the Typst compiler first, then fallbacks for what they lack.

Typst embeds Libertinus Serif, New Computer Modern and DejaVu Sans Mono: Latin, Greek and
Cyrillic, not emoji nor Chinese, Japanese or Korean, which residents' words in minutes do
hold. pst ships no font of its own (a font that covers Chinese, Japanese and Korean weighs 20 MB): it
gives Typst the folders of the free fallback fonts Debian packages when they are
installed (`fonts-noto-color-emoji` and `fonts-noto-cjk`, both under the SIL Open Font
License), and those
of `PST_FONT_PATH` (folders separated by `:`). System fonts are otherwise ignored, so the
same project gives the same PDF on every machine that has the same fallbacks (`.ci/run`
installs both packages). A character no font covers refuses the PDF, since PDF/A asks
for every character to be drawn: Typst's message names the character and the font, not
yet the file and line where it is written.
"""

from __future__ import annotations

import os
from pathlib import Path

FALLBACK_FOLDERS = (
    "/usr/share/fonts/truetype/noto",  # fonts-noto-color-emoji: NotoColorEmoji.ttf
    "/usr/share/fonts/opentype/noto",  # fonts-noto-cjk: Noto Sans and Serif CJK (Chinese, Japanese, Korean)
)


def font_folders() -> list[Path]:
    """Folders of fonts given to Typst besides its embedded ones: `PST_FONT_PATH`, then the fallbacks installed."""
    chosen = [Path(part) for part in os.environ.get("PST_FONT_PATH", "").split(os.pathsep) if part]
    chosen += [Path(folder) for folder in FALLBACK_FOLDERS]
    return [folder for folder in chosen if folder.is_dir()]
