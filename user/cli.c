// SPDX-License-Identifier: GPL-2.0
/*
 * The subcommands' one option parser (getopt_long from a table), and usage
 * errors: quote the bad input, show the short usage, exit 1.
 */
#include <getopt.h>
#include <string.h>
#include "cli.h"
#include "commands.h"

/* More than any subcommand has: a longer table is a programming error. */
#define MAX_OPTS 16

int lg_cli_usage_error(const char *usage)
{
	fputs(usage, stderr);
	return LG_EXIT_USAGE;
}

int lg_cli_bad_operand(const char *cmd, const char *arg, const char *usage)
{
	fprintf(stderr, "lastgasp %s: unexpected argument '%s'\n", cmd, arg);
	fputs(usage, stderr);
	return LG_EXIT_USAGE;
}

/* getopt_long's table and short-option string for @cli, --help added. */
static void build(const struct lg_cli *cli, struct option *lo, char *so)
{
	size_t n = 0;

	for (const struct lg_cli_opt *o = cli->opts; o && o->name && n < MAX_OPTS; o++, n++) {
		lo[n] = (struct option){ o->name, o->flag ? no_argument : required_argument,
					 NULL, o->key };
		*so++ = o->key;
		if (!o->flag)
			*so++ = ':';
	}
	for (const struct option *m = cli->more; m && m->name && n < MAX_OPTS; m++)
		lo[n++] = *m;
	lo[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	strcpy(so, "h");
}

static const struct lg_cli_opt *find(const struct lg_cli *cli, int key)
{
	for (const struct lg_cli_opt *o = cli->opts; o && o->name; o++)
		if (o->key == key)
			return o;
	return NULL;
}

int lg_cli_parse(const struct lg_cli *cli, int argc, char **argv, int *first)
{
	static char prog[64];
	struct option lo[MAX_OPTS + 2];
	char so[2 * MAX_OPTS + 2];
	const struct lg_cli_opt *o;
	int c;

	/* getopt_long quotes a bad option after argv[0]: "lastgasp causes list: ..." */
	snprintf(prog, sizeof(prog), "lastgasp %s", cli->cmd);
	argv[0] = prog;
	build(cli, lo, so);
	optind = 1;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (c == 'h') {
			fputs(cli->help, stdout);
			return LG_EXIT_OK;
		}
		if (c >= 0x100 && cli->more_fn) {
			cli->more_fn(c, argc, argv, cli->more_ctx);
			continue;
		}
		o = find(cli, c);
		if (!o)
			return lg_cli_usage_error(cli->usage);
		if (o->flag)
			*o->flag = 1;
		else
			*o->value = optarg;
	}
	if (cli->max_operands >= 0 && argc - optind > cli->max_operands)
		return lg_cli_bad_operand(cli->cmd, argv[optind + cli->max_operands],
					  cli->usage);
	*first = optind;
	return LG_CLI_RUN;
}
