// SPDX-License-Identifier: GPL-2.0
/*
 * lastgasp: tell the operator why the machine died.  One table drives both
 * dispatch and help; subcommands match exactly (no prefixes, so a new
 * command can never change what an old abbreviation meant).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "commands.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *description;
} commands[] = {
	{ "status", cmd_status, "show the module's state and where it keeps records" },
	{ "report", cmd_report, "explain, archive and clear the module's crash records" },
	{ "analyze", cmd_analyze, "explain kernel crashes found in log files or stdin" },
	{ "watch", cmd_watch, "print new records as the module stores them" },
	{ "causes", cmd_causes, "list or check the cause database" },
	{ "full-capture", cmd_full_capture, "show or set whether kdump lets lastgasp see panics" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fputs("usage: lastgasp COMMAND [OPTIONS]\n"
	      "       lastgasp COMMAND --help\n"
	      "       lastgasp --version\n"
	      "\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-13s %s\n", commands[i].name,
			commands[i].description);
	fputs("\nExit status: 0 ok, 1 usage error, 2 system error (module not\n"
	      "loaded, no privilege, netlink or I/O error), 3 data error\n"
	      "(broken rule files, unreadable input).  See lastgasp(8).\n", out);
}

int main(int argc, char **argv)
{
	char prog[64];

	if (argc < 2) {
		usage(stderr);
		return LG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return LG_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("lastgasp %s\n", LG_VERSION);
		return LG_EXIT_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		/* getopt quotes bad options as "lastgasp CMD: ...". */
		snprintf(prog, sizeof(prog), "lastgasp %s", commands[i].name);
		argv[1] = prog;
		return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "lastgasp: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return LG_EXIT_USAGE;
}
