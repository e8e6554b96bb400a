/*
 * timeline --svg: a line chart of the total traced memory per snapshot and
 * of the report's groups, with axes in _format_size() units, a legend and
 * a tooltip on every point. Static: it needs no script to be read.
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
#define LEFT	    90
#define RIGHT	    (WIDTH - 40)
#define TOP	    70
#define BOTTOM	    430
#define LABELS	    110 /* below the plot, for the rotated snapshot labels */
#define LEGEND_ROW  20
#define LABEL_CHARS 28

/* With a recording's resident memory, .rss styles its line. */
#define STYLE                                                                                      \
	"text { font-family: Verdana, 'DejaVu Sans', sans-serif; font-size: 12px; fill: #222; }\n" \
	".title { font-size: 17px; font-weight: bold; }\n"                                         \
	".sub { fill: #666; }\n"                                                                   \
	".axis { stroke: #444; stroke-width: 1; }\n"                                               \
	".grid { stroke: #ddd; stroke-width: 1; }\n"                                               \
	"polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }\n"                      \
	".total { stroke: #222; stroke-width: 3; }\n"                                              \
	"circle { stroke: #fff; stroke-width: 1; }\n"                                              \
	"circle:hover { stroke: #000; stroke-width: 2; }\n"

static const char style[] = STYLE;
static const char style_rss[] =
    STYLE ".rss { fill: none; stroke: #9ab; stroke-width: 2; stroke-dasharray: 6 3; }\n";

struct chart {
	const struct ms_series_report *r;
	double ymax;   /* bytes at the top of the axis */
	double t0, t1; /* with moments: the times at the ends of the x axis */
};

static double x_time(const struct chart *c, double t)
{
	return c->t1 <= c->t0 ? (LEFT + RIGHT) / 2.0
			      : LEFT + (double)(RIGHT - LEFT) * (t - c->t0) / (c->t1 - c->t0);
}

/* Snapshots are spread evenly, or placed at the time they were taken. */
static double x_at(const struct chart *c, size_t j)
{
	size_t n = c->r->series->nsnap;

	if (c->r->moments)
		return x_time(c, c->r->moments[j].monotonic);
	return n == 1 ? (LEFT + RIGHT) / 2.0
		      : LEFT + (double)(RIGHT - LEFT) * (double)j / (double)(n - 1);
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

static double y_at(const struct chart *c, ms_u128 v)
{
	return BOTTOM - (BOTTOM - TOP) * ms_u128_to_double(v) / c->ymax;
}

/* Ticks at 1, 2 or 5 times a power of ten of the largest unit that fits. */
static void y_axis(FILE *out, struct chart *c, double max)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	double scale = 1, step, v;
	int u = 0;

	while (u < 4 && max >= 1024 * scale) {
		scale *= 1024;
		u++;
	}
	step = nice_step(max > 0 ? max / scale : 1);
	if (step < 1 && u == 0)
		step = 1;
	c->ymax = ceil((max > 0 ? max / scale : 1) / step) * step * scale;
	for (v = 0; v <= c->ymax / scale + step / 2; v += step) {
		double y = BOTTOM - (BOTTOM - TOP) * v * scale / c->ymax;
		fprintf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
			LEFT, y, RIGHT, y);
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g %s</text>\n",
			LEFT - 8, y + 4, v, units[u]);
	}
}

/* A snapshot label, shortened to LABEL_CHARS code points. */
static void put_label(FILE *out, const char *label)
{
	size_t len = strlen(label), i = 0, chars = 0;

	while (i < len && chars < LABEL_CHARS - 1) {
		ms_utf8_next((const unsigned char *)label, &i);
		chars++;
	}
	ms_put_xml_text(out, label, i);
	if (i < len)
		fputs("\xe2\x80\xa6", out);
}

static void x_axis(FILE *out, const struct chart *c)
{
	const struct ms_series *s = c->r->series;
	size_t stride = s->nsnap > 25 ? (s->nsnap + 24) / 25 : 1, j;

	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT,
		BOTTOM, RIGHT, BOTTOM);
	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, TOP,
		LEFT, BOTTOM);
	for (j = 0; j < s->nsnap; j += stride) {
		double x = x_at(c, j);
		fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
			x, BOTTOM, x, BOTTOM + 5);
		fprintf(out,
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" "
			"transform=\"rotate(-35 %.1f %d)\">",
			x, BOTTOM + 18, x, BOTTOM + 18);
		put_label(out, c->r->labels[j]);
		fputs("</text>\n", out);
	}
}

/* With moments: seconds since the start of the recording. */
static void time_axis(FILE *out, const struct chart *c)
{
	double step = nice_step(c->t1 - c->t0), v;

	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT,
		BOTTOM, RIGHT, BOTTOM);
	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, TOP,
		LEFT, BOTTOM);
	for (v = 0; c->t0 + v <= c->t1 + step / 1e6; v += step) {
		double x = x_time(c, c->t0 + v);
		fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
			x, BOTTOM, x, BOTTOM + 5);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%g s</text>\n", x,
			BOTTOM + 20, v);
	}
	fprintf(out,
		"<text class=\"sub\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the "
		"recording began</text>\n",
		(LEFT + RIGHT) / 2, BOTTOM + 40);
}

/* The resident memory samples, as a line behind the others. */
static void rss_line(FILE *out, const struct chart *c)
{
	const struct ms_series_report *r = c->r;
	size_t i;

	fputs("<polyline class=\"rss\" points=\"", out);
	for (i = 0; i < r->nrss; i++)
		fprintf(out, "%s%.1f,%.1f", i ? " " : "", x_time(c, r->rss[i].monotonic),
			y_at(c, r->rss[i].rss));
	fputs("\"/>\n", out);
}

