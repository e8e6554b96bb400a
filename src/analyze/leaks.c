/*
 * Leak suspects: groups that grow step after step. A leak keeps a little
 * more at every snapshot; churn (allocate, use, free) moves both ways, so
 * requiring growth in (nearly) every step separates the two without any
 * size threshold.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "fail.h"

/*
 * The steps in which a row is larger than the step before, from its cells
 * alone (an absent step counts as 0): O(its cells), not O(snapshots).
 */
static uint32_t steps_grown(const struct ms_series *s, size_t row)
{
	const struct ms_series_cell *c = s->cells + s->rows[row].first;
	uint32_t k, grown = 0;

	for (k = 0; k < s->rows[row].ncells; k++) {
		ms_u128 before = k && c[k - 1].step + 1 == c[k].step ? c[k - 1].size : 0;
		grown += c[k].step > 0 && c[k].size > before;
	}
	return grown;
}

/* The rows are already ranked by growth; leaks keep that order. */
int ms_leaks_find(struct ms_leaks *out, const struct ms_series *s, double min_steps,
		  struct ms_error *err)
{
	size_t *order = NULL, n, i;
	double need;
	int status;

	memset(out, 0, sizeof(*out));
	if (s->nsnap < 2 || !(min_steps > 0 && min_steps <= 1))
		return ms_fail(err, MS_ERR_USAGE,
			       "leaks needs two snapshots or more and a fraction in (0, 1]");
	out->steps = (uint32_t)(s->nsnap - 1);
	/* the tolerance keeps 0.8 * 5 at 4 steps, not 5 */
	need = ceil(min_steps * out->steps - 1e-9);
	out->min_grown = need < 1 ? 1 : (uint32_t)need;
	status = ms_series_grown(s, &order, &n, err);
	if (status)
		return status;
	out->items = malloc((n + 1) * sizeof(*out->items));
	if (!out->items) {
		free(order);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		uint32_t grown = steps_grown(s, order[i]);
		if (grown < out->min_grown)
			continue;
		out->items[out->nr].row = order[i];
		out->items[out->nr].growth = ms_series_growth(s, order[i]);
		out->items[out->nr++].steps_grown = grown;
	}
	free(order);
	return MS_OK;
}

void ms_leaks_release(struct ms_leaks *leaks)
{
	free(leaks->items);
	memset(leaks, 0, sizeof(*leaks));
}
