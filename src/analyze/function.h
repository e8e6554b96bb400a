/*
 * The function each frame of a snapshot runs in, for grouping by function
 * (-g function): named from the frame's source file as pyscope.h names it,
 * or, where the file cannot be read or has no such line, standing for the
 * frame's line. The snapshot keeps what is named (snapshot_internal.h).
 */
#ifndef MEMSNAP_FUNCTION_H
#define MEMSNAP_FUNCTION_H

#include "memsnap/error.h"
#include "memsnap/snapshot.h"
#include "source.h"

/*
 * Names the function of every frame of snap, reading source files through
 * sources. Returns MS_OK, or MS_ERR_NOMEM (snap then has no functions).
 */
int ms_snapshot_name_functions(struct ms_snapshot *snap, struct ms_sources *sources,
			       struct ms_error *err);

#endif
