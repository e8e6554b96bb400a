/*
 * Python's tokenizer (Parser/tokenizer.c) reduced to what pytoken.h
 * promises. f-strings follow PEP 701: a field is code, closed by the '}'
 * at its own bracket depth, so quotes of any kind may nest in it; every
 * f-string older Pythons accept reads the same way.
 */
#include <string.h>

#include "pytoken.h"

void ms_pytokenizer_init(struct ms_pytokenizer *tz, const char *text, size_t len)
{
	memset(tz, 0, sizeof(*tz));
	tz->s = text;
	tz->len = len;
	tz->line = 1;
	tz->at_bol = true;
}

static int at(const struct ms_pytokenizer *tz, size_t pos)
{
	return pos < tz->len ? (unsigned char)tz->s[pos] : -1;
}

/* The length of the line ending at pos: 2 for "\r\n", 1 for "\n" or "\r", else 0. */
static size_t newline_at(const struct ms_pytokenizer *tz, size_t pos)
{
	int c = at(tz, pos);

	if (c == '\r')
		return at(tz, pos + 1) == '\n' ? 2 : 1;
	return c == '\n';
}

/* Consumes the line end at pos, if any; true when there was one. */
static bool eat_newline(struct ms_pytokenizer *tz)
{
	size_t n = newline_at(tz, tz->pos);

	if (!n)
		return false;
	tz->pos += n;
	tz->line++;
	return true;
}

static bool is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void emit(struct ms_pytokenizer *tz, struct ms_pytok *tok, enum ms_pytok_kind kind,
		 size_t start, uint32_t line)
{
	tok->kind = kind;
	tok->text = tz->s + start;
	tok->len = tz->pos - start;
	tok->line = line;
	tok->end_line = tz->line;
	tok->starts_line = tz->line_start;
	tok->indent = tz->indent;
	tz->line_start = false;
	tz->in_logical = true;
}

static struct pytok_mode *top(struct ms_pytokenizer *tz)
{
	return tz->nmodes ? &tz->modes[tz->nmodes - 1] : NULL;
}

/* An f-string's closing quote at pos: its length, or 0. */
static size_t closing_quote(const struct ms_pytokenizer *tz, const struct pytok_mode *m, size_t pos)
{
	if (at(tz, pos) != m->quote)
		return 0;
	if (!m->triple)
		return 1;
	return at(tz, pos + 1) == m->quote && at(tz, pos + 2) == m->quote ? 3 : 0;
}

/*
 * A string after its opening quote, to its closing one. A backslash keeps
 * the character after it from closing the string, raw or not; a line end
 * closes a single-quoted string that Python would call unterminated.
 */
static void skip_string(struct ms_pytokenizer *tz, int quote, bool triple)
{
	while (tz->pos < tz->len) {
		int c = at(tz, tz->pos);
		if (c == '\\') {
			tz->pos++;
			if (!eat_newline(tz) && tz->pos < tz->len)
				tz->pos++;
		} else if (c == quote) {
			tz->pos++;
			if (!triple)
				return;
			if (at(tz, tz->pos) == quote && at(tz, tz->pos + 1) == quote) {
				tz->pos += 2;
				return;
			}
		} else if (newline_at(tz, tz->pos)) {
			if (!triple)
				return;
			eat_newline(tz);
		} else {
			tz->pos++;
		}
	}
}

static void push_field(struct ms_pytokenizer *tz)
{
	struct pytok_mode *m = &tz->modes[tz->nmodes++];

	memset(m, 0, sizeof(*m));
	m->field = 1;
	m->base = ++tz->depth;
}

static void pop_field(struct ms_pytokenizer *tz)
{
	tz->nmodes--;
	tz->depth--;
}

/*
 * The literal text of the f-string on top, up to a field's '{' (a token)
 * or the closing quote (the f-string's STRING token). "{{" and "}}" are
 * text; so is "\N{...}" when the string is not raw.
 */
static void fstring_text(struct ms_pytokenizer *tz, struct ms_pytok *tok)
{
	struct pytok_mode *m = top(tz);
	size_t start = tz->pos, q;

	while (tz->pos < tz->len) {
		int c = at(tz, tz->pos);
		if (c == '\\') {
			int n = at(tz, tz->pos + 1);
			if (!m->raw && n == 'N' && at(tz, tz->pos + 2) == '{') {
				tz->pos += 3;
				while (tz->pos < tz->len && at(tz, tz->pos) != '}' &&
				       !closing_quote(tz, m, tz->pos) && !newline_at(tz, tz->pos))
					tz->pos++;
				if (at(tz, tz->pos) == '}')
					tz->pos++;
				continue;
			}
			tz->pos++;
			/* "\{" is a backslash before a field, as Python 3.12 reads it */
			if (n != '{' && n != '}' && !eat_newline(tz) && tz->pos < tz->len)
				tz->pos++;
		} else if ((q = closing_quote(tz, m, tz->pos))) {
			tz->pos += q;
			break;
		} else if (c == '{' && at(tz, tz->pos + 1) == '{') {
			tz->pos += 2;
		} else if (c == '{' && tz->nmodes < MS_PYTOK_MAX_NEST) {
			start = tz->pos++;
			push_field(tz);
			emit(tz, tok, MS_PYTOK_OPEN, start, tz->line);
			return;
		} else if (newline_at(tz, tz->pos)) {
			if (!m->triple)
				break;
			eat_newline(tz);
		} else {
			tz->pos++;
		}
	}
	tz->nmodes--;
	emit(tz, tok, MS_PYTOK_STRING, start, tz->line);
}

