/*
 * The lines of a snapshot that hold the most memory, through the installed
 * libmemsnap: what Python prints for
 *
 *   for stat in Snapshot.load(path).statistics("lineno")[:n]: print(stat)
 *
 * and the lines of `memsnap top` that do not start with '#'. Build it with
 *
 *   cc top.c $(pkg-config --cflags --libs memsnap) -o top
 *
 * or with CMake (CMakeLists.txt beside it), then run ./top SNAPSHOT [N].
 */
#include <stdio.h>
#include <stdlib.h>

#include <memsnap/memsnap.h>

/* str(Statistic): "file:lineno: size=..., count=..., average=..." */
static void print_stat(const struct ms_snapshot *snap, const struct ms_stat *st)
{
	/* grouped by line, the key is a frame id of the snapshot */
	struct ms_frame frame = ms_snapshot_frame(snap, st->key);
	size_t len;
	const char *file = ms_snapshot_string(snap, frame.file, &len);
	char size[MS_SIZE_TEXT_MAX], average[MS_SIZE_TEXT_MAX];

	ms_format_size(size, ms_uint128_to_double(st->size), false);
	printf("%.*s:%u: size=%s, count=%llu", (int)len, file, frame.lineno, size,
	       (unsigned long long)st->count);
	if (st->count) {
		ms_format_size(average, ms_uint128_div(st->size, st->count), false);
		printf(", average=%s", average);
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct ms_snapshot *snap;
	struct ms_stats stats;
	struct ms_error err;
	size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: top SNAPSHOT [N]   (libmemsnap %s)\n", ms_version());
		return 2;
	}
	if (ms_snapshot_load(argv[1], &snap, &err)) {
		fprintf(stderr, "top: %s: %s\n", argv[1], err.message);
		return 2;
	}
	if (ms_stats_compute(&stats, snap, NULL, MS_KEY_LINENO, false, &err)) {
		fprintf(stderr, "top: %s: %s\n", argv[1], err.message);
		ms_snapshot_free(snap);
		return 2;
	}
	for (i = 0; i < stats.nr && i < n; i++)
		print_stat(snap, &stats.items[i]);
	ms_stats_release(&stats);
	ms_snapshot_free(snap);
	return 0;
}
