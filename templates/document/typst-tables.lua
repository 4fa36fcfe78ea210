-- The Typst template shades and bolds the first row of every table, its header. A table
-- without a header (the « rubrique | contenu » pairs of an action sheet) is wrapped in a
-- block that turns that styling off, so its first pair reads like the others.
function Table(tbl)
  if FORMAT ~= "typst" or #tbl.head.rows > 0 then
    return nil
  end
  return {
    pandoc.RawBlock("typst", '#[\n#set table(fill: none)\n#show table.cell.where(y: 0): set text(weight: "regular")'),
    tbl,
    pandoc.RawBlock("typst", "]"),
  }
end
