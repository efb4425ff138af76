/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line conventions shared by the reporter's subcommands. */
#ifndef LG_CLI_H
#define LG_CLI_H

#include <getopt.h>
#include <stdio.h>

/* One option of a subcommand: a flag that sets *flag to 1, or a value. */
struct lg_cli_opt {
	const char *name;	/* "json": --json */
	char key;		/* 'j': -j */
	int *flag;		/* set to 1 when given; NULL for a value */
	const char **value;	/* set to the option's argument */
};

/* A subcommand's command line.  --help/-h is always accepted. */
struct lg_cli {
	const char *cmd;		/* "report", "causes list" */
	const char *usage;		/* the short usage, on stderr after a mistake */
	const char *help;		/* --help, on stdout */
	const struct lg_cli_opt *opts;	/* ends with { NULL } */
	int max_operands;		/* -1: any number */
	/*
	 * Options a component parses itself (e.g. --debuginfo[=DIR]): long
	 * options with keys of 0x100 and up, ending with { NULL }; each one
	 * found calls @more_fn(key, argc, argv, @more_ctx) with optarg and
	 * optind as getopt_long left them.
	 */
	const struct option *more;
	void (*more_fn)(int key, int argc, char **argv, void *ctx);
	void *more_ctx;
};

/* lg_cli_parse(): go on and run the command. */
#define LG_CLI_RUN (-1)

/*
 * Parse @argv (argv[0] is the subcommand's name) by @cli.  Returns
 * LG_CLI_RUN with *@first the index of the first operand, or the exit code
 * the command must return: LG_EXIT_OK after --help, LG_EXIT_USAGE after a
 * mistake (quoted on stderr with the short usage).
 */
int lg_cli_parse(const struct lg_cli *cli, int argc, char **argv, int *first);

/*
 * After getopt_long() returned '?' or ':': it has already quoted the bad
 * option on stderr; add the short usage and return LG_EXIT_USAGE.
 */
int lg_cli_usage_error(const char *usage);
/* A stray operand: quote it, print the short usage, LG_EXIT_USAGE. */
int lg_cli_bad_operand(const char *cmd, const char *arg, const char *usage);

#endif /* LG_CLI_H */
