/*
 * timeline --svg: a line chart of the total traced memory per snapshot
 * and, in a panel of their own with their own axis, of the report's
 * groups, so that groups the total dwarfs stay readable; of a recording,
 * over real time, with the resident memory of its process tree. Labels
 * and names are cut to the tails that tell them apart, snapshot labels
 * turn when they would touch, and every size sits in a tooltip. Static:
 * it needs no script, and it scales to the width of the window.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "report_series.h"
#include "svg.h"
#include "utf8.h"

#define WIDTH	    960
#define RIGHT	    (WIDTH - 30)
#define TOP	    92	/* the first panel's top, below the title */
#define TOTAL_ALONE 340 /* the total's panel with no group */
#define TOTAL_ABOVE 170 /* the total's panel above the groups' */
#define GROUPS	    240 /* the groups' panel */
#define PANEL_GAP   46	/* between panels, for the second's caption */
#define LEGEND_ROW  20
#define LABEL_CHARS 32 /* a snapshot label's tail, at most */
#define TILT	    35 /* degrees snapshot labels turn when they would touch */
#define LINE_HEIGHT 15.0
#define PI	    3.14159265358979323846

/* With a recording's resident memory, .rss styles its line. */
#define STYLE                                                                                      \
	"text { font-family: Verdana, 'DejaVu Sans', sans-serif; font-size: 12px; fill: #222; }\n" \
	".title { font-size: 17px; font-weight: bold; }\n"                                         \
	".sub, .caption { fill: #666; }\n"                                                         \
	".axis { stroke: #444; stroke-width: 1; }\n"                                               \
	".grid { stroke: #ddd; stroke-width: 1; }\n"                                               \
	"polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }\n"                      \
	".total { stroke: #222; stroke-width: 3; }\n"                                              \
	"circle { stroke: #fff; stroke-width: 1; }\n"                                              \
	"circle:hover { stroke: #000; stroke-width: 2; }\n"

static const char style[] = STYLE;
static const char style_rss[] =
    STYLE ".rss { fill: none; stroke: #9ab; stroke-width: 2; stroke-dasharray: 6 3; }\n";

/* A y axis: a panel's place and the bytes at its top. */
struct panel {
	double top, bottom;
	double ymax;
};

/* The snapshot labels under the x axis: which, where, turned or not. */
struct labels {
	size_t common; /* bytes of directory every label starts with */
	size_t stride; /* every stride-th label is written */
	bool tilted;   /* turned by TILT degrees */
	double left;   /* the plot's left edge, room for the first label */
	double height; /* below the axis */
	size_t *len;   /* each label's shown bytes, from common */
};

struct chart {
	const struct ms_series_report *r;
	struct labels labels;
	size_t *tails; /* per group: where its name's distinguishing tail starts */
	char **names;  /* per group: its name, "file:line" */
	char **via;    /* per group by traceback: its newest frame, when its name is not enough */
	double t0, t1; /* with moments: the times at the ends of the x axis */
};

static double x_time(const struct chart *c, double t)
{
	double left = c->labels.left;

	return c->t1 <= c->t0 ? (left + RIGHT) / 2.0
			      : left + (RIGHT - left) * (t - c->t0) / (c->t1 - c->t0);
}

/* Snapshots are spread evenly, or placed at the time they were taken. */
static double x_at(const struct chart *c, size_t j)
{
	size_t n = c->r->series->nsnap;

	if (c->r->moments)
		return x_time(c, c->r->moments[j].monotonic);
	return n == 1 ? (c->labels.left + RIGHT) / 2.0
		      : c->labels.left + (RIGHT - c->labels.left) * (double)j / (double)(n - 1);
}

/* 1, 2 or 5 times a power of ten, about a fifth of span. */
static double nice_step(double span)
{
	double raw = (span > 0 ? span : 1) / 5, mag = pow(10, floor(log10(raw)));

	return raw / mag <= 1	? mag
	       : raw / mag <= 2 ? 2 * mag
	       : raw / mag <= 5 ? 5 * mag
				: 10 * mag;
}

static double y_at(const struct panel *p, ms_u128 v)
{
	return p->bottom - (p->bottom - p->top) * ms_u128_to_double(v) / p->ymax;
}

