# CRLF line ends
def crlf():
    return """
    text
    """


class C:
    def m(self):
        pass
x = 1
