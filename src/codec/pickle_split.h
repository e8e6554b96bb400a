/*
 * Reading one dump on several threads: where it is cut (FRAME headers,
 * then the next trace record), and the scan of one chunk on its own
 * thread. The scan reads the chunk's trace records by their bytes and
 * sums them by traceback reference; every other byte it leaves, in
 * pieces, for the reader, which replays the chunks in file order and
 * decides everything (pickle_read.c).
 */
#ifndef MEMSNAP_PICKLE_SPLIT_H
#define MEMSNAP_PICKLE_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	uint64_t size_lo;
	uint32_t size_hi, count;
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

#endif
