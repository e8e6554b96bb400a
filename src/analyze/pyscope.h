/*
 * The function or class each line of a Python source file runs in, named
 * as Python's __qualname__ names it ("Cache.get", "main.<locals>.handler",
 * "<module>"). An index keeps a record per function, class, lambda and
 * generator expression, not per line, and copies what it needs of the text.
 *
 * Which lines a scope names (see memsnap(1), FUNCTION NAMES): a def or
 * class names the lines of its body, from the line after its header's
 * colon (the colon's own line when the body starts on it) to its last
 * line; its decorators and header run in the enclosing scope, which
 * creates the function or class there. A lambda or generator expression
 * names its lines after the first, which it shares with the code that
 * creates it. List, set and dict comprehensions run inline, as in Python
 * 3.12 and later. A nested def is "outer.<locals>.name", a method
 * "Class.name", and a def or class its enclosing scope declares global
 * just "name".
 */
#ifndef MEMSNAP_PYSCOPE_H
#define MEMSNAP_PYSCOPE_H

#include <stddef.h>
#include <stdint.h>

struct ms_pyscope;

/*
 * Indexes text: Python source decoded to UTF-8. Source Python would refuse
 * gets an index as good as can be made. NULL on no memory.
 */
struct ms_pyscope *ms_pyscope_new(const char *text, size_t len);
void ms_pyscope_free(struct ms_pyscope *ps);

/* How many lines the text has, as linecache counts them. */
uint32_t ms_pyscope_lines(const struct ms_pyscope *ps);

/* The module level, as a scope. */
#define MS_PYSCOPE_MODULE (-1)

/*
 * The innermost scope naming line lineno (1-based): an index below
 * ms_pyscope_count(), or MS_PYSCOPE_MODULE.
 */
int32_t ms_pyscope_at(const struct ms_pyscope *ps, uint32_t lineno);

size_t ms_pyscope_count(const struct ms_pyscope *ps);

/* The lines a scope names (first > last: none) and the line it starts on. */
void ms_pyscope_lines_of(const struct ms_pyscope *ps, int32_t scope, uint32_t *first,
			 uint32_t *last, uint32_t *start);

/*
 * A scope's qualified name, "<module>" for MS_PYSCOPE_MODULE. The bytes
 * are valid until the next call on ps; NULL on no memory.
 */
const char *ms_pyscope_qualname(struct ms_pyscope *ps, int32_t scope, size_t *len);

/*
 * The qualified name of line lineno, as the two calls above give it;
 * NULL when the text has no such line or on no memory.
 */
const char *ms_pyscope_name(struct ms_pyscope *ps, uint32_t lineno, size_t *len);

#endif
