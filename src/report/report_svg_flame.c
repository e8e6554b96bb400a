/*
 * flamegraph: the flame tree as a self-contained SVG that scales to the
 * window's width. Positions and labels are computed here, so the picture
 * reads without its script; the embedded script adds the details line on
 * hover, zooming on click and searching (Ctrl-F, as flamegraph.pl).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "svg.h"
#include "utf8.h"

#define WIDTH	     1200
#define PAD	     10
#define FRAME_HEIGHT 17
#define HEAD	     56 /* title and subtitle */
#define NOTE_LINE    18 /* a line under the subtitle, saying what the marks mean */
#define FOOT	     34 /* the details line */
#define CHAR_WIDTH   7.0
#define MIN_WIDTH    0.1 /* narrower frames are left out, as flamegraph.pl does */
#define MATCH_FILL   "rgb(230,0,230)"
/* the title's characters at most, so that it stays clear of "Reset zoom" and "Search" */
#define TITLE_MAX_CHARS 90
/* what a box's tooltip shows at most of its name and of its source line */
#define NAME_MAX_BYTES 200
#define LINE_MAX_BYTES 120
#define STR_(x)	       #x
#define STR(x)	       STR_(x)

static const char style[] =
    "text { font-family: Verdana, 'DejaVu Sans', sans-serif; font-size: 12px; fill: #000; }\n"
    ".title { font-size: 17px; font-weight: bold; }\n"
    ".sub { fill: #555; }\n"
    "g.f { cursor: pointer; }\n"
    "g.f text { pointer-events: none; }\n"
    "g.cut rect { stroke: #000; stroke-width: 1; stroke-dasharray: 4 2; }\n"
    "g.dom rect { stroke: #0050c8; stroke-width: 2; }\n"
    "g.f:hover rect { stroke: #000; stroke-width: 0.7; stroke-dasharray: none; }\n"
    "#unzoom, #search { cursor: pointer; fill: #1f4ea0; }\n"
    "text.light { fill: #fff; }\n";

/*
 * fit() cuts a label as put_fitted() does; a frame's name is the first
 * line of its tooltip, its label the name after the last '/'.
 */
