"""What a document reads from the project, checked before anything is drawn or written.

The Markdown files a project names (chapters, minutes) go through the same rules as in
`pst check` (`references/missing-file`, `references/unreadable-file`): a link out of the
project, a FIFO, a file over 1 MiB or not in UTF-8 refuses the render with the place
that names it. The logo is checked as an image: its first bytes must be those of a PNG
or a JPEG, its size and pixel count bounded, before any library decodes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pst_cli.errors import ProjectInvalid
from pst_cli.findings import Finding

if TYPE_CHECKING:  # the project's models are imported only when a project is loaded
    from pst_cli.project.aggregate import Project

MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""The largest logo pst reads: 5 MiB."""
MAX_IMAGE_PIXELS = 40_000_000
"""The largest logo, in pixels (8 000 × 5 000): an image decoded takes 4 bytes a pixel."""


def refuse_unreadable_inputs(project: Project) -> None:
    """Refuse the render when a Markdown file the project names is missing, outside it or unreadable."""
    from pst_cli.rules.references import markdown_files, missing_file, unreadable_file
    from pst_cli.rules.runner import stamp

    findings: list[Finding] = [
        *(stamp(finding, "references/missing-file", "error") for finding in missing_file(project, markdown_files(project))),
        *(stamp(finding, "references/unreadable-file", "error") for finding in unreadable_file(project)),
    ]
    if findings:
        raise ProjectInvalid(findings, str(project.root), len(project.files))


def image_problem(path: Path) -> str | None:
    """Why the image at `path` may not be used (`not-an-image`, `too-large`, `too-many-pixels`), or None.

    Pillow reads the header only (`Image.open` is lazy): the pixel count is known before
    a single pixel is decoded, so an 80 000 × 80 000 PNG of 6 MB never reaches memory.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return "too-large"
        with path.open("rb") as stream:
            magic = stream.read(8)
        if not (magic.startswith(b"\x89PNG\r\n\x1a\n") or magic.startswith(b"\xff\xd8\xff")):
            return "not-an-image"
        with Image.open(path) as image:
            if image.format not in ("PNG", "JPEG"):
                return "not-an-image"
            width, height = image.size
    except Image.DecompressionBombError:
        return "too-many-pixels"
    except (OSError, UnidentifiedImageError, ValueError):
        return "not-an-image"
    if width * height > MAX_IMAGE_PIXELS:
        return "too-many-pixels"
    return None
