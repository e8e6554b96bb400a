/* UTF-8 validation, decoding and Python's filesystem encoding; see utf8.h. */
#include "utf8.h"

/*
 * Length of the sequence starting at s[0] if it is valid UTF-8 (with
 * surrogates when allow_surrogates), else 0.
 */
static size_t sequence_length(const unsigned char *s, size_t n, int allow_surrogates)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed && !allow_surrogates)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return len;
}

static size_t valid_prefix(const unsigned char *s, size_t n, int allow_surrogates)
{
	size_t i = 0, len;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = sequence_length(s + i, n - i, allow_surrogates);
		if (!len)
			return i;
		i += len;
	}
	return n;
}

size_t ms_utf8_valid_prefix(const unsigned char *s, size_t n)
{
	return valid_prefix(s, n, 1);
}

size_t ms_utf8_strict_prefix(const unsigned char *s, size_t n)
{
	return valid_prefix(s, n, 0);
}

bool ms_utf8_is_strict(const unsigned char *s, size_t n)
{
	return valid_prefix(s, n, 0) == n;
}

uint32_t ms_utf8_next(const unsigned char *s, size_t *i)
{
	const unsigned char *p = s + *i;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] < 0xe0) {
		*i += 2;
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if (p[0] < 0xf0) {
		*i += 3;
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	}
	*i += 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
	       (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
}

size_t ms_utf8_fsdecode(char *dst, const char *bytes, size_t n)
{
	const unsigned char *s = (const unsigned char *)bytes;
	size_t i = 0, o = 0, len;

	while (i < n) {
		len = sequence_length(s + i, n - i, 0);
		if (len) {
			while (len--)
				dst[o++] = (char)s[i++];
			continue;
		}
		/* U+DC00 + byte, encoded in three bytes */
		dst[o++] = (char)0xed;
		dst[o++] = (char)(0xb0 | (s[i] >> 6));
		dst[o++] = (char)(0x80 | (s[i] & 0x3f));
		i++;
	}
	return o;
}

size_t ms_utf8_fsencode(char *dst, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, o = 0;

	while (i < n) {
		if (i + 2 < n && s[i] == 0xed && (s[i + 1] == 0xb2 || s[i + 1] == 0xb3)) {
			dst[o++] = (char)(((s[i + 1] & 0x03) << 6) | (s[i + 2] & 0x3f));
			i += 3;
			continue;
		}
		dst[o++] = (char)s[i++];
	}
	return o;
}
