/*
 * Cutting a dump into chunks, scanning one, and the pool of threads that
 * scans them (see pickle_split.h). Nothing here is trusted: a chunk whose
 * bytes do not scan says so, and the reader then reads the file on one
 * thread, which finds what is wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "file_map.h"
#include "grow.h"
#include "memsnap/error.h"
#include "pickle_ops.h"
#include "pickle_record.h"
#include "pickle_split.h"
#include "platform.h"

/* How each opcode's argument is laid out, plus one; 0 for a byte that is no opcode. */
static const uint8_t shapes[256] = {
#define MS_PICKLE_OP_SHAPE(name, byte, arg) [(byte)] = (arg) + 1,
    MS_PICKLE_OPCODES(MS_PICKLE_OP_SHAPE)
#undef MS_PICKLE_OP_SHAPE
};

/* The bytes of an opcode whose argument has a fixed size, with it; 0 for the others. */
#define FIXED_SIZE(arg)                                                                            \
	((arg) == ARG_NONE ? 1                                                                     \
	 : (arg) == ARG_U1 ? 2                                                                     \
	 : (arg) == ARG_U2 ? 3                                                                     \
	 : (arg) == ARG_I4 ? 5                                                                     \
	 : (arg) == ARG_U4 ? 5                                                                     \
	 : (arg) == ARG_U8 ? 9                                                                     \
	 : (arg) == ARG_F8 ? 9                                                                     \
			   : 0)
static const uint8_t fixed_sizes[256] = {
#define MS_PICKLE_OP_FIXED(name, byte, arg) [(byte)] = FIXED_SIZE(arg),
    MS_PICKLE_OPCODES(MS_PICKLE_OP_FIXED)
#undef MS_PICKLE_OP_FIXED
};

/* Bytes a line argument takes at p (with its newline), 0 if none ends before end. */
static size_t line_size(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? (size_t)(nl + 1 - p) : 0;
}

/* Bytes of the opcode at p with its argument; 0 for an unknown opcode or too few bytes. */
static inline size_t op_size(const unsigned char *p, const unsigned char *end)
{
	size_t left = (size_t)(end - p), n, m;
	uint64_t count;

	if (fixed_sizes[p[0]])
		return fixed_sizes[p[0]] <= left ? fixed_sizes[p[0]] : 0;
	if (!shapes[p[0]])
		return 0;
	switch ((enum ms_pickle_arg)(shapes[p[0]] - 1)) {
	case ARG_STR1:
	case ARG_LONG1:
		if (left < 2)
			return 0;
		n = 2 + (size_t)p[1];
		break;
	case ARG_STR4:
	case ARG_LONG4:
		if (left < 5)
			return 0;
		count = ms_load_le(p + 1, 4);
		if ((shapes[p[0]] - 1 == ARG_LONG4 && (count & 0x80000000u)) || count > left - 5)
			return 0;
		n = 5 + (size_t)count;
		break;
	case ARG_STR8:
		if (left < 9)
			return 0;
		count = ms_load_le(p + 1, 8);
		if (count > left - 9)
			return 0;
		n = 9 + (size_t)count;
		break;
	case ARG_LINE:
		n = left > 1 ? line_size(p + 1, end) : 0;
		return n ? 1 + n : 0;
	case ARG_LINE2:
		n = left > 1 ? line_size(p + 1, end) : 0;
		m = n && left > 1 + n ? line_size(p + 1 + n, end) : 0;
		return m ? 1 + n + m : 0;
	default:
		return 0;
	}
	return n <= left ? n : 0;
}

/*
 * The length of the trace record of arity (3 or 4) at buf + pos (with the
 * bytes after it that record_read() loads), or 0.
 */
static inline size_t record_len(const unsigned char *buf, size_t len, size_t pos, int arity,
				uint64_t v[4])
{
	return len - pos >= RECORD_MAX ? record_read(buf + pos, arity, v) : 0;
}

/*
 * Whether a trace record of arity starts at pos: its first byte (MARK for
 * 4, an int for 3) is a cheap look before record_read()'s.
 */
