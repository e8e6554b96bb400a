/*
 * Python's fnmatch on code points; see fnmatch.h. The bracket rules follow
 * fnmatch._translate(): a '-' splits a set into chunks, the last code
 * point of one chunk and the first of the next form a range, empty ranges
 * are dropped, a set left empty never matches and a lone '!' matches any
 * character.
 */
#include <stdlib.h>
#include <string.h>

#include "fnmatch.h"
#include "grow.h"
#include "utf8.h"

enum token_type { T_LITERAL, T_ANY, T_STAR, T_SET, T_NEVER };

struct token {
	enum token_type type;
	bool negate;     /* T_SET */
	uint32_t c;      /* T_LITERAL */
	size_t first, n; /* T_SET: ranges[first .. first + n) */
};

struct range {
	uint32_t lo, hi;
};

struct ms_glob {
	struct token *tokens;
	size_t ntokens, tokens_alloc;
	struct range *ranges;
	size_t nranges, ranges_alloc;
};

static int add_token(struct ms_glob *g, enum token_type type, uint32_t c)
{
	if (type == T_STAR && g->ntokens && g->tokens[g->ntokens - 1].type == T_STAR)
		return 0;
	if (MS_GROW(g->tokens, g->ntokens + 1, g->tokens_alloc) < 0)
		return -1;
	memset(&g->tokens[g->ntokens], 0, sizeof(struct token));
	g->tokens[g->ntokens].type = type;
	g->tokens[g->ntokens].c = c;
	g->ntokens++;
	return 0;
}

static int add_range(struct ms_glob *g, uint32_t lo, uint32_t hi)
{
	if (MS_GROW(g->ranges, g->nranges + 1, g->ranges_alloc) < 0)
		return -1;
	g->ranges[g->nranges].lo = lo;
	g->ranges[g->nranges].hi = hi;
	g->nranges++;
	g->tokens[g->ntokens - 1].n++;
	return 0;
}

/*
 * The set pat[i..j) (between '[' and ']'). cut[] holds chunk boundaries:
 * chunk k is pat-code-points stuff[cut[k] .. cut[k+1]).
 */
static int compile_set(struct ms_glob *g, const uint32_t *pat, size_t i, size_t j)
{
	size_t n = j - i, nchunks = 0, k, s, m;
	uint32_t *stuff = malloc((n + 1) * sizeof(*stuff));
	size_t *cut = malloc((n + 2) * sizeof(*cut));
	struct token *t;
	bool has_dash = false;
	int ret = -1;

	if (!stuff || !cut)
		goto out;
	memcpy(stuff, pat + i, n * sizeof(*stuff));
	for (k = 0; k < n; k++)
		has_dash |= stuff[k] == '-';
	cut[nchunks++] = 0;
	if (has_dash) {
		/* Split at each '-' found from k, then skip two past it. */
		size_t from = (stuff[0] == '!') ? 2 : 1, len = n;
		for (k = from; k < len; k++) {
			if (stuff[k] != '-')
				continue;
			memmove(stuff + k, stuff + k + 1, (len - k - 1) * sizeof(*stuff));
			len--;
			cut[nchunks++] = k;
			k += 1; /* Python resumes two past the '-' */
		}
		n = len;
		if (cut[nchunks - 1] == n) {
			/* empty last chunk: the '-' was literal, add it back */
			stuff[n++] = '-';
			nchunks--;
		}
		/* Drop empty ranges, right to left. */
		for (k = nchunks - 1; k >= 1; k--) {
			size_t end_prev = cut[k];
			if (stuff[end_prev - 1] <= stuff[end_prev])
				continue;
			memmove(stuff + end_prev - 1, stuff + end_prev + 1,
				(n - end_prev - 1) * sizeof(*stuff));
			n -= 2;
			for (m = k; m + 1 < nchunks; m++)
				cut[m] = cut[m + 1] - 2;
			nchunks--;
		}
	}
	cut[nchunks] = n;
	if (n == 0) {
		ret = add_token(g, T_NEVER, 0);
		goto out;
	}
	if (n == 1 && stuff[0] == '!') {
		ret = add_token(g, T_ANY, 0);
		goto out;
	}
	if (add_token(g, T_SET, 0) < 0)
		goto out;
	t = &g->tokens[g->ntokens - 1];
	t->first = g->nranges;
	s = 0;
	if (stuff[0] == '!') {
		t->negate = true;
		s = 1;
	}
	for (k = 0; k < nchunks; k++) {
		size_t a = k ? cut[k] + 1 : s, b = cut[k + 1];
		if (k && add_range(g, stuff[cut[k] - 1], stuff[cut[k]]) < 0)
			goto out;
		/* the chunk's inner code points; its last one may start a range */
		if (k + 1 < nchunks)
			b--;
		for (m = a; m < b; m++)
			if (add_range(g, stuff[m], stuff[m]) < 0)
				goto out;
	}
	ret = 0;
out:
	free(stuff);
	free(cut);
	return ret;
}

