ok = 1
surrogate = "í €"
