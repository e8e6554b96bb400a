/*
 * Scopes of Python source from its tokens (pytoken.c), the way Python's
 * compiler names code objects (compiler_set_qualname()). Indentation
 * delimits a def or class body: it ends where a logical line starts at
 * or left of the def's column. Brackets delimit lambdas and generator
 * expressions within a logical line. Lookups search the scopes sorted by
 * first line, then walk out through the scopes containing each other.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "pyscope.h"
#include "pytoken.h"
#include "sort.h"

/*
 * Python refuses more than 100 nested blocks or 200 nested brackets;
 * scopes nested deeper than this name no lines, and brackets deeper than
 * MAX_BRACKETS are only counted, so hostile text costs no more than any.
 */
#define MAX_DEPTH    256
#define MAX_BRACKETS 256
#define TOO_DEEP     (-2)

enum kind { K_FUNCTION, K_CLASS, K_LAMBDA, K_GENEXPR };

struct scope {
	uint32_t first, last;	 /* the lines it names */
	uint32_t start;		 /* its def/class/lambda keyword's line, or its '(' line */
	int32_t parent;		 /* the scope its name is nested in, or MS_PYSCOPE_MODULE */
	uint32_t name, name_len; /* def and class: in names */
	uint32_t depth;
	uint8_t kind;
	uint8_t global; /* declared global by its parent: named alone */
};

struct ms_pyscope {
	struct scope *scopes;
	size_t nr, alloc;
	char *names;
	size_t names_nr, names_alloc;
	uint32_t *order; /* scopes that name lines: by first line, outer before inner */
	int32_t *outer;	 /* per position in order: the innermost scope containing it, or -1 */
	size_t norder;
	uint32_t nlines;
	char *buf; /* the last qualified name */
	size_t buf_alloc;
};

/* A def or class statement open at some indentation. */
enum { S_NAME, S_HEADER, S_COLON, S_BODY };
struct stmt {
	uint32_t indent;
	int32_t scope;
	uint8_t state;
	uint32_t colon_line;
};

/* An open bracket or lambda of the logical line being read. */
enum { E_BRACKET, E_LAMBDA };
enum { L_PARAMS, L_BODY };		    /* a lambda's parts */
enum { G_NONE, G_TARGET, G_ITER, G_INNER }; /* a generator expression's parts */
struct expr {
	uint8_t kind, state;
	char ch;	/* a bracket's character */
	uint32_t line;	/* a bracket's line */
	int32_t scope;	/* a lambda's or generator expression's */
	int32_t parent; /* the scope naming what is around it */
	int32_t inner;	/* the scope naming what starts in it now */
	size_t mark;	/* how many scopes there were when a bracket opened */
};

/* A name a global statement declares in a scope, chained in a hash table. */
struct global {
	int32_t next, scope;
	uint32_t hash;
	const char *name;
	size_t len;
};

struct builder {
	struct ms_pyscope *ps;
	struct stmt *stmts;
	size_t nstmts, stmts_alloc;
	struct expr *exprs;
	size_t nexprs, exprs_alloc;
	size_t overflow; /* brackets open past MAX_BRACKETS */
	struct global *globals;
	size_t nglobals, globals_alloc;
	int32_t *buckets; /* heads of the chains of globals; a power of two of them */
	size_t nbuckets;
	uint32_t prev_end;     /* the line the last token ended on */
	uint32_t before_async; /* prev_end before the last 'async' */
	bool after_async;
	uint32_t ntok;	     /* tokens of the logical line so far */
	uint32_t indent;     /* of the logical line */
	uint32_t async_line; /* its leading 'async', or 0 */
	bool in_global;	     /* reading the names of a global statement */
	bool nomem;
};

static bool is_word(const struct ms_pytok *t, const char *word)
{
	return t->len == strlen(word) && !memcmp(t->text, word, t->len);
}

static struct stmt *top_stmt(struct builder *b)
{
	return b->nstmts ? &b->stmts[b->nstmts - 1] : NULL;
}

