// SPDX-License-Identifier: GPL-2.0
/*
 * The --debuginfo[=DIR] and --debuginfod options of report and analyze.
 * `--debuginfo DIR` works too: a directory right after the option is its
 * argument (analyze reads files, never directories, so this is unambiguous).
 */
#include <sys/stat.h>
#include "debuginfo.h"

const struct option lg_debuginfo_options[] = {
	{ "debuginfo", optional_argument, NULL, LG_OPT_DEBUGINFO },
	{ "debuginfod", no_argument, NULL, LG_OPT_DEBUGINFOD },
	{ NULL, 0, NULL, 0 },
};

void lg_debuginfo_option(int key, int argc, char **argv, void *ctx)
{
	struct lg_debuginfo_cli *c = ctx;
	struct stat st;

	c->on = true;
	if (key == LG_OPT_DEBUGINFOD) {
		c->opts.debuginfod = true;
		return;
	}
	if (optarg) {
		c->opts.dir = optarg;
	} else if (optind < argc && argv[optind][0] != '-' &&
		   stat(argv[optind], &st) == 0 && S_ISDIR(st.st_mode)) {
		c->opts.dir = argv[optind++];
	}
}

struct lg_debuginfo *lg_debuginfo_run(const struct lg_debuginfo_cli *c)
{
	return c->on ? lg_debuginfo_new(&c->opts, stderr) : NULL;
}
