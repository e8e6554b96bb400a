# Strings that look like code must not open scopes: def f(): class C: lambda: (
import re

TEXT = """
def not_a_function():
    class NotAClass:
        pass
"""
RAW = r'\'' + r"\"" + R'''\'x''' + rb'\\' + Rb"x" + bR'''y''' + BR"z"
BYTES = b'def' + B"class" + br'lambda' + u'(' + U")"
CONT = 'a\
def b(): pass'
BIG = '''one ' two '' three \''' four'''


def after_strings():
    s = """
    def inside():
        pass
    """  # a comment with def and class and (
    t = 'it''s' "a" 'test' \
        "continued"
    return s, t, TEXT, RAW, BYTES, CONT, BIG


class Holder:
    doc = '''
    class Fake:
    '''
    pattern = re.compile(r"""
        ( \d+ )   # def and ( and " and '
    """, re.X)

    def method(self):
        return self.doc


def last():
    return """unterminated-looking \"""" + '"'