static int compile(struct ms_glob *g, const uint32_t *pat, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		uint32_t c = pat[i++];
		if (c == '*') {
			if (add_token(g, T_STAR, 0) < 0)
				return -1;
		} else if (c == '?') {
			if (add_token(g, T_ANY, 0) < 0)
				return -1;
		} else if (c == '[') {
			j = i;
			if (j < n && pat[j] == '!')
				j++;
			if (j < n && pat[j] == ']')
				j++;
			while (j < n && pat[j] != ']')
				j++;
			if (j >= n) {
				if (add_token(g, T_LITERAL, '[') < 0)
					return -1;
				continue;
			}
			if (compile_set(g, pat, i, j) < 0)
				return -1;
			i = j + 1;
		} else if (add_token(g, T_LITERAL, c) < 0) {
			return -1;
		}
	}
	return 0;
}

struct ms_glob *ms_glob_compile(const char *pattern, size_t len)
{
	struct ms_glob *g = calloc(1, sizeof(*g));
	uint32_t *cps = malloc((len + 1) * sizeof(*cps));
	size_t i = 0, n = 0;

	if (!g || !cps)
		goto fail;
	while (i < len)
		cps[n++] = ms_utf8_next((const unsigned char *)pattern, &i);
	if (compile(g, cps, n) < 0)
		goto fail;
	free(cps);
	return g;
fail:
	free(cps);
	ms_glob_free(g);
	return NULL;
}

void ms_glob_free(struct ms_glob *g)
{
	if (!g)
		return;
	free(g->tokens);
	free(g->ranges);
	free(g);
}

static bool token_matches(const struct ms_glob *g, const struct token *t, uint32_t c)
{
	size_t k;

	switch (t->type) {
	case T_LITERAL:
		return t->c == c;
	case T_ANY:
		return true;
	case T_SET:
		for (k = 0; k < t->n; k++)
			if (g->ranges[t->first + k].lo <= c && c <= g->ranges[t->first + k].hi)
				return !t->negate;
		return t->negate;
	default:
		return false;
	}
}

/*
 * Every token but '*' consumes exactly one code point, so the classic
 * backtrack-to-the-last-star walk is exact.
 */
bool ms_glob_match(const struct ms_glob *g, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t ti = 0, si = 0, star = (size_t)-1, star_si = 0, next;
	uint32_t c;

	while (si < len) {
		if (ti < g->ntokens && g->tokens[ti].type == T_STAR) {
			star = ti++;
			star_si = si;
			continue;
		}
		next = si;
		c = ms_utf8_next(s, &next);
		if (ti < g->ntokens && token_matches(g, &g->tokens[ti], c)) {
			ti++;
			si = next;
			continue;
		}
		if (star == (size_t)-1)
			return false;
		ti = star + 1;
		ms_utf8_next(s, &star_si);
		si = star_si;
	}
	while (ti < g->ntokens && g->tokens[ti].type == T_STAR)
		ti++;
	return ti == g->ntokens;
}
