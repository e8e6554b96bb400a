/*
 * The part of cJSON memsnap calls (cjson/cJSON.h beside this file), for
 * the static build alone. It exists because Debian ships no static cJSON
 * (libcjson-dev has libcjson.so alone) and nothing is downloaded or
 * vendored: a static memsnap needs cJSON's code inside it, and this is
 * the smallest own code for that one job. Every other build links
 * Debian's libcjson, and a static build links a real libcjson.a instead
 * when MEMSNAP_CJSON_ARCHIVE names one.
 *
 * It does what cJSON 1.7.15 does wherever memsnap can see it: which texts
 * parse, to which tree, and where parsing stops or fails (the reader
 * reports errors at that offset), including cJSON's quirks (numbers read
 * with strtod from the run of bytes that may belong to one, \u escapes of invalid hex read
 * as U+0000, trailing whitespace stepping back one byte, the nesting limit
 * of 1000); the compact text it prints (numbers with 15 significant
 * digits unless 17 are needed to read back the same double, NaN and
 * infinities as null, strings escaped as cJSON escapes them); and the allocation
 * hooks. tests/unit/check_cjson.c compares the two. Formatted printing
 * and the rest of cJSON's API are left out: memsnap uses none of them.
 */
#include <limits.h>
#include <math.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cjson/cJSON.h"

static cJSON_Hooks hooks = {malloc, free};

void cJSON_InitHooks(cJSON_Hooks *h)
{
	hooks.malloc_fn = h && h->malloc_fn ? h->malloc_fn : malloc;
	hooks.free_fn = h && h->free_fn ? h->free_fn : free;
}

static cJSON *new_item(int type)
{
	cJSON *item = hooks.malloc_fn(sizeof(*item));

	if (item) {
		memset(item, 0, sizeof(*item));
		item->type = type;
	}
	return item;
}

void cJSON_Delete(cJSON *item)
{
	while (item) {
		cJSON *next = item->next;

		if (!(item->type & cJSON_IsReference)) {
			cJSON_Delete(item->child);
			if (item->valuestring)
				hooks.free_fn(item->valuestring);
		}
		if (!(item->type & cJSON_StringIsConst) && item->string)
			hooks.free_fn(item->string);
		hooks.free_fn(item);
		item = next;
	}
}

/* Parsing: pos moves through s[0..len) and stays where parsing failed. */
struct parser {
	const unsigned char *s;
	size_t len, pos;
	int depth;
};

static int at(const struct parser *p, size_t i)
{
	return p->pos + i < p->len ? p->s[p->pos + i] : -1;
}

/* Whitespace is every byte up to ' '; cJSON stops on the last byte when it runs to the end. */
static void skip_space(struct parser *p)
{
	if (p->pos >= p->len)
		return;
	while (p->pos < p->len && p->s[p->pos] <= ' ')
		p->pos++;
	if (p->pos == p->len)
		p->pos--;
}

static int parse_value(struct parser *p, cJSON *item);

/* Four hex digits; 0 if one is not. */
static unsigned hex4(const unsigned char *h)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int c = h[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	return v;
}

/* The escapes of one letter: each letter after the backslash, then its byte. */
static const char short_escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";

/* The pair of letter (side 0) or byte (side 1) c, or NULL. */
static const char *short_escape(int c, int side)
{
	size_t i;

	for (i = (size_t)side; i < sizeof(short_escapes) - 1; i += 2)
		if (short_escapes[i] == c)
			return short_escapes + i - side;
	return NULL;
}

/*
 * The \u escape at s[i] (a surrogate pair: both), in a string that ends at
 * s[end], as UTF-8 at *out; its length, or 0 if cJSON refuses it.
 */
static size_t utf16_escape(const unsigned char *s, size_t i, size_t end, unsigned char **out)
{
	unsigned cp, lo;
	size_t n = 6;
	unsigned char *o = *out;

	if (end - i < 6)
		return 0;
	cp = hex4(s + i + 2);
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (end - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u')
			return 0;
		lo = hex4(s + i + 8);
		if (lo < 0xdc00 || lo > 0xdfff)
			return 0;
		cp = 0x10000 + ((cp & 0x3ff) << 10 | (lo & 0x3ff));
		n = 12;
	}
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xc0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xe0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (unsigned char)(0xf0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	}
	*out = o;
	return n;
}

