/*
 * What memsnap's pictures share: the SVG root with its embedded style, a
 * palette, and text written as XML. Pictures are self-contained: no
 * external fonts, images or scripts.
 */
#ifndef MEMSNAP_SVG_H
#define MEMSNAP_SVG_H

#include <stdio.h>

#include "flame.h"
#include "source.h"

/*
 * The XML declaration and the svg element, with style as its CSS: width by
 * height units of drawing, scaled to the width of the window, up to
 * max_width pixels (0: any).
 */
void ms_svg_begin(FILE *out, int width, int height, int max_width, const char *style);
void ms_svg_end(FILE *out);

/* Distinct line colours, cycling. */
const char *ms_svg_colour(size_t i);

/* A command-line argument (raw bytes) as XML text. */
void ms_svg_put_arg(FILE *out, const char *arg);

/* A size as _format_size() writes it, as XML text. */
void ms_svg_put_size(FILE *out, ms_u128 size);

/*
 * The frame a person looks for in a traceback key (i counts from the
 * oldest): the most recent one outside the Python installation, that is
 * whose file name neither starts with '<' (frozen modules, <string>) nor
 * lies under lib/pythonX.Y, site-packages or dist-packages; the most
 * recent frame when every frame is such.
 */
uint32_t ms_svg_own_frame(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key);

/* A key's frames, oldest first, one "file:line" a line, as XML text. */
void ms_svg_put_stack(FILE *out, const struct ms_snapshot *snap, enum ms_key_type key_type,
		      uint32_t key);

/*
 * Where each of n names (snapshot strings such as "dir/file.py:12")
 * starts to tell it from the others: after the '/' that leaves its last
 * two path components, or more while another name's tail is the same
 * (equal names keep two). starts[i] receives an offset into names[i]
 * (0: the whole name).
 */
void ms_svg_tails(char *const *names, size_t n, size_t *starts);

/* The length of the longest '/'-ended prefix all n names share (n >= 2), else 0. */
size_t ms_svg_common_dir(char *const *names, size_t n);

/* Pixels a text of len bytes (UTF-8) takes in 12px type, about. */
double ms_svg_text_width(const char *s, size_t len);

/* s[start..len) as XML text, "…" first when start > 0. */
void ms_svg_put_tail(FILE *out, const char *s, size_t len, size_t start);

struct ms_flame_report {
	const struct ms_flame *flame;
	const char *new_name;	    /* command-line names, raw bytes */
	const char *old_name;	    /* NULL unless differential */
	struct ms_sources *sources; /* NULL: no source lines in tooltips */
	struct ms_sources *functions; /* NULL: no function names */
};

/* An interactive flame graph (hover for details, click to zoom). */
int ms_write_svg_flame(FILE *out, const struct ms_flame_report *r);

#endif