/*
 * A field's format spec: text up to a nested field's '{' or the '}' that
 * closes the field. The string's closing quote, or a line end in a
 * single-quoted one, closes the field too (Python would refuse the text).
 */
static void format_spec(struct ms_pytokenizer *tz, struct ms_pytok *tok)
{
	const struct pytok_mode *str = &tz->modes[tz->nmodes - 2];
	size_t start;

	while (tz->pos < tz->len) {
		int c = at(tz, tz->pos);
		if (c == '{' && tz->nmodes < MS_PYTOK_MAX_NEST) {
			start = tz->pos++;
			push_field(tz);
			emit(tz, tok, MS_PYTOK_OPEN, start, tz->line);
			return;
		}
		if (c == '}') {
			start = tz->pos++;
			pop_field(tz);
			emit(tz, tok, MS_PYTOK_CLOSE, start, tz->line);
			return;
		}
		if (closing_quote(tz, str, tz->pos) || (!str->triple && newline_at(tz, tz->pos)))
			break;
		if (c == '\\') {
			int n = at(tz, tz->pos + 1);
			tz->pos++;
			if (n != '{' && n != '}' && !eat_newline(tz) && tz->pos < tz->len)
				tz->pos++;
		} else if (!eat_newline(tz)) {
			tz->pos++;
		}
	}
	pop_field(tz);
	emit(tz, tok, MS_PYTOK_CLOSE, tz->pos, tz->line);
}

/* Operators of more than one character, longest first where one prefixes another. */
static const char *const long_ops[] = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//",
    ">>",  "<<",  "+=",	 "-=",	"*=",  "/=", "%=", "&=", "|=", "^=", "@=", "<>"};

static size_t op_length(const struct ms_pytokenizer *tz)
{
	size_t i, n;

	for (i = 0; i < sizeof(long_ops) / sizeof(long_ops[0]); i++) {
		n = strlen(long_ops[i]);
		if (tz->len - tz->pos >= n && !memcmp(tz->s + tz->pos, long_ops[i], n))
			return n;
	}
	return 1;
}

static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
}

static void skip_number(struct ms_pytokenizer *tz)
{
	int c = at(tz, tz->pos), n = at(tz, tz->pos + 1);

	if (c == '0' && (n == 'x' || n == 'X' || n == 'o' || n == 'O' || n == 'b' || n == 'B')) {
		tz->pos += 2;
		while (is_hex(at(tz, tz->pos)))
			tz->pos++;
		return;
	}
	while (is_digit(at(tz, tz->pos)) || at(tz, tz->pos) == '_')
		tz->pos++;
	if (at(tz, tz->pos) == '.')
		for (tz->pos++; is_digit(at(tz, tz->pos)) || at(tz, tz->pos) == '_'; tz->pos++)
			;
	c = at(tz, tz->pos);
	n = at(tz, tz->pos + 1);
	if ((c == 'e' || c == 'E') &&
	    (is_digit(n) || ((n == '+' || n == '-') && is_digit(at(tz, tz->pos + 2)))))
		for (tz->pos += 2; is_digit(at(tz, tz->pos)) || at(tz, tz->pos) == '_'; tz->pos++)
			;
	if (at(tz, tz->pos) == 'j' || at(tz, tz->pos) == 'J')
		tz->pos++;
}

/* A string prefix (none; r, u, b, f, t; r with b, f or t; in any case). */
static bool is_prefix(const char *s, size_t n, bool *raw, bool *fstring)
{
	size_t i;
	int r = 0, other = 0;

	*raw = *fstring = false;
	if (n > 2)
		return false;
	for (i = 0; i < n; i++) {
		switch (s[i] | 0x20) {
		case 'r':
			r++;
			*raw = true;
			break;
		case 'f':
		case 't':
			*fstring = true;
			/* fall through */
		case 'b':
			other++;
			break;
		case 'u':
			if (n != 1)
				return false;
			other++;
			break;
		default:
			return false;
		}
	}
	return r <= 1 && other <= 1;
}

