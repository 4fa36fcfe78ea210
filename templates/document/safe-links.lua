-- Text written by users may hold Markdown images and links. Pandoc runs sandboxed, but
-- an image pointing outside the document (`/etc/passwd`, `../secret.png`, a URL) would
-- still make it try, and a `javascript:` link would reach the HTML. Keep only what is
-- safe: pst's own figures (plain file names of the working folder) and inline data
-- images; any other image becomes its description, any other link its text.
local function own_figure(src)
  return src:match("^[%w_%-]+%.png$") or src:match("^[%w_%-]+%.svg$") or src:match("^[%w_%-]+%.jpe?g$") or src:match("^data:image/")
end

local function safe_target(target)
  return target:match("^https?://") or target:match("^mailto:") or target:match("^#")
end

function Image(img)
  if own_figure(img.src) then
    return nil
  end
  local text = pandoc.utils.stringify(img.caption)
  if text == "" then
    text = img.attributes["alt"] or ""
  end
  return pandoc.Emph({ pandoc.Str("[" .. text .. "]") })
end

function Link(link)
  if safe_target(link.target) then
    return nil
  end
  return link.content
end
