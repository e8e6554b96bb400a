/*
 * Growth gates for CI: --fail-over SIZE holds when the total grew by at
 * most SIZE, --fail-over-each SIZE when no single group did more. What
 * went over is listed on stderr; stdout keeps the usual report.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "format128.h"

struct amount {
	char human[MS_SIZE_TEXT_MAX];
	char raw[42];
};

static const char *amount(struct amount *a, ms_i128 v, bool sign)
{
	ms_format_size(a->human, ms_i128_to_double(v), sign);
	ms_i128_text(a->raw, v, sign);
	snprintf(a->human + strlen(a->human), sizeof(a->human) - strlen(a->human), " (%s B)",
		 a->raw);
	return a->human;
}

/* Says the total went over; returns EXIT_CHECK_FAILED. */
static int total_over(const struct cli_options *o, ms_i128 growth, const char *listed)
{
	struct amount g, limit;

	cli_error("gate failed: the total grew by %s, over --fail-over %s; %s",
		  amount(&g, growth, true), amount(&limit, (ms_i128)o->fail_over.bytes, false),
		  listed);
	return EXIT_CHECK_FAILED;
}

static void group_line(const struct ms_snapshot *snap, enum ms_key_type kt, uint32_t key,
		       ms_i128 growth, const char *over)
{
	struct amount g;

	cli_error_key(snap, kt, key, "grew by %s%s", amount(&g, growth, true), over);
}

static const char *each_text(const struct cli_options *o, struct amount *a, char *buf, size_t size)
{
	snprintf(buf, size, ", over --fail-over-each %s",
		 amount(a, (ms_i128)o->fail_over_each.bytes, false));
	return buf;
}

int cli_gate_diff(const struct cli_options *o, const struct ms_stats *old_stats,
		  const struct ms_stats *new_stats, const struct ms_diff *diff)
{
	size_t limit = o->limit;
	ms_i128 total = (ms_i128)ms_u128_from(new_stats->trace_size) -
			(ms_i128)ms_u128_from(old_stats->trace_size);
	int ret = EXIT_OK;
	struct amount a;
	char over[128];
	size_t i, shown = 0;

	if (o->fail_over.given && total > (ms_i128)o->fail_over.bytes) {
		ret = total_over(o, total, "the groups that grew most:");
		for (i = 0; i < diff->nr && (!limit || shown < limit); i++) {
			const struct ms_stat_diff *d = &diff->items[i];
			if (ms_i128_from(d->size_diff) <= 0)
				continue;
			group_line(d->snap, diff->key_type, d->key, ms_i128_from(d->size_diff), "");
			shown++;
		}
	}
	if (!o->fail_over_each.given)
		return ret;
	each_text(o, &a, over, sizeof(over));
	for (i = 0; i < diff->nr; i++) {
		const struct ms_stat_diff *d = &diff->items[i];
		if (ms_i128_from(d->size_diff) <= (ms_i128)o->fail_over_each.bytes)
			continue;
		group_line(d->snap, diff->key_type, d->key, ms_i128_from(d->size_diff), over);
		ret = EXIT_CHECK_FAILED;
	}
	return ret;
}

int cli_gate_leaks(const struct cli_options *o, const struct ms_series *s,
		   const struct ms_leaks *leaks)
{
	size_t limit = o->limit, i;
	ms_i128 total;
	int ret = EXIT_OK;
	struct amount a;
	char over[128];

	assert(s->nsnap > 0); /* leaks takes three snapshots or more */
	total = (ms_i128)s->total_size[s->nsnap - 1] - (ms_i128)s->total_size[0];
	if (o->fail_over.given && total > (ms_i128)o->fail_over.bytes) {
		ret = total_over(o, total,
				 leaks->nr ? "the leak suspects:" : "no group grew steadily");
		for (i = 0; i < leaks->nr && (!limit || i < limit); i++) {
			const struct ms_leak *k = &leaks->items[i];
			group_line(s->rows[k->row].snap, s->key_type, s->rows[k->row].key,
				   k->growth, "");
		}
	}
	if (!o->fail_over_each.given)
		return ret;
	each_text(o, &a, over, sizeof(over));
	for (i = 0; i < leaks->nr; i++) {
		const struct ms_leak *k = &leaks->items[i];
		if (k->growth <= (ms_i128)o->fail_over_each.bytes)
			continue;
		group_line(s->rows[k->row].snap, s->key_type, s->rows[k->row].key, k->growth, over);
		ret = EXIT_CHECK_FAILED;
	}
	return ret;
}
