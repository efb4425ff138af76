// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp causes list [--json] [--causes DIR]` and
 * `lastgasp causes check [DIR...]`: show and validate the cause database.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "causes.h"
#include "causes_int.h"
#include "cli.h"
#include "commands.h"

static const char usage[] =
	"usage: lastgasp causes list [--json] [--causes DIR]\n"
	"       lastgasp causes check [DIR...]\n";

static const char help[] =
	"usage: lastgasp causes list [--json] [--causes DIR]\n"
	"       lastgasp causes check [DIR...]\n"
	"\n"
	"list   print every rule of the cause database: id, event classes,\n"
	"       title and the file that defines it.  The database is the\n"
	"       shipped directory, then /etc/lastgasp/causes.d, then DIR.\n"
	"check  load the rule files of each DIR (default: the shipped and\n"
	"       /etc directories) and report every broken rule as\n"
	"       FILE:LINE: message.  Exit 0 when clean, 3 otherwise.\n";

static int do_list(int argc, char **argv)
{
	const char *extra = NULL;
	int json = 0, first, nerr = 0;
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &json, NULL },
		{ "causes", 'c', NULL, &extra },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "causes list", .usage = usage, .help = help, .opts = opts, .max_operands = 0,
	};
	int rc = lg_cli_parse(&cli, argc, argv, &first);
	struct lg_causedb *db;

	if (rc != LG_CLI_RUN)
		return rc;
	db = lg_causedb_load(lg_causes_dirs(extra), stderr, &nerr);
	if (!db)
		return LG_EXIT_DATA;
	lg_causedb_list(db, stdout, json);
	lg_causedb_free(db);
	return nerr ? LG_EXIT_DATA : LG_EXIT_OK;
}

static int do_check(int argc, char **argv)
{
	static const struct lg_cli_opt opts[] = { { NULL } };
	const struct lg_cli cli = {
		.cmd = "causes check", .usage = usage, .help = help, .opts = opts, .max_operands = -1,
	};
	const char *const *dirs;
	int nerr = 0, nfound = 0, first;
	int rc = lg_cli_parse(&cli, argc, argv, &first);
	struct lg_causedb *db;
	bool given;

	if (rc != LG_CLI_RUN)
		return rc;
	given = first < argc;
	dirs = given ? (const char *const *)argv + first : lg_causes_dirs(NULL);
	for (size_t i = 0; dirs[i]; i++) {
		struct stat st;

		if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
			nfound++;
		else if (given) {
			fprintf(stderr, "%s: not a directory\n", dirs[i]);
			nerr++;
		}
	}
	if (!nfound) {
		if (!given)
			fprintf(stderr, "lastgasp causes check: no rule directory found (%s, %s)\n",
				dirs[0], dirs[1]);
		return LG_EXIT_DATA;
	}
	int lerr = 0;

	db = lg_causedb_load(dirs, stderr, &lerr);
	nerr += lerr;
	if (db) {
		printf("%zu rules, %d error%s\n", lg_causedb_count(db), nerr,
		       nerr == 1 ? "" : "s");
		lg_causedb_free(db);
	} else {
		printf("0 rules, %d error%s\n", nerr, nerr == 1 ? "" : "s");
	}
	return nerr ? LG_EXIT_DATA : LG_EXIT_OK;
}

int cmd_causes(int argc, char **argv)
{
	if (argc < 2)
		return lg_cli_usage_error(usage);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(help, stdout);
		return LG_EXIT_OK;
	}
	if (!strcmp(argv[1], "list"))
		return do_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return do_check(argc - 1, argv + 1);
	fprintf(stderr, "lastgasp causes: unknown subcommand '%s' (list, check)\n",
		argv[1]);
	return lg_cli_usage_error(usage);
}
