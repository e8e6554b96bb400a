/*
 * The process tree under a process, read from /proc: how many processes
 * and their summed resident memory, the way mprof counts children (shared
 * pages count once per process). Systems without a Linux /proc have none.
 */
#ifndef MEMSNAP_PROCTREE_H
#define MEMSNAP_PROCTREE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct ms_proctree {
	pid_t *pids; /* the tree's processes, by pid */
	size_t nr, alloc;
	uint64_t rss;	     /* bytes, summed over them */
	struct ms_proc *all; /* every process, between samples */
	size_t all_nr, all_alloc;
};

/*
 * Reads the tree under root (root included) into tree, reusing its
 * arrays. Returns 0, or -1 when there is no /proc to read (tree->nr is 0)
 * or no memory. Free the arrays with ms_proctree_release().
 */
int ms_proctree_sample(struct ms_proctree *tree, pid_t root);
void ms_proctree_release(struct ms_proctree *tree);

/* How many of the processes of the last sample, except one, still exist. */
size_t ms_proctree_alive(const struct ms_proctree *tree, pid_t except);

#endif
