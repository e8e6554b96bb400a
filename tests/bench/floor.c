/*
 * floor.c: the bare cost of reading a pickle, the floor of memsnap's
 * benchmark. Reads the whole file (one read(), or mmap with -m) and steps
 * over every opcode, knowing each one's argument length; counts opcodes and
 * does nothing else. Standalone on purpose: no memsnap code.
 *
 *   cc -O2 -o floor floor.c && ./floor [-m] FILE...
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* How an opcode's argument is laid out, when it is not a fixed size. */
enum {
	BAD = -1,   /* not a pickle opcode */
	LEN1 = -2,  /* 1-byte length, then that many bytes */
	LEN4 = -3,  /* 4-byte little-endian length, then that many bytes */
	LEN8 = -4,  /* 8-byte little-endian length, then that many bytes */
	LINE = -5,  /* text up to and including a newline */
	LINE2 = -6, /* two such lines (GLOBAL, INST) */
};

static signed char arg[256];

static void init_table(void)
{
	static const struct {
		unsigned char op;
		signed char arg;
	} ops[] = {
		/* protocol 0 and 1 */
		{ '(', 0 }, { '.', 0 }, { '0', 0 }, { '1', 0 }, { '2', 0 },
		{ 'F', LINE }, { 'I', LINE }, { 'J', 4 }, { 'K', 1 },
		{ 'L', LINE }, { 'M', 2 }, { 'N', 0 }, { 'P', LINE },
		{ 'Q', 0 }, { 'R', 0 }, { 'S', LINE }, { 'T', LEN4 },
		{ 'U', LEN1 }, { 'V', LINE }, { 'X', LEN4 }, { 'a', 0 },
		{ 'b', 0 }, { 'c', LINE2 }, { 'd', 0 }, { '}', 0 }, { 'e', 0 },
		{ 'g', LINE }, { 'h', 1 }, { 'i', LINE2 }, { 'j', 4 },
		{ 'l', 0 }, { ']', 0 }, { 'o', 0 }, { 'p', LINE }, { 'q', 1 },
		{ 'r', 4 }, { 's', 0 }, { 't', 0 }, { ')', 0 }, { 'u', 0 },
		{ 'G', 8 },
		/* protocol 2 */
		{ 0x80, 1 }, { 0x81, 0 }, { 0x82, 1 }, { 0x83, 2 }, { 0x84, 4 },
		{ 0x85, 0 }, { 0x86, 0 }, { 0x87, 0 }, { 0x88, 0 }, { 0x89, 0 },
		{ 0x8a, LEN1 }, { 0x8b, LEN4 },
		/* protocol 3 */
		{ 'B', LEN4 }, { 'C', LEN1 },
		/* protocol 4 */
		{ 0x8c, LEN1 }, { 0x8d, LEN8 }, { 0x8e, LEN8 }, { 0x8f, 0 },
		{ 0x90, 0 }, { 0x91, 0 }, { 0x92, 0 }, { 0x93, 0 }, { 0x94, 0 },
		{ 0x95, 8 },
		/* protocol 5 */
		{ 0x96, LEN8 }, { 0x97, 0 }, { 0x98, 0 },
	};
	size_t i;

	memset(arg, BAD, sizeof(arg));
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		arg[ops[i].op] = ops[i].arg;
}

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* Returns the number of opcodes up to and including STOP, or -1. */
static long long step(const char *name, const unsigned char *buf, size_t size)
{
	const unsigned char *p = buf, *end = buf + size;
	long long n = 0;

	while (p < end) {
		unsigned char op = *p++;
		int a = arg[op];
		uint64_t len;
		int lines;

		n++;
		if (a >= 0) {
			if ((size_t)(end - p) < (size_t)a)
				goto truncated;
			p += a;
		} else if (a == LEN1 || a == LEN4 || a == LEN8) {
			int w = a == LEN1 ? 1 : a == LEN4 ? 4 : 8;

			if ((size_t)(end - p) < (size_t)w)
				goto truncated;
			len = le(p, w);
			p += w;
			if ((uint64_t)(end - p) < len)
				goto truncated;
			p += len;
		} else if (a == LINE || a == LINE2) {
			for (lines = a == LINE ? 1 : 2; lines; lines--) {
				const unsigned char *nl = memchr(p, '\n', end - p);

				if (!nl)
					goto truncated;
				p = nl + 1;
			}
		} else {
			fprintf(stderr, "floor: %s: offset %ld: unknown opcode 0x%02x\n",
				name, (long)(p - 1 - buf), op);
			return -1;
		}
		if (op == '.')
			return n;
	}
	fprintf(stderr, "floor: %s: no STOP opcode\n", name);
	return -1;
truncated:
	fprintf(stderr, "floor: %s: truncated after %lld opcodes\n", name, n);
	return -1;
}

int main(int argc, char **argv)
{
	int use_mmap = 0, i, status = 0;

	init_table();
	if (argc > 1 && !strcmp(argv[1], "-m")) {
		use_mmap = 1;
		argc--, argv++;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: floor [-m] FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat st;
		unsigned char *buf;
		size_t size, got = 0;
		long long n;
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || fstat(fd, &st) < 0) {
			fprintf(stderr, "floor: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		size = (size_t)st.st_size;
		if (use_mmap) {
			buf = mmap(NULL, size ? size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
			if (buf == MAP_FAILED) {
				fprintf(stderr, "floor: %s: mmap: %s\n", argv[i], strerror(errno));
				return 2;
			}
		} else {
			buf = malloc(size ? size : 1);
			if (!buf) {
				fprintf(stderr, "floor: %s: out of memory\n", argv[i]);
				return 2;
			}
			while (got < size) {
				ssize_t r = read(fd, buf + got, size - got);

				if (r <= 0) {
					fprintf(stderr, "floor: %s: read: %s\n", argv[i],
						r ? strerror(errno) : "unexpected end of file");
					return 2;
				}
				got += (size_t)r;
			}
		}
		close(fd);
		n = step(argv[i], buf, size);
		if (n < 0)
			status = 2;
		else
			printf("%lld opcodes %zu bytes %s\n", n, size, argv[i]);
		if (use_mmap)
			munmap(buf, size ? size : 1);
		else
			free(buf);
	}
	return status;
}
