ok = 1
beyond = "ô€€"