static struct expr *top_expr(struct builder *b)
{
	return b->nexprs ? &b->exprs[b->nexprs - 1] : NULL;
}

/* The def or class whose body is being read. */
static int32_t code_scope(struct builder *b)
{
	size_t i;

	for (i = b->nstmts; i-- > 0;)
		if (b->stmts[i].state == S_BODY)
			return b->stmts[i].scope;
	return MS_PYSCOPE_MODULE;
}

/*
 * The scope a lambda or generator expression starting here is nested in:
 * the innermost lambda body or generator expression past its first
 * iterable, else the def or class.
 */
static int32_t naming_parent(struct builder *b)
{
	return b->nexprs ? b->exprs[b->nexprs - 1].inner : code_scope(b);
}

static int32_t new_scope(struct builder *b, enum kind kind, uint32_t start, int32_t parent)
{
	struct ms_pyscope *ps = b->ps;
	uint32_t depth = parent >= 0 ? ps->scopes[parent].depth + 1 : 1;
	struct scope *s;

	if (parent == TOO_DEEP || depth > MAX_DEPTH || ps->nr >= INT32_MAX)
		return TOO_DEEP;
	if (MS_GROW(ps->scopes, ps->nr + 1, ps->alloc) < 0) {
		b->nomem = true;
		return TOO_DEEP;
	}
	s = &ps->scopes[ps->nr];
	memset(s, 0, sizeof(*s));
	s->first = 1; /* names no line until it ends */
	s->start = start;
	s->parent = parent;
	s->depth = depth;
	s->kind = (uint8_t)kind;
	return (int32_t)ps->nr++;
}

/*
 * A lambda or generator expression ends: it names the lines after the one
 * it starts on. One that names none is dropped when nothing follows it.
 */
static void end_expr_scope(struct builder *b, int32_t scope, uint32_t last)
{
	struct ms_pyscope *ps = b->ps;
	struct scope *s;

	if (scope < 0)
		return;
	s = &ps->scopes[scope];
	s->first = s->start + 1;
	s->last = last;
	if (s->first > s->last && (size_t)scope == ps->nr - 1)
		ps->nr--;
}

static struct expr *push_expr(struct builder *b, uint8_t kind)
{
	struct expr *e;

	if (b->nexprs >= MAX_BRACKETS)
		return NULL;
	if (MS_GROW(b->exprs, b->nexprs + 1, b->exprs_alloc) < 0) {
		b->nomem = true;
		return NULL;
	}
	e = &b->exprs[b->nexprs];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->scope = TOO_DEEP;
	e->parent = e->inner = naming_parent(b);
	b->nexprs++;
	return e;
}

/* A terminator at the current bracket depth ends the lambda bodies open there. */
static void end_lambdas(struct builder *b, uint32_t last)
{
	struct expr *e;

	while ((e = top_expr(b)) && e->kind == E_LAMBDA && e->state == L_BODY) {
		end_expr_scope(b, e->scope, last);
		b->nexprs--;
	}
}

/* The end of a logical line or statement closes everything in it. */
static void end_exprs(struct builder *b)
{
	struct expr *e;

	while ((e = top_expr(b))) {
		if (e->kind == E_LAMBDA || e->state != G_NONE)
			end_expr_scope(b, e->scope, b->prev_end);
		b->nexprs--;
	}
	b->overflow = 0;
}

/* A logical line at column indent ends the defs and classes at or right of it. */
static void end_stmts(struct builder *b, uint32_t indent)
{
	struct stmt *st;

	while ((st = top_stmt(b)) && st->indent >= indent) {
		if (st->state == S_BODY && st->scope >= 0)
			b->ps->scopes[st->scope].last = b->prev_end;
		b->nstmts--;
	}
}

static void begin_def(struct builder *b, enum kind kind, uint32_t line)
{
	struct stmt *st = top_stmt(b);

	if (st && st->state != S_BODY)
		b->nstmts--; /* a header that never ended */
	if (MS_GROW(b->stmts, b->nstmts + 1, b->stmts_alloc) < 0) {
		b->nomem = true;
		return;
	}
	st = &b->stmts[b->nstmts];
	st->scope = new_scope(b, kind, line, code_scope(b));
	st->indent = b->indent;
	st->state = S_NAME;
	b->nstmts++;
}

