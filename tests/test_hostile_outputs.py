"""Hostile projects, outputs: every format is inert, whatever a chapter or a template holds.

The chapter `fixtures/hostile_outputs/section.md` holds event handlers in Pandoc
attributes (on images, spans, links, divs, headings), images and links out of the
document, raw HTML and Typst, and a YAML metadata block that would inject Typst code and
a remote style sheet. The project's `templates/style.css` closes `</style>`, opens
`<script>` and imports remote style sheets. The five formats are written once and read
back as a reader's software would.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, copy_project, run_pst

PAYLOADS = FIXTURES / "hostile_outputs"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = copy_project(EXAMPLES / "meaux", tmp_path_factory.mktemp("outputs") / "meaux")
    shutil.copyfile(PAYLOADS / "section.md", root / "sections" / "edito.md")
    (root / "templates").mkdir()
    shutil.copyfile(PAYLOADS / "style.css", root / "templates" / "style.css")
    result = run_pst("render", root, "--to", "docx,odt,pdf,html,md", "--quiet")
    assert result.code == 0, result.output
    return root / "build"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_html_has_no_handler_script_or_remote_resource(hostile):
    tags = Tags()
    tags.feed((hostile / "meaux.html").read_text(encoding="utf-8"))
    names = [tag for tag, _ in tags.seen]
    assert not {"script", "iframe", "object", "embed", "link", "base", "form"} & set(names)
    attributes = [(tag, name, value or "") for tag, attrs in tags.seen for name, value in attrs]
    assert not [a for a in attributes if a[1].startswith("on") or a[1] in ("formaction", "srcdoc")]
    # Pandoc's own `style` attributes (column widths) stay; none from the chapter does.
    assert not [a for a in attributes if a[1] == "style" and not re.fullmatch(r"width: ?[\d.]+%;?", a[2])]
    assert not [a for a in attributes if a[1] == "src" and not a[2].startswith(("data:image/png;", "data:image/jpeg;", "data:image/svg+xml;"))]
    # The vector figures are pst's own (drawn by Typst from chart data), shown as images, where a
    # browser runs no script anyway: none holds a script, a handler or a link out.
    import base64

    for _, _, value in (a for a in attributes if a[1] == "src" and a[2].startswith("data:image/svg+xml;base64,")):
        svg = base64.b64decode(value.split(",", 1)[1]).decode("utf-8")
        assert "<script" not in svg and " on" not in svg.replace(" only", "") and "http" not in svg.replace("http://www.w3.org/", "")
    assert not [a for a in attributes if a[1] == "href" and not a[2].startswith(("#", "https://example.org", "mailto:"))], attributes
    css = "\n".join(tags.styles)
    assert "@import" not in css and "evil.example" not in css and "expression(" not in css
    assert "\\3c /style>" in css  # the override's `</style>` is shown to CSS as text


def test_markdown_output_holds_no_raw_markup(hostile):
    text = (hostile / "meaux.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"`[^`]*`", "", text)
    assert not re.search(r"(?<!\\)<(script|img|b)\b", outside_code)  # escaped (`\<`) when not shown as code
    assert not re.search(r"\{[^}]*\b(on\w+|style|formaction)=", outside_code)  # no attribute left on any element
    assert "../../etc/passwd" not in text and "evil.example/pixel" not in text
    assert not re.search(r"[^\s`]`\{=", text)  # `code`{=html} would be raw HTML to the next reader
    assert "`<b>brut</b>`\\{=html}" in text
    assert "```{=" not in text
    assert "*\\[passwd\\]*" in text  # the image out of the document became its description


def test_markdown_output_reads_back_without_raw_markup(hostile):
    """The `.md` file read by Pandoc with every extension on (raw HTML included) still gives no raw element."""
    import pypandoc

    native = pypandoc.convert_file(str(hostile / "meaux.md"), "native", format="markdown")
    assert "RawInline" not in native and "RawBlock" not in native


def test_metadata_block_in_a_chapter_is_text(hostile):
    """A `---` block in a chapter sets no variable: the Typst code it holds is printed, not run."""
    from pypdf import PdfReader

    pdf = "\n".join(page.extract_text() for page in PdfReader(hostile / "meaux.pdf").pages)
    assert "INJECTE" in pdf and "logo-alt" in pdf
    html = (hostile / "meaux.html").read_text(encoding="utf-8")
    assert "meta.css" not in "".join(re.findall(r"<link[^>]*>", html))
    assert "logo-alt:" in html  # shown as text


def test_office_documents_hold_no_active_link(hostile):
    for name, members in (("meaux.docx", ("word/document.xml", "word/_rels/document.xml.rels")), ("meaux.odt", ("content.xml",))):
        with zipfile.ZipFile(hostile / name) as archive:
            for member in members:
                xml = archive.read(member).decode("utf-8")
                assert "javascript:" not in xml, (name, member)
                # Remote addresses appear only as the chapter's visible text, never as a target.
                assert not re.search(r'(Target|xlink:href)="[^"]*evil\.example', xml), (name, member)
                assert "script:event-listener" not in xml and "onclick" not in xml, (name, member)
            assert not [m for m in archive.namelist() if m.lower().endswith((".js", ".bin")) or "vbaProject" in m], name


def test_pdf_has_no_action_but_web_links(hostile):
    from pypdf import PdfReader

    reader = PdfReader(hostile / "meaux.pdf")
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
    assert "/OpenAction" not in reader.trailer["/Root"]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                assert action.get("/S") in ("/URI", "/GoTo"), action
                if action.get("/S") == "/URI":
                    assert str(action["/URI"]).startswith(("https://example.org", "mailto:")), action


# Typst and the network ------------------------------------------------------------------


class Listener:
    """A local TCP port that records every connection made to it (a proxy that never answers)."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


def test_a_template_importing_a_typst_package_reaches_no_network(tmp_path):
    """`#import "@preview/…"` in a project's `pst.typ`: the PDF is refused, and no connection is made,
    even with the user's proxy variables pointing at a proxy that would take it."""
    root = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    (root / "templates").mkdir()
    shipped = (Path(__file__).resolve().parent.parent / "templates" / "document" / "pst.typ").read_text(encoding="utf-8")
    (root / "templates" / "pst.typ").write_text('#import "@preview/cetz:0.3.4": canvas\n' + shipped, encoding="utf-8")
    listener = Listener()
    proxy = f"http://127.0.0.1:{listener.port}"
    try:
        result = run_pst("render", root, "--to", "pdf", "--quiet", env={"HTTPS_PROXY": proxy, "https_proxy": proxy, "ALL_PROXY": proxy})
    finally:
        listener.close()

    assert result.code == 1, result.output
    assert "Typst" in result.err and "cetz" in result.err
    assert listener.connections == 0
    assert not (root / "build" / "meaux.pdf").exists()

