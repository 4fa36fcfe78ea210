"""Word documents: reading a DOCX without trusting it, and the anchors pst puts in the DOCX it writes.

- `package`: open a `.docx` as what it claims to be (a zip of XML parts), refusing a
  Word 97 file, a password-protected one, a damaged one or one too large, before
  Pandoc or an XML parser reads a byte of it;
- `pandoc`: the document as Pandoc's AST (`--sandbox`), and the words of its nodes;
- `review`: the comments and tracked changes of a document, with the anchors around them;
- `anchors`: the names of the bookmarks `pst render` wraps around each entity.

Nothing here knows about projects: `scaffold/` turns a document into a project,
`editing/` carries comments and changes back into one.
"""
