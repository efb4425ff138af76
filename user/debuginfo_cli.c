// SPDX-License-Identifier: GPL-2.0
/*
 * The --debuginfo[=DIR] and --debuginfod options of report and analyze.
 * `--debuginfo DIR` works too: a directory right after the option is its
 * argument (analyze reads files, never directories, so this is unambiguous).
 */
#include <getopt.h>
#include <sys/stat.h>
#include "debuginfo.h"

void lg_debuginfo_option(struct lg_debuginfo_opts *o, bool *on, int c,
			 int argc, char **argv)
{
	struct stat st;

	*on = true;
	if (c == LG_OPT_DEBUGINFOD) {
		o->debuginfod = true;
		return;
	}
	if (optarg) {
		o->dir = optarg;
	} else if (optind < argc && argv[optind][0] != '-' &&
		   stat(argv[optind], &st) == 0 && S_ISDIR(st.st_mode)) {
		o->dir = argv[optind++];
	}
}

void lg_debuginfo_run(const struct lg_debuginfo_opts *o, bool on,
		      struct lg_debuginfo **di)
{
	*di = on ? lg_debuginfo_new(o, stderr) : NULL;
}
