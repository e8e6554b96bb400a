good = 1
bad = "ÿþ"
later = 3
