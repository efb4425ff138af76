// SPDX-License-Identifier: GPL-2.0
/* Usage errors: quote the bad input, show the short usage, exit 1. */
#include "cli.h"
#include "commands.h"

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
