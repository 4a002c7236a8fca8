" .rbk files are ssmc runbooks (docs/language.md).
autocmd BufRead,BufNewFile *.rbk setfiletype ssmc
