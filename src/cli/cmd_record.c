/*
 * memsnap record: runs a command with tracemalloc started in every Python
 * process under it, and keeps a recording directory of their snapshots
 * (src/record), the RSS of the process tree and a status line meanwhile.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bootstrap.h"
#include "cli.h"
#include "command.h"
#include "grow.h"
#include "manifest.h"
#include "memsnap/format.h"
#include "proctree.h"
#include "recording.h"

#define SYNOPSIS "record [options] [--] COMMAND [ARG...]"

/* How long memsnap record waits for processes that outlive the command. */
#define LINGER 2.0

static int set_env(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_env(const char *name, const char *fmt, ...)
{
	char value[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	return setenv(name, value, 1);
}

/* What the recorded processes read: tracemalloc's setting and ours. */
static int prepare_environment(const struct cli_options *o, const char *bootstrap,
			       const char *recording)
{
	const char *old = getenv("PYTHONPATH");
	char *path;
	int ret;

	/* an empty entry would put the current directory on sys.path */
	if (old && *old) {
		path = malloc(strlen(bootstrap) + strlen(old) + 2);
		if (!path)
			return -1;
		sprintf(path, "%s:%s", bootstrap, old);
	} else {
		path = strdup(bootstrap);
		if (!path)
			return -1;
	}
	ret = setenv("PYTHONPATH", path, 1) || set_env("PYTHONTRACEMALLOC", "%zu", o->frames) ||
	      setenv("MEMSNAP_RECORD_DIR", recording, 1) ||
	      set_env("MEMSNAP_RECORD_INTERVAL", "%.6f", o->interval) ||
	      set_env("MEMSNAP_RECORD_GROWTH", "%llu", (unsigned long long)o->every_growth.bytes) ||
	      set_env("MEMSNAP_RECORD_PEAK", "%d", o->peak) ||
	      set_env("MEMSNAP_RECORD_FRAMES", "%zu", o->frames) ||
	      set_env("MEMSNAP_RECORD_PID", "%ld", (long)getpid());
	free(path);
	return ret ? -1 : 0;
}

/* The latest traced memory of each process that has not exited. */
struct traced_by_pid {
	long pid;
	uint64_t traced;
	bool exited;
};

/* What the status line and the verbose lines say. */
struct status {
	struct cli_status_line line;
	bool verbose; /* a line per snapshot */
	double start, drawn_at;
	size_t snapshots, processes;
	uint64_t rss;
	struct traced_by_pid *items;
	size_t nr, alloc;
	char shown[256];
};

static double now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_snapshot(const struct ms_manifest_entry *e, void *arg)
{
	struct status *s = arg;
	char traced[MS_SIZE_TEXT_MAX], rss[MS_SIZE_TEXT_MAX];
	size_t i;

	for (i = 0; i < s->nr && s->items[i].pid != e->pid; i++)
		;
	if (i == s->nr) {
		if (MS_GROW(s->items, s->nr + 1, s->alloc))
			return;
		s->items[s->nr++] = (struct traced_by_pid){.pid = e->pid};
	}
	s->items[i].traced = e->traced;
	s->items[i].exited = !strcmp(e->reason, "exit");
	if (e->seq >= 0)
		s->snapshots++;
	if (!s->verbose)
		return;
	ms_format_size(traced, (double)e->traced, false);
	if (e->rss >= 0)
		ms_format_size(rss, (double)e->rss, false);
	cli_error("%s (%s): traced %s%s%s", e->file, e->reason, traced, e->rss >= 0 ? ", RSS " : "",
		  e->rss >= 0 ? rss : "");
}

/* At most five times a second, and only when the text changed. */
static void draw(struct status *s)
{
	char text[sizeof(s->shown)], traced[MS_SIZE_TEXT_MAX], rss[MS_SIZE_TEXT_MAX];
	double t = now(CLOCK_MONOTONIC);
	long secs = (long)(t - s->start);
	uint64_t sum = 0;
	size_t i;

	if (!s->line.active || t - s->drawn_at < 0.2)
		return;
	for (i = 0; i < s->nr; i++)
		if (!s->items[i].exited)
			sum += s->items[i].traced;
	ms_format_size(traced, (double)sum, false);
	ms_format_size(rss, (double)s->rss, false);
	snprintf(text, sizeof(text),
		 "memsnap record: %ld:%02ld, %zu process%s, %zu snapshot%s, traced %s, RSS %s",
		 secs / 60, secs % 60, s->processes, s->processes == 1 ? "" : "es", s->snapshots,
		 s->snapshots == 1 ? "" : "s", traced, rss);
	if (!strcmp(text, s->shown))
		return;
	cli_status_line_show(&s->line, text);
	memcpy(s->shown, text, sizeof(text));
	s->drawn_at = t;
}

/*
 * Waits for the command, sampling the tree's RSS into rss.tsv, passing on
 * SIGUSR2 and following the manifest, until the command exits.
 */
static void watch(struct ms_command *cmd, struct ms_recording *rec, const char *manifest,
		  const struct cli_options *o, struct status *s)
{
	struct ms_manifest_tail tail = {0};
	struct ms_proctree tree = {0};
	struct ms_error err;
	bool rss_failed = false, sampling = o->sample > 0;
	double period = sampling ? o->sample : 0.25, next = now(CLOCK_MONOTONIC);
	unsigned events = 0;
	double t;

	while (!(events & MS_COMMAND_EXITED)) {
		t = now(CLOCK_MONOTONIC);
		if (t >= next) {
			if (!ms_proctree_sample(&tree, cmd->pid)) {
				s->rss = tree.rss;
				s->processes = tree.nr;
			}
			if (sampling && tree.nr &&
			    ms_recording_log_rss(rec, now(CLOCK_REALTIME), t, tree.rss, tree.nr,
						 &err) &&
			    !rss_failed) {
				cli_report(rec->dir, &err);
				rss_failed = true;
			}
			ms_manifest_follow(&tail, manifest, on_snapshot, s);
			draw(s);
			while (next <= t)
				next += period;
		}
		events = ms_command_wait(cmd, next - now(CLOCK_MONOTONIC));
		if (events & MS_COMMAND_SIGUSR2) {
			if (ms_recording_request_dumps(rec, &err))
				cli_report(rec->dir, &err);
			else if (s->verbose)
				cli_error("SIGUSR2: a snapshot of every recorded process");
		}
		if (events & MS_COMMAND_SIGWINCH) {
			cli_status_line_resize(&s->line);
			s->shown[0] = '\0';
		}
	}
	/*
	 * What the command started may outlive it by a moment (multiprocessing's
	 * resource tracker, a pool's last worker): their exit snapshots belong
	 * to the recording, so they get a little time; daemons do not.
	 */
	for (t = now(CLOCK_MONOTONIC);
	     now(CLOCK_MONOTONIC) - t < LINGER && ms_proctree_alive(&tree, cmd->pid);)
		ms_command_wait(cmd, 0.05);
	ms_manifest_follow(&tail, manifest, on_snapshot, s);
	ms_proctree_release(&tree);
}

int cmd_record(int argc, char **argv)
{
	struct cli_options o;
	struct ms_recording rec;
	struct ms_command cmd;
	struct status s = {0};
	struct ms_error err;
	char *bootstrap = NULL, *manifest = NULL;
	int parsed, exec_errno, ret = EXIT_ERROR;
	bool started = false;

	parsed = cli_parse(argc, argv, CLI_CMD_RECORD, 0, SIZE_MAX, SYNOPSIS, &o);
	if (!parsed && !o.nfiles) {
		cli_error("no command to record (usage: memsnap %s)", SYNOPSIS);
		parsed = -2;
	} else if (!parsed && o.every_growth.given && !o.every_growth.bytes) {
		cli_error("--every-growth: the size must be more than 0");
		parsed = -2;
	}
	if (parsed) {
		cli_options_release(&o);
		return parsed == -1 ? cli_finish_output() : EXIT_ERROR;
	}
	if (ms_recording_open(&rec, o.output, &err)) {
		cli_report(o.output, &err);
		cli_options_release(&o);
		return EXIT_ERROR;
	}
	if (ms_bootstrap_create(&bootstrap, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	manifest = malloc(strlen(rec.path) + sizeof("/manifest.jsonl"));
	if (!manifest || prepare_environment(&o, bootstrap, rec.path)) {
		cli_error("out of memory");
		goto out;
	}
	sprintf(manifest, "%s/manifest.jsonl", rec.path);
	if (!o.quiet)
		cli_status_line_begin(&s.line);
	s.verbose = o.verbose;
	s.start = now(CLOCK_MONOTONIC);
	if (ms_command_start(&cmd, o.files, &exec_errno, &err)) {
		cli_report(o.files[0], &err);
		/* as the shells and env(1) say it: 127 not found, 126 not runnable */
		ret = exec_errno == ENOENT ? 127 : exec_errno ? 126 : EXIT_ERROR;
		goto out;
	}
	watch(&cmd, &rec, manifest, &o, &s);
	started = true;
	ret = ms_command_exit_code(&cmd);
	cli_status_line_end(&s.line);
	if (!s.snapshots)
		cli_error("%s: no Python process wrote a snapshot", rec.dir);
	else if (isatty(STDERR_FILENO) || s.verbose)
		cli_error("%zu snapshot%s of %zu process%s in %s", s.snapshots,
			  s.snapshots == 1 ? "" : "s", s.nr, s.nr == 1 ? "" : "es", rec.dir);
out:
	cli_status_line_end(&s.line);
	if (bootstrap)
		ms_bootstrap_remove(bootstrap);
	free(bootstrap);
	free(manifest);
	free(s.items);
	if (ms_recording_close(&rec, &err)) {
		cli_report(o.output, &err);
		if (!ret)
			ret = EXIT_ERROR;
	}
	cli_options_release(&o);
	/* last: a signal that came meanwhile stays pending until now */
	if (started)
		ms_command_release(&cmd);
	return ret;
}