static const char script[] = "var W = " STR(WIDTH) ", PAD = " STR(PAD) ", CHAR = " STR(
    CHAR_WIDTH) ";\n"
		"var MATCH = '" MATCH_FILL "';\n"
		"var frames = [], details, unzoom, searchButton, matched, term = null;\n"
		"function fit(f, px) {\n"
		"  var n = Math.floor((px - 6) / CHAR), s = f.label, c = s.lastIndexOf(':');\n"
		"  var line = c > 0 ? s.substring(c) : '';\n"
		"  if (n < 3) return '';\n"
		"  if (s.length <= n) return s;\n"
		"  if (line && n >= line.length + 3) return s.substring(0, n - line.length - 2) + "
		"'..' + line;\n"
		"  return s.substring(0, n - 2) + '..';\n"
		"}\n"
		"function zoom(z) {\n"
		"  var zx = z.x, zw = z.w, zd = z.d, scale = (W - 2 * PAD) / zw;\n"
		"  frames.forEach(function (f) {\n"
		"    var inside = f.d >= zd && f.x >= zx && f.x + f.w <= zx + zw;\n"
		"    var above = f.d < zd && f.x <= zx && f.x + f.w >= zx + zw;\n"
		"    if (!inside && !above) { f.g.style.display = 'none'; return; }\n"
		"    var x = above ? PAD : PAD + (f.x - zx) * scale, w = above ? W - 2 * PAD : f.w "
		"* scale;\n"
		"    f.g.style.display = '';\n"
		"    f.g.style.opacity = above && zd > 0 ? 0.6 : 1;\n"
		"    f.r.setAttribute('x', x.toFixed(2));\n"
		"    f.r.setAttribute('width', w.toFixed(2));\n"
		"    f.t.setAttribute('x', (x + 3).toFixed(2));\n"
		"    f.t.textContent = fit(f, w);\n"
		"  });\n"
		"  unzoom.style.display = zd > 0 ? '' : 'none';\n"
		"}\n"
		"function search(text) {\n"
		"  var re, hits = [], total = 0, end = -1;\n"
		"  try { re = new RegExp(text); } catch (e) { matched.textContent = 'not a regular "
		"expression'; return; }\n"
		"  term = text;\n"
		"  frames.forEach(function (f, i) {\n"
		"    var hit = i > 0 && re.test(f.name);\n"
		"    f.r.setAttribute('fill', hit ? MATCH : f.fill);\n"
		"    if (hit) hits.push(f);\n"
		"  });\n"
		"  hits.sort(function (a, b) { return a.x - b.x || b.w - a.w; });\n"
		"  hits.forEach(function (f) {\n"
		"    if (f.x + f.w <= end) return;\n"
		"    total += f.x + f.w - Math.max(f.x, end);\n"
		"    end = f.x + f.w;\n"
		"  });\n"
		"  matched.textContent = hits.length ? 'Matched: ' + (100 * total / "
		"frames[0].w).toFixed(1) + '% of the width'\n"
		"                                    : 'no frame matches ' + text;\n"
		"  searchButton.textContent = 'Reset search';\n"
		"}\n"
		"function reset() {\n"
		"  term = null;\n"
		"  frames.forEach(function (f) { f.r.setAttribute('fill', f.fill); });\n"
		"  matched.textContent = ' ';\n"
		"  searchButton.textContent = 'Search';\n"
		"}\n"
		"function ask() {\n"
		"  var text = prompt('Frames to highlight (a regular expression on file:line)', "
		"term || '');\n"
		"  if (text) search(text);\n"
		"}\n"
		"function init() {\n"
		"  details = document.getElementById('details').firstChild;\n"
		"  unzoom = document.getElementById('unzoom');\n"
		"  searchButton = document.getElementById('search');\n"
		"  matched = document.getElementById('matched').firstChild;\n"
		"  var gs = document.querySelectorAll('g.f');\n"
		"  for (var i = 0; i < gs.length; i++) {\n"
		"    var g = gs[i], title = g.querySelector('title').textContent, r = "
		"g.querySelector('rect');\n"
		"    var name = title.split('\\n')[0];\n"
		"    var f = {g: g, x: +g.getAttribute('data-x'), w: +g.getAttribute('data-w'),\n"
		"             d: +g.getAttribute('data-d'), r: r, fill: r.getAttribute('fill'),\n"
		"             t: g.querySelector('text'), name: name,\n"
		"             label: g.getAttribute('data-l') || name.replace(/^.*\\//, ''),\n"
		"             info: title.replace(/\\n\\s*/g, ' | ')};\n"
		"    frames.push(f);\n"
		"    g.addEventListener('click', zoom.bind(null, f));\n"
		"    g.addEventListener('mouseover', function () { details.nodeValue = this.info; "
		"}.bind(f));\n"
		"    g.addEventListener('mouseout', function () { details.nodeValue = ' '; });\n"
		"  }\n"
		"  unzoom.addEventListener('click', function () { zoom(frames[0]); });\n"
		"  searchButton.addEventListener('click', function () { if (term) reset(); else "
		"ask(); });\n"
		"  document.addEventListener('keydown', function (e) {\n"
		"    if ((e.ctrlKey || e.metaKey) && (e.key == 'f' || e.key == 'F')) { "
		"e.preventDefault(); ask(); }\n"
		"    else if (e.key == 'Escape' && term) reset();\n"
		"  });\n"
		"}\n"
		"init();\n";

struct flame_out {
	FILE *out;
	const struct ms_flame_report *r;
	double scale;	 /* pixels per byte of width */
	double maxdelta; /* differential: the largest change of any frame */
	int height;
	ms_u128 *own_mark; /* per node: marked bytes of stacks that end there */
};

/* FNV-1a: the same frame gets the same colour in every graph. */
static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/*
 * Differential: red grew, blue shrank, deeper for more bytes against the
 * largest change of any frame, so that a small change stays pale however
 * large it is next to the frame's own size. Else warm, by label.
 */
