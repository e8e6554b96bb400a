/*
 * Reading one dump on several threads: where it is cut (FRAME headers,
 * then the next trace record), the scan of one chunk, and the pool of
 * threads that scan them. The scan reads the chunk's trace records by
 * their bytes and sums them by traceback reference; every other byte it
 * leaves, in pieces, for the reader, which replays the chunks in file
 * order and decides everything (pickle_read.c).
 */
#ifndef MEMSNAP_PICKLE_SPLIT_H
#define MEMSNAP_PICKLE_SPLIT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot_internal.h" /* struct ms_sum */

struct ms_file_map;

/* A stretch of a chunk: a run of trace records, or bytes for the reader. */
struct ms_chunk_piece {
	size_t start, end;
	uint32_t records; /* a run of this many records; 0: bytes for the reader */
	/*
	 * A run: the most that a record's memo index exceeds its place in
	 * the run. The reader takes the run only where every index was
	 * defined by then: memo entries before the run > excess.
	 */
	int64_t excess;
};

/* The sums of a chunk's records that have one traceback reference and domain; count 0: none. */
struct ms_chunk_cell {
	uint64_t key; /* memo index << 32 | domain */
	struct ms_sum sum;
};

/* Sums of trace records by key: a table by a hash of the keys, ncells of mask + 1 in use. */
struct ms_chunk_sums {
	struct ms_chunk_cell *cells;
	size_t ncells, mask;
	size_t records; /* summed in it */
};

struct ms_chunk {
	const unsigned char *buf; /* the whole file */
	size_t len;
	size_t start, end; /* the chunk: from a trace record to the next chunk's, or the end */
	int arity;	   /* of the file's trace records: 4 (Python 3.9 and later), or 3 */

	struct ms_chunk_piece *pieces;
	size_t npieces, pieces_alloc;
	int status; /* 0, or MS_ERR_FORMAT / MS_ERR_NOMEM: the reader reads it instead */
};

/*
 * Where to cut buf into at most n chunks of about equal size, each from a
 * trace record to the next chunk's: the first at the file's first record
 * read by its bytes, the others at the first such record of a frame,
 * found by hopping FRAME headers and stepping over opcodes from there.
 * Writes the cuts, increasing, to cuts (room for n) and returns how many,
 * and the arity of the records to *arity: the first record's, 4 fields
 * (Python 3.9 and later) or 3 (3.6 to 3.8). mapped: buf is a mapped file,
 * whose pages behind the hops are given back.
 */
size_t ms_pickle_cuts(const unsigned char *buf, size_t len, size_t n, bool mapped, size_t *cuts,
		      int *arity);

/*
 * Scans c->start to c->end, its records' sizes added to sums (which the
 * thread scanning keeps from chunk to chunk); c->status says whether it
 * could. Safe on any bytes.
 */
void ms_chunk_scan(struct ms_chunk *c, struct ms_chunk_sums *sums);

void ms_chunk_release(struct ms_chunk *c);
void ms_chunk_sums_release(struct ms_chunk_sums *sums);

/*
 * The chunks of a file and the threads that scan them: each takes the
 * next chunk not yet taken, at most two per thread past the one being
 * replayed (so that memory holds a few chunks' pieces and pages, not the
 * file's); the reader replays them in order, and scans one itself while
 * it would wait. Every thread sums in a table of its own, the reader's
 * last, which the reader adds up once the pool is stopped.
 */
#define MS_MAX_SCANNERS 64

struct ms_chunk_pool {
	struct ms_chunk *chunks;
	size_t nchunks;
	struct ms_chunk_sums sums[MS_MAX_SCANNERS + 1];

	size_t threads, started;
	size_t taken, replayed;	   /* chunks taken to scan; replayed (and freed) */
	struct ms_file_map *guard; /* the reader's: a scanner guards the file too */
	bool *done;
	bool quit;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	pthread_t thread[MS_MAX_SCANNERS];
	struct ms_chunk_scanner {
		struct ms_chunk_pool *pool;
		struct ms_chunk_sums *sums;
	} scanner[MS_MAX_SCANNERS];
};

/*
 * Starts threads - 1 threads (at most MS_MAX_SCANNERS; fewer if the
 * system gives fewer) scanning the nchunks chunks, which the pool then
 * owns, as it owns done (room for nchunks, false); guard: the reader's
 * guard of the mapped file, or NULL.
 */
void ms_chunk_pool_start(struct ms_chunk_pool *p, struct ms_chunk *chunks, bool *done,
			 size_t nchunks, size_t threads, struct ms_file_map *guard);
/* Waits until chunk i is scanned, scanning others meanwhile. */
void ms_chunk_pool_wait(struct ms_chunk_pool *p, size_t i);
/* Chunk i is replayed: its pieces are freed, and the threads may scan further. */
void ms_chunk_pool_replayed(struct ms_chunk_pool *p, size_t i);
/* Stops the threads, which leave their sums. */
void ms_chunk_pool_stop(struct ms_chunk_pool *p);
/* Frees what the pool holds, its sums too. */
void ms_chunk_pool_release(struct ms_chunk_pool *p);

#endif
