/*
 * Operands into inputs. A recording is read as a sequence of steps: one
 * per snapshot of one process, and with several processes (no --pid), one
 * per round in which each process took at most one snapshot, holding the
 * latest snapshot of every process so far, merged. A single process's
 * steps are thus its snapshots, and the last step of several processes is
 * the last snapshot of each.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "grow.h"
#include "inputs.h"
#include "recording_index.h"

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (s) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return s;
}

/* The index of path among the distinct files, added if new; SIZE_MAX on no memory. */
static size_t add_path(struct cli_inputs *in, const char *path)
{
	size_t i;

	for (i = 0; i < in->npaths; i++)
		if (!strcmp(in->paths[i], path))
			return i;
	if (MS_GROW(in->paths, in->npaths + 1, in->paths_alloc))
		return SIZE_MAX;
	in->paths[in->npaths] = strdup(path);
	return in->paths[in->npaths] ? in->npaths++ : SIZE_MAX;
}

/* A new input of the files paths[0..n), or NULL on no memory. */
static struct cli_input *add_input(struct cli_inputs *in, const char *const *paths, size_t n)
{
	struct cli_input *it;
	size_t i;

	if (MS_GROW(in->items, in->nr + 1, in->alloc))
		return NULL;
	it = &in->items[in->nr];
	memset(it, 0, sizeof(*it));
	it->files = malloc((n ? n : 1) * sizeof(*it->files));
	if (!it->files)
		return NULL;
	in->nr++;
	for (i = 0; i < n; i++) {
		it->files[i] = add_path(in, paths[i]);
		if (it->files[i] == SIZE_MAX)
			return NULL;
	}
	it->nfiles = n;
	return it;
}

/*
 * Names files as given, or a merge of them: the first one and how many
 * more. A label says "(standard input)" for "-".
 */
static int name_merge(struct cli_input *it, const char *first, size_t n)
{
	const char *shown = strcmp(first, "-") ? first : "(standard input)";

	it->name = n > 1 ? format("%s and %zu more, merged", first, n - 1) : strdup(first);
	it->label = n > 1 ? format("%s +%zu", shown, n - 1) : strdup(shown);
	return it->name && it->label ? 0 : -1;
}

/* One step of a recording: the latest snapshot of each of its processes. */
struct step {
	size_t *members; /* indexes into the index's snapshots */
	size_t nmembers;
	size_t last; /* the snapshot that ended the round */
};

struct steps {
	struct step *items;
	size_t nr, alloc;
};

static void steps_release(struct steps *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		free(st->items[i].members);
	free(st->items);
}

/*
 * The rounds of the snapshots of the chosen processes (pid 0: all): a
 * round ends where a process that already took a snapshot in it takes
 * another, or at the end.
 */
static int make_steps(struct steps *st, const struct ms_recording_index *ix, long pid)
{
	size_t *latest = calloc(ix->npids + 1, sizeof(*latest)), i, p, k;
	bool *in_round = calloc(ix->npids + 1, sizeof(*in_round)), any = false;
	int ret = -1;

	if (!latest || !in_round)
		goto out;
	for (p = 0; p < ix->npids; p++)
		latest[p] = SIZE_MAX;
	for (i = 0; i <= ix->nr; i++) {
		const struct ms_manifest_entry *e = i < ix->nr ? &ix->snaps[i].entry : NULL;
		if (e && pid && e->pid != pid)
			continue;
		for (p = 0; e && ix->pids[p] != e->pid; p++)
			;
		if (any && (!e || in_round[p])) {
			struct step *s;
			if (MS_GROW(st->items, st->nr + 1, st->alloc))
				goto out;
			s = &st->items[st->nr++];
			s->members = malloc(ix->npids * sizeof(*s->members));
			s->nmembers = 0;
			s->last = 0;
			if (!s->members)
				goto out;
			for (k = 0; k < ix->npids; k++) {
				if (latest[k] == SIZE_MAX)
					continue;
				s->members[s->nmembers++] = latest[k];
				if (latest[k] > s->last)
					s->last = latest[k];
			}
			memset(in_round, 0, ix->npids * sizeof(*in_round));
		}
		if (!e)
			break;
		latest[p] = i;
		in_round[p] = any = true;
	}
	ret = 0;
out:
	free(latest);
	free(in_round);
	return ret;
}

