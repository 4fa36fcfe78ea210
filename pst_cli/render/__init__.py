"""`pst render`: the formal document, from the project's files to DOCX, ODT, PDF, HTML and Markdown.

Modules, in the order data flows: `view` (project → view model, French formats from
`typography`, tables from `tables`), `figures` (matplotlib PNGs), `templating` (the
sandboxed Jinja environment), `pipeline` (Pandoc and Typst, atomic writes).
"""