static void fill(const struct flame_out *o, const struct ms_flame_node *n, const char *text,
		 size_t len, int rgb[3])
{
	double r;
	uint32_t h;
	int v;

	if (o->r->flame->diff) {
		r = ms_i128_to_double((ms_i128)n->size - (ms_i128)n->old_size) / o->maxdelta;
		v = (int)lround(235 - 185 * fabs(r));
		rgb[0] = r < 0 ? v : r > 0 ? 255 : 235;
		rgb[1] = r ? v : 235;
		rgb[2] = r > 0 ? v : r < 0 ? 255 : 235;
		return;
	}
	if (!n->snap && n->depth) { /* an "other" box */
		rgb[0] = rgb[1] = rgb[2] = 200;
		return;
	}
	h = hash(text, len);
	rgb[0] = (int)(205 + (h & 0x3f) * 50 / 63);
	rgb[1] = (int)((h >> 8 & 0xff) * 210 / 255);
	rgb[2] = (int)((h >> 16 & 0x3f) * 55 / 63);
}

/* The frame's "file:line" (snapshot string, malloc'd), or "all" for the root. */
static char *label(const struct ms_flame_node *n, size_t *len)
{
	if (n->snap)
		return ms_key_text(n->snap, MS_KEY_LINENO, n->frame, len);
	*len = 3;
	return strdup("all");
}

/* The function the frame runs in (pyscope.h), or NULL; valid until the next call. */
static const char *function(const struct flame_out *o, const struct ms_flame_node *n, size_t *len)
{
	struct ms_frame f;
	const char *name;
	size_t flen;
	uint32_t start;

	if (!n->snap || !o->r->functions)
		return NULL;
	f = ms_snapshot_frame(n->snap, n->frame);
	name = ms_snapshot_string(n->snap, f.file, &flen);
	return ms_sources_function(o->r->functions, name, flen, f.lineno, len, &start);
}

/*
 * The text in a frame's box: its "file:line" from after the last '/' (the
 * full name is in the tooltip), after the function's name when it is
 * known: "Cache.get (app.py:18)". malloc'd.
 */
static char *box_text(const char *qual, size_t qlen, const char *text, size_t len, size_t *out_len)
{
	size_t start = len;
	char *s;

	while (start && text[start - 1] != '/')
		start--;
	text += start;
	len -= start;
	if (!qual) {
		qlen = 0;
	} else if (qlen > SIZE_MAX / 2 - len) {
		return NULL;
	}
	s = malloc(qlen + len + 4);
	if (!s)
		return NULL;
	if (!qual) {
		memcpy(s, text, len);
		*out_len = len;
		return s;
	}
	memcpy(s, qual, qlen);
	memcpy(s + qlen, " (", 2);
	memcpy(s + qlen + 2, text, len);
	s[qlen + 2 + len] = ')';
	*out_len = qlen + len + 3;
	return s;
}

/*
 * The label in its box, as the script's fit() cuts it: from after the
 * last '/' (the full name is in the tooltip), and when that does not fit
 * in px pixels, the start of the file's name, ".." and the line number.
 */
static void put_fitted(FILE *out, const char *text, size_t len, double px)
{
	long fit = lround(floor((px - 6) / CHAR_WIDTH)), chars = 0, keep;
	size_t i = 0, cut = 0, start = len, colon;

	while (start && text[start - 1] != '/')
		start--;
	text += start;
	len -= start;
	if (fit < 3)
		return;
	for (colon = len; colon > 0 && text[colon - 1] != ':'; colon--)
		;
	/* the line number (ASCII) stays when it and a start of the name fit */
	colon = colon > 1 ? colon - 1 : len;
	keep =
	    colon < len && fit >= (long)(len - colon) + 3 ? fit - (long)(len - colon) - 2 : fit - 2;
	while (i < len) {
		ms_utf8_next((const unsigned char *)text, &i);
		if (++chars == keep)
			cut = i;
	}
	if (chars <= fit) {
		ms_put_xml_text(out, text, len);
		return;
	}
	ms_put_xml_text(out, text, cut);
	fputs("..", out);
	if (keep != fit - 2)
		ms_put_xml_text(out, text + colon, len - colon);
}

