/*
 * flamegraph: the flame tree as a self-contained SVG. Positions and labels
 * are computed here, so the picture reads without its script; the embedded
 * script adds the details line on hover and zooming on click.
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
#define FOOT	     34 /* the details line */
#define CHAR_WIDTH   7.0
#define MIN_WIDTH    0.1 /* narrower frames are left out, as flamegraph.pl does */
/* what a box's tooltip shows at most of its name and of its source line */
#define NAME_MAX_BYTES 200
#define LINE_MAX_BYTES 120
#define STR_(x)	     #x
#define STR(x)	     STR_(x)

static const char style[] =
    "text { font-family: Verdana, 'DejaVu Sans', sans-serif; font-size: 12px; fill: #000; }\n"
    ".title { font-size: 17px; font-weight: bold; }\n"
    ".sub { fill: #555; }\n"
    "g.f { cursor: pointer; }\n"
    "g.f text { pointer-events: none; }\n"
    "g.f:hover rect { stroke: #000; stroke-width: 0.7; }\n"
    "#unzoom { cursor: pointer; fill: #1f4ea0; }\n";

static const char script[] = "var W = " STR(WIDTH) ", PAD = " STR(PAD) ", CHAR = " STR(
    CHAR_WIDTH) ";\n"
		"var frames = [], details, unzoom;\n"
		"function fit(f, px) {\n"
		"  var n = Math.floor((px - 6) / CHAR);\n"
		"  if (n < 3) return '';\n"
		"  return f.label.length <= n ? f.label : f.label.substring(0, n - 2) + '..';\n"
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
		"function init() {\n"
		"  details = document.getElementById('details').firstChild;\n"
		"  unzoom = document.getElementById('unzoom');\n"
		"  var gs = document.querySelectorAll('g.f');\n"
		"  for (var i = 0; i < gs.length; i++) {\n"
		"    var g = gs[i], title = g.querySelector('title').textContent;\n"
		"    var f = {g: g, x: +g.getAttribute('data-x'), w: +g.getAttribute('data-w'),\n"
		"             d: +g.getAttribute('data-d'), r: g.querySelector('rect'),\n"
		"             t: g.querySelector('text'),\n"
		"             label: g.getAttribute('data-l') || "
		"title.split('\\n')[0].replace(/^.*\\//, ''),\n"
		"             info: title.replace(/\\n\\s*/g, ' | ')};\n"
		"    frames.push(f);\n"
		"    g.addEventListener('click', zoom.bind(null, f));\n"
		"    g.addEventListener('mouseover', function () { details.nodeValue = this.info; "
		"}.bind(f));\n"
		"    g.addEventListener('mouseout', function () { details.nodeValue = ' '; });\n"
		"  }\n"
		"  unzoom.addEventListener('click', function () { zoom(frames[0]); });\n"
		"}\n"
		"init();\n";

struct flame_out {
	FILE *out;
	const struct ms_flame_report *r;
	double scale;	 /* pixels per byte */
	double maxdelta; /* differential: the largest change of any frame */
	int height;
};

/* FNV-1a: the same frame gets the same colour in every graph. */
static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Differential: red grew, blue shrank, deeper for more. Else warm, by label. */
static void put_fill(const struct flame_out *o, const struct ms_flame_node *n, const char *text,
		     size_t len)
{
	double r;
	uint32_t h;
	int v;

	if (o->r->flame->diff) {
		r = ms_i128_to_double((ms_i128)n->size - (ms_i128)n->old_size) / o->maxdelta;
		v = (int)lround(235 - 185 * fabs(r));
		if (r > 0)
			fprintf(o->out, "rgb(255,%d,%d)", v, v);
		else if (r < 0)
			fprintf(o->out, "rgb(%d,%d,255)", v, v);
		else
			fputs("rgb(235,235,235)", o->out);
		return;
	}
	if (!n->snap && n->depth) {
		fputs("rgb(200,200,200)", o->out); /* an "other" box */
		return;
	}
	h = hash(text, len);
	fprintf(o->out, "rgb(%u,%u,%u)", 205 + (h & 0x3f) * 50 / 63, (h >> 8 & 0xff) * 210 / 255,
		(h >> 16 & 0x3f) * 55 / 63);
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

/* A box's text cut to what fits in px pixels, the way the script cuts it. */
static void put_fitted(FILE *out, const char *text, size_t len, double px)
{
	long fit = lround(floor((px - 6) / CHAR_WIDTH)), chars = 0;
	size_t i = 0, cut = 0;

	if (fit < 3)
		return;
	while (i < len) {
		ms_utf8_next((const unsigned char *)text, &i);
		if (++chars == fit - 2)
			cut = i;
	}
	if (chars <= fit) {
		ms_put_xml_text(out, text, len);
		return;
	}
	ms_put_xml_text(out, text, cut);
	fputs("..", out);
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
}

static void put_node(const struct flame_out *o, const struct ms_flame_node *n, char *text,
		     size_t len)
{
	double x = PAD + ms_u128_to_double(n->x) * o->scale;
	double w = ms_u128_to_double(n->size) * o->scale;
	double y = o->height - FOOT - (double)(n->depth + 1) * FRAME_HEIGHT;
	char a[41], b[41];
	size_t qlen = 0, blen;
	char *qual = NULL, *box;
	const char *q = function(o, n, &qlen);

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
	fprintf(o->out, "<g class=\"f\" data-x=\"%s\" data-w=\"%s\" data-d=\"%u\"",
		ms_u128_text(a, n->x), ms_u128_text(b, n->size), n->depth);
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
		"fill=\"",
		x, y, w, FRAME_HEIGHT - 1);
	put_fill(o, n, text, len);
	fprintf(o->out, "\"/><text x=\"%.2f\" y=\"%.1f\">", x + 3, y + FRAME_HEIGHT - 5);
	put_fitted(o->out, box, blen, w);
	fputs("</text></g>\n", o->out);
	free(text);
	free(qual);
	free(box);
}

