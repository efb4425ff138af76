/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subcommands of `lastgasp`.  Each returns the process exit code:
 * LG_EXIT_OK, LG_EXIT_USAGE (bad command line), LG_EXIT_SYSTEM (module not
 * loaded, no privilege, netlink or I/O error), LG_EXIT_DATA (broken rule
 * files, unreadable input).
 */
#ifndef LG_COMMANDS_H
#define LG_COMMANDS_H

enum lg_exit {
	LG_EXIT_OK = 0,
	LG_EXIT_USAGE = 1,
	LG_EXIT_SYSTEM = 2,
	LG_EXIT_DATA = 3,
};

int cmd_status(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_causes(int argc, char **argv);
int cmd_full_capture(int argc, char **argv);

#endif /* LG_COMMANDS_H */
