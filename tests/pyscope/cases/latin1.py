# -*- coding: latin-1 -*-
def café():
    return "été"


class Été:
    def méthode(self):
        pass
