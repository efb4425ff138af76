// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp full-capture [on|off] [--json]`: show, or set, whether a panic
 * reaches lastgasp's panic notifier and log dumper when kdump is armed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "cli.h"
#include "commands.h"
#include "kdump.h"
#include "print.h"

static const char usage[] =
	"usage: lastgasp full-capture [on|off] [--json]\n";

static const char help[] =
	"usage: lastgasp full-capture [on|off] [--json]\n"
	"\n"
	"With a kdump crash kernel loaded, a panic jumps straight into it:\n"
	"the panic notifiers and log dumpers, lastgasp's among them, are\n"
	"skipped unless the kernel parameter crash_kexec_post_notifiers is set.\n"
	"Oopses are still recorded (the die notifier runs first either way).\n"
	"\n"
	"Without an argument, show the state.  'on' sets the parameter now\n"
	"(until the next boot; add crash_kexec_post_notifiers to the kernel\n"
	"command line to keep it), so both lastgasp and kdump see every panic;\n"
	"'off' clears it.  Setting needs root.\n"
	"\n"
	"  -j, --json   print one JSON object\n"
	"  -h, --help   show this help\n";

static int set(const char *word)
{
	bool on = !strcmp(word, "on");
	int err = lg_kdump_set_post_notifiers(on);

	if (err) {
		fprintf(stderr, "lastgasp: cannot set crash_kexec_post_notifiers: %s%s\n",
			strerror(-err),
			err == -EACCES || err == -EPERM ? " (needs root)" : "");
		return LG_EXIT_SYSTEM;
	}
	printf("crash_kexec_post_notifiers is now %s (until the next boot).\n",
	       on ? "on" : "off");
	return LG_EXIT_OK;
}

int cmd_full_capture(int argc, char **argv)
{
	int json = 0, first;
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &json, NULL },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "full-capture", .usage = usage, .help = help, .opts = opts, .max_operands = 1,
	};
	int rc = lg_cli_parse(&cli, argc, argv, &first);
	struct lg_kdump k;

	if (rc != LG_CLI_RUN)
		return rc;
	if (first < argc) {
		if (strcmp(argv[first], "on") && strcmp(argv[first], "off"))
			return lg_cli_bad_operand("full-capture", argv[first], usage);
		return set(argv[first]);
	}
	lg_kdump_read(&k);
	if (json) {
		struct json_object *top = json_object_new_object();

		json_object_object_add(top, "lastgasp", json_object_new_int(LG_JSON_VERSION));
		json_object_object_add(top, "kdump", lg_kdump_to_json(&k));
		puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY));
		json_object_put(top);
	} else {
		lg_kdump_print_text(stdout, &k);
	}
	return LG_EXIT_OK;
}
