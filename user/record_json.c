// SPDX-License-Identifier: GPL-2.0
/*
 * A module record as JSON, attribute by attribute, for the archive under
 * /var/lib/lastgasp.  The archive is what remains once a record is cleared
 * from the module, so it keeps everything: known attributes by name, and
 * attributes this reporter does not know as hex under "unknown".
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "record.h"
#include "text_safe.h"

enum fmt { U32, U64, ADDR, STR, BOOT, FLAGS, LOG, REGS, STACK, MODULES,
	   MEMINFO, TASKS, HEX };

static const struct {
	const char *name;
	enum fmt fmt;
} attrs[LASTGASP_R_MAX + 1] = {
	[LASTGASP_R_SEQ] = { "seq", U64 },
	[LASTGASP_R_BOOT_ID] = { "boot_id", BOOT },
	[LASTGASP_R_STATE] = { "state", U32 },
	[LASTGASP_R_KIND] = { "kind", U32 },
	[LASTGASP_R_FLAGS] = { "flags", FLAGS },
	[LASTGASP_R_TIME_NS] = { "time_ns", U64 },
	[LASTGASP_R_UPTIME_NS] = { "uptime_ns", U64 },
	[LASTGASP_R_CPU] = { "cpu", U32 },
	[LASTGASP_R_PID] = { "pid", U32 },
	[LASTGASP_R_COMM] = { "comm", STR },
	[LASTGASP_R_RELEASE] = { "release", STR },
	[LASTGASP_R_UTS_VERSION] = { "uts_version", STR },
	[LASTGASP_R_MACHINE] = { "machine", STR },
	[LASTGASP_R_HARDWARE] = { "hardware", STR },
	[LASTGASP_R_TAINT] = { "taint", ADDR },
	[LASTGASP_R_TAINT_LETTERS] = { "taint_letters", STR },
	[LASTGASP_R_MESSAGE] = { "message", STR },
	[LASTGASP_R_DIE_VAL] = { "die_val", U32 },
	[LASTGASP_R_TRAPNR] = { "trapnr", U32 },
	[LASTGASP_R_ERROR_CODE] = { "error_code", ADDR },
	[LASTGASP_R_SIGNR] = { "signr", U32 },
	[LASTGASP_R_PANIC_REASON] = { "panic_reason", U32 },
	[LASTGASP_R_RIP] = { "rip", ADDR },
	[LASTGASP_R_RIP_SYMBOL] = { "rip_symbol", STR },
	[LASTGASP_R_ANCHOR_NAME] = { "anchor_name", STR },
	[LASTGASP_R_ANCHOR_ADDR] = { "anchor_addr", ADDR },
	[LASTGASP_R_REGS] = { "regs", REGS },
	[LASTGASP_R_STACK] = { "stack", STACK },
	[LASTGASP_R_MODULES] = { "modules", MODULES },
	[LASTGASP_R_MEMINFO] = { "meminfo", MEMINFO },
	[LASTGASP_R_TASKS] = { "tasks", TASKS },
	[LASTGASP_R_VICTIM_PID] = { "victim_pid", U32 },
	[LASTGASP_R_VICTIM_COMM] = { "victim_comm", STR },
	[LASTGASP_R_LOG] = { "log", LOG },
	[LASTGASP_R_CAPTURE_NS] = { "capture_ns", U64 },
	[LASTGASP_R_CONTEXT] = { "context", U32 },
	[LASTGASP_R_KERNEL_BUILD_ID] = { "kernel_build_id", HEX },
};

static const char *const reg_names[LASTGASP_REG_MAX + 1] = {
	[LASTGASP_REG_IP] = "ip", [LASTGASP_REG_SP] = "sp",
	[LASTGASP_REG_FLAGS] = "flags", [LASTGASP_REG_AX] = "ax",
	[LASTGASP_REG_BX] = "bx", [LASTGASP_REG_CX] = "cx",
	[LASTGASP_REG_DX] = "dx", [LASTGASP_REG_SI] = "si",
	[LASTGASP_REG_DI] = "di", [LASTGASP_REG_BP] = "bp",
	[LASTGASP_REG_R8] = "r8", [LASTGASP_REG_R9] = "r9",
	[LASTGASP_REG_R10] = "r10", [LASTGASP_REG_R11] = "r11",
	[LASTGASP_REG_R12] = "r12", [LASTGASP_REG_R13] = "r13",
	[LASTGASP_REG_R14] = "r14", [LASTGASP_REG_R15] = "r15",
	[LASTGASP_REG_CS] = "cs", [LASTGASP_REG_SS] = "ss",
	[LASTGASP_REG_ORIG_AX] = "orig_ax", [LASTGASP_REG_CR2] = "cr2",
};

static struct json_object *hex_u64(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static struct json_object *hex_bytes(const void *data, int len)
{
	const unsigned char *p = data;
	struct json_object *o;
	char *s = malloc(2 * (size_t)len + 1);

	if (!s)
		return NULL;
	for (int i = 0; i < len; i++)
		sprintf(s + 2 * i, "%02x", p[i]);
	s[2 * len] = '\0';
	o = json_object_new_string(s);
	free(s);
	return o;
}

static bool is_text(const char *d, int len)
{
	for (int i = 0; i < len; i++)
		if ((unsigned char)d[i] < 0x20 || (unsigned char)d[i] > 0x7e)
			return false;
	return len > 0;
}

/* Any nest of scalars: u64 when 8 bytes, u32 when 4, strings, flags. */
static struct json_object *scalar(const struct nlattr *a)
{
	const char *d = nla_data(a);
	int len = nla_len(a);

