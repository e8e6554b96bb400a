/* The SVG frame and text helpers every picture uses; see svg.h. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "svg.h"
#include "utf8.h"

void ms_svg_begin(FILE *out, int width, int height, const char *style)
{
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\">\n<style type=\"text/css\"><![CDATA[\n%s]]>"
		"</style>\n",
		width, height, width, height, style);
}

void ms_svg_end(FILE *out)
{
	fputs("</svg>\n", out);
}

const char *ms_svg_colour(size_t i)
{
	static const char *const colours[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e",
					      "#9467bd", "#8c564b", "#e377c2", "#17becf",
					      "#bcbd22", "#7f7f7f"};

	return colours[i % (sizeof(colours) / sizeof(colours[0]))];
}

void ms_svg_put_arg(FILE *out, const char *arg)
{
	size_t n = strlen(arg);
	char *s = malloc(3 * n + 1);

	if (!s) {
		ms_write_nomem();
		return;
	}
	ms_put_xml_text(out, s, ms_utf8_fsdecode(s, arg, n));
	free(s);
}

void ms_svg_put_size(FILE *out, ms_u128 size)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, ms_u128_to_double(size), false);
	fputs(buf, out);
}
