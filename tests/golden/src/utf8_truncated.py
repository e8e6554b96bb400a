ok = 1
cut = "â‚"
