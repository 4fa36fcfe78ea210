"""What Pandoc cannot say in an OpenDocument file: borders and a shaded header row on every table.

Pandoc's ODT writer gives table cells automatic styles without borders (a reference
document cannot change them); `odt_table_borders` rewrites those two styles in the
file Pandoc wrote, with the rule and the shade the PDF and the Word document use.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

RULE = "#9fb3c8"
SOFT = "#e8eef5"
_CELLS = {
    'style:name="TableHeaderRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="none" />': (
        f'style:name="TableHeaderRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="0.5pt solid {RULE}" '
        f'fo:padding="0.08cm" fo:background-color="{SOFT}" />'
    ),
    'style:name="TableRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="none" />': (
        f'style:name="TableRowCell" style:family="table-cell">\n      <style:table-cell-properties fo:border="0.5pt solid {RULE}" fo:padding="0.08cm" />'
    ),
}


def odt_table_borders(path: Path) -> None:
    """Give the tables of the ODT file at `path` their borders (the file is rewritten in place)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "content.xml":
                text = data.decode("utf-8")
                for old, new in _CELLS.items():
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            # The ODF `mimetype` member must stay first and uncompressed.
            target.writestr(item, data, compress_type=zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def finish(name: str, path: Path) -> None:
    """The finishing step of the main document and the minutes: ODT tables get their borders."""
    if name == "odt":
        odt_table_borders(path)
