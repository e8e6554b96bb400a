ok = 1
largest = "􏿿"
