/*
 * spawn.c: run one command and report its wall time and peak RSS, for the
 * benchmark harness. Exists because Linux carries a process's peak RSS
 * across exec: a child forked from the (Python) harness would report at
 * least the harness's own RSS. Forked from this small program instead, the
 * figure is the command's own.
 *
 *   cc -O2 -o spawn spawn.c && ./spawn REPORT CMD [ARG...]
 *
 * The command inherits stdin, stdout and stderr. REPORT receives one line:
 * "WALL_SECONDS MAXRSS_KB EXIT_STATUS CPU_SECONDS" (status 128+N if killed
 * by signal N; CPU is user plus system time, which waiting for a busy core
 * does not inflate the way it does wall time).
 * Exit status: 0 if the report was written, 2 otherwise.
 */

#define _DEFAULT_SOURCE /* wait4() */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double t0, wall;
	int status, code;
	pid_t pid;
	FILE *report;

	if (argc < 3) {
		fprintf(stderr, "usage: spawn REPORT CMD [ARG...]\n");
		return 2;
	}
	report = fopen(argv[1], "we");
	if (!report) {
		fprintf(stderr, "spawn: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	t0 = now();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "spawn: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "spawn: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "spawn: wait4: %s\n", strerror(errno));
			return 2;
		}
	}
	wall = now() - t0;
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(report, "%.6f %ld %d %.6f\n", wall, ru.ru_maxrss, code,
		ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
			ru.ru_stime.tv_usec / 1e6);
	return fclose(report) ? 2 : 0;
}
