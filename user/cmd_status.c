// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp status [--json]`: is the module loaded, where does it keep its
 * records, will they survive a reboot, and how many it holds.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include <linux/lastgasp.h>
#include "cli.h"
#include "commands.h"
#include "kdump.h"
#include "netlink.h"
#include "print.h"
#include "survival.h"

static const char usage[] =
	"usage: lastgasp status [--json]\n";

static const char help[] =
	"usage: lastgasp status [--json]\n"
	"\n"
	"Show the state of the lastgasp kernel module: its version, where it\n"
	"stores crash records (persistent RAM that survives a warm reboot, or a\n"
	"volatile buffer that does not), how many records it holds, which\n"
	"capture hooks are armed and how much space is used.  Needs root.\n"
	"\n"
	"  -j, --json   print one JSON object (see lastgasp(8))\n"
	"  -h, --help   show this help\n";

static const char *const hook_names[] = {
	"die", "panic", "oom", "kmsg_dump", "oom_victim", "hung_task",
	"console",
};

static const char *backend_name(int64_t b)
{
	switch (b) {
	case LASTGASP_BACKEND_VOLATILE: return "volatile";
	case LASTGASP_BACKEND_MEMMAP: return "memmap";
	case LASTGASP_BACKEND_RESERVE_MEM: return "reserve_mem";
	default: return NULL;
	}
}

/* Who may listen to NEW_RECORD notifications (LASTGASP_S_EVENTS_GROUP). */
static const char *events_group_name(int64_t g)
{
	switch (g) {
	case LASTGASP_EVENTS_GROUP_ADMIN: return "admin";
	case LASTGASP_EVENTS_GROUP_NONE: return "none";
	case LASTGASP_EVENTS_GROUP_SYS_ADMIN: return "sys_admin";
	default: return NULL;
	}
}

static struct json_object *jcount(int64_t v)
{
	return v >= 0 ? json_object_new_int64(v) : NULL;
}

static struct json_object *risks_json(const struct lg_status *st)
{
	struct json_object *a = json_object_new_array();
	unsigned int risks = lg_survival_risks(st->backend, st->region_addr);

	for (unsigned int bit = 1; bit && bit <= risks; bit <<= 1)
		if (risks & bit)
			json_object_array_add(a, json_object_new_string(lg_survival_risk_id(bit)));
	return a;
}

static int print_json(const struct lg_status *st, const struct lg_kdump *k)
{
	struct json_object *top = json_object_new_object();
	struct json_object *o = json_object_new_object();
	struct json_object *hooks = json_object_new_array();
	const char *backend = backend_name(st->backend);
	char addr[24];
	bool persistent = st->backend == LASTGASP_BACKEND_MEMMAP ||
			  st->backend == LASTGASP_BACKEND_RESERVE_MEM;

	snprintf(addr, sizeof(addr), "0x%" PRIx64, st->region_addr);
	json_object_object_add(o, "module_version", st->version[0] ?
			       json_object_new_string(st->version) : NULL);
	json_object_object_add(o, "backend", backend ?
			       json_object_new_string(backend) : NULL);
	json_object_object_add(o, "persistent", backend ?
			       json_object_new_boolean(persistent) : NULL);
	json_object_object_add(o, "region_address", persistent ?
			       json_object_new_string(addr) : NULL);
	json_object_object_add(o, "region_size", st->region_size ?
			       json_object_new_int64((int64_t)st->region_size) :
			       NULL);
	json_object_object_add(o, "used_bytes", jcount(st->used_bytes));
	json_object_object_add(o, "free_bytes",
			       st->used_bytes >= 0 && st->region_size ?
			       json_object_new_int64((int64_t)st->region_size -
						     st->used_bytes) : NULL);
	json_object_object_add(o, "records", jcount(st->records));
	json_object_object_add(o, "previous_boot", jcount(st->previous_boot));
	json_object_object_add(o, "invalid", jcount(st->invalid));
	json_object_object_add(o, "dropped", jcount(st->dropped));
	for (size_t i = 0; st->hooks >= 0 &&
	     i < sizeof(hook_names) / sizeof(hook_names[0]); i++)
		if (st->hooks & (1LL << i))
			json_object_array_add(hooks,
					      json_object_new_string(hook_names[i]));
	json_object_object_add(o, "hooks", st->hooks >= 0 ? hooks : NULL);
	if (st->hooks < 0)
		json_object_put(hooks);
	json_object_object_add(o, "log_bytes", jcount(st->log_bytes));
	json_object_object_add(o, "events_group", events_group_name(st->events_group) ?
			       json_object_new_string(events_group_name(st->events_group)) :
			       NULL);
	json_object_object_add(o, "boot_id", st->boot_id[0] ?
			       json_object_new_string(st->boot_id) : NULL);
	json_object_object_add(o, "reinitialised",
			       json_object_new_boolean(st->reinitialised));
	json_object_object_add(o, "survival_risks", risks_json(st));
	json_object_object_add(top, "lastgasp",
			       json_object_new_int(LG_JSON_VERSION));
	json_object_object_add(o, "kdump", lg_kdump_to_json(k));
	json_object_object_add(top, "status", o);
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(top);
	return LG_EXIT_OK;
}

