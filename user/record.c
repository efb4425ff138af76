// SPDX-License-Identifier: GPL-2.0
/*
 * Module records: copy and validate a LASTGASP_A_RECORD nest, and parse the
 * kernel's "func+0x1a/0x40 [mod]" symbol strings.  A record comes from RAM
 * that survived a crash and a reboot, so every attribute is length-checked
 * by policy before use; attributes newer than this reporter are skipped.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/errno.h>
#include "parse.h"
#include "record.h"
#include "record_int.h"

/* A string of at most @max bytes and its NUL (the UAPI's sizes). */
#define STR(max) { .type = NLA_STRING, .maxlen = (max) + 1 }

/* The module's policy (kmod/policy.c); test_record_policy checks they agree. */
const struct nla_policy lg_record_policy[LASTGASP_R_MAX + 1] = {
	[LASTGASP_R_SEQ] = { .type = NLA_U64 },
	[LASTGASP_R_BOOT_ID] = { .type = NLA_UNSPEC, .minlen = LASTGASP_BOOT_ID_LEN,
				  .maxlen = LASTGASP_BOOT_ID_LEN },
	[LASTGASP_R_STATE] = { .type = NLA_U32 },
	[LASTGASP_R_KIND] = { .type = NLA_U32 },
	[LASTGASP_R_FLAGS] = { .type = NLA_U32 },
	[LASTGASP_R_TIME_NS] = { .type = NLA_U64 },
	[LASTGASP_R_UPTIME_NS] = { .type = NLA_U64 },
	[LASTGASP_R_CPU] = { .type = NLA_U32 },
	[LASTGASP_R_PID] = { .type = NLA_U32 },
	[LASTGASP_R_COMM] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_RELEASE] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_UTS_VERSION] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_MACHINE] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_HARDWARE] = STR(LASTGASP_HARDWARE_MAX),
	[LASTGASP_R_TAINT] = { .type = NLA_U64 },
	[LASTGASP_R_TAINT_LETTERS] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_MESSAGE] = STR(LASTGASP_MESSAGE_MAX),
	[LASTGASP_R_DIE_VAL] = { .type = NLA_U32 },
	[LASTGASP_R_TRAPNR] = { .type = NLA_U32 },
	[LASTGASP_R_ERROR_CODE] = { .type = NLA_U64 },
	[LASTGASP_R_SIGNR] = { .type = NLA_U32 },
	[LASTGASP_R_PANIC_REASON] = { .type = NLA_U32 },
	[LASTGASP_R_RIP] = { .type = NLA_U64 },
	[LASTGASP_R_RIP_SYMBOL] = STR(LASTGASP_SYMBOL_MAX),
	[LASTGASP_R_ANCHOR_NAME] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_ANCHOR_ADDR] = { .type = NLA_U64 },
	[LASTGASP_R_REGS] = { .type = NLA_NESTED },
	[LASTGASP_R_STACK] = { .type = NLA_NESTED },
	[LASTGASP_R_MODULES] = { .type = NLA_NESTED },
	[LASTGASP_R_MEMINFO] = { .type = NLA_NESTED },
	[LASTGASP_R_TASKS] = { .type = NLA_NESTED },
	[LASTGASP_R_VICTIM_PID] = { .type = NLA_U32 },
	[LASTGASP_R_VICTIM_COMM] = STR(LASTGASP_NAME_MAX),
	[LASTGASP_R_LOG] = { .type = NLA_UNSPEC, .maxlen = LASTGASP_LOG_MAX },
	[LASTGASP_R_CAPTURE_NS] = { .type = NLA_U64 },
	[LASTGASP_R_CONTEXT] = { .type = NLA_U32 },
	[LASTGASP_R_KERNEL_BUILD_ID] = { .type = NLA_UNSPEC, .maxlen = LASTGASP_BUILD_ID_MAX },
};

static const char *const kind_names[] = {
	[LASTGASP_KIND_UNSPEC] = "unknown",
	[LASTGASP_KIND_DIE] = "die",
	[LASTGASP_KIND_PANIC] = "panic",
	[LASTGASP_KIND_OOM] = "oom",
	[LASTGASP_KIND_OOM_VICTIM] = "oom_victim",
	[LASTGASP_KIND_KMSG_DUMP] = "kmsg_dump",
	[LASTGASP_KIND_WARN] = "warn",
	[LASTGASP_KIND_SOFT_LOCKUP] = "soft_lockup",
	[LASTGASP_KIND_HUNG_TASK] = "hung_task",
	[LASTGASP_KIND_RCU_STALL] = "rcu_stall",
};

