/*
 * Python's JSON string escapes, for the strings cJSON cannot handle; see
 * json_string.h for why these few exist beside cJSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_string.h"
#include "utf8.h"

/* Whether s[i] starts a surrogate (U+D800..U+DFFF: 0xed, then 0xa0..0xbf). */
static bool surrogate_at(const unsigned char *s, size_t len, size_t i)
{
	return s[i] == 0xed && i + 1 < len && s[i + 1] >= 0xa0;
}

bool ms_json_string_special(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i] || surrogate_at(s, len, i))
			return true;
	return false;
}

char *ms_json_string_quote(const char *str, size_t len)
{
	static const char from[] = "\"\\\n\r\t\b\f", to[] = "\"\\nrtbf";
	const unsigned char *s = (const unsigned char *)str;
	/* the longest escape, \u00XX or \udcXX, takes six bytes for one to three */
	char *out = len <= (SIZE_MAX - 3) / 6 ? malloc(6 * len + 3) : NULL, *o = out;
	const char *p;
	size_t i = 0;

	if (!out)
		return NULL;
	*o++ = '"';
	while (i < len) {
		unsigned char c = s[i];
		if (surrogate_at(s, len, i)) {
			size_t next = i;
			o += sprintf(o, "\\u%04x", (unsigned)ms_utf8_next(s, &next));
			i = next;
			continue;
		}
		p = c ? memchr(from, c, sizeof(from) - 1) : NULL;
		if (p) {
			*o++ = '\\';
			*o++ = to[p - from];
		} else if (c < 0x20) {
			o += sprintf(o, "\\u%04x", c);
		} else {
			*o++ = (char)c;
		}
		i++;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}