/* The tree's resident memory at a moment: the last sample before it. */
static int64_t rss_at(const struct ms_recording_index *ix, double monotonic)
{
	size_t lo = 0, hi = ix->nrss;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->rss[mid].monotonic <= monotonic)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? (int64_t)ix->rss[lo - 1].rss : -1;
}

/* Adds step k of st as an input. */
static int add_step(struct cli_inputs *in, const struct ms_recording_index *ix,
		    const struct steps *st, size_t k, const char *dir)
{
	const struct step *s = &st->items[k];
	const struct ms_recorded *last = &ix->snaps[s->last];
	const char **paths = malloc(s->nmembers * sizeof(*paths));
	struct cli_input *it;
	size_t i;

	if (!paths)
		return -1;
	for (i = 0; i < s->nmembers; i++)
		paths[i] = ix->snaps[s->members[i]].path;
	it = add_input(in, paths, s->nmembers);
	free(paths);
	if (!it)
		return -1;
	if (s->nmembers == 1) {
		it->name = strdup(last->path);
		it->label = strdup(last->path);
	} else {
		it->name = format("%s step %zu: the latest snapshots of %zu processes, merged", dir,
				  k, s->nmembers);
		it->label = format("%s +%zu", last->path, s->nmembers - 1);
	}
	it->timed = true;
	it->moment.time = last->entry.time;
	it->moment.monotonic = last->entry.monotonic;
	it->moment.pid = last->entry.pid;
	it->moment.rss = s->nmembers == 1 ? last->entry.rss : rss_at(ix, last->entry.monotonic);
	snprintf(it->reason, sizeof(it->reason), "%s", last->entry.reason);
	it->moment.reason = it->reason;
	return it->name && it->label ? 0 : -1;
}

/* --peak: the processes' peak.bin, merged when several. */
static int add_peaks(struct cli_inputs *in, const struct ms_recording_index *ix, long pid,
		     const char *dir)
{
	const char **paths = malloc((ix->npeaks ? ix->npeaks : 1) * sizeof(*paths));
	struct cli_input *it;
	size_t i, n = 0;

	if (!paths)
		return -1;
	for (i = 0; i < ix->npeaks; i++)
		if (!pid || ix->peaks[i].entry.pid == pid)
			paths[n++] = ix->peaks[i].path;
	if (!n) {
		free(paths);
		cli_error("%s: no peak.bin%s (record with --peak)", dir,
			  pid ? " of that process" : "");
		return -2;
	}
	it = add_input(in, paths, n);
	if (it) {
		it->name = n == 1 ? strdup(paths[0])
				  : format("%s: the peak.bin of %zu processes, merged", dir, n);
		it->label = strdup(n == 1 ? paths[0] : it->name ? it->name : "");
	}
	free(paths);
	return it && it->name && it->label ? 0 : -1;
}

/* Whose resident memory a view of the recording shows, over time. */
static int view_rss(struct cli_inputs *in, const struct ms_recording_index *ix, long pid,
		    const struct steps *st)
{
	size_t i;

	if (!pid || ix->npids == 1) {
		in->rss = malloc((ix->nrss ? ix->nrss : 1) * sizeof(*in->rss));
		if (!in->rss)
			return -1;
		memcpy(in->rss, ix->rss, ix->nrss * sizeof(*in->rss));
		in->nrss = ix->nrss;
		in->rss_label = strdup("the process tree");
		return in->rss_label ? 0 : -1;
	}
	/* one process of several: what it said of itself at each snapshot */
	in->rss = malloc((st->nr ? st->nr : 1) * sizeof(*in->rss));
	if (!in->rss)
		return -1;
	for (i = 0; i < st->nr; i++) {
		const struct ms_manifest_entry *e = &ix->snaps[st->items[i].last].entry;
		if (e->rss < 0)
			continue;
		in->rss[in->nrss].time = e->time;
		in->rss[in->nrss].monotonic = e->monotonic;
		in->rss[in->nrss].rss = (uint64_t)e->rss;
		in->rss[in->nrss++].processes = 1;
	}
	in->rss_label = format("process %ld", pid);
	return in->rss_label ? 0 : -1;
}