	if (len == 0)
		return json_object_new_boolean(1);
	if (d[len - 1] == '\0' && is_text(d, len - 1))
		return json_object_new_string(d);
	if (len == 8)
		return json_object_new_uint64(nla_get_u64((struct nlattr *)a));
	if (len == 4)
		return json_object_new_int64(nla_get_u32((struct nlattr *)a));
	return hex_bytes(d, len);
}

/*
 * A nest as one object: each attribute under its name, or PREFIX_TYPE when
 * this reporter has none; @value NULL leaves an attribute out.
 */
static struct json_object *named_object(const struct nlattr *nest,
					const char *const *names, int max,
					const char *prefix,
					struct json_object *(*value)(const struct nlattr *))
{
	struct json_object *o = json_object_new_object(), *v;
	struct nlattr *pos;
	char key[24];
	int rem;

	nla_for_each_nested(pos, (struct nlattr *)nest, rem) {
		int t = nla_type(pos);

		v = value(pos);
		if (!v)
			continue;
		snprintf(key, sizeof(key), "%s_%d", prefix, t);
		json_object_object_add(o, t <= max && names && names[t] ? names[t] : key, v);
	}
	return o;
}

static struct json_object *nest_object(const struct nlattr *nest,
				       const char *const *names, int max)
{
	return named_object(nest, names, max, "attr", scalar);
}

static struct json_object *nest_list(const struct nlattr *nest,
				     const char *const *names, int max)
{
	struct json_object *a = json_object_new_array();
	struct nlattr *pos;
	int rem;

	nla_for_each_nested(pos, (struct nlattr *)nest, rem)
		json_object_array_add(a, nest_object(pos, names, max));
	return a;
}

