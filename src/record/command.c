/*
 * The recorded command's life: fork and exec with an error pipe, handlers
 * that only note or forward a signal, and pselect() as the one place where
 * the watched signals are unblocked, so none slips between a check and
 * the wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fail.h"
#include "command.h"

static const int watched[] = {SIGINT, SIGTERM, SIGHUP, SIGUSR2, SIGCHLD, SIGWINCH};
#define NWATCHED (sizeof(watched) / sizeof(watched[0]))

static volatile pid_t child_pid;
static volatile sig_atomic_t got_sigusr2, got_sigwinch;
static sigset_t old_mask, wait_mask;
static struct sigaction old_actions[NWATCHED];
static bool caught[NWATCHED];

/* Whether another process sent sig, rather than the terminal's driver. */
static bool sent_by_a_process(const siginfo_t *info)
{
#ifdef SI_KERNEL
	return info->si_code != SI_KERNEL;
#else
	return info->si_code == SI_USER || info->si_code == SI_QUEUE;
#endif
}

static void on_signal(int sig, siginfo_t *info, void *context)
{
	(void)context;
	if (sig == SIGUSR2)
		got_sigusr2 = 1;
	else if (sig == SIGWINCH)
		got_sigwinch = 1;
	else if (sig != SIGCHLD && child_pid > 0 && sent_by_a_process(info))
		kill(child_pid, sig);
}

static void watch(void)
{
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (i = 0; i < NWATCHED; i++) {
		sigaddset(&block, watched[i]);
		sigaddset(&sa.sa_mask, watched[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	wait_mask = old_mask;
	for (i = 0; i < NWATCHED; i++) {
		sigdelset(&wait_mask, watched[i]);
		sigaction(watched[i], NULL, &old_actions[i]);
		/* what memsnap record was started ignoring, it ignores still */
		caught[i] = old_actions[i].sa_handler != SIG_IGN || watched[i] == SIGCHLD;
		if (caught[i])
			sigaction(watched[i], &sa, NULL);
	}
}

void ms_command_release(struct ms_command *cmd)
{
	size_t i;

	(void)cmd;
	for (i = 0; i < NWATCHED; i++)
		if (caught[i])
			sigaction(watched[i], &old_actions[i], NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	child_pid = 0;
}

int ms_command_start(struct ms_command *cmd, char **argv, int *exec_errno, struct ms_error *err)
{
	int pipefd[2], e = 0;
	ssize_t n;
	pid_t pid;

	memset(cmd, 0, sizeof(*cmd));
	*exec_errno = 0;
	if (pipe(pipefd))
		return ms_fail(err, MS_ERR_IO, "cannot create a pipe: %s", strerror(errno));
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	/* watched from before the child exists, so its end is never missed */
	watch();
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		ms_command_release(cmd);
		return ms_fail(err, MS_ERR_IO, "cannot start a process: %s", strerror(e));
	}
	if (!pid) {
		size_t i;

		for (i = 0; i < NWATCHED; i++)
			if (caught[i])
				sigaction(watched[i], &old_actions[i], NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		execvp(argv[0], argv);
		e = errno;
		n = write(pipefd[1], &e, sizeof(e));
		(void)n;
		_exit(127);
	}
	close(pipefd[1]);
	do
		n = read(pipefd[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n == sizeof(e)) {
		waitpid(pid, NULL, 0);
		ms_command_release(cmd);
		*exec_errno = e;
		return ms_fail(err, MS_ERR_IO, "%s", strerror(e));
	}
	cmd->pid = child_pid = pid;
	return MS_OK;
}

static bool reap(struct ms_command *cmd)
{
	pid_t r;

	if (cmd->exited)
		return true;
	do
		r = waitpid(cmd->pid, &cmd->status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == cmd->pid) {
		cmd->exited = true;
		child_pid = 0;
	}
	return cmd->exited;
}

unsigned ms_command_wait(struct ms_command *cmd, double timeout)
{
	struct timespec ts;
	unsigned events = 0;

	/* after the command's exit, a wait is a sleep that signals end early */
	if (!got_sigusr2 && !got_sigwinch && timeout > 0 && (cmd->exited || !reap(cmd))) {
		ts.tv_sec = (time_t)timeout;
		ts.tv_nsec = (long)((timeout - (double)ts.tv_sec) * 1e9);
		pselect(0, NULL, NULL, NULL, &ts, &wait_mask);
	}
	if (got_sigusr2) {
		got_sigusr2 = 0;
		events |= MS_COMMAND_SIGUSR2;
	}
	if (got_sigwinch) {
		got_sigwinch = 0;
		events |= MS_COMMAND_SIGWINCH;
	}
	if (reap(cmd))
		events |= MS_COMMAND_EXITED;
	return events;
}

int ms_command_exit_code(const struct ms_command *cmd)
{
	if (WIFSIGNALED(cmd->status))
		return 128 + WTERMSIG(cmd->status);
	return WEXITSTATUS(cmd->status);
}