/* A name, or a string when the name is a prefix right before a quote. */
static void name_or_string(struct ms_pytokenizer *tz, struct ms_pytok *tok, size_t start)
{
	bool raw, fstring, triple;
	uint32_t line = tz->line;
	int q;

	while (is_ident(at(tz, tz->pos)))
		tz->pos++;
	q = at(tz, tz->pos);
	if ((q != '\'' && q != '"') || !is_prefix(tz->s + start, tz->pos - start, &raw, &fstring)) {
		emit(tz, tok, MS_PYTOK_NAME, start, tz->line);
		return;
	}
	triple = at(tz, tz->pos + 1) == q && at(tz, tz->pos + 2) == q;
	tz->pos += triple ? 3 : 1;
	if (fstring && tz->nmodes < MS_PYTOK_MAX_NEST) {
		struct pytok_mode *m = &tz->modes[tz->nmodes++];
		memset(m, 0, sizeof(*m));
		m->quote = (uint8_t)q;
		m->triple = triple;
		m->raw = raw;
		m->line = tz->line;
		emit(tz, tok, MS_PYTOK_FSTART, start, tz->line);
		return;
	}
	skip_string(tz, q, triple);
	emit(tz, tok, MS_PYTOK_STRING, start, line);
}

/*
 * At the start of a physical line outside brackets: measures its
 * indentation and skips it when it is blank or a comment; false at the end.
 */
static bool begin_line(struct ms_pytokenizer *tz)
{
	uint32_t col = 0;

	for (;;) {
		int c = at(tz, tz->pos);
		if (c == ' ')
			col++;
		else if (c == '\t')
			col = (col / 8 + 1) * 8;
		else if (c == '\f')
			col = 0;
		else
			break;
		tz->pos++;
	}
	if (at(tz, tz->pos) == '#')
		while (tz->pos < tz->len && !newline_at(tz, tz->pos))
			tz->pos++;
	if (tz->pos >= tz->len)
		return false;
	if (eat_newline(tz))
		return true;
	tz->at_bol = false;
	tz->line_start = true;
	tz->indent = col;
	return true;
}

/* Code: outside any f-string, or in a field's expression. */
static void code(struct ms_pytokenizer *tz, struct ms_pytok *tok)
{
	struct pytok_mode *field;
	size_t start;
	int c;

	for (;;) {
		if (tz->at_bol && !begin_line(tz))
			break;
		if (tz->at_bol)
			continue;
		c = at(tz, tz->pos);
		if (c < 0)
			break;
		if (c == '#') {
			while (tz->pos < tz->len && !newline_at(tz, tz->pos))
				tz->pos++;
			continue;
		}
		if (c == '\\' && newline_at(tz, tz->pos + 1)) {
			tz->pos++;
			eat_newline(tz);
			continue;
		}
		if (newline_at(tz, tz->pos)) {
			uint32_t line = tz->line;
			start = tz->pos;
			eat_newline(tz);
			if (tz->depth || tz->nmodes)
				continue;
			tz->at_bol = true;
			if (!tz->in_logical)
				continue;
			tz->in_logical = false;
			tok->kind = MS_PYTOK_NEWLINE;
			tok->text = tz->s + start;
			tok->len = tz->pos - start;
			tok->line = tok->end_line = line;
			tok->starts_line = false;
			tok->indent = 0;
			return;
		}
		if (c == ' ' || c == '\t' || c == '\f' || c < 0x20 || c == 0x7f) {
			tz->pos++;
			continue;
		}
		start = tz->pos;
		field = top(tz);
		if (is_ident(c) && !is_digit(c)) {
			name_or_string(tz, tok, start);
		} else if (is_digit(c) || (c == '.' && is_digit(at(tz, tz->pos + 1)))) {
			skip_number(tz);
			emit(tz, tok, MS_PYTOK_NUMBER, start, tz->line);
		} else if (c == '\'' || c == '"') {
			name_or_string(tz, tok, start);
		} else if (c == '(' || c == '[' || c == '{') {
			tz->pos++;
			tz->depth++;
			emit(tz, tok, MS_PYTOK_OPEN, start, tz->line);
		} else if (c == ')' || c == ']' || c == '}') {
			tz->pos++;
			if (field && tz->depth == field->base) {
				/* only '}' closes a field; Python refuses the others */
				if (c != '}')
					continue;
				pop_field(tz);
			} else if (tz->depth) {
				tz->depth--;
			}
			emit(tz, tok, MS_PYTOK_CLOSE, start, tz->line);
		} else {
			/* a field's ':' starts its format spec, even before '=' */
			if (c == ':' && field && tz->depth == field->base) {
				tz->pos++;
				field->in_spec = 1;
			} else {
				tz->pos += op_length(tz);
			}
			emit(tz, tok, MS_PYTOK_OP, start, tz->line);
		}
		return;
	}
	/* the end: fields and f-strings left open close with the text */
	tz->nmodes = 0;
	tz->depth = 0;
	tok->kind = tz->in_logical ? MS_PYTOK_NEWLINE : MS_PYTOK_END;
	tok->text = tz->s + tz->len;
	tok->len = 0;
	tok->line = tok->end_line = tz->line;
	tok->starts_line = false;
	tok->indent = 0;
	tz->in_logical = false;
}

void ms_pytokenizer_next(struct ms_pytokenizer *tz, struct ms_pytok *tok)
{
	const struct pytok_mode *m = top(tz);

	if (m && !m->field && tz->pos < tz->len)
		fstring_text(tz, tok);
	else if (m && m->field && m->in_spec && tz->pos < tz->len)
		format_spec(tz, tok);
	else
		code(tz, tok);
}
