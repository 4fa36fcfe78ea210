-- The document links each mention of an entity (a finding, an objective, an action…)
-- to the place that presents it. A link whose target is not in the document (a
-- customised template left the chapter out) becomes its text, and an anchor written
-- twice keeps its first place: Typst refuses both, HTML and Word would jump nowhere.
-- An id typed in a text (« constats C1 et C2 », « l'enjeu E5 ») becomes a link too.
local ids = {}

-- Typst repeats a table's header rows on every page the table spans: an anchor there
-- would be written several times. The PDF keeps the text, without the anchor.
local function header_anchors_out(tbl)
  if FORMAT ~= "typst" then
    return nil
  end
  local function clear(element)
    element.identifier = ""
    return element
  end
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.contents = pandoc.Blocks(cell.contents):walk({ Span = clear })
    end
  end
  return tbl
end

-- An entity's heading holds its title as its anchor, a span: Word and LibreOffice then
-- bookmark the title alone (`pst import comments` reads it back), and office.lua writes
-- the contents without it. Elsewhere the heading itself takes the name, as the one
-- anchor of the entity: HTML's table of contents repeats a heading's inlines, ids
-- included.
local function heading_anchor(header)
  if FORMAT == "docx" or FORMAT == "odt" then
    return nil
  end
  local found = nil
  for index, inline in ipairs(header.content) do
    if inline.t == "Span" and inline.identifier ~= "" then
      if found then
        return nil
      end
      found = index
    end
  end
  if not found then
    return nil
  end
  local span = header.content[found]
  header.identifier = span.identifier
  header.content:remove(found)
  for offset, inline in ipairs(span.content) do
    header.content:insert(found + offset - 1, inline)
  end
  return header
end

local function collect(element)
  if element.identifier ~= "" then
    ids[element.identifier] = ids[element.identifier] or element.tag
  end
end

-- The live preview (`pst serve`) converts the document in parts. It gives each part the
-- anchors of the whole document (`-V pst-anchors=…`, ids separated by spaces), so that a
-- link to another part is kept as in the whole document, and reads on the standard error
-- the anchors the part defines (`pst-anchors`, then `pst-anchor Header|Span|Div id` lines). Ids are only compared.
local function whole_document(doc)
  local given = PANDOC_WRITER_OPTIONS.variables["pst-anchors"]
  if given == nil then
    return nil
  end
  io.stderr:write("pst-anchors\n")
  for id, tag in pairs(ids) do
    io.stderr:write("pst-anchor " .. tag .. " " .. id .. "\n")
  end
  for id in tostring(given):gmatch("%S+") do
    ids[id] = ids[id] or "given"
  end
end

local seen = {}

local function once(element)
  if element.identifier ~= "" then
    if seen[element.identifier] then
      element.identifier = ""
      return element
    end
    seen[element.identifier] = true
  end
end

local function resolved(link)
  local target = link.target:match("^#(.+)$")
  if target and not ids[target] then
    return link.content
  end
end

-- Kinds of anchors whose ids are linked where a text names them: ids that read as
-- references (C1, E5, A1.OG2, FA-03, a workshop's dated id), not as words.
local MENTIONED = { finding = true, challenge = true, objective = true, action = true, workshop = true }
local mentioned = nil

local function mentions()
  local found, twice = {}, {}
  for id in pairs(ids) do
    local kind, bare = id:match("^(%a+)%-(.+)$")
    if kind and MENTIONED[kind] then
      if found[bare] then
        twice[bare] = true
      end
      found[bare] = id
    end
  end
  for bare in pairs(twice) do
    found[bare] = nil
  end
  return found
end

-- French typography joins an id to its punctuation by a (narrow) no-break space, inside
-- one Str: « C8 », (C8) : — those spaces stand for one byte each while the id is found.
local SPACES = { ["\u{202F}"] = "\1", ["\u{A0}"] = "\2" }
local BACK = { ["\1"] = "\u{202F}", ["\2"] = "\u{A0}" }

local function linked(str)
  mentioned = mentioned or mentions()
  local text = str.text:gsub("\u{202F}", SPACES):gsub("\u{A0}", SPACES)
  local before, word, after = text:match("^([%(%[«\1\2]*)(.-)([%)%],%.;:!%?»\1\2]*)$")
  local target = word and mentioned[word]
  if not target then
    return nil
  end
  before, after = before:gsub("[\1\2]", BACK), after:gsub("[\1\2]", BACK)
  local out = pandoc.Inlines({})
  if before ~= "" then
    out:insert(pandoc.Str(before))
  end
  out:insert(pandoc.Link({ pandoc.Str(word) }, "#" .. target))
  if after ~= "" then
    out:insert(pandoc.Str(after))
  end
  return out, false
end

local function skip(element)
  return element, false
end

local function skip_anchor(span)
  if span.identifier ~= "" then
    return span, false
  end
end

return {
  { Table = header_anchors_out, Header = heading_anchor },
  { Header = collect, Span = collect, Div = collect },
  { Pandoc = whole_document },
  { Header = once, Span = once, Div = once, Link = resolved },
  { traverse = "topdown", Header = skip, Link = skip, Span = skip_anchor, Image = skip, Str = linked },
}