const char *lg_record_str(const struct lg_record *r, int type)
{
	return r->tb[type] ? nla_get_string(r->tb[type]) : NULL;
}

/* Bound on synthesized plus log lines kept per event. */
#define MAX_LINES 4096

int lg_record_add_line(struct lg_event *ev, size_t lineno, const char *fmt, ...)
{
	struct lg_evidence *n;
	va_list ap;
	char *line;
	int len;

	if (ev->nlines >= MAX_LINES)
		return 0;
	va_start(ap, fmt);
	len = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (len < 0)
		return -ENOMEM;
	n = realloc(ev->lines, (ev->nlines + 1) * sizeof(*n));
	if (!n) {
		free(line);
		return -ENOMEM;
	}
	ev->lines = n;
	n[ev->nlines].line = line;
	n[ev->nlines].lineno = lineno;
	ev->nlines++;
	return 0;
}

const char *lg_record_kind_name(uint32_t kind)
{
	if (kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[kind];
}

/*
 * panic() and die() strings often end in "\n" (panic("sysrq triggered
 * crash\n")): strip it in our private copy so titles and JSON stay clean.
 */
static void chomp(struct nlattr *a)
{
	char *s = nla_data(a);
	int len = nla_len(a);

	while (len > 1 && (s[len - 2] == '\n' || s[len - 2] == '\r')) {
		s[len - 2] = '\0';
		len--;
	}
}

int lg_record_parse(const struct nlattr *nest, struct lg_record *r)
{
	const unsigned char *id;
	int err;

	memset(r, 0, sizeof(*r));
	if (nest->nla_len < NLA_HDRLEN)
		return -NLE_INVAL;
	r->nest = malloc(nest->nla_len);
	if (!r->nest)
		return -NLE_NOMEM;
	memcpy(r->nest, nest, nest->nla_len);
	err = nla_parse_nested(r->tb, LASTGASP_R_MAX, r->nest, lg_record_policy);
	if (err < 0) {
		lg_record_free(r);
		return err;
	}
	for (int t = 0; t <= LASTGASP_R_MAX; t++)
		if (r->tb[t] && lg_record_policy[t].type == NLA_STRING)
			chomp(r->tb[t]);
	if (r->tb[LASTGASP_R_SEQ])
		r->seq = nla_get_u64(r->tb[LASTGASP_R_SEQ]);
	if (r->tb[LASTGASP_R_KIND])
		r->kind = nla_get_u32(r->tb[LASTGASP_R_KIND]);
	if (r->tb[LASTGASP_R_FLAGS])
		r->flags = nla_get_u32(r->tb[LASTGASP_R_FLAGS]);
	if (r->tb[LASTGASP_R_STATE])
		r->previous_boot = nla_get_u32(r->tb[LASTGASP_R_STATE]) ==
				   LASTGASP_STATE_PREVIOUS_BOOT;
	if (r->tb[LASTGASP_R_BOOT_ID]) {
		id = nla_data(r->tb[LASTGASP_R_BOOT_ID]);
		for (int i = 0; i < LASTGASP_BOOT_ID_LEN; i++)
			snprintf(r->boot_id + 2 * i, 3, "%02x", id[i]);
	}
	return 0;
}

void lg_record_free(struct lg_record *r)
{
	free(r->nest);
	memset(r, 0, sizeof(*r));
}

/*
 * A record's symbol is the kernel's %pS(b): "func+0x1a/0x40 [mod]" or
 * "[mod BUILDID]"; the log parser's symbol parser reads it.  A bare address
 * (unresolved) is no symbol.  @f is untouched on failure.
 */
bool lg_frame_parse_symbol(const char *sym, struct lg_frame *f)
{
	struct lg_frame t = { 0 };

	if (!sym || !strchr(sym, '+') ||
	    !lg_symbol_parse(sym, strlen(sym), &t) || !t.function || t.has_address) {
		lg_frame_clear(&t);
		return false;
	}
	free(f->function);
	free(f->module);
	f->function = t.function;
	f->module = t.module;
	f->offset = t.offset;
	f->size = t.size;
	free(t.context);
	return true;
}