static void print_count(const char *label, int64_t v)
{
	if (v >= 0)
		printf("%s%" PRId64, label, v);
	else
		printf("%s?", label);
}

/* @text after a 13-column @label, words wrapped before column 76. */
static void print_wrapped(const char *label, const char *text)
{
	int col = printf("%-13s", label);

	int gap = 0;	/* spaces before the word: two after a sentence */

	while (*text) {
		int len = (int)strcspn(text, " ");

		if (col > 13 && col + gap + len > 76)
			col = printf("\n%13s", "") - 1;
		else
			col += printf("%*s", gap, "");
		col += printf("%.*s", len, text);
		text += len;
		gap = (int)strspn(text, " ");
		text += gap;
	}
	putchar('\n');
}

static void print_risks(const struct lg_status *st)
{
	unsigned int risks = lg_survival_risks(st->backend, st->region_addr);

	for (unsigned int bit = 1; bit && bit <= risks; bit <<= 1)
		if (risks & bit)
			print_wrapped(lg_survival_risk_is_warning(bit) ?
				      "WARNING:" : "Note:",
				      lg_survival_risk_text(bit));
}

static int print_text(const struct lg_status *st, const struct lg_kdump *k)
{
	const char *backend = backend_name(st->backend);

	printf("Module:      lastgasp %s\n", st->version[0] ? st->version : "(version unknown)");
	if (st->backend == LASTGASP_BACKEND_VOLATILE || !backend)
		printf("Backend:     %s buffer in ordinary RAM\n",
		       backend ? "volatile" : "unknown");
	else
		printf("Backend:     persistent (%s) at 0x%" PRIx64 ", %" PRIu64 " bytes\n",
		       backend, st->region_addr, st->region_size);
	print_risks(st);
	if (st->reinitialised)
		puts("Note:        the store header was invalid at load and was reset");
	print_count("Records:     ", st->records);
	print_count(" stored, ", st->previous_boot);
	print_count(" from previous boots, ", st->invalid);
	print_count(" invalid, ", st->dropped);
	puts(" dropped");
	fputs("Hooks:      ", stdout);
	for (size_t i = 0; st->hooks >= 0 &&
	     i < sizeof(hook_names) / sizeof(hook_names[0]); i++)
		if (st->hooks & (1LL << i))
			printf(" %s", hook_names[i]);
	puts(st->hooks > 0 ? "" : st->hooks == 0 ? " none armed" : " unknown");
	if (st->used_bytes >= 0 && st->region_size)
		printf("Space:       %" PRId64 " of %" PRIu64 " bytes used, %" PRId64 " free\n",
		       st->used_bytes, st->region_size,
		       (int64_t)st->region_size - st->used_bytes);
	if (st->log_bytes >= 0)
		printf("Log tail:    %" PRId64 " bytes kept per fatal record\n",
		       st->log_bytes);
	if (st->boot_id[0])
		printf("Boot id:     %s\n", st->boot_id);
	if (st->events_group == LASTGASP_EVENTS_GROUP_ADMIN)
		puts("Events:      group \"" LASTGASP_MCGRP_EVENTS "\" for CAP_NET_ADMIN + CAP_SYS_ADMIN only");
	else if (st->events_group == LASTGASP_EVENTS_GROUP_SYS_ADMIN)
		puts("Events:      group \"" LASTGASP_MCGRP_EVENTS "\" for CAP_SYS_ADMIN only");
	else if (st->events_group == LASTGASP_EVENTS_GROUP_NONE)
		puts("Events:      no group: this kernel cannot restrict its listeners\n"
		     "             to admins (lastgasp watch is unavailable)");
	lg_kdump_print_text(stdout, k);
	return LG_EXIT_OK;
}

int cmd_status(int argc, char **argv)
{
	int json = 0, err, first;
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &json, NULL },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "status", .usage = usage, .help = help, .opts = opts, .max_operands = 0,
	};
	struct lg_status st;
	struct lg_kdump k;
	struct lg_nl *nl;
	int rc = lg_cli_parse(&cli, argc, argv, &first);

	if (rc != LG_CLI_RUN)
		return rc;
	nl = lg_nl_open(&err);
	if (!nl)
		return LG_EXIT_SYSTEM;
	err = lg_nl_get_status(nl, &st);
	lg_nl_close(nl);
	if (err)
		return LG_EXIT_SYSTEM;
	lg_kdump_read(&k);
	return json ? print_json(&st, &k) : print_text(&st, &k);
}
