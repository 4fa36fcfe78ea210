-- pst's figures reach Pandoc as plain file names of its private working folder (the
-- resource path). This filter puts their bytes into the document itself: the media bag
-- for DOCX and ODT, a data URI for HTML (the vector drawing when pst made one). Pandoc,
-- sandboxed, never opens them, and no image travels through the Markdown reader as
-- base64 text. Only plain names of that folder are read (no `/`, no `..`), and a name
-- that is not there is left to `safe-links.lua`'s rules.
local folder = PANDOC_STATE.resource_path[1]
local types = { png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg", svg = "image/svg+xml" }

local function read(name)
  local file = io.open(folder .. "/" .. name, "rb")
  if not file then
    return nil
  end
  local data = file:read("a")
  file:close()
  return data
end

function Image(img)
  local extension = img.src:match("^[%w_%-]+%.(%a+)$")
  if not folder or not extension or not types[extension:lower()] then
    return nil
  end
  local html = FORMAT:match("html") ~= nil
  local name, data = img.src, nil
  if html and extension:lower() == "png" then
    local vector = img.src:gsub("%.png$", ".svg")
    data = read(vector)
    if data then
      name, extension = vector, "svg"
    end
  end
  data = data or read(name)
  if not data then
    return nil
  end
  if html then
    img.src = pandoc.mediabag.make_data_uri(types[extension:lower()], data)
  else
    pandoc.mediabag.insert(name, types[extension:lower()], data)
  end
  return img
end
