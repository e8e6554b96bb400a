def no_newline_at_end():
    return 1