/* Ticks at 1, 2 or 5 times a power of ten of the largest unit that fits. */
static void y_axis(FILE *out, const struct chart *c, struct panel *p, double max)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	double scale = 1, step, v, left = c->labels.left;
	int u = 0;

	while (u < 4 && max >= 1024 * scale) {
		scale *= 1024;
		u++;
	}
	step = nice_step(max > 0 ? max / scale : 1);
	if (step < 1 && u == 0)
		step = 1;
	p->ymax = ceil((max > 0 ? max / scale : 1) / step) * step * scale;
	for (v = 0; v <= p->ymax / scale + step / 2; v += step) {
		double y = p->bottom - (p->bottom - p->top) * v * scale / p->ymax;
		fprintf(out,
			"<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
			left, y, RIGHT, y);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g %s</text>\n",
			left - 8, y + 4, v, units[u]);
	}
	fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		left, p->top, left, p->bottom);
	fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", left,
		p->bottom, RIGHT, p->bottom);
}

/* Bytes of label's first LABEL_CHARS code points after skip. */
static size_t label_bytes(const char *label, size_t skip)
{
	size_t len = strlen(label), i = skip, chars = 0;

	while (i < len && chars < LABEL_CHARS) {
		ms_utf8_next((const unsigned char *)label, &i);
		chars++;
	}
	return i - skip;
}

/*
 * Where the snapshot labels go: level when the widest fits between two
 * ticks, else turned by TILT degrees and thinned so that turned labels
 * stay a line apart; the plot moves right so that the first one fits.
 */
static int place_labels(struct chart *c)
{
	struct labels *l = &c->labels;
	char *const *labels = c->r->labels;
	size_t n = c->r->series->nsnap, j;
	double widest = 0, first, spacing, tilt = TILT * PI / 180;

	l->len = malloc((n + 1) * sizeof(*l->len));
	if (!l->len)
		return -1;
	if (c->r->moments) {
		/* the x axis is time in seconds: its labels are short and level */
		l->left = 90;
		l->stride = 1;
		l->height = 60;
		return 0;
	}
	l->common = ms_svg_common_dir(labels, n);
	for (j = 0; j < n; j++) {
		l->len[j] = label_bytes(labels[j], l->common);
		widest = fmax(widest, ms_svg_text_width(labels[j] + l->common, l->len[j]));
	}
	first = n ? ms_svg_text_width(labels[0] + l->common, l->len[0]) : 0;
	l->left = 90;
	spacing = n > 1 ? (RIGHT - l->left) / (double)(n - 1) : RIGHT - l->left;
	l->tilted = widest + 12 > spacing;
	if (!l->tilted) {
		l->stride = 1;
		l->left = fmax(l->left, first / 2 + 10);
		l->height = 28;
		return 0;
	}
	l->left = fmax(l->left, first * cos(tilt) + 10);
	spacing = n > 1 ? (RIGHT - l->left) / (double)(n - 1) : RIGHT - l->left;
	l->stride = (size_t)ceil(LINE_HEIGHT / sin(tilt) / spacing);
	if (l->stride < 1)
		l->stride = 1;
	l->height = widest * sin(tilt) + 30;
	return 0;
}

static void x_labels(FILE *out, const struct chart *c, double bottom)
{
	const struct labels *l = &c->labels;
	size_t j;

	for (j = 0; j < c->r->series->nsnap; j += l->stride) {
		double x = x_at(c, j), y = bottom + 18;
		const char *label = c->r->labels[j];
		fprintf(out,
			"<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			x, bottom, x, bottom + 5);
		if (l->tilted)
			fprintf(out,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
				"transform=\"rotate(-%d %.1f %.1f)\"><title>",
				x, y, TILT, x, y);
		else
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"><title>",
				x, y);
		ms_put_xml_text(out, label, strlen(label));
		fputs("</title>", out);
		ms_put_xml_text(out, label + l->common, l->len[j]);
		if (l->common + l->len[j] < strlen(label))
			fputs("\xe2\x80\xa6", out);
		fputs("</text>\n", out);
	}
}

/* With moments: seconds since the start of the recording. */
static void time_axis(FILE *out, const struct chart *c, double bottom)
{
	double step = nice_step(c->t1 - c->t0), v;

	for (v = 0; c->t0 + v <= c->t1 + step / 1e6; v += step) {
		double x = x_time(c, c->t0 + v);
		fprintf(out,
			"<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
			x, bottom, x, bottom + 5);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g s</text>\n", x,
			bottom + 20, v);
	}
	fprintf(out,
		"<text class=\"sub\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">time since the "
		"recording began</text>\n",
		(c->labels.left + RIGHT) / 2, bottom + 40);
}