/*
 * At most max bytes of text, whole characters: its end when from_end
 * (where a path keeps its file name), else its start; "..." marks a cut.
 */
static void put_capped(FILE *out, const char *text, size_t len, size_t max, bool from_end)
{
	size_t i = 0, start = 0, prev = 0;

	if (len <= max) {
		ms_put_xml_text(out, text, len);
		return;
	}
	while (i < len && (from_end ? len - i > max : i <= max)) {
		prev = i;
		ms_utf8_next((const unsigned char *)text, &i);
	}
	if (from_end) {
		start = i;
		fputs("...", out);
		ms_put_xml_text(out, text + start, len - start);
	} else {
		ms_put_xml_text(out, text, prev);
		fputs("...", out);
	}
}

static void put_share(FILE *out, const char *what, ms_u128 part, ms_u128 whole)
{
	fputs("\n", out);
	ms_svg_put_size(out, part);
	fprintf(out, " (%.1f%%) %s",
		whole ? 100 * ms_u128_to_double(part) / ms_u128_to_double(whole) : 0, what);
}

static void put_title(const struct flame_out *o, const struct ms_flame_node *n, const char *text,
		      size_t len, const char *qual, size_t qlen)
{
	const struct ms_flame_node *root = &o->r->flame->items[0];
	double share =
	    root->size ? 100 * ms_u128_to_double(n->size) / ms_u128_to_double(root->size) : 0;
	char delta[MS_SIZE_TEXT_MAX];
	const char *line;
	size_t llen, flen;

	put_capped(o->out, text, len, NAME_MAX_BYTES, true);
	if (qual) {
		fputs(", in ", o->out);
		put_capped(o->out, qual, qlen, NAME_MAX_BYTES, false);
	}
	if (n->snap && o->r->sources) {
		struct ms_frame f = ms_snapshot_frame(n->snap, n->frame);
		const char *name = ms_snapshot_string(n->snap, f.file, &flen);
		line = ms_sources_line(o->r->sources, name, flen, f.lineno, &llen);
		if (line) {
			fputs("\n    ", o->out);
			put_capped(o->out, line, llen, LINE_MAX_BYTES, false);
		}
	}
	fputs("\nsize=", o->out);
	ms_svg_put_size(o->out, n->size);
	if (o->r->flame->diff) {
		ms_format_size(delta, ms_i128_to_double((ms_i128)n->size - (ms_i128)n->old_size),
			       true);
		fprintf(o->out, " (%s)", delta);
	}
	fprintf(o->out, ", count=%llu", (unsigned long long)n->count);
	if (o->r->flame->diff)
		fprintf(o->out, " (%+lld)", (long long)((int64_t)n->count - (int64_t)n->old_count));
	fprintf(o->out, ", %.2f%% of all", share);
	if (n->depth == 1 && n->cut_size) {
		put_share(o->out, "", n->cut_size, n->size);
		fprintf(o->out,
			"of it from stacks as deep as traceback_limit=%lld: their older frames "
			"were cut, so this is not where they start",
			(long long)ms_snapshot_traceback_limit(n->snap));
	}
	if (n->mark_size)
		put_share(o->out, "of it in allocation domains other than 0", n->mark_size,
			  n->size);
}

