/*
 * A status line at the bottom of the terminal, kept there while the rest
 * of the screen scrolls (the way apt shows its progress): the lines above
 * are a scrolling region, so what the recorded command prints never runs
 * into it. Each update is one write(), which the terminal driver does not
 * interleave with another process's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

static void put(const char *text, size_t len)
{
	ssize_t n;

	while (len && (n = write(STDERR_FILENO, text, len)) > 0) {
		text += n;
		len -= (size_t)n;
	}
}

static int size(int *rows, int *cols)
{
	struct winsize ws;
	const char *term = getenv("TERM");

	if (!isatty(STDERR_FILENO) || !term || !strcmp(term, "dumb") ||
	    ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) || ws.ws_row < 3 || ws.ws_col < 20)
		return -1;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}

int cli_status_line_begin(struct cli_status_line *sl)
{
	char buf[64];
	int n;

	memset(sl, 0, sizeof(*sl));
	if (size(&sl->rows, &sl->cols))
		return -1;
	/* a new line to give up, then the region above it; the cursor stays put */
	n = snprintf(buf, sizeof(buf), "\n\0337\033[1;%dr\0338\033[1A", sl->rows - 1);
	put(buf, (size_t)n);
	sl->active = true;
	return 0;
}

void cli_status_line_show(struct cli_status_line *sl, const char *text)
{
	char buf[512];
	int n, width;

	if (!sl->active)
		return;
	width = sl->cols - 1 < 400 ? sl->cols - 1 : 400;
	n = snprintf(buf, sizeof(buf), "\0337\033[%d;1H\033[2K%.*s\0338", sl->rows, width, text);
	put(buf, (size_t)n);
}

void cli_status_line_resize(struct cli_status_line *sl)
{
	char buf[64];
	int n;

	if (!sl->active)
		return;
	cli_status_line_end(sl);
	if (size(&sl->rows, &sl->cols))
		return;
	n = snprintf(buf, sizeof(buf), "\0337\033[1;%dr\0338", sl->rows - 1);
	put(buf, (size_t)n);
	sl->active = true;
}

void cli_status_line_end(struct cli_status_line *sl)
{
	char buf[64];
	int n;

	if (!sl->active)
		return;
	/* the line cleared, the whole screen scrolling again */
	n = snprintf(buf, sizeof(buf), "\0337\033[%d;1H\033[2K\033[r\0338", sl->rows);
	put(buf, (size_t)n);
	sl->active = false;
}
