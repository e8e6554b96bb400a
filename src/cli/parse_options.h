/*
 * An option table row and what parse_options.c does with it, as git's
 * parse-options.h: each row says where its value goes in struct
 * cli_options and of what type it is, so that one parser serves them all.
 */
#ifndef MEMSNAP_CLI_PARSE_OPTIONS_H
#define MEMSNAP_CLI_PARSE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

enum cli_option_type {
	CLI_OPT_FLAG,	     /* bool: set to true */
	CLI_OPT_UINT,	     /* size_t: a whole number from min to max */
	CLI_OPT_SIZE,	     /* struct cli_size: a size as ms_size_parse() reads it */
	CLI_OPT_STRING,	     /* const char *: the argument itself (argv outlives the options) */
	CLI_OPT_STRING_LIST, /* struct cli_strings: every argument, in order */
	CLI_OPT_DURATION,    /* double: seconds, as ms_duration_parse() reads them */
	CLI_OPT_CALLBACK,    /* callback(opts, row, argument) stores it */
	CLI_OPT_HELP,	     /* prints the command's options */
};

struct cli_option;

enum cli_files {
	CLI_FILES_NONE,	    /* not a file name */
	CLI_FILES_ANY,	    /* any file: -o FILE */
	CLI_FILES_SNAPSHOT, /* a snapshot: --diff OLD */
};

/* Takes arg for the option of row o; -1 after reporting a bad value. */
typedef int (*cli_option_fn)(struct cli_options *opts, const struct cli_option *o, const char *arg);

struct cli_option {
	const char *name; /* the long name, NULL ends the table */
	char letter;	  /* the short letter, 0 for none */
	enum cli_option_type type;
	size_t offset;	   /* of the destination in struct cli_options */
	const char *arg;   /* the argument's name in --help, NULL for none */
	unsigned commands; /* CLI_CMD_* bits of the commands that take it */
	const char *help;
	uint64_t min, max;	/* UINT: the range */
	cli_option_fn callback; /* CALLBACK */
	int value;		/* CALLBACK: a value for the callback, e.g. include or exclude */
	/* for shell completion (cmd_completion.c): what the argument may be */
	const char *values;   /* the words it may be, space-separated; NULL: any */
	enum cli_files files; /* the files it names, if it names any */
};

/*
 * The offset of field, which must be of type type: a row whose destination
 * has another type does not compile.
 */
#define CLI_DEST(field, type)                                                                      \
	_Generic(((struct cli_options *)0)->field, type : offsetof(struct cli_options, field))

/*
 * The rows, by type: l the short letter (0 for none), n the long name,
 * field the destination, a the argument's name, cmds the commands, then
 * the help line, and after it what completion offers for the argument
 * (.values = "a b c", .files = CLI_FILES_ANY) where that is known. Laid
 * out by hand: clang-format would pad every line to 100.
 */
/* clang-format off */
#define OPT_ROW(l, n, t, a, cmds, ...) \
	.name = n, .letter = l, .type = t, .arg = a, .commands = cmds, .help = __VA_ARGS__
#define OPT_FLAG(l, n, field, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_FLAG, NULL, cmds, __VA_ARGS__), .offset = CLI_DEST(field, bool)}
#define OPT_UINT(l, n, field, a, lo, hi, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_UINT, a, cmds, __VA_ARGS__), .offset = CLI_DEST(field, size_t), \
	 .min = lo, .max = hi}
#define OPT_SIZE(l, n, field, a, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_SIZE, a, cmds, __VA_ARGS__), \
	 .offset = CLI_DEST(field, struct cli_size)}
#define OPT_STRING(l, n, field, a, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_STRING, a, cmds, __VA_ARGS__), \
	 .offset = CLI_DEST(field, const char *)}
#define OPT_STRING_LIST(l, n, field, a, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_STRING_LIST, a, cmds, __VA_ARGS__), \
	 .offset = CLI_DEST(field, struct cli_strings)}
#define OPT_DURATION(l, n, field, a, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_DURATION, a, cmds, __VA_ARGS__), .offset = CLI_DEST(field, double)}
/* v: a value the callback reads in the row, such as include or exclude */
#define OPT_CALLBACK(l, n, fn, v, a, cmds, ...) \
	{OPT_ROW(l, n, CLI_OPT_CALLBACK, a, cmds, __VA_ARGS__), .callback = fn, .value = v}
#define OPT_HELP(cmds) \
	{OPT_ROW('h', "help", CLI_OPT_HELP, NULL, cmds, "show this help")}
#define OPT_END() {.name = NULL}
/* clang-format on */

/* The table (options.c): rows in --help order, ended by OPT_END(). */
extern const struct cli_option cli_option_table[];

/* The most rows the table may have (options.c checks it at compile time). */
#define CLI_OPTIONS_MAX 64

/* The values before any option; -1 after reporting no memory. */
int cli_options_init(struct cli_options *opts);

/* Checks what rows cannot check alone, once all options are read; -1 after reporting. */
int cli_options_finish(struct cli_options *opts);

/*
 * The one reading of a whole number: decimal digits only (no sign, space
 * or base prefix), from min to max. Returns 0, or -1 after reporting what
 * is wrong, naming the option of row o.
 */
int cli_option_uint(const struct cli_option *o, const char *arg, uint64_t min, uint64_t max,
		    uint64_t *out);

/* The same without a report: 0, -1 when text is not digits, -2 when out of range. */
int cli_parse_uint(const char *text, uint64_t min, uint64_t max, uint64_t *out);

#endif
