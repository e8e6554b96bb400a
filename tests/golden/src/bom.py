bom_line = 1
after_bom = 2
