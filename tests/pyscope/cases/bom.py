def bom():
    return 1


class Ä:
    def ü(self):
        pass
