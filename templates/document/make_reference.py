"""Regenerate `reference.docx` and `reference.odt` from Pandoc's defaults, with pst's styles.

Run from the repository: `python templates/document/make_reference.py`. Pandoc's own
reference documents are taken as they are and only a few styles are changed (French
language, heading colour and weight, bordered tables with a shaded header row), so the
named styles Pandoc writes into (Heading 1, Body Text, Table…) all exist.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pypandoc

HERE = Path(__file__).resolve().parent
ACCENT = "1F4E79"
RULE = "9FB3C8"
SOFT = "E8EEF5"


def default_file(name: str, target: Path) -> None:
    pypandoc.convert_text("", "plain", format="markdown", extra_args=["-o", str(target), f"--print-default-data-file={name}"])


def rewrite(archive: Path, member: str, change) -> None:
    """Replace one member of a zip (docx/odt) with `change(text)`, keeping the others byte for byte."""
    temporary = archive.with_suffix(".tmp")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(temporary, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            # The ODF `mimetype` member must stay first and uncompressed.
            compression = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item, data, compress_type=compression)
    shutil.move(temporary, archive)


FOOTER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <w:p>
    <w:pPr><w:pStyle w:val="Footer" /><w:jc w:val="center" /></w:pPr>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="begin" /></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="separate" /></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:t>1</w:t></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="end" /></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:t xml:space="preserve"> / </w:t></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="begin" /></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="separate" /></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:t>1</w:t></w:r>
    <w:r><w:rPr><w:color w:val="595959" /><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="end" /></w:r>
  </w:p>
</w:ftr>
"""
"""Page « N / M » at the foot of every page of the Word document (fields Word updates)."""

FOOTER_ID = "rIdPstFooter"


def docx_footer(archive: Path) -> None:
    """Add the page-number footer and A4 page settings to the reference document."""
    with zipfile.ZipFile(archive, "a") as target:
        target.writestr("word/footer1.xml", FOOTER)
    rewrite(
        archive,
        "word/_rels/document.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Id="{FOOTER_ID}" Target="footer1.xml" /></Relationships>',
        ),
    )
    rewrite(
        archive,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" /></Types>',
        ),
    )
    rewrite(
        archive,
        "word/document.xml",
        lambda xml: xml.replace(
            "<w:sectPr>",
            f'<w:sectPr>\n      <w:footerReference w:type="default" r:id="{FOOTER_ID}" />'
            '\n      <w:pgSz w:w="11906" w:h="16838" />'
            '\n      <w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0" />',
            1,
        ),
    )


def docx_styles(xml: str) -> str:
    xml = xml.replace('w:val="en-US" w:eastAsia', 'w:val="fr-FR" w:eastAsia')
    xml = xml.replace("0F4761", ACCENT)
    xml = xml.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="22" />\n        <w:szCs w:val="22" />', 1)

    def bold_heading(match: re.Match) -> str:
        return match.group(0).replace("<w:rPr>", "<w:rPr>\n      <w:b />", 1)

    xml = re.sub(r'<w:style w:type="paragraph" w:styleId="(Heading[1-3]|Title)">.*?</w:style>', bold_heading, xml, flags=re.S)

    def new_page(match: re.Match) -> str:
        # The cover stands alone, then the table of contents; each chapter starts a page.
        return match.group(0).replace("<w:pPr>", "<w:pPr>\n      <w:pageBreakBefore />", 1)

    xml = re.sub(r'<w:style w:type="paragraph" w:styleId="(TOCHeading|Heading1)">.*?</w:style>', new_page, xml, flags=re.S)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}" />'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    xml = re.sub(
        r'(<w:style w:type="table" w:default="1" w:styleId="Table">.*?<w:tblPr>)',
        lambda m: m.group(1) + f"<w:tblBorders>{borders}</w:tblBorders>",
        xml,
        count=1,
        flags=re.S,
    )
    xml = xml.replace(
        '<w:tblStylePr w:type="firstRow">\n      <w:tcPr>',
        f'<w:tblStylePr w:type="firstRow">\n      <w:rPr><w:b /></w:rPr>\n      <w:tcPr>\n        <w:shd w:val="clear" w:color="auto" w:fill="{SOFT}" />',
        1,
    )
    return xml


def odt_styles(xml: str) -> str:
    xml = re.sub(r'fo:language="[a-z]+" fo:country="[A-Z]+"', 'fo:language="fr" fo:country="FR"', xml)

    def colour(match: re.Match) -> str:
        return re.sub(r"<style:text-properties ", f'<style:text-properties fo:color="#{ACCENT.lower()}" ', match.group(0), count=1)

    return re.sub(r'<style:style style:name="(Heading_20_[1-3]|Title)".*?</style:style>', colour, xml, flags=re.S)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "reference.docx"
        odt = Path(folder) / "reference.odt"
        default_file("reference.docx", docx)
        default_file("reference.odt", odt)
        rewrite(docx, "word/styles.xml", docx_styles)
        docx_footer(docx)
        # Word fills the table of contents (a field) when the document opens.
        rewrite(docx, "word/settings.xml", lambda xml: xml.replace("</w:settings>", '<w:updateFields w:val="true" /></w:settings>', 1))
        rewrite(odt, "styles.xml", odt_styles)
        shutil.copyfile(docx, HERE / "reference.docx")
        shutil.copyfile(odt, HERE / "reference.odt")


if __name__ == "__main__":
    main()
