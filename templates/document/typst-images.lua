-- Pandoc's Typst writer drops an image's alternative text, and PDF/UA needs it:
-- write each image as a Typst call that carries `alt`. Only the width forms
-- `80%` or `12cm` are passed on, so nothing from a document becomes Typst code.
local function typst_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

function Image(img)
  if FORMAT ~= "typst" then
    return nil
  end
  local alt = img.attributes["alt"] or pandoc.utils.stringify(img.caption)
  local call = "image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt)
  local width = img.attributes["width"] or ""
  if width:match("^%d+%%$") or width:match("^%d+%.?%d*cm$") then
    call = call .. ", width: " .. width
  end
  return pandoc.RawInline("typst", "#" .. call .. ")")
end
