/*
 * The one option parser: getopt_long() tables and --help made from
 * options.c's table, each value stored by its row's type where its row
 * says, and the one reading of whole numbers.
 */
#include <assert.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "grow.h"
#include "memsnap/size.h"
#include "parse_options.h"

/* getopt_long()'s value for row i: its letter, or past every letter. */
static int row_id(size_t i)
{
	return cli_option_table[i].letter ? cli_option_table[i].letter : 256 + (int)i;
}

/* The row of command that getopt_long() returned as id, or NULL. */
static const struct cli_option *find_row(unsigned command, int id)
{
	size_t i;

	for (i = 0; cli_option_table[i].name; i++)
		if ((cli_option_table[i].commands & command) && row_id(i) == id)
			return &cli_option_table[i];
	return NULL;
}

struct getopt_tables {
	struct option longopts[CLI_OPTIONS_MAX + 1];
	char shortopts[2 * CLI_OPTIONS_MAX + 2];
};

static void make_tables(struct getopt_tables *t, unsigned command)
{
	size_t i, nlong = 0;
	char *p = t->shortopts;

	if (command & CLI_CMDS_OPERAND_ENDS_OPTIONS)
		*p++ = '+'; /* getopt_long() stops at the first operand */
	*p++ = ':';	    /* ':' for a missing value, '?' for an unknown option */
	for (i = 0; cli_option_table[i].name; i++) {
		const struct cli_option *o = &cli_option_table[i];
		if (!(o->commands & command))
			continue;
		t->longopts[nlong].name = o->name;
		t->longopts[nlong].has_arg = o->arg ? required_argument : no_argument;
		t->longopts[nlong].flag = NULL;
		t->longopts[nlong++].val = row_id(i);
		if (o->letter) {
			*p++ = o->letter;
			if (o->arg)
				*p++ = ':';
		}
	}
	*p = 0;
	memset(&t->longopts[nlong], 0, sizeof(t->longopts[0]));
}

static void usage(unsigned command, const char *synopsis)
{
	size_t i;
	char left[64];

	printf("usage: memsnap %s\n\n", synopsis);
	for (i = 0; cli_option_table[i].name; i++) {
		const struct cli_option *o = &cli_option_table[i];
		int n;
		if (!(o->commands & command))
			continue;
		n = o->letter ? snprintf(left, sizeof(left), "-%c, --%s", o->letter, o->name)
			      : snprintf(left, sizeof(left), "    --%s", o->name);
		if (o->arg)
			snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->arg);
		printf("  %-32s %s\n", left, o->help);
	}
}

/*
 * Names the option getopt_long() refused (c is '?' or ':'), as written:
 * a short one by its letter, even inside a cluster such as -Zc.
 */
static void report_refused(int c, int argc, char **argv, unsigned command)
{
	/*
	 * for a long option, and a missing value, optind has passed it; musl's
	 * getopt_long() leaves NULL there (or passes argc) when the value is
	 * missing at the end of a permuted argv
	 */
	const char *arg = optind - 1 < argc && argv[optind - 1] ? argv[optind - 1] : "";
	int len = (int)strcspn(arg, "=");
	const struct cli_option *o = optopt ? find_row(command, optopt) : NULL;
	bool is_long = !strncmp(arg, "--", 2) || (o && !o->letter);

	if (c == ':' && o && is_long)
		cli_error("option '--%s' needs a value", o->name);
	else if (c == ':')
		cli_error("option '-%c' needs a value", optopt);
	else if (o) /* a known option refuses only a value it does not take */
		cli_error("option '--%s' takes no value", o->name);
	else if (optopt)
		cli_error("unknown option '-%c' (see 'memsnap %s --help')", optopt, argv[0]);
	else
		cli_error("unknown option '%.*s' (see 'memsnap %s --help')", len, arg, argv[0]);
}

int cli_parse_uint(const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	bool over = false;

	if (!*text)
		return -1;
	for (; *text; text++) {
		unsigned digit = (unsigned)(*text - '0');
		if (digit > 9)
			return -1;
		if (v > (UINT64_MAX - digit) / 10)
			over = true; /* read on: a later letter still makes it malformed */
		else
			v = v * 10 + digit;
	}
	if (over || v < min || v > max)
		return -2;
	*out = v;
	return 0;
}

int cli_option_uint(const struct cli_option *o, const char *arg, uint64_t min, uint64_t max,
		    uint64_t *out)
{
	int status = cli_parse_uint(arg, min, max, out);

	if (status == -1)
		cli_error("--%s wants a whole number, not '%s'", o->name, arg);
	else if (status == -2)
		cli_error("--%s: %s is out of range (%" PRIu64 " to %" PRIu64 ")", o->name, arg,
			  min, max);
	return status ? -1 : 0;
}

/* Stores arg where row o says; -1 after reporting a bad value. */
static int store(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	void *dest = (char *)opts + o->offset;
	struct cli_strings *list = dest;
	struct cli_size *size = dest;
	struct ms_error err;
	uint64_t v;

	switch (o->type) {
	case CLI_OPT_FLAG:
		*(bool *)dest = true;
		return 0;
	case CLI_OPT_UINT:
		if (cli_option_uint(o, arg, o->min, o->max, &v) < 0)
			return -1;
		*(size_t *)dest = (size_t)v;
		return 0;
	case CLI_OPT_SIZE:
		if (ms_size_parse(arg, &size->bytes, &err)) {
			cli_error("--%s: %s", o->name, err.message);
			return -1;
		}
		size->given = true;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)dest = arg;
		return 0;
	case CLI_OPT_DURATION:
		if (ms_duration_parse(arg, (double *)dest, &err)) {
			cli_error("--%s: %s", o->name, err.message);
			return -1;
		}
		return 0;
	case CLI_OPT_STRING_LIST:
		if (MS_GROW(list->items, list->nr + 1, list->alloc) < 0) {
			cli_error("out of memory");
			return -1;
		}
		list->items[list->nr++] = arg;
		return 0;
	case CLI_OPT_CALLBACK:
		return o->callback(opts, o, arg);
	case CLI_OPT_HELP: /* cli_parse() prints it, and stores nothing */
		break;
	}
	assert(!"a row type store() does not know");
	return -1;
}

int cli_parse(int argc, char **argv, unsigned command, size_t min_files, size_t max_files,
	      const char *synopsis, struct cli_options *opts)
{
	struct getopt_tables t;
	const struct cli_option *o;
	int c;

	if (cli_options_init(opts) < 0)
		return -2;
	make_tables(&t, command);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, t.shortopts, t.longopts, NULL)) != -1) {
		o = c == '?' || c == ':' ? NULL : find_row(command, c);
		if (!o) {
			report_refused(c, argc, argv, command);
			return -2;
		}
		if (o->type == CLI_OPT_HELP) {
			usage(command, synopsis);
			return -1;
		}
		if (store(opts, o, optarg) < 0)
			return -2;
	}
	if (cli_options_finish(opts) < 0)
		return -2;
	opts->files = argv + optind;
	opts->nfiles = (size_t)(argc - optind);
	return cli_check_operands(opts, min_files, max_files, synopsis) ? -2 : 0;
}

int cli_check_operands(const struct cli_options *opts, size_t min, size_t max,
		       const char *synopsis)
{
	if (opts->nfiles >= min && opts->nfiles <= max)
		return 0;
	cli_error("wrong number of snapshots: %zu (usage: memsnap %s)", opts->nfiles, synopsis);
	return -1;
}