/* The resident memory samples, as a line behind the total's. */
static void rss_line(FILE *out, const struct chart *c, const struct panel *p)
{
	const struct ms_series_report *r = c->r;
	size_t i;

	fputs("<polyline class=\"rss\" points=\"", out);
	for (i = 0; i < r->nrss; i++)
		fprintf(out, "%s%.1f,%.1f", i ? " " : "", x_time(c, r->rss[i].monotonic),
			y_at(p, r->rss[i].rss));
	fputs("\"/>\n", out);
}

/* A row's point at step j; the total for row SIZE_MAX. */
static struct ms_series_cell point(const struct ms_series *s, size_t row, size_t j)
{
	struct ms_series_cell total = {s->total_size[j], s->total_count[j], (uint32_t)j};

	return row == SIZE_MAX ? total : ms_series_at(s, row, j);
}

/* With moments, the x axis spans the snapshots and the RSS samples. */
static void time_span(struct chart *c)
{
	const struct ms_series_report *r = c->r;
	size_t i;

	c->t0 = c->t1 = r->moments[0].monotonic;
	for (i = 0; i < r->series->nsnap; i++) {
		c->t0 = fmin(c->t0, r->moments[i].monotonic);
		c->t1 = fmax(c->t1, r->moments[i].monotonic);
	}
	for (i = 0; i < r->nrss; i++) {
		c->t0 = fmin(c->t0, r->rss[i].monotonic);
		c->t1 = fmax(c->t1, r->rss[i].monotonic);
	}
}

/* Frame i of a row's key as "file:line" (malloc'd), NULL on no memory. */
static char *frame_name(const struct ms_series *s, size_t row, uint32_t i)
{
	struct ms_frame f = ms_key_frame(s->rows[row].snap, s->key_type, s->rows[row].key, i);
	size_t len;
	const char *file = ms_snapshot_string(s->rows[row].snap, f.file, &len);
	char *name = malloc(len + 12);

	if (name) {
		memcpy(name, file, len);
		snprintf(name + len, 12, ":%u", f.lineno);
	}
	return name;
}

/*
 * Names the groups: by key, or by traceback the frame a person looks for,
 * and when two groups share that frame, each its newest frame too.
 */
static int name_groups(struct chart *c)
{
	const struct ms_series *s = c->r->series;
	size_t n = c->r->ngroups, g, h;

	c->names = calloc(n + 1, sizeof(*c->names));
	c->via = calloc(n + 1, sizeof(*c->via));
	c->tails = calloc(n + 1, sizeof(*c->tails));
	if (!c->names || !c->via || !c->tails)
		return -1;
	for (g = 0; g < n; g++) {
		size_t row = c->r->groups[g], len;
		c->names[g] =
		    s->key_type == MS_KEY_TRACEBACK
			? frame_name(
			      s, row,
			      ms_svg_own_frame(s->rows[row].snap, s->key_type, s->rows[row].key))
			: ms_key_text(s->rows[row].snap, s->key_type, s->rows[row].key, &len);
		if (!c->names[g])
			return -1;
	}
	ms_svg_tails(c->names, n, c->tails);
	for (g = 0; s->key_type == MS_KEY_TRACEBACK && g < n; g++) {
		size_t row = c->r->groups[g];
		uint32_t newest =
		    ms_key_nframe(s->rows[row].snap, s->key_type, s->rows[row].key) - 1;
		for (h = 0; h < n && (h == g || strcmp(c->names[g], c->names[h])); h++)
			;
		if (h < n &&
		    newest != ms_svg_own_frame(s->rows[row].snap, s->key_type, s->rows[row].key) &&
		    !(c->via[g] = frame_name(s, row, newest)))
			return -1;
	}
	return 0;
}

/* A name cut to its tail of two components: "dir/file.py:12". */
static void put_short(FILE *out, const char *name)
{
	size_t start;

	ms_svg_tails((char *const *)&name, 1, &start);
	ms_svg_put_tail(out, name, strlen(name), start);
}

