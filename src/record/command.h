/*
 * The recorded command, run as memsnap record's child: started with the
 * signal mask and handlers memsnap record had, watched through one wait
 * that ends on its exit, on a signal or after a timeout. SIGINT, SIGTERM
 * and SIGHUP sent to memsnap record by another process are passed on to
 * it (from the terminal they reach it directly); SIGUSR2 and SIGWINCH are
 * reported.
 */
#ifndef MEMSNAP_COMMAND_H
#define MEMSNAP_COMMAND_H

#include <stdbool.h>
#include <sys/types.h>

#include "memsnap/error.h"

struct ms_command {
	pid_t pid;
	bool exited;
	int status; /* waitpid()'s, once exited */
};

/*
 * Starts argv[0] (found on PATH) with argv, in the current environment.
 * Returns MS_OK, or MS_ERR_IO when it could not be run, with errno's
 * value in *exec_errno (0 when fork itself failed).
 */
int ms_command_start(struct ms_command *cmd, char **argv, int *exec_errno, struct ms_error *err);

enum ms_command_event {
	MS_COMMAND_EXITED = 1 << 0,
	MS_COMMAND_SIGUSR2 = 1 << 1,  /* memsnap record received SIGUSR2 */
	MS_COMMAND_SIGWINCH = 1 << 2, /* the terminal changed size */
};

/* Waits up to timeout seconds; returns the events that happened. */
unsigned ms_command_wait(struct ms_command *cmd, double timeout);

/* The exit status to pass on: the command's, or 128+N for signal N. */
int ms_command_exit_code(const struct ms_command *cmd);

/* Puts memsnap record's signal handling back as it was before start. */
void ms_command_release(struct ms_command *cmd);

#endif