/* Node n's box, text its label (malloc'd, freed here); own_mark: its own marked bytes. */
static void put_node(const struct flame_out *o, const struct ms_flame_node *n, ms_u128 own_mark,
		     char *text, size_t len)
{
	double x = PAD + ms_u128_to_double(n->x) * o->scale;
	double w = ms_u128_to_double(n->width) * o->scale;
	double y = o->height - FOOT - (double)(n->depth + 1) * FRAME_HEIGHT;
	char a[41], b[41];
	size_t qlen = 0, blen;
	char *qual = NULL, *box;
	const char *q = function(o, n, &qlen);
	int rgb[3];

	/* the function's name lives until the next lookup: keep a copy */
	if (q && (qual = malloc(qlen ? qlen : 1)))
		memcpy(qual, q, qlen);
	box = text && (!q || qual) ? box_text(qual, qlen, text, len, &blen) : NULL;
	if (!box) {
		ms_write_nomem();
		free(text);
		free(qual);
		return;
	}
	fill(o, n, text, len, rgb);
	fprintf(o->out, "<g class=\"f%s%s\" data-x=\"%s\" data-w=\"%s\" data-d=\"%u\"",
		n->depth == 1 && n->cut_size ? " cut" : "", own_mark ? " dom" : "",
		ms_u128_text(a, n->x), ms_u128_text(b, n->width), n->depth);
	if (qual) {
		/* the script fits the label again on zoom */
		fputs(" data-l=\"", o->out);
		put_capped(o->out, box, blen, NAME_MAX_BYTES, true);
		fputc('"', o->out);
	}
	fputs("><title>", o->out);
	put_title(o, n, text, len, qual, qlen);
	fprintf(o->out,
		"</title><rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" rx=\"2\" "
		"fill=\"rgb(%d,%d,%d)\"/><text x=\"%.2f\" y=\"%.1f\"%s>",
		x, y, w, FRAME_HEIGHT - 1, rgb[0], rgb[1], rgb[2], x + 3, y + FRAME_HEIGHT - 5,
		/* white on the deep blues, whose luma is low */
		299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] < 110000 ? " class=\"light\"" : "");
	put_fitted(o->out, box, blen, w);
	fputs("</text></g>\n", o->out);
	free(text);
	free(qual);
	free(box);
}

static bool drawn(const struct flame_out *o, size_t i)
{
	return i == 0 || ms_u128_to_double(o->r->flame->items[i].width) * o->scale >= MIN_WIDTH;
}

/* Whether the box of node i's children too narrow to draw one by one can be drawn. */
static bool other_drawn(const struct flame_out *o, size_t i)
{
	const struct ms_flame_node *n = &o->r->flame->items[i];

	return n->other_nodes && ms_u128_to_double(n->other_width) * o->scale >= MIN_WIDTH;
}

static void put_other(const struct flame_out *o, size_t i)
{
	const struct ms_flame_node *n = &o->r->flame->items[i];
	struct ms_flame_node box = {0};
	char text[48];

	box.depth = n->depth + 1;
	box.x = n->other_x;
	box.width = n->other_width;
	box.size = n->other_size;
	box.old_size = n->other_old_size;
	box.count = n->other_count;
	box.old_count = n->other_old_count;
	snprintf(text, sizeof(text), "%llu other frame%s", (unsigned long long)n->other_nodes,
		 n->other_nodes == 1 ? "" : "s");
	put_node(o, &box, 0, strdup(text), strlen(text));
}

/* A file's name, at most max bytes: its end (where names differ) after an ellipsis. */
static void put_name_tail(FILE *out, const char *name, size_t max)
{
	size_t len = strlen(name), start = 0;

	if (len > max) {
		start = len - max + 1;
		while (start < len && ((unsigned char)name[start] & 0xc0) == 0x80)
			start++; /* not inside a character */
		fputs("\xe2\x80\xa6", out);
	}
	ms_svg_put_arg(out, name + start);
}