/*
 * The string at pos into *out. It fails just past the quote when the
 * string has no end, and at the backslash of an escape it cannot read.
 */
static int parse_string(struct parser *p, char **out)
{
	const unsigned char *s = p->s;
	size_t i = p->pos + 1, end = i, n;
	unsigned char *o, *text;
	const char *e;

	if (at(p, 0) != '"')
		goto fail;
	while (end < p->len && s[end] != '"') {
		if (s[end] == '\\' && ++end >= p->len)
			goto fail;
		end++;
	}
	if (end >= p->len)
		goto fail;
	/* no longer than the text: an escape writes fewer bytes than it has */
	text = o = hooks.malloc_fn(end - i + 2);
	if (!text)
		goto fail;
	while (i < end) {
		if (s[i] != '\\') {
			*o++ = s[i++];
			continue;
		}
		e = short_escape(s[i + 1], 0);
		if (e)
			*o++ = (unsigned char)e[1];
		n = e ? 2 : s[i + 1] == 'u' ? utf16_escape(s, i, end, &o) : 0;
		if (!n) {
			hooks.free_fn(text);
			goto fail;
		}
		i += n;
	}
	*o = '\0';
	*out = (char *)text;
	p->pos = end + 1;
	return 1;
fail:
	p->pos = i;
	return 0;
}

/* valueint: d saturated to an int (NaN, which has no int, as 0). */
static int saturated(double d)
{
	return d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : d == d ? (int)d : 0;
}

/* What strtod reads of the bytes at pos that may belong to a number. */
static int parse_number(struct parser *p, cJSON *item)
{
	char small[64], *text = small, *end;
	size_t n = 0;
	double d;
	int c;

	while ((c = at(p, n)) >= 0 &&
	       ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == 'e' || c == 'E' || c == '.'))
		n++;
	if (n >= sizeof(small) && !(text = hooks.malloc_fn(n + 1)))
		return 0;
	memcpy(text, p->s + p->pos, n);
	text[n] = '\0';
	d = strtod(text, &end);
	n = (size_t)(end - text);
	if (text != small)
		hooks.free_fn(text);
	if (!n)
		return 0;
	item->type = cJSON_Number;
	item->valuedouble = d;
	item->valueint = saturated(d);
	p->pos += n;
	return 1;
}

/*
 * An array (close ']') or an object (close '}') at pos. Like cJSON, a
 * container that ends with the text fails on its opening bracket.
 */
static int parse_container(struct parser *p, cJSON *item, int close)
{
	cJSON *head = NULL, *last = NULL, *child;

	if (p->depth >= CJSON_NESTING_LIMIT)
		return 0;
	p->depth++;
	p->pos++;
	skip_space(p);
	if (at(p, 0) < 0) {
		p->pos--;
		return 0;
	}
	if (at(p, 0) != close) {
		p->pos--; /* the loop steps over it as over each ',' */
		do {
			child = new_item(cJSON_Invalid);
			if (!child)
				goto fail;
			if (last)
				last->next = child, child->prev = last;
			else
				head = child;
			last = child;
			p->pos++;
			skip_space(p);
			if (close == '}') {
				if (!parse_string(p, &child->string))
					goto fail;
				skip_space(p);
				if (at(p, 0) != ':')
					goto fail;
				p->pos++;
				skip_space(p);
			}
			if (!parse_value(p, child))
				goto fail;
			skip_space(p);
		} while (at(p, 0) == ',');
		if (at(p, 0) != close)
			goto fail;
	}
	p->depth--;
	if (head)
		head->prev = last;
	item->type = close == ']' ? cJSON_Array : cJSON_Object;
	item->child = head;
	p->pos++;
	return 1;
fail:
	cJSON_Delete(head);
	return 0;
}

