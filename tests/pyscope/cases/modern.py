# Python 3.12 syntax: type parameters, type aliases, match statements.
type Alias[T] = list[T]


def generic[T: (int, str), *Ts, **P](x: T) -> T:
    return x


class Box[T]:
    def get(self) -> T:
        match self:
            case Box():
                return self.value
            case _:
                def fallback():
                    return None
                return fallback()


def walrus(data):
    if (n := len(data)) > 3:
        return [y for x in data if (y := x)]
    return n