static uint32_t global_hash(int32_t scope, const char *name, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)scope;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

static bool declared_global(const struct builder *b, int32_t scope, const char *name, size_t len)
{
	uint32_t h = global_hash(scope, name, len);
	int32_t g;

	if (!b->nbuckets)
		return false;
	for (g = b->buckets[h & (b->nbuckets - 1)]; g >= 0; g = b->globals[g].next)
		if (b->globals[g].hash == h && b->globals[g].scope == scope &&
		    b->globals[g].len == len && !memcmp(b->globals[g].name, name, len))
			return true;
	return false;
}

/* One bucket per global at most: doubles and rechains when it would be more. */
static int grow_buckets(struct builder *b)
{
	size_t n = b->nbuckets ? 2 * b->nbuckets : 64, i;
	int32_t *heads;

	if (b->nglobals < b->nbuckets)
		return 0;
	if (n > SIZE_MAX / sizeof(*heads) || !(heads = malloc(n * sizeof(*heads))))
		return -1;
	memset(heads, 0xff, n * sizeof(*heads));
	for (i = 0; i < b->nglobals; i++) {
		struct global *g = &b->globals[i];
		g->next = heads[g->hash & (n - 1)];
		heads[g->hash & (n - 1)] = (int32_t)i;
	}
	free(b->buckets);
	b->buckets = heads;
	b->nbuckets = n;
	return 0;
}

/* The name after def or class; compiler_set_qualname() decides if it stands alone. */
static void set_name(struct builder *b, const struct stmt *st, const struct ms_pytok *t)
{
	struct ms_pyscope *ps = b->ps;
	struct scope *s;
	int32_t p;

	if (st->scope < 0)
		return;
	if (t->len > UINT32_MAX - ps->names_nr ||
	    MS_GROW(ps->names, ps->names_nr + t->len, ps->names_alloc) < 0) {
		b->nomem = true;
		return;
	}
	s = &ps->scopes[st->scope];
	memcpy(ps->names + ps->names_nr, t->text, t->len);
	s->name = (uint32_t)ps->names_nr;
	s->name_len = (uint32_t)t->len;
	ps->names_nr += t->len;
	p = s->parent;
	s->global =
	    p >= 0 && ps->scopes[p].kind <= K_CLASS && declared_global(b, p, t->text, t->len);
}

static void add_global(struct builder *b, const struct ms_pytok *t)
{
	int32_t scope = code_scope(b);
	struct global *g;
	size_t k;

	if (scope < 0 || b->nglobals >= INT32_MAX)
		return;
	if (MS_GROW(b->globals, b->nglobals + 1, b->globals_alloc) < 0 || grow_buckets(b) < 0) {
		b->nomem = true;
		return;
	}
	g = &b->globals[b->nglobals];
	g->scope = scope;
	g->name = t->text;
	g->len = t->len;
	g->hash = global_hash(scope, t->text, t->len);
	k = g->hash & (b->nbuckets - 1);
	g->next = b->buckets[k];
	b->buckets[k] = (int32_t)b->nglobals++;
}

/*
 * A 'for' directly in a '(' makes it a generator expression. Its first
 * element was read before anyone knew: the scopes made there move into it.
 */
static void for_clause(struct builder *b)
{
	struct expr *e = top_expr(b);
	struct ms_pyscope *ps = b->ps;
	size_t i;

	if (!e || e->kind != E_BRACKET)
		return;
	if (e->state != G_NONE) {
		e->state = G_INNER;
		e->inner = e->scope;
		return;
	}
	if (e->ch != '(')
		return;
	e->state = G_TARGET;
	e->scope = new_scope(b, K_GENEXPR, e->line, e->parent);
	if (e->scope < 0)
		return;
	for (i = e->mark; i < (size_t)e->scope; i++) {
		if (ps->scopes[i].parent != e->parent)
			continue;
		ps->scopes[i].parent = e->scope;
		ps->scopes[i].depth = ps->scopes[e->scope].depth + 1;
	}
}