static int parse_value(struct parser *p, cJSON *item)
{
	static const struct {
		const char *word;
		size_t len;
		int type;
	} words[] = {{"null", 4, cJSON_NULL}, {"false", 5, cJSON_False}, {"true", 4, cJSON_True}};
	size_t i;
	int c = at(p, 0);

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (p->len - p->pos >= words[i].len &&
		    !memcmp(p->s + p->pos, words[i].word, words[i].len)) {
			item->type = words[i].type;
			item->valueint = words[i].type == cJSON_True;
			p->pos += words[i].len;
			return 1;
		}
	}
	if (c == '"') {
		if (!parse_string(p, &item->valuestring))
			return 0;
		item->type = cJSON_String;
		return 1;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p, item);
	if (c == '[')
		return parse_container(p, item, ']');
	if (c == '{')
		return parse_container(p, item, '}');
	return 0;
}

cJSON *cJSON_ParseWithLengthOpts(const char *value, size_t length, const char **return_parse_end,
				 cJSON_bool require_null_terminated)
{
	struct parser p = {(const unsigned char *)value, length, 0, 0};
	cJSON *item = NULL;

	if (!value || !length)
		goto fail;
	item = new_item(cJSON_Invalid);
	if (!item)
		goto fail;
	if (length > 4 && !memcmp(value, "\xef\xbb\xbf", 3))
		p.pos = 3;
	skip_space(&p);
	if (!parse_value(&p, item))
		goto fail;
	if (require_null_terminated) {
		skip_space(&p);
		if (at(&p, 0) != '\0')
			goto fail;
	}
	if (return_parse_end)
		*return_parse_end = value + p.pos;
	return item;
fail:
	cJSON_Delete(item);
	if (value && return_parse_end)
		*return_parse_end = value + (p.pos < length ? p.pos : length ? length - 1 : 0);
	return NULL;
}

cJSON *cJSON_ParseWithLength(const char *value, size_t length)
{
	return cJSON_ParseWithLengthOpts(value, length, NULL, 0);
}

/* Printing: always one byte left for the terminating NUL. */
struct printer {
	char *buf;
	size_t len, pos;
};

static int put(struct printer *p, const char *s, size_t n)
{
	if (n >= p->len - p->pos)
		return 0;
	memcpy(p->buf + p->pos, s, n);
	p->pos += n;
	p->buf[p->pos] = '\0';
	return 1;
}

static int print_number(struct printer *p, const cJSON *item)
{
	double d = item->valuedouble, back;
	char text[32];
	int n;

	if (isnan(d) || isinf(d))
		n = snprintf(text, sizeof(text), "null");
	else {
		n = snprintf(text, sizeof(text), "%1.15g", d);
		if (sscanf(text, "%lg", &back) != 1 ||
		    !(fabs(back - d) <= fmax(fabs(back), fabs(d)) * DBL_EPSILON))
			n = snprintf(text, sizeof(text), "%1.17g", d);
	}
	return n > 0 && n <= 25 && put(p, text, (size_t)n);
}

/* Quoted, with '"', '\\' and every byte below ' ' escaped; the rest as it is. */
static int print_string(struct printer *p, const char *s)
{
	char esc[8];
	const char *run, *e;

	if (!put(p, "\"", 1))
		return 0;
	for (run = s; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= ' ' && c != '"' && c != '\\')
			continue;
		e = short_escape(c, 1);
		if (e)
			snprintf(esc, sizeof(esc), "\\%c", e[0]);
		else
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		if (!put(p, run, (size_t)(s - run)) || !put(p, esc, strlen(esc)))
			return 0;
		run = s + 1;
	}
	return (!s || put(p, run, (size_t)(s - run))) && put(p, "\"", 1);
}

