// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp causes list [--json] [--causes DIR]` and
 * `lastgasp causes check [DIR...]`: show and validate the cause database.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "causes.h"
#include "causes_int.h"
#include "commands.h"

static void usage(FILE *out)
{
	fputs("usage: lastgasp causes list [--json] [--causes DIR]\n"
	      "       lastgasp causes check [DIR...]\n"
	      "\n"
	      "list   print every rule of the cause database: id, event classes,\n"
	      "       title and the file that defines it.  The database is the\n"
	      "       shipped directory, then /etc/lastgasp/causes.d, then DIR.\n"
	      "check  load the rule files of each DIR (default: the shipped and\n"
	      "       /etc directories) and report every broken rule as\n"
	      "       FILE:LINE: message.  Exit 0 when clean, 3 otherwise.\n", out);
}

static int is_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

static int do_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "causes", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *extra = NULL;
	int json = 0, c, nerr = 0;
	struct lg_causedb *db;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jc:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'c': extra = optarg; break;
		case 'h': usage(stdout); return LG_EXIT_OK;
		default: usage(stderr); return LG_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lastgasp causes list: unexpected argument \"%s\"\n",
			argv[optind]);
		return LG_EXIT_USAGE;
	}
	db = lg_causedb_load(lg_causes_dirs(extra), stderr, &nerr);
	if (!db)
		return LG_EXIT_DATA;
	lg_causedb_list(db, stdout, json);
	lg_causedb_free(db);
	return nerr ? LG_EXIT_DATA : LG_EXIT_OK;
}

static int do_check(int argc, char **argv)
{
	const char *const *dirs;
	int nerr = 0, nfound = 0;
	struct lg_causedb *db;

	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-') {
			fprintf(stderr, "lastgasp causes check: unknown option \"%s\"\n",
				argv[i]);
			return LG_EXIT_USAGE;
		}
	dirs = argc > 1 ? (const char *const *)argv + 1 : lg_causes_dirs(NULL);
	for (size_t i = 0; dirs[i]; i++) {
		struct stat st;

		if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
			nfound++;
		else if (argc > 1) {
			fprintf(stderr, "%s: not a directory\n", dirs[i]);
			nerr++;
		}
	}
	if (!nfound) {
		if (argc == 1)
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
	if (argc < 2 || (argv[1][0] == '-' && is_help(argc, argv))) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? LG_EXIT_USAGE : LG_EXIT_OK;
	}
	if (!strcmp(argv[1], "list"))
		return do_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check")) {
		if (is_help(argc - 1, argv + 1)) {
			usage(stdout);
			return LG_EXIT_OK;
		}
		return do_check(argc - 1, argv + 1);
	}
	fprintf(stderr, "lastgasp causes: unknown subcommand \"%s\" (list, check)\n",
		argv[1]);
	return LG_EXIT_USAGE;
}
