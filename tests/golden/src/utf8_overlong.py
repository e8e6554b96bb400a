ok = 1
overlong = "à€¯"
