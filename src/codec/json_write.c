/*
 * The JSON snapshot writer: memsnap's JSON form of a snapshot, each
 * traceback once in "tracebacks" (in order of first use) and each trace on
 * its own line referring to it by index.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"
#include "snapshot_internal.h"
#include "fail.h"

static cJSON *trace_object(const struct ms_snapshot *snap, size_t i, uint32_t traceback, int arity)
{
	cJSON *o = cJSON_CreateObject();

	o = ms_json_add(o, "domain", ms_json_u128(snap->trace_domain[i]));
	o = ms_json_add(o, "size", ms_json_u128(snap->trace_size[i]));
	o = ms_json_add(o, "traceback", ms_json_u128(traceback));
	if (arity != 3)
		o = ms_json_add(o, "total_nframe", ms_json_u128(snap->trace_nframe[i]));
	return o;
}

int ms_snapshot_write_json(FILE *out, const struct ms_snapshot *snap, struct ms_error *err)
{
	struct ms_json j;
	uint32_t *index, *order, nr = 0, tb;
	size_t i;
	int arity = snap->origin.trace_arity;
	bool nomem;

	if (ms_snapshot_need_traces(snap, err))
		return MS_ERR_USAGE;
	index = malloc((snap->traceback_index.nr + 1) * sizeof(*index));
	order = malloc((snap->traceback_index.nr + 1) * sizeof(*order));
	if (!index || !order) {
		free(index);
		free(order);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	memset(index, 0xff, (snap->traceback_index.nr + 1) * sizeof(*index));
	for (i = 0; i < snap->traces_nr; i++) {
		tb = snap->trace_traceback[i];
		if (index[tb] == MS_NO_ID) {
			index[tb] = nr;
			order[nr++] = tb;
		}
	}
	ms_json_init(&j, out);
	ms_json_begin_object(&j);
	ms_json_member(&j, "memsnap_snapshot", ms_json_u128(1));
	ms_json_member(&j, "traceback_limit", ms_json_u128((ms_u128)snap->traceback_limit));
	if (arity)
		ms_json_member(&j, "trace_fields", ms_json_u128((ms_u128)arity));
	/* so that the pickle written from this JSON has the protocol it had */
	if (snap->origin.protocol || snap->origin.pickle_protocol)
		ms_json_member(&j, "pickle_protocol",
			       ms_json_u128((ms_u128)ms_snapshot_pickle_protocol(snap)));
	ms_json_key(&j, "tracebacks");
	ms_json_begin_array(&j);
	for (i = 0; i < nr && !j.failed; i++)
		ms_json_put(&j, ms_json_traceback(snap, MS_KEY_TRACEBACK, order[i]));
	ms_json_end_array(&j);
	ms_json_key(&j, "traces");
	ms_json_begin_array(&j);
	for (i = 0; i < snap->traces_nr && !j.failed; i++)
		ms_json_put(&j, trace_object(snap, i, index[snap->trace_traceback[i]], arity));
	ms_json_end_array(&j);
	ms_json_end_object(&j);
	free(index);
	free(order);
	nomem = j.failed;
	if (ms_json_finish(&j) < 0 && nomem)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	if (fflush(out) || ferror(out))
		return ms_fail(err, MS_ERR_IO, "%s", strerror(errno ? errno : EIO));
	return MS_OK;
}