/* The box of a node's children too narrow to draw one by one, if it can be drawn. */
static void put_other(const struct flame_out *o, const struct ms_flame_node *n)
{
	struct ms_flame_node box = {0};
	char text[48];

	if (!n->other_nodes || ms_u128_to_double(n->other_size) * o->scale < MIN_WIDTH)
		return;
	box.depth = n->depth + 1;
	box.x = n->other_x;
	box.size = n->other_size;
	box.old_size = n->other_old_size;
	box.count = n->other_count;
	box.old_count = n->other_old_count;
	snprintf(text, sizeof(text), "%llu other frame%s", (unsigned long long)n->other_nodes,
		 n->other_nodes == 1 ? "" : "s");
	put_node(o, &box, strdup(text), strlen(text));
}

int ms_write_svg_flame(FILE *out, const struct ms_flame_report *r)
{
	const struct ms_flame *f = r->flame;
	const struct ms_flame_node *root = &f->items[0];
	struct flame_out o = {out, r, 0, 1, 0};
	size_t i;

	o.height = HEAD + (int)(f->max_depth + 1) * FRAME_HEIGHT + FOOT;
	o.scale = root->size ? (WIDTH - 2 * PAD) / ms_u128_to_double(root->size) : 0;
	for (i = 1; i < f->nr; i++)
		o.maxdelta =
		    fmax(o.maxdelta, fabs(ms_i128_to_double((ms_i128)f->items[i].size -
							    (ms_i128)f->items[i].old_size)));
	ms_svg_begin(out, WIDTH, o.height, style);
	fputs("<rect width=\"100%\" height=\"100%\" fill=\"#fbfbf7\"/>\n", out);
	fprintf(out, "<text class=\"title\" x=\"%d\" y=\"24\" text-anchor=\"middle\">", WIDTH / 2);
	if (r->old_name) {
		fputs("Memory growth: ", out);
		ms_svg_put_arg(out, r->old_name);
		fputs(" \xe2\x86\x92 ", out);
	} else {
		fputs("Traced memory: ", out);
	}
	ms_svg_put_arg(out, r->new_name);
	fprintf(out, "</text>\n<text class=\"sub\" x=\"%d\" y=\"44\" text-anchor=\"middle\">",
		WIDTH / 2);
	fputs("width: bytes allocated below each frame, oldest frame at the bottom", out);
	if (r->old_name)
		fputs("; red grew, blue shrank", out);
	fputs("; click to zoom</text>\n", out);
	fprintf(out,
		"<text id=\"unzoom\" x=\"%d\" y=\"24\" style=\"display: none\">Reset zoom</text>\n",
		PAD);
	fprintf(out, "<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n", PAD, o.height - 12);
	for (i = 0; i < f->nr; i++) {
		size_t len = 0;
		char *text;
		if (ms_u128_to_double(f->items[i].size) * o.scale >= MIN_WIDTH || i == 0) {
			text = label(&f->items[i], &len);
			put_node(&o, &f->items[i], text, len);
		}
		put_other(&o, &f->items[i]);
	}
	fprintf(out, "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n", script);
	ms_svg_end(out);
	return ms_write_status(out);
}