/* The steps first..last of a recording that pick and --from/--to choose. */
static int choose_steps(const struct cli_options *opts, enum cli_pick pick, size_t nsteps,
			const char *dir, size_t *first, size_t *last)
{
	size_t from = opts->from != SIZE_MAX ? opts->from : 0;
	size_t to = opts->to != SIZE_MAX ? opts->to : nsteps - 1;

	if (from >= nsteps || to >= nsteps) {
		cli_error("%s: step %zu is not in the recording (0 to %zu)", dir,
			  from >= nsteps ? from : to, nsteps - 1);
		return -1;
	}
	if (from > to && pick != CLI_PICK_TWO) {
		cli_error("%s: --from %zu comes after --to %zu", dir, from, to);
		return -1;
	}
	*first = pick == CLI_PICK_LAST ? to : from;
	*last = pick == CLI_PICK_FIRST ? from : to;
	return 0;
}

static int add_recording(struct cli_inputs *in, const struct cli_options *opts, const char *dir,
			 enum cli_pick pick)
{
	struct ms_recording_index ix;
	struct steps st = {0};
	struct ms_error err;
	long pid = (long)opts->pid;
	size_t first, last, k, p;
	int ret = EXIT_ERROR;

	if (ms_recording_index_load(&ix, dir, &err)) {
		cli_report(dir, &err);
		goto out;
	}
	for (p = 0; pid && p < ix.npids && ix.pids[p] != pid; p++)
		;
	if (pid && p == ix.npids && !opts->peak) {
		cli_error("%s: no snapshot of process %ld in the recording", dir, pid);
		goto out;
	}
	if (opts->peak && pick != CLI_PICK_FIRST) {
		int status = add_peaks(in, &ix, pid, dir);
		if (status == -1)
			cli_error("out of memory");
		ret = status ? EXIT_ERROR : EXIT_OK;
		goto out;
	}
	if (make_steps(&st, &ix, pid)) {
		cli_error("out of memory");
		goto out;
	}
	if (!st.nr) {
		cli_error("%s: the recording holds no snapshot", dir);
		goto out;
	}
	if (choose_steps(opts, pick, st.nr, dir, &first, &last))
		goto out;
	for (k = first; k <= last || (pick == CLI_PICK_TWO && in->nr < 2); k++) {
		/* diff: the first and the last, whichever order --from and --to say */
		size_t step = pick != CLI_PICK_TWO ? k : in->nr ? last : first;
		if (add_step(in, &ix, &st, step, dir)) {
			cli_error("out of memory");
			goto out;
		}
		if (pick == CLI_PICK_TWO && in->nr == 2)
			break;
	}
	in->view = pid || ix.npids == 1
		       ? format("process %ld of %s", pid ? pid : ix.pids[0], dir)
		       : format("%zu processes of %s merged: a step holds the latest snapshot of "
				"every process so far",
				ix.npids, dir);
	if (!in->view || view_rss(in, &ix, pid, &st)) {
		cli_error("out of memory");
		goto out;
	}
	ret = EXIT_OK;
out:
	steps_release(&st);
	ms_recording_index_release(&ix);
	return ret;
}

/* The operands as inputs of one file each, or one merged input. */
static int add_files(struct cli_inputs *in, char **operands, size_t n, bool merged)
{
	struct cli_input *it;
	size_t i;

	for (i = 0; i < n; i += merged ? n : 1) {
		it = add_input(in, (const char *const *)operands + i, merged ? n : 1);
		if (!it || name_merge(it, operands[i], merged ? n : 1)) {
			cli_error("out of memory");
			return EXIT_ERROR;
		}
	}
	return EXIT_OK;
}