/* A group's full name, then for a traceback its whole stack. */
static void put_group_title(FILE *out, const struct chart *c, size_t g)
{
	const struct ms_series *s = c->r->series;
	size_t row = c->r->groups[g];

	ms_put_xml_text(out, c->names[g], strlen(c->names[g]));
	if (s->key_type == MS_KEY_TRACEBACK) {
		fputs("\n", out);
		ms_svg_put_stack(out, s->rows[row].snap, s->key_type, s->rows[row].key);
	}
}

/* One line: sizes[j] for each snapshot; g is the group, SIZE_MAX for the total. */
/* One line of the row's size at each snapshot (the total's for SIZE_MAX), group g's colour. */
static void line(FILE *out, const struct chart *c, const struct panel *p, size_t row, size_t g)
{
	const struct ms_series *s = c->r->series;
	const char *colour = g == SIZE_MAX ? "#222" : ms_svg_colour(g);
	size_t j;

	if (g == SIZE_MAX)
		fputs("<polyline class=\"total\" points=\"", out);
	else
		fprintf(out, "<polyline stroke=\"%s\" points=\"", colour);
	for (j = 0; j < s->nsnap; j++)
		fprintf(out, "%s%.1f,%.1f", j ? " " : "", x_at(c, j),
			y_at(p, point(s, row, j).size));
	fputs("\"/>\n", out);
	for (j = 0; j < s->nsnap; j++) {
		struct ms_series_cell at = point(s, row, j);
		char raw[41];
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>",
			x_at(c, j), y_at(p, at.size), g == SIZE_MAX ? 4 : 3, colour);
		ms_put_xml_text(out, c->r->labels[j], strlen(c->r->labels[j]));
		fputs(": ", out);
		ms_svg_put_size(out, at.size);
		fprintf(out, " (%s B), %llu block%s", ms_u128_text(raw, at.size),
			(unsigned long long)at.count, ms_plural(at.count));
		if (c->r->moments)
			fprintf(out, " (pid %ld, %s, at %.3f s)", c->r->moments[j].pid,
				c->r->moments[j].reason, c->r->moments[j].monotonic - c->t0);
		if (g != SIZE_MAX) {
			fputs("\n", out);
			put_group_title(out, c, g);
		}
		fputs("</title></circle>\n", out);
	}
}

static void legend(FILE *out, const struct chart *c, double y)
{
	const struct ms_series *s = c->r->series;
	double left = c->labels.left, room = RIGHT - left - 32;
	char growth[MS_SIZE_TEXT_MAX];
	size_t g, vlen;

	for (g = 0; g <= c->r->ngroups; g++, y += LEGEND_ROW) {
		const char *colour = g ? ms_svg_colour(g - 1) : "#222";
		const char *name;
		size_t len, start;
		fputs("<g>", out);
		if (g) {
			fputs("<title>", out);
			put_group_title(out, c, g - 1);
			fputs("</title>", out);
		}
		fprintf(out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"3\"/>\n<text x=\"%.1f\" y=\"%.1f\">",
			left, y - 4, left + 24, y - 4, colour, left + 32, y);
		if (!g) {
			fputs("total traced memory</text></g>\n", out);
			if (c->r->nrss) {
				y += LEGEND_ROW;
				fprintf(
				    out,
				    "<line class=\"rss\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				    "y2=\"%.1f\"/>\n<text x=\"%.1f\" y=\"%.1f\">resident memory "
				    "(RSS) of ",
				    left, y - 4, left + 24, y - 4, left + 32, y);
				ms_put_xml_text(out, c->r->rss_label, strlen(c->r->rss_label));
				fputs("</text>\n", out);
			}
			continue;
		}
		ms_format_size(growth, ms_i128_to_double(ms_series_growth(s, c->r->groups[g - 1])),
			       true);
		name = c->names[g - 1];
		len = strlen(name);
		vlen = c->via[g - 1] ? strlen(c->via[g - 1]) : 0;
		/* a tail that still does not fit loses more from its start */
		for (start = c->tails[g - 1];
		     start < len && ms_svg_text_width(name + start, len - start) +
					    7.2 * (double)(strlen(growth) + (vlen ? 40 : 0)) + 30 >
					room;)
			ms_utf8_next((const unsigned char *)name, &start);
		ms_svg_put_tail(out, name, len, start);
		if (c->via[g - 1]) {
			fputs(" \xe2\x86\x92 ", out);
			put_short(out, c->via[g - 1]);
		}
		fprintf(out, " (%s)</text></g>\n", growth);
	}
}