static void put_head(const struct flame_out *o, bool cut, bool marked)
{
	FILE *out = o->out;
	const struct ms_flame_report *r = o->r;
	/* each name's share of the title, when the names are too long for it */
	size_t room = r->old_name ? (TITLE_MAX_CHARS - 18) / 2 : TITLE_MAX_CHARS - 15;

	fputs("<rect width=\"100%\" height=\"100%\" fill=\"#fbfbf7\"/>\n", out);
	fprintf(out, "<text class=\"title\" x=\"%d\" y=\"24\" text-anchor=\"middle\">", WIDTH / 2);
	if (r->old_name) {
		fputs("Memory growth: ", out);
		put_name_tail(out, r->old_name, room);
		fputs(" \xe2\x86\x92 ", out);
	} else {
		fputs("Traced memory: ", out);
	}
	put_name_tail(out, r->new_name, room);
	/* the whole names on hover */
	fputs("<title>", out);
	if (r->old_name) {
		ms_svg_put_arg(out, r->old_name);
		fputs(" \xe2\x86\x92 ", out);
	}
	ms_svg_put_arg(out, r->new_name);
	fprintf(out,
		"</title></text>\n<text class=\"sub\" x=\"%d\" y=\"44\" text-anchor=\"middle\">",
		WIDTH / 2);
	if (r->old_name)
		fputs("width: the larger of each stack's bytes before and after, so that freed "
		      "memory shows; red grew, blue shrank, deeper for more bytes",
		      out);
	else
		fputs("width: bytes allocated below each frame", out);
	fputs("; oldest frame at the bottom; click to zoom, Ctrl-F to search</text>\n", out);
	if (cut || marked)
		fprintf(
		    out,
		    "<text class=\"sub\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s%s%s</text>\n",
		    WIDTH / 2, 44 + NOTE_LINE,
		    cut ? "dashed: stacks as deep as traceback_limit, whose older frames were cut"
			: "",
		    cut && marked ? "; " : "",
		    marked ? "blue outline: memory of allocation domains other than 0 (not "
			     "Python's allocators)"
			   : "");
	fprintf(out,
		"<text id=\"unzoom\" x=\"%d\" y=\"24\" style=\"display: none\">Reset zoom</text>\n",
		PAD);
	fprintf(out, "<text id=\"search\" x=\"%d\" y=\"24\" text-anchor=\"end\">Search</text>\n",
		WIDTH - PAD);
	fprintf(out, "<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n", PAD, o->height - 12);
	fprintf(out, "<text id=\"matched\" x=\"%d\" y=\"%d\" text-anchor=\"end\"> </text>\n",
		WIDTH - PAD, o->height - 12);
}

int ms_write_svg_flame(FILE *out, const struct ms_flame_report *r)
{
	const struct ms_flame *f = r->flame;
	const struct ms_flame_node *root = &f->items[0];
	struct flame_out o = {out, r, 0, 1, 0, NULL};
	uint32_t depth = 0;
	bool cut = false, marked = false;
	size_t i;

	o.own_mark = calloc(f->nr + 1, sizeof(*o.own_mark));
	if (!o.own_mark)
		return -1;
	o.scale = root->width ? (WIDTH - 2 * PAD) / ms_u128_to_double(root->width) : 0;
	o.own_mark[0] = root->mark_size;
	if (other_drawn(&o, 0))
		depth = 1;
	for (i = 1; i < f->nr; i++) {
		const struct ms_flame_node *n = &f->items[i];
		o.maxdelta = fmax(o.maxdelta,
				  fabs(ms_i128_to_double((ms_i128)n->size - (ms_i128)n->old_size)));
		o.own_mark[i] += n->mark_size;
		o.own_mark[n->parent] -= n->mark_size;
		if (other_drawn(&o, i))
			depth = n->depth + 1 > depth ? n->depth + 1 : depth;
		if (drawn(&o, i)) {
			depth = n->depth > depth ? n->depth : depth;
			cut |= n->depth == 1 && n->cut_size;
			marked |= n->mark_size != 0;
		}
	}
	o.height = HEAD + (cut || marked ? NOTE_LINE : 0) + (int)(depth + 1) * FRAME_HEIGHT + FOOT;
	ms_svg_begin(out, WIDTH, o.height, 0, style);
	put_head(&o, cut, marked);
	for (i = 0; i < f->nr; i++) {
		size_t len = 0;
		char *text;
		if (drawn(&o, i)) {
			text = label(&f->items[i], &len);
			put_node(&o, &f->items[i], o.own_mark[i], text, len);
		}
		if (other_drawn(&o, i))
			put_other(&o, i);
	}
	fprintf(out, "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n", script);
	ms_svg_end(out);
	free(o.own_mark);
	return ms_write_status(out);
}