static const char *const frame_names[LASTGASP_F_MAX + 1] = {
	[LASTGASP_F_ADDR] = "addr", [LASTGASP_F_SYMBOL] = "symbol",
	[LASTGASP_F_RELIABLE] = "reliable", [LASTGASP_F_CONTEXT] = "context",
};
static const char *const module_names[LASTGASP_M_MAX + 1] = {
	[LASTGASP_M_NAME] = "name", [LASTGASP_M_TAINT] = "taint",
	[LASTGASP_M_BUILD_ID] = "build_id",
};
static const char *const mem_names[LASTGASP_MEM_MAX + 1] = {
	[LASTGASP_MEM_TOTAL_KB] = "total_kb",
	[LASTGASP_MEM_FREE_KB] = "free_kb",
	[LASTGASP_MEM_AVAILABLE_KB] = "available_kb",
	[LASTGASP_MEM_SWAP_TOTAL_KB] = "swap_total_kb",
	[LASTGASP_MEM_SWAP_FREE_KB] = "swap_free_kb",
	[LASTGASP_MEM_SLAB_UNRECLAIMABLE_KB] = "slab_unreclaimable_kb",
};
static const char *const task_names[LASTGASP_T_MAX + 1] = {
	[LASTGASP_T_PID] = "pid", [LASTGASP_T_COMM] = "comm",
	[LASTGASP_T_RSS_KB] = "rss_kb",
	[LASTGASP_T_OOM_SCORE_ADJ] = "oom_score_adj",
};

/* A register is a u64, shown in hex; anything shorter is left out. */
static struct json_object *reg_value(const struct nlattr *a)
{
	return nla_len(a) < 8 ? NULL : hex_u64(nla_get_u64((struct nlattr *)a));
}

static struct json_object *regs_json(const struct nlattr *nest)
{
	return named_object(nest, reg_names, LASTGASP_REG_MAX, "reg", reg_value);
}

/* The archive is JSON too: invalid UTF-8 and NUL bytes shown, not passed. */
static struct json_object *safe_string(const char *s, size_t len)
{
	char *t = lg_text_safe(s, len, 0);
	struct json_object *o = t ? json_object_new_string(t) : NULL;

	free(t);
	return o;
}

static struct json_object *value(const struct lg_record *r, int t)
{
	struct nlattr *a = r->tb[t];

	switch (attrs[t].fmt) {
	case U32: return json_object_new_int64(nla_get_u32(a));
	case U64: return json_object_new_uint64(nla_get_u64(a));
	case ADDR: return hex_u64(nla_get_u64(a));
	case STR: return safe_string(nla_data(a), strlen(nla_get_string(a)));
	case BOOT: return json_object_new_string(r->boot_id);
	case FLAGS: return json_object_new_int64(nla_get_u32(a));
	case LOG:
		return safe_string(nla_data(a), (size_t)nla_len(a));
	case REGS: return regs_json(a);
	case STACK: return nest_list(a, frame_names, LASTGASP_F_MAX);
	case MODULES: return nest_list(a, module_names, LASTGASP_M_MAX);
	case MEMINFO: return nest_object(a, mem_names, LASTGASP_MEM_MAX);
	case TASKS: return nest_list(a, task_names, LASTGASP_T_MAX);
	case HEX: return hex_bytes(nla_data(a), nla_len(a));
	}
	return NULL;
}

struct json_object *lg_record_to_json(const struct lg_record *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *unknown = json_object_new_object();
	struct nlattr *pos;
	char key[24];
	int rem;

	if (!o || !unknown) {
		json_object_put(o);
		json_object_put(unknown);
		return NULL;
	}
	json_object_object_add(o, "kind_name",
			       json_object_new_string(lg_record_kind_name(r->kind)));
	for (int t = 0; t <= LASTGASP_R_MAX; t++)
		if (r->tb[t] && attrs[t].name &&
		    !(t == LASTGASP_R_LOG && r->log_borrowed))	/* not its own */
			json_object_object_add(o, attrs[t].name, value(r, t));
	nla_for_each_nested(pos, r->nest, rem) {
		if (nla_type(pos) <= LASTGASP_R_MAX && attrs[nla_type(pos)].name)
			continue;
		snprintf(key, sizeof(key), "%d", nla_type(pos));
		json_object_object_add(unknown, key,
				       hex_bytes(nla_data(pos), nla_len(pos)));
	}
	json_object_object_add(o, "unknown", unknown);
	return o;
}
