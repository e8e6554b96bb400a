/*
 * Prints the function name memsnap gives every line of Python source
 * files, in runs: "# FILE" then "FIRST LAST START QUALNAME" per run of
 * lines of one name (START: where the function starts, 0 for "<module>"). reference.py prints the
 * same from Python's ast; the pyscope tests compare the two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "utf8.h"

static int dump(const char *path)
{
	size_t plen = strlen(path), nlen, len, run_len = 0;
	uint32_t run_start = 0;
	char *name = malloc(3 * plen + 1), *run = NULL;
	struct ms_sources *sources = ms_sources_new();
	uint32_t line, first = 1, start;
	const char *q;

	if (!name || !sources) {
		fprintf(stderr, "dump: out of memory\n");
		exit(2);
	}
	/* a snapshot names files as os.fsdecode() does */
	nlen = ms_utf8_fsdecode(name, path, plen);
	printf("# %s\n", path);
	for (line = 1; (q = ms_sources_function(sources, name, nlen, line, &len, &start)); line++) {
		if (run && len == run_len && !memcmp(q, run, len) && start == run_start)
			continue;
		if (run)
			printf("%u %u %u %.*s\n", first, line - 1, run_start, (int)run_len, run);
		free(run);
		run = malloc(len + 1);
		if (!run) {
			fprintf(stderr, "dump: out of memory\n");
			exit(2);
		}
		memcpy(run, q, len);
		run_len = len;
		run_start = start;
		first = line;
	}
	if (run)
		printf("%u %u %u %.*s\n", first, line - 1, run_start, (int)run_len, run);
	free(run);
	free(name);
	ms_sources_free(sources);
	return 0;
}

int main(int argc, char **argv)
{
	char path[4096];
	size_t n;
	int i;

	/* file names as arguments, or one per line on standard input */
	for (i = 1; i < argc; i++)
		dump(argv[i]);
	if (argc == 1)
		while (fgets(path, sizeof(path), stdin)) {
			n = strlen(path);
			if (n && path[n - 1] == '\n')
				path[--n] = 0;
			if (n)
				dump(path);
		}
	return 0;
}
