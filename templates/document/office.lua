-- Word (docx) and OpenDocument (odt): the cover, the table of contents and the heading
-- numbers are written into the document itself, so that Word and LibreOffice show them
-- as they open it, without updating a field.
--
-- * Headings get their number as text (« 2.1 »), as in the PDF.
-- * The cover, after the title block Pandoc writes (title, subtitle, structure, kind),
--   gets the territory, the period, and the draft and illustration notices.
-- * The table of contents is a list of links to the headings of levels 1 and 2, each
--   with a page reference that LibreOffice computes as it lays the pages out (Word fills
--   it in when it prints, or on F9).
-- Styles (PstCoverDetail, PstToc1…) come from reference.docx / reference.odt.
local stringify = pandoc.utils.stringify

local function meta_text(meta, key)
  return meta[key] and stringify(meta[key]) or ""
end

local function styled(style, blocks)
  return pandoc.Div(blocks, { ["custom-style"] = style })
end

local function xml(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function page_reference(id)
  if FORMAT == "docx" then
    local run = '<w:r><w:fldChar w:fldCharType="%s"/></w:r>'
    return pandoc.RawInline("openxml", '<w:r><w:tab/></w:r>' .. run:format("begin")
      .. '<w:r><w:instrText xml:space="preserve"> PAGEREF ' .. xml(id) .. ' \\h </w:instrText></w:r>'
      .. run:format("separate") .. run:format("end"))
  end
  return pandoc.RawInline("opendocument", '<text:tab/><text:bookmark-ref text:reference-format="page" text:ref-name="'
    .. xml(id) .. '">…</text:bookmark-ref>')
end

function Pandoc(doc)
  local counters = { 0, 0, 0, 0, 0, 0 }
  local entries = {}
  doc.blocks = doc.blocks:walk({
    Header = function(header)
      if not header.classes:includes("unnumbered") then
        counters[header.level] = counters[header.level] + 1
        for level = header.level + 1, 6 do
          counters[level] = 0
        end
        local parts = {}
        for level = 1, header.level do
          parts[#parts + 1] = tostring(counters[level])
        end
        header.content:insert(1, pandoc.Space())
        header.content:insert(1, pandoc.Span({ pandoc.Str(table.concat(parts, ".")) }, { ["custom-style"] = "SectionNumber" }))
      end
      if header.level <= 2 then
        -- A short bookmark of its own inside the heading: the contents' link and page
        -- reference point there (Word shortens long names, LibreOffice misses some of
        -- the bookmarks Pandoc wraps around a whole section).
        local id = "pst-toc-" .. (#entries + 1)
        -- The entry repeats the heading's text, not the anchors inside it (an entity's
        -- title is its anchor: a second bookmark of that name would steal its links).
        local content = pandoc.Inlines(header.content:clone()):walk({
          Span = function(span)
            span.identifier = ""
            return span
          end,
        })
        entries[#entries + 1] = { level = header.level, id = id, content = content }
        header.content:insert(1, pandoc.Span({}, { id = id }))
      end
      return header
    end,
  })

  local meta = doc.meta
  local cover = {}
  for _, pair in ipairs({ { "territory-label", "territory" }, { "period-label", "period" } }) do
    if meta_text(meta, pair[2]) ~= "" then
      cover[#cover + 1] = styled("PstCoverDetail", { pandoc.Para({ pandoc.Strong(meta_text(meta, pair[1])), pandoc.Space(), pandoc.Str(meta_text(meta, pair[2])) }) })
    end
  end
  for _, key in ipairs({ "draft", "illustrative" }) do
    if meta_text(meta, key) ~= "" then
      cover[#cover + 1] = styled("PstCoverNotice", { pandoc.Para({ pandoc.Str(meta_text(meta, key)) }) })
    end
  end
  local contents = { styled("PstTocHeading", { pandoc.Para({ pandoc.Str(meta_text(meta, "toc-title")) }) }) }
  for _, entry in ipairs(entries) do
    local line = pandoc.Inlines({ pandoc.Link(entry.content, "#" .. entry.id) })
    line:insert(page_reference(entry.id))
    contents[#contents + 1] = styled("PstToc" .. entry.level, { pandoc.Para(line) })
  end
  -- The logo, when there is one, opens the body: the cover's lines go after it.
  local at = 1
  local first = doc.blocks[1]
  if first and first.t == "Para" and #first.content == 1 and first.content[1].t == "Image" then
    at = 2
  end
  for index, block in ipairs(cover) do
    doc.blocks:insert(at + index - 1, block)
  end
  for index, block in ipairs(contents) do
    doc.blocks:insert(at + #cover + index - 1, block)
  end
  return doc
end