/* A row's point at step j; the total for row SIZE_MAX. */
static struct ms_series_cell point(const struct ms_series *s, size_t row, size_t j)
{
	struct ms_series_cell total = {s->total_size[j], s->total_count[j], (uint32_t)j};

	return row == SIZE_MAX ? total : ms_series_at(s, row, j);
}

/* One line: the row's size at each snapshot; row is SIZE_MAX for the total. */
static void line(FILE *out, const struct chart *c, size_t row, const char *colour)
{
	const struct ms_series *s = c->r->series;
	size_t j;

	if (row == SIZE_MAX)
		fputs("<polyline class=\"total\" points=\"", out);
	else
		fprintf(out, "<polyline stroke=\"%s\" points=\"", colour);
	for (j = 0; j < s->nsnap; j++)
		fprintf(out, "%s%.1f,%.1f", j ? " " : "", x_at(c, j),
			y_at(c, point(s, row, j).size));
	fputs("\"/>\n", out);
	for (j = 0; j < s->nsnap; j++) {
		struct ms_series_cell p = point(s, row, j);
		char raw[41];
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>",
			x_at(c, j), y_at(c, p.size), row == SIZE_MAX ? 4 : 3, colour);
		if (row != SIZE_MAX) {
			ms_put_key(out, s->rows[row].snap, s->key_type, s->rows[row].key,
				   ms_put_xml_text);
			fputs(" in ", out);
		}
		ms_put_xml_text(out, c->r->labels[j], strlen(c->r->labels[j]));
		if (c->r->moments)
			fprintf(out, " (pid %ld, %s, at %.3f s)", c->r->moments[j].pid,
				c->r->moments[j].reason, c->r->moments[j].monotonic - c->t0);
		fputs(": ", out);
		ms_svg_put_size(out, p.size);
		fprintf(out, " (%s B), %llu blocks</title></circle>\n", ms_u128_text(raw, p.size),
			(unsigned long long)p.count);
	}
}

static void legend(FILE *out, const struct chart *c, int y)
{
	const struct ms_series *s = c->r->series;
	char growth[MS_SIZE_TEXT_MAX];
	size_t g;

	if (c->r->nrss) {
		fprintf(out,
			"<line class=\"rss\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
			"<text x=\"%d\" y=\"%d\">resident memory (RSS) of ",
			LEFT, y - 4, LEFT + 24, y - 4, LEFT + 32, y);
		ms_put_xml_text(out, c->r->rss_label, strlen(c->r->rss_label));
		fputs("</text>\n", out);
		y += LEGEND_ROW;
	}
	for (g = 0; g <= c->r->ngroups; g++, y += LEGEND_ROW) {
		const char *colour = g ? ms_svg_colour(g - 1) : "#222";
		fprintf(out,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"3\"/>\n<text x=\"%d\" y=\"%d\">",
			LEFT, y - 4, LEFT + 24, y - 4, colour, LEFT + 32, y);
		if (!g) {
			fputs("total traced memory</text>\n", out);
			continue;
		}
		ms_put_key(out, s->rows[c->r->groups[g - 1]].snap, s->key_type,
			   s->rows[c->r->groups[g - 1]].key, ms_put_xml_text);
		ms_format_size(growth, ms_i128_to_double(ms_series_growth(s, c->r->groups[g - 1])),
			       true);
		fprintf(out, " (%s)</text>\n", growth);
	}
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

int ms_write_svg_timeline(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	struct chart c = {r, 1, 0, 0};
	int below = r->moments ? 60 : LABELS, legend_rows = (int)(r->ngroups + 1 + (r->nrss > 0));
	int height = BOTTOM + below + LEGEND_ROW * legend_rows + 10;
	double max = 0;
	size_t j, g;

	for (j = 0; j < s->nsnap; j++) {
		max = fmax(max, ms_u128_to_double(s->total_size[j]));
		for (g = 0; g < r->ngroups; g++)
			max = fmax(max, ms_u128_to_double(ms_series_at(s, r->groups[g], j).size));
	}
	for (j = 0; j < r->nrss; j++)
		max = fmax(max, (double)r->rss[j].rss);
	if (r->moments)
		time_span(&c);
	ms_svg_begin(out, WIDTH, height, r->nrss ? style_rss : style);
	fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	if (r->moments)
		fprintf(out, "<text class=\"title\" x=\"%d\" y=\"30\">Memory over time</text>\n",
			LEFT);
	else
		fprintf(out,
			"<text class=\"title\" x=\"%d\" y=\"30\">Traced memory over %zu "
			"snapshot%s</text>\n",
			LEFT, s->nsnap, s->nsnap == 1 ? "" : "s");
	fprintf(out,
		"<text class=\"sub\" x=\"%d\" y=\"50\">tracemalloc snapshots after "
		"filtering%s%s%s%s",
		LEFT, r->ngroups ? "; the groups by " : "",
		r->ngroups ? ms_key_type_name(s->key_type) : "",
		r->ngroups ? " that grew most from first to last" : "", r->view ? "; " : "");
	if (r->view)
		ms_put_xml_text(out, r->view, strlen(r->view));
	fputs("</text>\n", out);
	y_axis(out, &c, max);
	if (r->moments)
		time_axis(out, &c);
	else
		x_axis(out, &c);
	if (r->nrss)
		rss_line(out, &c);
	for (g = r->ngroups; g-- > 0;)
		line(out, &c, r->groups[g], ms_svg_colour(g));
	line(out, &c, SIZE_MAX, "#222");
	legend(out, &c, BOTTOM + below);
	ms_svg_end(out);
	return ms_write_status(out);
}
