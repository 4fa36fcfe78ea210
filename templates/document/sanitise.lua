-- The one sanitising pass, run first on every format (docx, odt, html, Typst for the PDF,
-- and the .md output). Text written by users is untrusted: a pull request from outside
-- may hold Pandoc attributes, images and links made to act, not to show. After this
-- filter the document holds:
--   * attributes: identifiers, classes, and only `alt` and `width`/`height` written as
--     `80%`, `12cm`, `300px`: `onerror`, `onclick`, `style`, `formaction`, `href`, `src`…
--     are dropped wherever they were written (spans, divs, headings, links, images, code);
--   * images: pst's own figures (plain file names of the working folder, `figures/NAME`
--     beside the .md output) and inline PNG/JPEG/GIF data, except in Typst, which cannot
--     read data URIs; any other image becomes its description;
--   * links: `http(s)://`, `mailto:` and `#anchor` where the anchor exists; any other
--     link becomes its text;
--   * identifiers: unique (a second `#x` becomes `#x-2`), so Typst's labels never clash.

local KEPT = { alt = true, width = true, height = true }

local function size_ok(value)
  return value:match("^%d+%.?%d*%%$") or value:match("^%d+%.?%d*cm$") or value:match("^%d+%.?%d*mm$")
    or value:match("^%d+%.?%d*px$") or value:match("^%d+%.?%d*in$")
end

local function clean(attr)
  local kept = {}
  for key, value in pairs(attr.attributes) do
    if KEPT[key] and (key == "alt" or size_ok(value)) then
      kept[key] = value
    end
  end
  attr.attributes = kept
  return attr
end

local function clean_element(element)
  if element.attr then
    element.attr = clean(element.attr)
    return element
  end
end

local function own_figure(src)
  if src:match("^[%w_%-]+%.png$") or src:match("^[%w_%-]+%.svg$") or src:match("^[%w_%-]+%.jpe?g$") then
    return true
  end
  if FORMAT:match("markdown") and (src:match("^figures/[%w_%-]+%.png$") or src:match("^figures/[%w_%-]+%.jpe?g$")) then
    return true
  end
  if FORMAT ~= "typst" and (src:match("^data:image/png;base64,") or src:match("^data:image/jpeg;base64,") or src:match("^data:image/gif;base64,")) then
    return true
  end
  return false
end

local function image(img)
  if own_figure(img.src) then
    return nil
  end
  local text = pandoc.utils.stringify(img.caption)
  if text == "" then
    text = img.attributes["alt"] or ""
  end
  return pandoc.Emph({ pandoc.Str("[" .. text .. "]") })
end

-- Identifiers: made unique in the order they appear, then links checked against them.
local ids = {}

local function unique(element)
  if element.attr and element.identifier and element.identifier ~= "" then
    local id = element.identifier
    if ids[id] then
      local n = 2
      while ids[id .. "-" .. n] do
        n = n + 1
      end
      id = id .. "-" .. n
      element.identifier = id
    end
    ids[id] = true
    return element
  end
end

-- The live preview converts the document in parts (`serve/chapters.py`) and gives each the
-- anchors of the whole document (`-V pst-anchors=…`, ids separated by spaces): a link to
-- another part stays a link, as in the whole document. Ids are only compared.
local given = {}
local listed = PANDOC_WRITER_OPTIONS.variables["pst-anchors"]
if listed ~= nil then
  for id in tostring(listed):gmatch("%S+") do
    given[id] = true
  end
end

local function link(element)
  local target = element.target
  if target:match("^https?://") or target:match("^mailto:") then
    return nil
  end
  if target:match("^#") and (ids[target:sub(2)] or given[target:sub(2)]) then
    return nil
  end
  return element.content
end

return {
  { Inline = clean_element, Block = clean_element },
  { Image = image },
  { Inline = unique, Block = unique },
  { Link = link },
}