static inline bool record_of(const unsigned char *buf, size_t len, size_t pos, int arity)
{
	uint64_t v[4];

	return (arity == 4 ? buf[pos] == OP_MARK : record_uint_len[buf[pos]] != 0) &&
	       record_len(buf, len, pos, arity, v);
}

/*
 * The same for *arity; one of 0 takes either and is set to the one found
 * (the fields of a trace of 3 are no prefix of one of 4, nor the other
 * way round).
 */
static inline bool record_at(const unsigned char *buf, size_t len, size_t pos, int *arity)
{
	if (*arity)
		return record_of(buf, len, pos, *arity);
	*arity = record_of(buf, len, pos, 4) ? 4 : record_of(buf, len, pos, 3) ? 3 : 0;
	return *arity != 0;
}

#define AT_STOP SIZE_MAX

/*
 * Steps over opcodes from pos, an opcode boundary, to the first trace
 * record of *arity (record_at()) at or after it, or to end or past it;
 * AT_STOP at a STOP, 0 at a byte that is no opcode or too few bytes.
 */
static inline size_t to_record(const unsigned char *buf, size_t len, size_t pos, size_t end,
			       int *arity)
{
	size_t n;

	while (pos < end && !record_at(buf, len, pos, arity)) {
		if (buf[pos] == OP_STOP)
			return AT_STOP;
		if (!(n = op_size(buf + pos, buf + len)))
			return 0;
		pos += n;
	}
	return pos;
}

/* From pos, an opcode boundary, the first trace record of *arity within limit bytes; 0 if none. */
static size_t next_record(const unsigned char *buf, size_t len, size_t pos, size_t limit,
			  int *arity)
{
	size_t end = len - pos > limit ? pos + limit : len;

	pos = to_record(buf, len, pos, end, arity);
	return pos < end ? pos : 0;
}

/* Hopping frames, pages behind are given back this many bytes at a time. */
#define HOP_DROP ((size_t)8 << 20)

size_t ms_pickle_cuts(const unsigned char *buf, size_t len, size_t n, bool mapped, size_t *cuts,
		      int *arity)
{
	size_t pos = 2, ncuts = 0, found, dropped = 0;
	uint64_t size;

	/* PROTO 4 or 5, then frames: FRAME, an 8-byte length, that many bytes */
	if (len < 11 || buf[pos] != OP_FRAME)
		return 0;
	/* the first record, past the header and the first tracebacks, starts the first chunk */
	*arity = 0; /* the first record's */
	found = next_record(buf, len, pos, len / n, arity);
	if (!found)
		return 0;
	cuts[ncuts++] = found;
	for (; ncuts < n && len - pos > 9 && buf[pos] == OP_FRAME; pos += 9 + size) {
		size = ms_load_le(buf + pos + 1, 8);
		if (size > len - pos - 9)
			break;
		/* each header maps the pages around it (fault-around): not all the file */
		if (mapped && pos - dropped >= 2 * HOP_DROP) {
			ms_advise_drop(buf + dropped, HOP_DROP);
			dropped += HOP_DROP;
		}
		if (pos + 9 < cuts[0] + (len - cuts[0]) / n * ncuts)
			continue;
		/* the first record of this frame, or soon after */
		found = next_record(buf, len, pos + 9, (size_t)size + 4096, arity);
		if (found > cuts[ncuts - 1])
			cuts[ncuts++] = found;
	}
	return ncuts;
}

static int add_piece(struct ms_chunk *c, size_t start, size_t end, uint32_t records, int64_t excess)
{
	if (MS_GROW(c->pieces, c->npieces + 1, c->pieces_alloc) < 0)
		return -1;
	c->pieces[c->npieces++] = (struct ms_chunk_piece){start, end, records, excess};
	return 0;
}

static inline size_t cell_slot(const struct ms_chunk_sums *c, uint64_t key)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9u;
	return (size_t)(key ^ key >> 32) & c->mask;
}

/* The cell of key, or the empty one where it would go. */
static inline size_t cell_find(const struct ms_chunk_sums *c, uint64_t key)
{
	size_t h;

	for (h = cell_slot(c, key); c->cells[h].sum.count && c->cells[h].key != key;
	     h = (h + 1) & c->mask)
		;
	return h;
}