static void name_token(struct builder *b, const struct ms_pytok *t)
{
	struct expr *e = top_expr(b);
	bool was_async = b->after_async;
	struct stmt *st = top_stmt(b);

	b->after_async = false;
	if (st && st->state == S_NAME) {
		set_name(b, st, t);
		st->state = S_HEADER;
	} else if (b->in_global) {
		add_global(b, t);
	} else if (is_word(t, "def") && (!b->ntok || (b->ntok == 1 && b->async_line))) {
		begin_def(b, K_FUNCTION, b->async_line ? b->async_line : t->line);
	} else if (is_word(t, "class") && !b->ntok) {
		begin_def(b, K_CLASS, t->line);
	} else if (is_word(t, "async")) {
		if (!b->ntok)
			b->async_line = t->line;
		b->before_async = b->prev_end;
		b->after_async = true;
	} else if (b->overflow) {
		return;
	} else if (is_word(t, "lambda")) {
		if ((e = push_expr(b, E_LAMBDA)))
			e->scope = new_scope(b, K_LAMBDA, t->line, e->parent);
	} else if (is_word(t, "global")) {
		b->in_global = true;
	} else if (is_word(t, "for")) {
		end_lambdas(b, was_async ? b->before_async : b->prev_end);
		for_clause(b);
	} else if (is_word(t, "in")) {
		if (e && e->kind == E_BRACKET && e->state == G_TARGET)
			e->state = G_ITER;
	} else if (is_word(t, "if")) {
		if (e && e->kind == E_BRACKET && e->state == G_ITER) {
			e->state = G_INNER;
			e->inner = e->scope;
		}
	} else if (is_word(t, "as") || is_word(t, "from")) {
		end_lambdas(b, b->prev_end);
	}
}

static void op_token(struct builder *b, const struct ms_pytok *t)
{
	struct stmt *st = top_stmt(b);
	struct expr *e;

	if (is_word(t, ";")) {
		end_exprs(b);
		return;
	}
	if (b->overflow)
		return;
	if (is_word(t, ",") || is_word(t, "=")) {
		end_lambdas(b, b->prev_end);
	} else if (is_word(t, ":")) {
		end_lambdas(b, b->prev_end);
		if ((e = top_expr(b)) && e->kind == E_LAMBDA) {
			e->state = L_BODY;
			e->inner = e->scope;
		} else if (!e && st && st->state == S_HEADER) {
			st->state = S_COLON;
			st->colon_line = t->line;
		}
	}
}

static void open_token(struct builder *b, const struct ms_pytok *t)
{
	struct expr *e;

	if (b->overflow || !(e = push_expr(b, E_BRACKET))) {
		b->overflow++;
		return;
	}
	e->ch = t->text[0];
	e->line = t->line;
	e->mark = b->ps->nr;
}

static void close_token(struct builder *b, const struct ms_pytok *t)
{
	struct expr *e;

	if (b->overflow) {
		b->overflow--;
		return;
	}
	while ((e = top_expr(b)) && e->kind == E_LAMBDA) {
		end_expr_scope(b, e->scope, b->prev_end);
		b->nexprs--;
	}
	if (!e)
		return;
	if (e->state != G_NONE)
		end_expr_scope(b, e->scope, t->line);
	b->nexprs--;
}

