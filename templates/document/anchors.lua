-- The document links each mention of an entity (a finding, an objective, an action…)
-- to the place that presents it. A link whose target is not in the document (a
-- customised template left the chapter out) becomes its text, and an anchor written
-- twice keeps its first place: Typst refuses both, HTML and Word would jump nowhere.
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

local function collect(element)
  if element.identifier ~= "" then
    ids[element.identifier] = true
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

return {
  { Table = header_anchors_out },
  { Header = collect, Span = collect, Div = collect },
  { Header = once, Span = once, Div = once, Link = resolved },
}