/* memsnap merge: snapshot files and recordings' last steps, as one input. */
static int resolve_merged(struct cli_inputs *in, const struct cli_options *opts, char **operands,
			  size_t n)
{
	struct cli_inputs part;
	const char **paths;
	struct cli_input *it;
	size_t i, j, count = 0;
	int ret = EXIT_OK;

	memset(&part, 0, sizeof(part));
	for (i = 0; i < n && !ret; i++)
		ret = ms_recording_is(operands[i])
			  ? add_recording(&part, opts, operands[i], CLI_PICK_LAST)
			  : add_files(&part, operands + i, 1, false);
	for (i = 0; i < part.nr; i++)
		count += part.items[i].nfiles;
	paths = malloc((count ? count : 1) * sizeof(*paths));
	if (!ret && !paths) {
		cli_error("out of memory");
		ret = EXIT_ERROR;
	}
	for (i = 0, count = 0; !ret && i < part.nr; i++)
		for (j = 0; j < part.items[i].nfiles; j++)
			paths[count++] = part.paths[part.items[i].files[j]];
	if (!ret) {
		it = add_input(in, paths, count);
		if (!it || name_merge(it, operands[0], count)) {
			cli_error("out of memory");
			ret = EXIT_ERROR;
		}
	}
	free(paths);
	cli_inputs_release(&part);
	return ret;
}

int cli_inputs_resolve(struct cli_inputs *in, const struct cli_options *opts, char **operands,
		       size_t n, enum cli_pick pick, enum cli_keep keep)
{
	size_t i, nrec = 0, split = n;

	memset(in, 0, sizeof(*in));
	in->keep = keep;
	for (i = 0; i < n; i++)
		nrec += ms_recording_is(operands[i]);
	if (cli_stdin_once(operands, n))
		return EXIT_ERROR;
	if (pick == CLI_PICK_MERGED)
		return resolve_merged(in, opts, operands, n);
	if (nrec && (n > 1 || opts->merge)) {
		cli_error("a recording is read alone, without --merge (see 'memsnap merge')");
		return EXIT_ERROR;
	}
	if (nrec)
		return add_recording(in, opts, operands[0], pick);
	if ((opts->pid || opts->peak || opts->from != SIZE_MAX || opts->to != SIZE_MAX)) {
		cli_error("--pid, --peak, --from and --to read a recording, not snapshot files");
		return EXIT_ERROR;
	}
	if (!opts->merge)
		return add_files(in, operands, n, false);
	if (pick != CLI_PICK_TWO)
		return add_files(in, operands, n, true);
	/* diff --merge OLD... : NEW... */
	for (i = 0; i < n && strcmp(operands[i], ":"); i++)
		;
	split = i;
	if (split == 0 || split >= n - 1) {
		cli_error("diff --merge wants OLD... : NEW..., snapshots on both sides of ':'");
		return EXIT_ERROR;
	}
	return add_files(in, operands, split, true) ||
	       add_files(in, operands + split + 1, n - split - 1, true);
}

/*
 * A merge of more domains than summed snapshots hold: the files again,
 * whole, into snaps[] (then freed).
 */
static int merge_whole(struct cli_inputs *in, struct cli_input *it, struct ms_snapshot **snaps,
		       struct ms_error *err)
{
	char **files = malloc(it->nfiles * sizeof(*files));
	size_t j;
	int status;

	if (!files)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	for (j = 0; j < it->nfiles; j++)
		files[j] = in->paths[it->files[j]];
	if (cli_load_all(files, it->nfiles, snaps, CLI_KEEP_TRACES)) {
		free(files);
		return ms_fail(err, MS_ERR_IO, "cannot read the snapshots again");
	}
	status = ms_snapshot_merge(snaps, it->nfiles, &it->snap, err);
	for (j = 0; j < it->nfiles; j++)
		ms_snapshot_free(snaps[j]);
	free(files);
	return status;
}

static int build(struct cli_inputs *in, size_t i)
{
	struct cli_input *it = &in->items[i];
	struct ms_snapshot **snaps;
	struct ms_error err;
	size_t j;
	int status;

	if (it->snap)
		return EXIT_OK;
	if (it->nfiles == 1) {
		it->snap = in->loaded[it->files[0]];
		return EXIT_OK;
	}
	snaps = malloc(it->nfiles * sizeof(*snaps));
	if (!snaps) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	for (j = 0; j < it->nfiles; j++)
		snaps[j] = in->loaded[it->files[j]];
	status = ms_snapshot_merge(snaps, it->nfiles, &it->snap, &err);
	if (status == MS_ERR_USAGE && in->keep != CLI_KEEP_TRACES)
		status = merge_whole(in, it, snaps, &err);
	free(snaps);
	if (status) {
		cli_report(it->name, &err);
		return EXIT_ERROR;
	}
	it->owned = true;
	return EXIT_OK;
}