static void feed(struct builder *b, const struct ms_pytok *t)
{
	struct stmt *st;

	if (t->starts_line) {
		end_stmts(b, t->indent);
		b->indent = t->indent;
		b->ntok = 0;
		b->async_line = 0;
	}
	st = top_stmt(b);
	if (st && st->state == S_NAME && t->kind != MS_PYTOK_NAME)
		st->state = S_HEADER;
	if (st && st->state == S_COLON) {
		/* the body: on the colon's line, or from the next */
		if (st->scope >= 0)
			b->ps->scopes[st->scope].first =
			    t->kind == MS_PYTOK_NEWLINE ? st->colon_line + 1 : t->line;
		st->state = S_BODY;
	}
	if (b->in_global && t->kind != MS_PYTOK_NAME && !is_word(t, ","))
		b->in_global = false;
	switch (t->kind) {
	case MS_PYTOK_END:
	case MS_PYTOK_NEWLINE:
		end_exprs(b);
		if (st && (st->state == S_NAME || st->state == S_HEADER))
			b->nstmts--;
		if (t->kind == MS_PYTOK_END)
			end_stmts(b, 0);
		return;
	case MS_PYTOK_NAME:
		name_token(b, t);
		break;
	case MS_PYTOK_OP:
		op_token(b, t);
		break;
	case MS_PYTOK_OPEN:
		open_token(b, t);
		break;
	case MS_PYTOK_CLOSE:
		close_token(b, t);
		break;
	default:
		break;
	}
	if (t->kind != MS_PYTOK_NAME)
		b->after_async = false;
	b->prev_end = t->end_line;
	b->ntok++;
}

/* Lines as linecache splits them: at "\n", "\r\n" and "\r". */
static uint32_t count_lines(const char *text, size_t len)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		n += text[i] == '\n' || text[i] == '\r';
	}
	n += len && text[len - 1] != '\n' && text[len - 1] != '\r';
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* Outer before inner: by first line, then larger span, then nesting. */
static int compare_order(const void *pa, const void *pb, void *ctx)
{
	const struct scope *scopes = ctx;
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct scope *a = &scopes[ia], *b = &scopes[ib];

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	return (ia > ib) - (ia < ib);
}

/* Exact depths (a generator expression adopted scopes made before it), then the order. */
static int finish(struct ms_pyscope *ps)
{
	uint32_t *stack = malloc((ps->nr ? ps->nr : 1) * sizeof(*stack));
	size_t i, n, top = 0;
	int32_t j;

	if (!stack)
		return -1;
	for (i = 0; i < ps->nr; i++)
		ps->scopes[i].depth = 0;
	for (i = 0; i < ps->nr; i++) {
		uint32_t depth;
		for (n = 0, j = (int32_t)i; j >= 0 && !ps->scopes[j].depth;
		     j = ps->scopes[j].parent)
			stack[n++] = (uint32_t)j;
		depth = j >= 0 ? ps->scopes[j].depth : 0;
		while (n)
			ps->scopes[stack[--n]].depth = ++depth;
	}
	ps->order = malloc((ps->nr ? ps->nr : 1) * sizeof(*ps->order));
	ps->outer = malloc((ps->nr ? ps->nr : 1) * sizeof(*ps->outer));
	if (!ps->order || !ps->outer)
		goto fail;
	for (i = 0; i < ps->nr; i++)
		if (ps->scopes[i].first <= ps->scopes[i].last)
			ps->order[ps->norder++] = (uint32_t)i;
	if (ms_sort(ps->order, ps->norder, sizeof(*ps->order), compare_order, ps->scopes) < 0)
		goto fail;
	/* stack: positions in order of the scopes containing the current one */
	for (i = 0; i < ps->norder; i++) {
		const struct scope *s = &ps->scopes[ps->order[i]];
		while (top && ps->scopes[ps->order[stack[top - 1]]].last < s->first)
			top--;
		ps->outer[i] = top ? (int32_t)stack[top - 1] : -1;
		stack[top++] = (uint32_t)i;
	}
	free(stack);
	return 0;
fail:
	free(stack);
	return -1;
}

struct ms_pyscope *ms_pyscope_new(const char *text, size_t len)
{
	struct ms_pyscope *ps = calloc(1, sizeof(*ps));
	struct builder b;
	struct ms_pytokenizer *tz = malloc(sizeof(*tz));
	struct ms_pytok t;
	bool ok = false;

