/* Filling struct ms_error and naming statuses. */
#include <stdarg.h>
#include <stdio.h>

#include "fail.h"

const char *ms_status_text(enum ms_status status)
{
	switch (status) {
	case MS_OK:
		return "success";
	case MS_ERR_IO:
		return "cannot read";
	case MS_ERR_FORMAT:
		return "not a tracemalloc snapshot";
	case MS_ERR_NOMEM:
		return "out of memory";
	case MS_ERR_USAGE:
		return "invalid request";
	}
	return "unknown error";
}

int ms_fail(struct ms_error *err, enum ms_status status, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->status = status;
		err->offset = MS_NO_OFFSET;
		err->opcode = NULL;
		err->inflated = false;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return status;
}
