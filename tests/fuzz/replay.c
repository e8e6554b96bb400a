/*
 * Runs the fuzz target once on each file named, without libFuzzer: the
 * crash corpus and the seeds stay regression tests in every build, the
 * sanitizer one included.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, alloc = 0, n;

		if (!f) {
			perror(argv[i]);
			failed++;
			continue;
		}
		do {
			if (len == alloc) {
				unsigned char *p = realloc(buf, alloc = alloc ? 2 * alloc : 65536);
				if (!p)
					abort();
				buf = p;
			}
			n = fread(buf + len, 1, alloc - len, f);
			len += n;
		} while (n);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	printf("replay: %d passed, %d failed\n", argc - 1 - failed, failed);
	return failed != 0;
}
