/*
 * Snapshot files mapped into memory, and the SIGBUS guard around reading
 * them; see file_map.h. The guard is per thread, since several files are
 * read at once, each on its own thread. It needs anonymous pages put in
 * place (MAP_ANONYMOUS, MAP_FIXED): where there are none, as in the
 * portable build, files are read instead of mapped.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fail.h"
#include "file_map.h"
#include "grow.h"
#include "platform.h"

#if defined(MAP_ANONYMOUS) && defined(MAP_FIXED) && !defined(MEMSNAP_PORTABLE_FALLBACKS)
#define CAN_MAP 1
#else
#define CAN_MAP 0
#endif

#if CAN_MAP
static _Thread_local struct ms_file_map *guarded;
static struct sigaction previous;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

/*
 * A fault in the guarded mapping: the pages from the faulting one to the
 * end are replaced by zeros and the access is retried. Any other SIGBUS
 * gets the handler there was before, by faulting again.
 */
static void on_sigbus(int sig, siginfo_t *info, void *context)
{
	struct ms_file_map *m = guarded;
	uintptr_t at = (uintptr_t)info->si_addr, start = (uintptr_t)(m ? m->buf : NULL);
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), end;
	int saved = errno;

	(void)sig;
	(void)context;
	if (m && m->mapped && at >= start && at - start < m->len) {
		at &= ~(page - 1);
		end = (start + m->len + page - 1) & ~(page - 1);
		if (mmap((void *)at, end - at, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			 -1, 0) != MAP_FAILED) {
			m->cut = true;
			errno = saved;
			return;
		}
	}
	sigaction(SIGBUS, &previous, NULL);
	errno = saved;
}

static void install_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &previous);
}
#endif

void ms_file_map_guard(struct ms_file_map *m)
{
#if CAN_MAP
	pthread_once(&handler_once, install_handler);
	guarded = m;
#else
	(void)m; /* a file read is its own copy: nothing to guard */
#endif
}

void ms_file_map_unguard(void)
{
#if CAN_MAP
	guarded = NULL;
#endif
}

struct ms_file_map *ms_file_map_guarded(void)
{
#if CAN_MAP
	return guarded;
#else
	return NULL;
#endif
}

int ms_read_all(int fd, char **buf, size_t *len, struct ms_error *err)
{
	size_t alloc = 0, nr = 0;
	ssize_t n;

	*buf = NULL;
	for (;;) {
		if (MS_GROW(*buf, nr + 65536, alloc) < 0) {
			free(*buf);
			*buf = NULL;
			return ms_fail(err, MS_ERR_NOMEM, "out of memory reading input");
		}
		n = read(fd, *buf + nr, alloc - nr);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(*buf);
			*buf = NULL;
			return ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
		}
		nr += (size_t)n;
	}
	*len = nr;
	return MS_OK;
}

int ms_file_map(struct ms_file_map *m, int fd, const struct stat *st, struct ms_error *err)
{
	char *buf;
	int status;

	memset(m, 0, sizeof(*m));
	m->st = *st;
	m->len = (size_t)st->st_size;
#if CAN_MAP
	void *map = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map != MAP_FAILED) {
		ms_advise_sequential(map, m->len);
		m->buf = map;
		m->mapped = true;
		return MS_OK;
	}
#endif
	/* some file systems cannot map (FUSE with direct I/O): read it instead */
	status = ms_read_all(fd, &buf, &m->len, err);
	m->buf = buf;
	return status;
}

bool ms_file_map_changed(const struct ms_file_map *m, int fd)
{
	struct stat now;

	if (m->cut)
		return true;
	if (fstat(fd, &now) < 0)
		return false;
	return now.st_size != m->st.st_size || now.st_mtim.tv_sec != m->st.st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != m->st.st_mtim.tv_nsec;
}

void ms_file_map_release(struct ms_file_map *m)
{
	if (m->mapped)
		munmap((void *)m->buf, m->len);
	else
		free((void *)m->buf);
	m->buf = NULL;
}