#define SUMS_FREE ((size_t)1 << 20)

/* Doubles the table of cells (or makes it), keeping each cell's sums. */
static int grow_cells(struct ms_chunk_sums *c)
{
	size_t slots = c->cells ? 2 * (c->mask + 1) : 4096, i;
	struct ms_chunk_cell *old = c->cells, *cells;

	/*
	 * Past 1 MiB, a table grows only while its records share keys (a
	 * dump's do: tracebacks are few): records with a key each, which
	 * only a crafted file has, fail the scan as on no memory, and the
	 * file is read on one thread, whose memory is bounded as ever.
	 */
	if (slots * sizeof(*cells) > SUMS_FREE && 2 * c->ncells > c->records)
		return -1;
	cells = calloc(slots, sizeof(*cells));
	if (!cells)
		return -1;
	c->cells = cells;
	c->mask = slots - 1;
	for (i = 0; old && i <= (slots / 2) - 1; i++)
		if (old[i].sum.count)
			cells[cell_find(c, old[i].key)] = old[i];
	free(old);
	return 0;
}

/* Adds a record's size to the cell of its key, memo index << 32 | domain. */
static inline int add_record(struct ms_chunk_sums *c, uint64_t key, uint64_t size)
{
	size_t h = cell_find(c, key);

	if (!c->cells[h].sum.count) {
		if (2 * (c->ncells + 1) > c->mask + 1) {
			if (grow_cells(c) < 0)
				return -1;
			h = cell_find(c, key);
		}
		c->ncells++;
		c->cells[h].key = key;
	}
	c->records++;
	ms_sum_add(&c->cells[h].sum, size);
	return 0;
}

/*
 * Records are summed SCAN_BATCH at a time: each one's cell is asked for
 * as it is read, and added to once the batch is read, so that the
 * table's cache misses overlap instead of waiting one after the other.
 */
#define SCAN_BATCH 32

struct scanned {
	uint64_t key, size;
};

static int add_batch(struct ms_chunk_sums *sums, const struct scanned *batch, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (add_record(sums, batch[i].key, batch[i].size) < 0)
			return -1;
	return 0;
}

/* A run of records from pos: summed, its piece added; the position after it, 0 on no memory. */
static size_t scan_run(struct ms_chunk *c, struct ms_chunk_sums *sums, size_t pos)
{
	struct scanned batch[SCAN_BATCH];
	size_t start = pos, nb = 0, len;
	uint32_t records = 0;
	int64_t excess = INT64_MIN;
	uint64_t v[4];

	while (pos < c->end && records < UINT32_MAX &&
	       (len = record_len(c->buf, c->len, pos, c->arity, v))) {
		batch[nb].key = v[2] << 32 | v[0];
		batch[nb].size = v[1];
		MS_PREFETCH(&sums->cells[cell_slot(sums, batch[nb].key)]);
		if (++nb == SCAN_BATCH) {
			if (add_batch(sums, batch, nb) < 0)
				return 0;
			nb = 0;
		}
		if ((int64_t)v[2] - (int64_t)records > excess)
			excess = (int64_t)v[2] - (int64_t)records;
		records++;
		pos += len;
	}
	if (add_batch(sums, batch, nb) < 0 || add_piece(c, start, pos, records, excess) < 0)
		return 0;
	return pos;
}

void ms_chunk_scan(struct ms_chunk *c, struct ms_chunk_sums *sums)
{
	size_t pos = c->start, start;
	uint64_t v[4];

	c->status = MS_ERR_NOMEM;
	if (!sums->cells && grow_cells(sums) < 0)
		return;
	while (pos < c->end) {
		start = pos;
		if (record_len(c->buf, c->len, pos, c->arity, v)) {
			/* a run of records: each summed, none kept */
			if (!(pos = scan_run(c, sums, pos)))
				return;
			continue;
		}
		/* opcodes up to the next record, for the reader */
		pos = to_record(c->buf, c->len, pos, c->end, &c->arity);
		if (!pos) {
			c->status = MS_ERR_FORMAT;
			return;
		}
		if (pos == AT_STOP)
			pos = c->len; /* the rest is the reader's: STOP and what follows */
		if (add_piece(c, start, pos, 0, 0) < 0)
			return;
	}
	/* the next chunk starts where this one's bytes end, or it is not one */
	c->status = pos == c->end ? 0 : MS_ERR_FORMAT;
}

