first = 1
    second = 2   

fourth = 4
