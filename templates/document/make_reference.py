"""Regenerate `reference.docx` and `reference.odt` from Pandoc's defaults, with pst's styles.

Run from the repository: `python templates/document/make_reference.py`. Pandoc's own
reference documents are taken as they are and only a few styles are changed (French
language, heading colour and weight, bordered tables with a shaded header row, each
chapter on a new page), so the named styles Pandoc writes into (Heading 1, Body Text,
Table…) all exist. The styles `office.lua` writes with are added: the cover's details
and notices (`PstCoverDetail`, `PstCoverNotice`), the table of contents (`PstTocHeading`,
`PstToc1`, `PstToc2`); the cover has no page number (Word: a first-page footer left
empty; OpenDocument: a master page without footer).
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
FIRST_FOOTER_ID = "rIdPstFirstFooter"
EMPTY_FOOTER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer" /></w:pPr></w:p></w:ftr>
"""
"""The footer of the cover: none."""
TEXT_WIDTH = 9070
"""Width of the text in twentieths of a point: A4 (11906) less two margins of 2.5 cm (1418)."""


def docx_theme(xml: str) -> str:
    """Calibri rather than Aptos: every Word since 2007 has it, and LibreOffice has Carlito, which has its
    metrics, so that the document is laid out the same everywhere (Aptos falls back to a wider font)."""
    return xml.replace('typeface="Aptos Display"', 'typeface="Calibri"').replace('typeface="Aptos"', 'typeface="Calibri"')


def docx_footer(archive: Path) -> None:
    """Add the page-number footer (none on the cover) and A4 page settings to the reference document."""
    with zipfile.ZipFile(archive, "a") as target:
        target.writestr("word/footer1.xml", FOOTER)
        target.writestr("word/footer2.xml", EMPTY_FOOTER)
    rewrite(
        archive,
        "word/_rels/document.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Id="{FOOTER_ID}" Target="footer1.xml" />'
            f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Id="{FIRST_FOOTER_ID}" Target="footer2.xml" /></Relationships>',
        ),
    )
    rewrite(
        archive,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />'
            '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" /></Types>',
        ),
    )
    rewrite(
        archive,
        "word/document.xml",
        lambda xml: xml.replace(
            "<w:sectPr>",
            f'<w:sectPr>\n      <w:footerReference w:type="default" r:id="{FOOTER_ID}" />'
            f'\n      <w:footerReference w:type="first" r:id="{FIRST_FOOTER_ID}" />'
            '\n      <w:pgSz w:w="11906" w:h="16838" />'
            '\n      <w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0" />'
            '\n      <w:titlePg />',
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
    # Tables in 9.5 pt, as in the PDF: the columns are sized for it (render/tables.py).
    xml = re.sub(
        r'(<w:style w:type="table" w:default="1" w:styleId="Table">.*?)(<w:tblPr>)',
        lambda m: m.group(1) + '<w:rPr><w:sz w:val="19" /><w:szCs w:val="19" /></w:rPr>' + m.group(2),
        xml,
        count=1,
        flags=re.S,
    )
    # Links in the accent colour, not underlined, as in the PDF (the table of contents is links).
    xml = re.sub(
        r'(<w:style w:type="character" w:customStyle="1" w:styleId="Hyperlink">.*?<w:rPr>).*?(</w:rPr>)',
        lambda m: m.group(1) + f'<w:color w:val="{ACCENT}" />' + m.group(2),
        xml,
        count=1,
        flags=re.S,
    )
    return xml.replace("</w:styles>", DOCX_STYLES + "</w:styles>")


def _docx_paragraph(name: str, ppr: str, rpr: str, based_on: str = "Normal") -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name}"><w:name w:val="{name}" /><w:basedOn w:val="{based_on}" />'
        f'<w:qFormat /><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>\n'
    )


DOCX_STYLES = (
    _docx_paragraph("PstCoverDetail", '<w:spacing w:before="60" w:after="60" /><w:jc w:val="center" />', '<w:color w:val="4D5B69" /><w:sz w:val="24" />')
    + _docx_paragraph(
        "PstCoverNotice",
        '<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="A35A00" /></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FFF4E5" />'
        '<w:spacing w:before="360" w:after="120" /><w:ind w:left="567" w:right="567" />',
        '<w:color w:val="7A4300" /><w:sz w:val="20" />',
    )
    + _docx_paragraph("PstTocHeading", "", "", based_on="TOCHeading")
    + _docx_paragraph(
        "PstToc1", f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}" /></w:tabs><w:spacing w:before="120" w:after="40" />', "<w:b />"
    )
    + _docx_paragraph("PstToc2", f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}" /></w:tabs><w:spacing w:before="0" w:after="20" /><w:ind w:left="440" />', "")
)
"""The styles office.lua writes the cover and the table of contents with."""


