/*
 * Loading the snapshots a command names, several at once: each file is
 * parsed on its own thread (up to one per core, or --threads), since parsing is most of
 * memsnap's time and snapshots share nothing while they are read.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "function.h"
#include "load.h"

struct job {
	char **files;
	size_t n;
	struct ms_snapshot **snaps;
	struct ms_error *errs;
	int *status;
	size_t next;
	enum cli_keep keep;
	int threads_each; /* threads one summed load may use */
	pthread_mutex_t lock;
};

/* --threads, for every load of this run; 0 for one per core */
static size_t max_threads;

void cli_load_threads(size_t n)
{
	max_threads = n;
}

static void *worker(void *arg)
{
	struct job *job = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&job->lock);
		i = job->next++;
		pthread_mutex_unlock(&job->lock);
		if (i >= job->n)
			return NULL;
		switch (job->keep) {
		case CLI_KEEP_TRACES:
			job->status[i] =
			    ms_snapshot_load(job->files[i], &job->snaps[i], &job->errs[i]);
			break;
		case CLI_KEEP_SUMS:
			job->status[i] = ms_snapshot_load_summed(job->files[i], job->threads_each,
								 &job->snaps[i], &job->errs[i]);
			break;
		case CLI_KEEP_NEWEST:
			job->status[i] = ms_snapshot_load_newest(job->files[i], job->threads_each,
								 &job->snaps[i], &job->errs[i]);
			break;
		case CLI_KEEP_NEWEST_FRAMES:
			job->status[i] = ms_snapshot_load_newest_frames(
			    job->files[i], job->threads_each, &job->snaps[i], &job->errs[i]);
			break;
		}
	}
}

int cli_stdin_once(char *const *files, size_t n)
{
	size_t i, nstdin = 0;

	for (i = 0; i < n; i++)
		nstdin += !strcmp(files[i], "-");
	if (nstdin > 1) {
		cli_error("standard input ('-') can only be read once");
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

/*
 * The threads one summed load may use: its share of them. A load reading
 * its file in chunks spends CPU on each thread that scans them (each sums
 * its chunks apart), which only more cores give back: so never more than
 * its share of the cores either, however many --threads gave, except for
 * the tests (MEMSNAP_SPLIT_MIN set), which run many threads on few cores.
 */
static int threads_each(size_t threads, size_t cores, size_t nthreads)
{
	size_t each = threads / nthreads, fair = cores / nthreads ? cores / nthreads : 1;

	return (int)(each > fair && !getenv("MEMSNAP_SPLIT_MIN") ? fair : each);
}

int cli_load_all(char **files, size_t n, struct ms_snapshot **snaps, enum cli_keep keep)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	size_t cores = online > 0 ? (size_t)online : 1;
	/* files on --threads as given, even past the cores: the results are the same */
	size_t cores_used = max_threads ? max_threads : cores;
	size_t nthreads = n < cores_used ? n : cores_used;
	struct job job = {files,
			  n,
			  snaps,
			  NULL,
			  NULL,
			  0,
			  keep,
			  threads_each(cores_used, cores, nthreads ? nthreads : 1),
			  PTHREAD_MUTEX_INITIALIZER};
	pthread_t *threads = calloc(nthreads ? nthreads : 1, sizeof(*threads));
	size_t i, nstarted = 0;
	int ret = EXIT_OK;

	memset(snaps, 0, n * sizeof(*snaps));
	if (cli_stdin_once(files, n)) {
		free(threads);
		return EXIT_ERROR;
	}
	job.errs = calloc(n ? n : 1, sizeof(*job.errs));
	job.status = calloc(n ? n : 1, sizeof(*job.status));
	if (!threads || !job.errs || !job.status) {
		cli_error("out of memory");
		ret = EXIT_ERROR;
		goto out;
	}
	/* this thread works too; if no other can start, it does it all */
	for (i = 1; i < nthreads; i++)
		if (!pthread_create(&threads[nstarted], NULL, worker, &job))
			nstarted++;
	worker(&job);
	for (i = 0; i < nstarted; i++)
		pthread_join(threads[i], NULL);
	for (i = 0; i < n; i++) {
		if (job.status[i] && ret == EXIT_OK) {
			cli_report(files[i], &job.errs[i]);
			ret = EXIT_ERROR;
		}
	}
	if (ret == EXIT_OK)
		for (i = 0; i < n; i++) {
			cli_warn_trailing(files[i], snaps[i]);
			cli_note_chunks(files[i], snaps[i]);
		}
out:
	if (ret != EXIT_OK)
		for (i = 0; i < n; i++) {
			ms_snapshot_free(snaps[i]);
			snaps[i] = NULL;
		}
	free(threads);
	free(job.errs);
	free(job.status);
	return ret;
}

int cli_name_functions(const struct cli_options *opts, struct ms_snapshot *snap,
		       struct ms_sources *sources)
{
	struct ms_error err;

	if (opts->key_type != MS_KEY_FUNCTION)
		return EXIT_OK;
	if (ms_snapshot_name_functions(snap, sources, &err)) {
		cli_report(NULL, &err);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
