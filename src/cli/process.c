/*
 * What memsnap sets up about its own process before a command runs, so
 * that every way it can end is one it reports.
 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "cli.h"

void cli_process_init(void)
{
	int fd;

	/*
	 * A standard stream left closed would be the next file memsnap opens:
	 * a snapshot read again as standard input, or messages written into
	 * an output file. /dev/null takes its place.
	 */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			_exit(EXIT_ERROR);
	/* over a file size limit, write() fails with EFBIG and is reported */
	signal(SIGXFSZ, SIG_IGN);
}