def odt_styles(xml: str) -> str:
    xml = re.sub(r'fo:language="[a-z]+" fo:country="[A-Z]+"', 'fo:language="fr" fo:country="FR"', xml)

    def colour(match: re.Match) -> str:
        return re.sub(r"<style:text-properties ", f'<style:text-properties fo:color="#{ACCENT.lower()}" ', match.group(0), count=1)

    xml = re.sub(r'<style:style style:name="(Heading_20_[1-3]|Title)".*?</style:style>', colour, xml, flags=re.S)

    def new_page(match: re.Match) -> str:
        # Each chapter starts a page.
        return re.sub(r"<style:text-properties ", '<style:paragraph-properties fo:break-before="page" />\n      <style:text-properties ', match.group(0), count=1)

    xml = re.sub(r'<style:style style:name="Heading_20_1".*?</style:style>', new_page, xml, count=1, flags=re.S)

    def small(match: re.Match) -> str:
        # Tables in 9.5 pt, as in the PDF and the Word document.
        style = match.group(0)
        if "<style:text-properties " in style:
            return style.replace("<style:text-properties ", '<style:text-properties fo:font-size="9.5pt" ', 1)
        return style.replace("</style:style>", '<style:text-properties fo:font-size="9.5pt" /></style:style>')

    xml = re.sub(r'<style:style style:name="Table_20_(Contents|Heading)".*?</style:style>', small, xml, flags=re.S)
    xml = xml.replace("</office:styles>", ODT_STYLES + "</office:styles>", 1)
    # The cover has a master page of its own, without the page number.
    return xml.replace("<office:master-styles>", '<office:master-styles>\n    <style:master-page style:name="PstCover" style:page-layout-name="Mpm1" />', 1)


def _odt_paragraph(name: str, paragraph: str, text: str, extra: str = "", inside: str = "") -> str:
    return (
        f'<style:style style:name="{name}" style:display-name="{name}" style:family="paragraph" style:parent-style-name="Standard"{extra}>'
        f"<style:paragraph-properties {paragraph}>{inside}</style:paragraph-properties><style:text-properties {text}/></style:style>\n"
    )


_TOC_TAB = '<style:tab-stops><style:tab-stop style:position="16cm" style:type="right" style:leader-style="dotted" style:leader-text="." /></style:tab-stops>'
ODT_STYLES = (
    _odt_paragraph(
        "Title", 'fo:text-align="center" fo:margin-top="6cm" fo:margin-bottom="0.4cm"', f'fo:font-size="26pt" fo:font-weight="bold" fo:color="#{ACCENT.lower()}"',
        ' style:master-page-name="PstCover"',
    )
    + _odt_paragraph("Subtitle", 'fo:text-align="center" fo:margin-bottom="0.8cm"', 'fo:font-size="15pt"')
    + _odt_paragraph("Author", 'fo:text-align="center" fo:margin-bottom="0.2cm"', 'fo:font-size="12pt" fo:color="#4d5b69"')
    + _odt_paragraph("Date", 'fo:text-align="center" fo:margin-bottom="0.6cm"', 'fo:font-size="11pt" fo:color="#4d5b69"')
    + _odt_paragraph("PstCoverDetail", 'fo:text-align="center" fo:margin-bottom="0.15cm"', 'fo:font-size="12pt" fo:color="#4d5b69"')
    + _odt_paragraph(
        "PstCoverNotice",
        'fo:margin-top="0.8cm" fo:margin-left="1cm" fo:margin-right="1cm" fo:padding="0.25cm" fo:background-color="#fff4e5" '
        'fo:border-left="0.1cm solid #a35a00" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"',
        'fo:font-size="10pt" fo:color="#7a4300"',
    )
    + _odt_paragraph(
        "PstTocHeading", 'fo:margin-bottom="0.5cm"', f'fo:font-size="19pt" fo:font-weight="bold" fo:color="#{ACCENT.lower()}"',
        ' style:master-page-name="Standard"',
    )
    + _odt_paragraph("PstToc1", 'fo:margin-top="0.2cm" fo:margin-bottom="0.05cm"', 'fo:font-weight="bold"', inside=_TOC_TAB)
    + _odt_paragraph("PstToc2", 'fo:margin-left="0.8cm" fo:margin-bottom="0.03cm"', "", inside=_TOC_TAB)
)
"""The styles of the cover (on its own master page) and of the table of contents that office.lua writes with."""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "reference.docx"
        odt = Path(folder) / "reference.odt"
        default_file("reference.docx", docx)
        default_file("reference.odt", odt)
        rewrite(docx, "word/styles.xml", docx_styles)
        rewrite(docx, "word/theme/theme1.xml", docx_theme)
        docx_footer(docx)
        rewrite(odt, "styles.xml", odt_styles)
        shutil.copyfile(docx, HERE / "reference.docx")
        shutil.copyfile(odt, HERE / "reference.odt")


if __name__ == "__main__":
    main()
