-- Typst keeps a heading with the block that follows it, but not with what follows that:
-- a heading, then one short line (« Action du volet famille », « Répond aux enjeux… »),
-- then a table that does not fit would leave the heading and its line alone at the foot
-- of a page. Such short lines, and the bold labels that introduce a list or a table
-- (« Résultats attendus »), are made sticky too: they go to the next page with what
-- they introduce.
local SHORT = 320

local function is_label(block)
  if block.t ~= "Para" or #block.content == 0 then
    return false
  end
  for _, inline in ipairs(block.content) do
    if inline.t ~= "Strong" and inline.t ~= "Emph" and inline.t ~= "Space" then
      return false
    end
  end
  return true
end

local function short(block)
  return block.t == "Para" and #pandoc.utils.stringify(block) <= SHORT
end

local function sticky(block)
  return { pandoc.RawBlock("typst", "#block(sticky: true)["), block, pandoc.RawBlock("typst", "]") }
end

function Blocks(blocks)
  if FORMAT ~= "typst" then
    return nil
  end
  local out = pandoc.Blocks({})
  local after_heading = 0
  for index, block in ipairs(blocks) do
    local following = blocks[index + 1]
    if block.t == "Header" then
      after_heading = 2
      out:insert(block)
    elseif following and ((after_heading > 0 and short(block)) or is_label(block)) then
      out:extend(sticky(block))
      after_heading = after_heading - 1
    else
      after_heading = 0
      out:insert(block)
    end
  end
  return out
end
