/*
 * The libFuzzer target for the JSON snapshot reader and both writers: an
 * input the reader takes as JSON and accepts is written as JSON (j1) and
 * as a pickle; the pickle must be read back, and written as JSON again
 * (j2), the same bytes as j1 (but for the "pickle_protocol" member the
 * pickle adds). A refusal must name an offset inside the input. See
 * README.md.
 */
#define _GNU_SOURCE /* memmem() */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "memsnap/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a writer wrote into memory; abort() if it could not. */
static char *written(const struct ms_snapshot *snap, bool json, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct ms_error err;

	if (!out ||
	    (json ? ms_snapshot_write_json(out, snap, &err)
		  : ms_snapshot_write_pickle(out, snap, &err)) ||
	    fclose(out))
		abort();
	return buf;
}

/* Removes the "pickle_protocol" line from a JSON snapshot memsnap wrote. */
static void drop_protocol(char *json, size_t *len)
{
	char *at = memmem(json, *len, "\n  \"pickle_protocol\": ", 22), *end;

	if (!at)
		return;
	end = memchr(at + 1, '\n', *len - (size_t)(at + 1 - json));
	if (!end)
		abort();
	memmove(at, end, *len - (size_t)(end - json));
	*len -= (size_t)(end - at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ms_snapshot *a, *b;
	struct ms_error err;
	char *j1, *p, *j2;
	size_t n1, np, n2;

	if (!ms_json_detect(data, size))
		return 0;
	if (ms_snapshot_parse(data, size, &a, &err)) {
		if (err.status == MS_ERR_FORMAT && (err.offset > size || !err.message[0]))
			abort();
		return 0;
	}
	j1 = written(a, true, &n1);
	p = written(a, false, &np);
	if (ms_snapshot_parse(p, np, &b, &err))
		abort(); /* memsnap cannot read the pickle it wrote */
	j2 = written(b, true, &n2);
	if (!ms_snapshot_origin(a).pickle_protocol)
		drop_protocol(j2, &n2);
	if (n1 != n2 || memcmp(j1, j2, n1))
		abort();
	free(j1);
	free(p);
	free(j2);
	ms_snapshot_free(a);
	ms_snapshot_free(b);
	return 0;
}
