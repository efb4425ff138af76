// SPDX-License-Identifier: GPL-2.0
/*
 * Module records: copy and validate a LASTGASP_A_RECORD nest, and parse the
 * kernel's "func+0x1a/0x40 [mod]" symbol strings.  A record comes from RAM
 * that survived a crash and a reboot, so every attribute is length-checked
 * by policy before use; attributes newer than this reporter are skipped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/errno.h>
#include "record.h"

static struct nla_policy record_policy[LASTGASP_R_MAX + 1] = {
	[LASTGASP_R_SEQ] = { .type = NLA_U64 },
	[LASTGASP_R_BOOT_ID] = { .type = NLA_UNSPEC, .minlen = 16 },
	[LASTGASP_R_STATE] = { .type = NLA_U32 },
	[LASTGASP_R_KIND] = { .type = NLA_U32 },
	[LASTGASP_R_FLAGS] = { .type = NLA_U32 },
	[LASTGASP_R_TIME_NS] = { .type = NLA_U64 },
	[LASTGASP_R_UPTIME_NS] = { .type = NLA_U64 },
	[LASTGASP_R_CPU] = { .type = NLA_U32 },
	[LASTGASP_R_PID] = { .type = NLA_U32 },
	[LASTGASP_R_COMM] = { .type = NLA_STRING },
	[LASTGASP_R_RELEASE] = { .type = NLA_STRING },
	[LASTGASP_R_UTS_VERSION] = { .type = NLA_STRING },
	[LASTGASP_R_MACHINE] = { .type = NLA_STRING },
	[LASTGASP_R_HARDWARE] = { .type = NLA_STRING },
	[LASTGASP_R_TAINT] = { .type = NLA_U64 },
	[LASTGASP_R_TAINT_LETTERS] = { .type = NLA_STRING },
	[LASTGASP_R_MESSAGE] = { .type = NLA_STRING },
	[LASTGASP_R_DIE_VAL] = { .type = NLA_U32 },
	[LASTGASP_R_TRAPNR] = { .type = NLA_U32 },
	[LASTGASP_R_ERROR_CODE] = { .type = NLA_U64 },
	[LASTGASP_R_SIGNR] = { .type = NLA_U32 },
	[LASTGASP_R_PANIC_REASON] = { .type = NLA_U32 },
	[LASTGASP_R_RIP] = { .type = NLA_U64 },
	[LASTGASP_R_RIP_SYMBOL] = { .type = NLA_STRING },
	[LASTGASP_R_ANCHOR_NAME] = { .type = NLA_STRING },
	[LASTGASP_R_ANCHOR_ADDR] = { .type = NLA_U64 },
	[LASTGASP_R_REGS] = { .type = NLA_NESTED },
	[LASTGASP_R_STACK] = { .type = NLA_NESTED },
	[LASTGASP_R_MODULES] = { .type = NLA_NESTED },
	[LASTGASP_R_MEMINFO] = { .type = NLA_NESTED },
	[LASTGASP_R_TASKS] = { .type = NLA_NESTED },
	[LASTGASP_R_VICTIM_PID] = { .type = NLA_U32 },
	[LASTGASP_R_VICTIM_COMM] = { .type = NLA_STRING },
	[LASTGASP_R_LOG] = { .type = NLA_UNSPEC },
	[LASTGASP_R_CAPTURE_NS] = { .type = NLA_U64 },
	[LASTGASP_R_CONTEXT] = { .type = NLA_U32 },
	[LASTGASP_R_KERNEL_BUILD_ID] = { .type = NLA_UNSPEC },
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
	err = nla_parse_nested(r->tb, LASTGASP_R_MAX, r->nest, record_policy);
	if (err < 0) {
		lg_record_free(r);
		return err;
	}
	for (int t = 0; t <= LASTGASP_R_MAX; t++)
		if (r->tb[t] && record_policy[t].type == NLA_STRING)
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
		for (int i = 0; i < 16; i++)
			snprintf(r->boot_id + 2 * i, 3, "%02x", id[i]);
	}
	return 0;
}

void lg_record_free(struct lg_record *r)
{
	free(r->nest);
	memset(r, 0, sizeof(*r));
}

/* Hex number after "0x" at *@p; advances *@p.  False when none. */
static bool parse_hex(const char **p, uint64_t *out)
{
	char *end;

	if (strncmp(*p, "0x", 2) != 0)
		return false;
	errno = 0;
	*out = strtoull(*p + 2, &end, 16);
	if (end == *p + 2 || errno)
		return false;
	*p = end;
	return true;
}

bool lg_frame_parse_symbol(const char *sym, struct lg_frame *f)
{
	const char *plus, *p, *mod_end;
	uint64_t off, size = 0;
	char *fn, *mod = NULL;

	if (!sym)
		return false;
	while (*sym == ' ')
		sym++;
	plus = strchr(sym, '+');
	if (!plus || plus == sym || memchr(sym, ' ', plus - sym))
		return false;
	p = plus + 1;
	if (!parse_hex(&p, &off))
		return false;
	if (*p == '/') {
		p++;
		if (!parse_hex(&p, &size))
			return false;
	}
	while (*p == ' ')
		p++;
	if (*p == '[') {
		mod_end = p + 1 + strcspn(p + 1, " ]");
		if (*mod_end == '\0' || mod_end == p + 1)
			return false;
		mod = strndup(p + 1, mod_end - p - 1);
		if (!mod)
			return false;
	} else if (*p != '\0') {
		return false;
	}
	fn = strndup(sym, plus - sym);
	if (!fn) {
		free(mod);
		return false;
	}
	free(f->function);
	free(f->module);
	f->function = fn;
	f->module = mod;
	f->offset = off;
	f->size = size;
	return true;
}
