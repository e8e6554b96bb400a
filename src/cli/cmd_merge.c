/*
 * memsnap merge: several snapshots as one file, the traces of all of them
 * as Python's Snapshot(a.traces._traces + b.traces._traces, limit) holds
 * them. A recording contributes its last step: the last snapshot of each
 * of its processes (or of --pid's).
 */
#include <string.h>

#include "inputs.h"

#define SYNOPSIS "merge [-f pickle|json] -o OUT SNAPSHOT|RECORDING..."

int cmd_merge(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_inputs in = {0};
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_MERGE, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || cli_snapshot_output_check(&opts, "merge"))
		goto out;
	/* whole snapshots: the file holds every trace */
	if (cli_inputs_resolve(&in, &opts, opts.files, opts.nfiles, CLI_PICK_MERGED,
			       CLI_KEEP_TRACES) ||
	    cli_inputs_load(&in, 0))
		goto out;
	ret = cli_write_snapshot(opts.output, in.items[0].snap,
				 opts.format && !strcmp(opts.format, "json"));
out:
	cli_inputs_release(&in);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
