/*
 * What memsnap sets up about its own process before a command runs, so
 * that every way it can end is one it reports.
 */
#include <signal.h>

#include "cli.h"

void cli_process_init(void)
{
	/* over a file size limit, write() fails with EFBIG and is reported */
	signal(SIGXFSZ, SIG_IGN);
}