	memset(&b, 0, sizeof(b));
	b.ps = ps;
	if (!ps || !tz)
		goto fail;
	ps->nlines = count_lines(text, len);
	ms_pytokenizer_init(tz, text, len);
	do {
		ms_pytokenizer_next(tz, &t);
		feed(&b, &t);
	} while (t.kind != MS_PYTOK_END && !b.nomem);
	if (b.nomem || finish(ps) < 0)
		goto fail;
	ok = true;
fail:
	free(tz);
	free(b.stmts);
	free(b.exprs);
	free(b.globals);
	free(b.buckets);
	if (ok)
		return ps;
	ms_pyscope_free(ps);
	return NULL;
}

void ms_pyscope_free(struct ms_pyscope *ps)
{
	if (!ps)
		return;
	free(ps->scopes);
	free(ps->names);
	free(ps->order);
	free(ps->outer);
	free(ps->buf);
	free(ps);
}

uint32_t ms_pyscope_lines(const struct ms_pyscope *ps)
{
	return ps->nlines;
}

size_t ms_pyscope_count(const struct ms_pyscope *ps)
{
	return ps->nr;
}

void ms_pyscope_lines_of(const struct ms_pyscope *ps, int32_t scope, uint32_t *first,
			 uint32_t *last, uint32_t *start)
{
	const struct scope *s = &ps->scopes[scope];

	*first = s->first;
	*last = s->last;
	*start = s->start;
}

int32_t ms_pyscope_at(const struct ms_pyscope *ps, uint32_t lineno)
{
	size_t lo = 0, hi = ps->norder;
	int32_t k;

	/* the last scope starting at or before lineno */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ps->scopes[ps->order[mid]].first <= lineno)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = (int32_t)lo - 1; k >= 0; k = ps->outer[k])
		if (ps->scopes[ps->order[k]].last >= lineno)
			return (int32_t)ps->order[k];
	return MS_PYSCOPE_MODULE;
}

static const char *own_name(const struct ms_pyscope *ps, const struct scope *s, size_t *len)
{
	switch (s->kind) {
	case K_LAMBDA:
		*len = 8;
		return "<lambda>";
	case K_GENEXPR:
		*len = 9;
		return "<genexpr>";
	default:
		*len = s->name_len;
		return s->name_len ? ps->names + s->name : ""; /* a def with no name */
	}
}

/* What joins a scope's name to a name nested in it: ".<locals>." after a function or lambda. */
static const char *separator(const struct scope *s, size_t *len)
{
	bool locals = s->kind == K_FUNCTION || s->kind == K_LAMBDA;

	*len = locals ? 10 : 1;
	return locals ? ".<locals>." : ".";
}

const char *ms_pyscope_qualname(struct ms_pyscope *ps, int32_t scope, size_t *len)
{
	size_t total = 0, n, pos;
	const struct scope *s;
	const char *part;
	int32_t j;

	if (scope < 0) {
		*len = 8;
		return "<module>";
	}
	/* the names from scope out to the first that stands alone, written backwards */
	for (j = scope;; j = s->parent) {
		s = &ps->scopes[j];
		own_name(ps, s, &n);
		total += n;
		if (s->global || s->parent < 0)
			break;
		separator(&ps->scopes[s->parent], &n);
		total += n;
	}
	if (MS_GROW(ps->buf, total + 1, ps->buf_alloc) < 0)
		return NULL;
	pos = total;
	for (j = scope;; j = s->parent) {
		s = &ps->scopes[j];
		part = own_name(ps, s, &n);
		memcpy(ps->buf + (pos -= n), part, n);
		if (s->global || s->parent < 0)
			break;
		part = separator(&ps->scopes[s->parent], &n);
		memcpy(ps->buf + (pos -= n), part, n);
	}
	ps->buf[total] = 0;
	*len = total;
	return ps->buf;
}

const char *ms_pyscope_name(struct ms_pyscope *ps, uint32_t lineno, size_t *len)
{
	if (lineno < 1 || lineno > ps->nlines)
		return NULL;
	return ms_pyscope_qualname(ps, ms_pyscope_at(ps, lineno), len);
}
