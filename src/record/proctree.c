/*
 * ms_proctree_sample(): one pass over /proc/<pid>/stat for every process
 * (its parent and resident pages), sorted by pid, then each process's
 * ancestry followed up to the root or out of the tree, remembering the
 * answer for every process on the way.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grow.h"
#include "proctree.h"

enum membership { UNKNOWN, IN_TREE, OUTSIDE };

struct ms_proc {
	pid_t pid, ppid;
	uint64_t rss;
	bool zombie; /* exited, not yet waited for: no memory, not counted */
	enum membership member;
};

/*
 * Fields 3 (state), 4 (ppid) and 24 (rss, in pages) of /proc/<pid>/stat. Field 2,
 * the command name, is in parentheses and may hold spaces and
 * parentheses itself: fields are counted after the last ')'.
 */
static int read_stat(const char *pid, struct ms_proc *p)
{
	char path[64], buf[1024], *s;
	long long ppid = 0, rss = 0;
	ssize_t n;
	int fd, field;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	s = strrchr(buf, ')');
	if (!s)
		return -1;
	for (s++, field = 3; field <= 24; field++) {
		while (*s == ' ')
			s++;
		if (!*s)
			return -1;
		if (field == 3)
			p->zombie = *s == 'Z';
		else if (field == 4)
			ppid = strtoll(s, NULL, 10);
		else if (field == 24)
			rss = strtoll(s, NULL, 10);
		while (*s && *s != ' ')
			s++;
	}
	p->pid = (pid_t)strtol(pid, NULL, 10);
	p->ppid = (pid_t)ppid;
	p->rss = rss > 0 ? (uint64_t)rss * (uint64_t)sysconf(_SC_PAGESIZE) : 0;
	p->member = UNKNOWN;
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct ms_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static struct ms_proc *find(struct ms_proctree *tree, pid_t pid)
{
	struct ms_proc key = {.pid = pid};

	return bsearch(&key, tree->all, tree->all_nr, sizeof(key), by_pid);
}

/* Whether p descends from root; marks p's ancestors on the way. */
static enum membership membership(struct ms_proctree *tree, struct ms_proc *p, pid_t root)
{
	enum membership answer;
	struct ms_proc *q;
	size_t steps;

	/* a parent loop cannot happen, but the walk is bounded all the same */
	for (q = p, steps = 0; q && q->member == UNKNOWN && steps <= tree->all_nr; steps++) {
		if (q->pid == root)
			q->member = IN_TREE;
		else
			q = find(tree, q->ppid);
	}
	answer = q && q->member == IN_TREE ? IN_TREE : OUTSIDE;
	for (q = p; q && q->member == UNKNOWN; q = find(tree, q->ppid))
		q->member = answer;
	return answer;
}

int ms_proctree_sample(struct ms_proctree *tree, pid_t root)
{
	struct dirent *d;
	DIR *proc;
	size_t i;

	tree->nr = 0;
	tree->rss = 0;
	tree->all_nr = 0;
	proc = opendir("/proc");
	if (!proc)
		return -1;
	while ((d = readdir(proc))) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		if (MS_GROW(tree->all, tree->all_nr + 1, tree->all_alloc)) {
			closedir(proc);
			return -1;
		}
		if (!read_stat(d->d_name, &tree->all[tree->all_nr]))
			tree->all_nr++;
	}
	closedir(proc);
	qsort(tree->all, tree->all_nr, sizeof(*tree->all), by_pid);
	for (i = 0; i < tree->all_nr; i++) {
		if (membership(tree, &tree->all[i], root) != IN_TREE || tree->all[i].zombie)
			continue;
		if (MS_GROW(tree->pids, tree->nr + 1, tree->alloc))
			return -1;
		tree->pids[tree->nr++] = tree->all[i].pid;
		tree->rss += tree->all[i].rss;
	}
	return tree->nr ? 0 : -1;
}

void ms_proctree_release(struct ms_proctree *tree)
{
	free(tree->pids);
	free(tree->all);
	memset(tree, 0, sizeof(*tree));
}

size_t ms_proctree_alive(const struct ms_proctree *tree, pid_t except)
{
	size_t i, n = 0;

	for (i = 0; i < tree->nr; i++)
		if (tree->pids[i] != except && (!kill(tree->pids[i], 0) || errno == EPERM))
			n++;
	return n;
}