void ms_chunk_release(struct ms_chunk *c)
{
	free(c->pieces);
	c->pieces = NULL;
	c->npieces = 0;
}

void ms_chunk_sums_release(struct ms_chunk_sums *sums)
{
	free(sums->cells);
	sums->cells = NULL;
	sums->ncells = 0;
}

#define AHEAD(threads) (2 * (threads))

/* The next chunk to scan, or nchunks when there is none (yet, if !wait). */
static size_t pool_take(struct ms_chunk_pool *p, bool wait)
{
	size_t i = p->nchunks;

	for (;;) {
		if (p->quit || p->taken == p->nchunks)
			break;
		if (p->taken < p->replayed + AHEAD(p->threads)) {
			i = p->taken++;
			break;
		}
		if (!wait)
			break;
		pthread_cond_wait(&p->changed, &p->lock);
	}
	return i;
}

static void pool_scan(struct ms_chunk_pool *p, size_t i, struct ms_chunk_sums *sums)
{
	pthread_mutex_unlock(&p->lock);
	ms_chunk_scan(&p->chunks[i], sums);
	pthread_mutex_lock(&p->lock);
	p->done[i] = true;
	pthread_cond_broadcast(&p->changed);
}

static void *scanner_main(void *arg)
{
	struct ms_chunk_scanner *s = arg;
	struct ms_chunk_pool *p = s->pool;
	size_t i;

	if (p->guard)
		ms_file_map_guard(p->guard); /* the file cut short under a scan reads as zeros */
	pthread_mutex_lock(&p->lock);
	while ((i = pool_take(p, true)) < p->nchunks)
		pool_scan(p, i, s->sums);
	pthread_mutex_unlock(&p->lock);
	ms_file_map_unguard();
	return NULL;
}

void ms_chunk_pool_start(struct ms_chunk_pool *p, struct ms_chunk *chunks, bool *done,
			 size_t nchunks, size_t threads, struct ms_file_map *guard)
{
	size_t i;

	*p = (struct ms_chunk_pool){
	    .chunks = chunks, .done = done, .nchunks = nchunks, .threads = threads, .guard = guard};
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	for (i = 0; i + 1 < threads && i < MS_MAX_SCANNERS; i++) {
		p->scanner[p->started] = (struct ms_chunk_scanner){p, &p->sums[p->started]};
		if (!pthread_create(&p->thread[p->started], NULL, scanner_main,
				    &p->scanner[p->started]))
			p->started++;
	}
}

void ms_chunk_pool_wait(struct ms_chunk_pool *p, size_t i)
{
	size_t j;

	pthread_mutex_lock(&p->lock);
	while (!p->done[i]) {
		j = pool_take(p, false);
		if (j < p->nchunks)
			pool_scan(p, j, &p->sums[MS_MAX_SCANNERS]);
		else
			pthread_cond_wait(&p->changed, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
}

void ms_chunk_pool_replayed(struct ms_chunk_pool *p, size_t i)
{
	ms_chunk_release(&p->chunks[i]);
	pthread_mutex_lock(&p->lock);
	p->replayed = i + 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

void ms_chunk_pool_stop(struct ms_chunk_pool *p)
{
	size_t i;

	pthread_mutex_lock(&p->lock);
	p->quit = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->started; i++)
		pthread_join(p->thread[i], NULL);
	p->started = 0;
}

void ms_chunk_pool_release(struct ms_chunk_pool *p)
{
	size_t i;

	for (i = 0; i <= MS_MAX_SCANNERS; i++)
		ms_chunk_sums_release(&p->sums[i]);
	for (i = 0; i < p->nchunks; i++)
		ms_chunk_release(&p->chunks[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->chunks);
	free(p->done);
}