static int print_value(struct printer *p, const cJSON *item)
{
	const cJSON *child;

	switch (item->type & 0xff) {
	case cJSON_NULL:
		return put(p, "null", 4);
	case cJSON_False:
		return put(p, "false", 5);
	case cJSON_True:
		return put(p, "true", 4);
	case cJSON_Number:
		return print_number(p, item);
	case cJSON_Raw:
		return item->valuestring && put(p, item->valuestring, strlen(item->valuestring));
	case cJSON_String:
		return print_string(p, item->valuestring);
	case cJSON_Array:
	case cJSON_Object:
		if (!put(p, (item->type & 0xff) == cJSON_Array ? "[" : "{", 1))
			return 0;
		for (child = item->child; child; child = child->next) {
			if ((item->type & 0xff) == cJSON_Object &&
			    !(print_string(p, child->string) && put(p, ":", 1)))
				return 0;
			if (!print_value(p, child) || (child->next && !put(p, ",", 1)))
				return 0;
		}
		return put(p, (item->type & 0xff) == cJSON_Array ? "]" : "}", 1);
	default:
		return 0;
	}
}

cJSON_bool cJSON_PrintPreallocated(cJSON *item, char *buffer, const int length,
				   const cJSON_bool format)
{
	struct printer p = {buffer, length > 0 ? (size_t)length : 0, 0};

	return item && buffer && !format && print_value(&p, item);
}

/* Creating and adding. */
cJSON *cJSON_CreateNull(void)
{
	return new_item(cJSON_NULL);
}

cJSON *cJSON_CreateTrue(void)
{
	return new_item(cJSON_True);
}

cJSON *cJSON_CreateFalse(void)
{
	return new_item(cJSON_False);
}

cJSON *cJSON_CreateBool(cJSON_bool boolean)
{
	return new_item(boolean ? cJSON_True : cJSON_False);
}

cJSON *cJSON_CreateNumber(double num)
{
	cJSON *item = new_item(cJSON_Number);

	if (item) {
		item->valuedouble = num;
		item->valueint = saturated(num);
	}
	return item;
}

static cJSON *new_text(int type, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;
	cJSON *item = s ? new_item(type) : NULL;

	if (item) {
		item->valuestring = hooks.malloc_fn(n);
		if (!item->valuestring) {
			cJSON_Delete(item);
			return NULL;
		}
		memcpy(item->valuestring, s, n);
	}
	return item;
}

cJSON *cJSON_CreateString(const char *string)
{
	return new_text(cJSON_String, string);
}

cJSON *cJSON_CreateRaw(const char *raw)
{
	return new_text(cJSON_Raw, raw);
}

cJSON *cJSON_CreateArray(void)
{
	return new_item(cJSON_Array);
}

cJSON *cJSON_CreateObject(void)
{
	return new_item(cJSON_Object);
}

cJSON_bool cJSON_AddItemToArray(cJSON *array, cJSON *item)
{
	cJSON *first = array ? array->child : NULL;

	if (!array || !item || array == item)
		return 0;
	if (!first) {
		array->child = item;
		item->prev = item;
		item->next = NULL;
	} else if (first->prev) {
		first->prev->next = item;
		item->prev = first->prev;
		first->prev = item;
	}
	return 1;
}

cJSON_bool cJSON_AddItemToObjectCS(cJSON *object, const char *string, cJSON *item)
{
	if (!object || !string || !item || object == item)
		return 0;
	if (!(item->type & cJSON_StringIsConst) && item->string)
		hooks.free_fn(item->string);
	item->string = (char *)string; /* cJSON_StringIsConst: never freed */
	item->type |= cJSON_StringIsConst;
	return cJSON_AddItemToArray(object, item);
}

cJSON *cJSON_GetObjectItemCaseSensitive(const cJSON *const object, const char *const string)
{
	cJSON *item = object && string ? object->child : NULL;

	while (item && item->string && strcmp(string, item->string))
		item = item->next;
	return item && item->string ? item : NULL;
}

static cJSON_bool is(const cJSON *item, int type)
{
	return item && (item->type & 0xff) == type;
}

cJSON_bool cJSON_IsNull(const cJSON *const item)
{
	return is(item, cJSON_NULL);
}

cJSON_bool cJSON_IsNumber(const cJSON *const item)
{
	return is(item, cJSON_Number);
}

cJSON_bool cJSON_IsString(const cJSON *const item)
{
	return is(item, cJSON_String);
}

cJSON_bool cJSON_IsObject(const cJSON *const item)
{
	return is(item, cJSON_Object);
}