static double largest(const struct chart *c, bool groups)
{
	const struct ms_series *s = c->r->series;
	double max = 0;
	size_t j, g;

	for (j = 0; j < s->nsnap; j++) {
		if (!groups)
			max = fmax(max, ms_u128_to_double(s->total_size[j]));
		for (g = 0; groups && g < c->r->ngroups; g++)
			max =
			    fmax(max, ms_u128_to_double(ms_series_at(s, c->r->groups[g], j).size));
	}
	for (j = 0; !groups && j < c->r->nrss; j++)
		max = fmax(max, (double)c->r->rss[j].rss);
	return max;
}

static void head(FILE *out, const struct chart *c)
{
	const struct ms_series *s = c->r->series;
	size_t common = c->labels.common;

	fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	if (c->r->moments)
		fprintf(out, "<text class=\"title\" x=\"%.1f\" y=\"30\">Memory over time",
			c->labels.left);
	else
		fprintf(
		    out,
		    "<text class=\"title\" x=\"%.1f\" y=\"30\">Traced memory over %zu snapshot%s",
		    c->labels.left, s->nsnap, ms_plural(s->nsnap));
	if (common) {
		fputs(" in ", out);
		ms_put_xml_text(out, c->r->labels[0], common);
	}
	fprintf(out,
		"</text>\n<text class=\"sub\" x=\"%.1f\" y=\"50\">tracemalloc snapshots after "
		"filtering%s%s%s</text>\n",
		c->labels.left, c->r->ngroups ? "; below, the groups by " : "",
		c->r->ngroups ? ms_key_type_name(s->key_type) : "",
		c->r->ngroups ? " that grew most from first to last, on their own scale" : "");
	if (c->r->view) { /* a line of its own: it names a path */
		fprintf(out, "<text class=\"sub\" x=\"%.1f\" y=\"66\">", c->labels.left);
		ms_put_xml_text(out, c->r->view, strlen(c->r->view));
		fputs("</text>\n", out);
	}
}

static void caption(FILE *out, const struct chart *c, double y, const char *text)
{
	fprintf(out, "<text class=\"caption\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", c->labels.left,
		y - 10, text);
}

int ms_write_svg_timeline(FILE *out, const struct ms_series_report *r)
{
	struct chart c = {r, {0}, NULL, NULL, NULL, 0, 0};
	double top = TOP + (r->view ? 16 : 0); /* below the view's line */
	struct panel total = {top, top + (r->ngroups ? TOTAL_ABOVE : TOTAL_ALONE), 1};
	struct panel groups = {total.bottom + PANEL_GAP, total.bottom + PANEL_GAP + GROUPS, 1};
	const struct panel *last = r->ngroups ? &groups : &total;
	double height;
	int ret = -1;
	size_t g;

	if (place_labels(&c) < 0 || name_groups(&c) < 0)
		goto out;
	if (r->moments)
		time_span(&c);
	height = last->bottom + c.labels.height +
		 LEGEND_ROW * (double)(r->ngroups + 1 + (r->nrss > 0)) + 10;
	/* wider than this, a chart shows no more and pushes its legend off the screen */
	ms_svg_begin(out, WIDTH, (int)ceil(height), WIDTH * 5 / 4, r->nrss ? style_rss : style);
	head(out, &c);
	caption(out, &c, total.top,
		r->nrss ? "total traced memory, and resident memory" : "total traced memory");
	y_axis(out, &c, &total, largest(&c, false));
	if (r->nrss)
		rss_line(out, &c, &total);
	line(out, &c, &total, SIZE_MAX, SIZE_MAX);
	if (r->ngroups) {
		caption(out, &c, groups.top, "the groups");
		y_axis(out, &c, &groups, largest(&c, true));
		for (g = r->ngroups; g-- > 0;)
			line(out, &c, &groups, r->groups[g], g);
	}
	if (r->moments)
		time_axis(out, &c, last->bottom);
	else
		x_labels(out, &c, last->bottom);
	legend(out, &c, last->bottom + c.labels.height + LEGEND_ROW - 4);
	ms_svg_end(out);
	ret = ms_write_status(out);
out:
	for (g = 0; c.names && c.via && g < r->ngroups; g++) {
		free(c.names[g]);
		free(c.via[g]);
	}
	free(c.names);
	free(c.via);
	free(c.tails);
	free(c.labels.len);
	return ret;
}
