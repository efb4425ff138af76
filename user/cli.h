/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line conventions shared by the reporter's subcommands. */
#ifndef LG_CLI_H
#define LG_CLI_H

#include <stdio.h>

#ifndef LG_VERSION
#define LG_VERSION "0.1.0"
#endif

/*
 * After getopt_long() returned '?' or ':': it has already quoted the bad
 * option on stderr; add the short usage and return LG_EXIT_USAGE.
 */
int lg_cli_usage_error(const char *usage);
/* A stray operand: quote it, print the short usage, LG_EXIT_USAGE. */
int lg_cli_bad_operand(const char *cmd, const char *arg, const char *usage);

#endif /* LG_CLI_H */
