# f-strings as Python 3.12 reads them (PEP 701): quotes of any kind in fields,
# fields over several lines, nested format specs, escapes.
width = 10


def quotes(d):
    a = f"{d["key"]}" + f'{d['key']}' + f"""{d["key"]}""" + F'{"nested" + f"{d!r}"}'
    b = f"{'{'}{{literal}}{'}'}" + rf"\{width}" + fr'\N{{x}}' + f"\N{BULLET} {width}"
    c = f"{width:>{width}}" + f"{width!r:^{width + 2}.{3}}" + f"{width=}" + f"{width:=10}"
    return a, b, c


def multiline(items):
    text = f"{
        ', '.join(
            str(i) for i in items
        )
    }"
    more = f'''
    {(lambda x: (
        x + 1))(2)}
    '''
    return text, more


class Formats:
    template = f"{'def'} {'class'}: {width != 3}"

    def render(self, value):
        return f"{value:{'<' if value else '>'}{width}}" + f'{
            [f"{v}" for v in range(3)]
        }'


def after():
    return f"{f"{f"{1}"}"}"