/* Loads paths[i] for each i with need[i] set, all at once. */
static int load_paths(struct cli_inputs *in, const bool *need)
{
	char **files = malloc((in->npaths ? in->npaths : 1) * sizeof(*files));
	struct ms_snapshot **snaps = malloc((in->npaths ? in->npaths : 1) * sizeof(*snaps));
	size_t i, n = 0;
	int ret = EXIT_ERROR;

	if (!files || !snaps) {
		cli_error("out of memory");
		goto out;
	}
	for (i = 0; i < in->npaths; i++)
		if (need[i] && !in->loaded[i])
			files[n++] = in->paths[i];
	if (n && cli_load_all(files, n, snaps, in->keep))
		goto out;
	for (i = 0, n = 0; i < in->npaths; i++)
		if (need[i] && !in->loaded[i])
			in->loaded[i] = snaps[n++];
	ret = EXIT_OK;
out:
	free(files);
	free(snaps);
	return ret;
}

/* The per-path bookkeeping, made on first use. */
static int prepare(struct cli_inputs *in)
{
	size_t i, j;

	if (in->loaded)
		return 0;
	in->loaded = calloc(in->npaths ? in->npaths : 1, sizeof(*in->loaded));
	in->last_use = calloc(in->npaths ? in->npaths : 1, sizeof(*in->last_use));
	if (!in->loaded || !in->last_use) {
		cli_error("out of memory");
		return -1;
	}
	for (i = 0; i < in->nr; i++)
		for (j = 0; j < in->items[i].nfiles; j++)
			in->last_use[in->items[i].files[j]] = i;
	return 0;
}

int cli_inputs_load(struct cli_inputs *in, size_t i)
{
	bool *need;
	size_t j;
	int ret;

	if (prepare(in))
		return EXIT_ERROR;
	need = calloc(in->npaths ? in->npaths : 1, sizeof(*need));
	if (!need) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	for (j = 0; j < in->items[i].nfiles; j++)
		need[in->items[i].files[j]] = true;
	ret = load_paths(in, need);
	free(need);
	return ret ? ret : build(in, i);
}

int cli_inputs_load_all(struct cli_inputs *in)
{
	bool *need;
	size_t i;
	int ret;

	if (prepare(in))
		return EXIT_ERROR;
	need = malloc((in->npaths ? in->npaths : 1) * sizeof(*need));
	if (!need) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	memset(need, 1, in->npaths * sizeof(*need));
	ret = load_paths(in, need);
	free(need);
	for (i = 0; !ret && i < in->nr; i++)
		ret = build(in, i);
	return ret;
}

void cli_inputs_done(struct cli_inputs *in, size_t i)
{
	struct cli_input *it = &in->items[i];
	size_t j;

	if (it->owned)
		ms_snapshot_free(it->snap);
	it->snap = NULL;
	it->owned = false;
	for (j = 0; in->loaded && j < in->npaths; j++)
		if (in->last_use[j] <= i && in->loaded[j]) {
			ms_snapshot_free(in->loaded[j]);
			in->loaded[j] = NULL;
		}
}

void cli_inputs_release(struct cli_inputs *in)
{
	size_t i;

	for (i = 0; i < in->nr; i++) {
		if (in->items[i].owned)
			ms_snapshot_free(in->items[i].snap);
		free(in->items[i].files);
		free(in->items[i].name);
		free(in->items[i].label);
	}
	for (i = 0; i < in->npaths; i++) {
		if (in->loaded)
			ms_snapshot_free(in->loaded[i]);
		free(in->paths[i]);
	}
	free(in->items);
	free(in->paths);
	free(in->loaded);
	free(in->last_use);
	free(in->view);
	free(in->rss);
	free(in->rss_label);
	memset(in, 0, sizeof(*in));
}
