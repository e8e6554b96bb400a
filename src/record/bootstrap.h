/*
 * The bootstrap directory of memsnap record: a private directory, first on
 * the recorded command's PYTHONPATH, holding the recorder's Python files
 * (src/record/python, carried in the binary).
 */
#ifndef MEMSNAP_BOOTSTRAP_H
#define MEMSNAP_BOOTSTRAP_H

#include <stddef.h>

#include "memsnap/error.h"

struct ms_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t size;
};

/* The recorder's Python files, ended by a row of NULLs (generated). */
extern const struct ms_embedded_file ms_record_python[];

/*
 * Creates a directory of mode 0700 under $TMPDIR (or /tmp) holding the
 * files of ms_record_python. *dir is its absolute path, malloc'd: the
 * caller removes it with ms_bootstrap_remove() and frees it.
 */
int ms_bootstrap_create(char **dir, struct ms_error *err);

/* Removes the directory and what Python wrote there (__pycache__). */
void ms_bootstrap_remove(const char *dir);

#endif
