line_one = 1
last_line_without_newline = 2