// SPDX-License-Identifier: GPL-2.0
/*
 * Print status and records as "name value" lines, one attribute a line,
 * nests indented, so a shell test can grep them.  Unknown attributes are
 * printed by number: nltool is a test tool and hides nothing.
 */
#include "print.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "uapi/linux/lastgasp.h"

enum kind { K_U32, K_U64, K_STR, K_BIN, K_FLAG, K_NEST };

struct field {
	const char *name;
	enum kind kind;
	const struct table *nested;	/* K_NEST */
};

struct table {
	const struct field *fields;
	int max;
};

#define TABLE(f) { f, (int)(sizeof(f) / sizeof((f)[0])) - 1 }

static const struct field frame_f[] = {
	[LASTGASP_F_ADDR] = { "addr", K_U64 },
	[LASTGASP_F_SYMBOL] = { "symbol", K_STR },
	[LASTGASP_F_RELIABLE] = { "reliable", K_FLAG },
	[LASTGASP_F_CONTEXT] = { "context", K_U32 },
};
static const struct table frame_t = TABLE(frame_f);

static const struct field stack_f[] = {
	[LASTGASP_STACK_FRAME] = { "frame", K_NEST, &frame_t },
};
static const struct table stack_t = TABLE(stack_f);

static const struct field module_f[] = {
	[LASTGASP_M_NAME] = { "name", K_STR },
	[LASTGASP_M_TAINT] = { "taint", K_STR },
};
static const struct table module_t = TABLE(module_f);

static const struct field modules_f[] = {
	[LASTGASP_MODULES_MODULE] = { "module", K_NEST, &module_t },
};
static const struct table modules_t = TABLE(modules_f);

static const struct field meminfo_f[] = {
	[LASTGASP_MEM_TOTAL_KB] = { "total_kb", K_U64 },
	[LASTGASP_MEM_FREE_KB] = { "free_kb", K_U64 },
	[LASTGASP_MEM_AVAILABLE_KB] = { "available_kb", K_U64 },
	[LASTGASP_MEM_SWAP_TOTAL_KB] = { "swap_total_kb", K_U64 },
	[LASTGASP_MEM_SWAP_FREE_KB] = { "swap_free_kb", K_U64 },
	[LASTGASP_MEM_SLAB_UNRECLAIMABLE_KB] = { "slab_unreclaimable_kb", K_U64 },
};
static const struct table meminfo_t = TABLE(meminfo_f);

static const struct field task_f[] = {
	[LASTGASP_T_PID] = { "pid", K_U32 },
	[LASTGASP_T_COMM] = { "comm", K_STR },
	[LASTGASP_T_RSS_KB] = { "rss_kb", K_U64 },
	[LASTGASP_T_OOM_SCORE_ADJ] = { "oom_score_adj", K_U32 },
};
static const struct table task_t = TABLE(task_f);

static const struct field tasks_f[] = {
	[LASTGASP_TASKS_TASK] = { "task", K_NEST, &task_t },
};
static const struct table tasks_t = TABLE(tasks_f);

static const struct field regs_f[] = {
	[LASTGASP_REG_IP] = { "ip", K_U64 }, [LASTGASP_REG_SP] = { "sp", K_U64 },
	[LASTGASP_REG_FLAGS] = { "flags", K_U64 }, [LASTGASP_REG_AX] = { "ax", K_U64 },
	[LASTGASP_REG_BX] = { "bx", K_U64 }, [LASTGASP_REG_CX] = { "cx", K_U64 },
	[LASTGASP_REG_DX] = { "dx", K_U64 }, [LASTGASP_REG_SI] = { "si", K_U64 },
	[LASTGASP_REG_DI] = { "di", K_U64 }, [LASTGASP_REG_BP] = { "bp", K_U64 },
	[LASTGASP_REG_R8] = { "r8", K_U64 }, [LASTGASP_REG_R9] = { "r9", K_U64 },
	[LASTGASP_REG_R10] = { "r10", K_U64 }, [LASTGASP_REG_R11] = { "r11", K_U64 },
	[LASTGASP_REG_R12] = { "r12", K_U64 }, [LASTGASP_REG_R13] = { "r13", K_U64 },
	[LASTGASP_REG_R14] = { "r14", K_U64 }, [LASTGASP_REG_R15] = { "r15", K_U64 },
	[LASTGASP_REG_CS] = { "cs", K_U64 }, [LASTGASP_REG_SS] = { "ss", K_U64 },
	[LASTGASP_REG_ORIG_AX] = { "orig_ax", K_U64 },
	[LASTGASP_REG_CR2] = { "cr2", K_U64 },
};
static const struct table regs_t = TABLE(regs_f);

static const struct field record_f[] = {
	[LASTGASP_R_SEQ] = { "seq", K_U64 },
	[LASTGASP_R_BOOT_ID] = { "boot_id", K_BIN },
	[LASTGASP_R_STATE] = { "state", K_U32 },
	[LASTGASP_R_KIND] = { "kind", K_U32 },
	[LASTGASP_R_FLAGS] = { "flags", K_U32 },
	[LASTGASP_R_TIME_NS] = { "time_ns", K_U64 },
	[LASTGASP_R_UPTIME_NS] = { "uptime_ns", K_U64 },
	[LASTGASP_R_CPU] = { "cpu", K_U32 },
	[LASTGASP_R_PID] = { "pid", K_U32 },
	[LASTGASP_R_COMM] = { "comm", K_STR },
	[LASTGASP_R_RELEASE] = { "release", K_STR },
	[LASTGASP_R_UTS_VERSION] = { "uts_version", K_STR },
	[LASTGASP_R_MACHINE] = { "machine", K_STR },
	[LASTGASP_R_HARDWARE] = { "hardware", K_STR },
	[LASTGASP_R_TAINT] = { "taint", K_U64 },
	[LASTGASP_R_TAINT_LETTERS] = { "taint_letters", K_STR },
	[LASTGASP_R_MESSAGE] = { "message", K_STR },
	[LASTGASP_R_DIE_VAL] = { "die_val", K_U32 },
	[LASTGASP_R_TRAPNR] = { "trapnr", K_U32 },
	[LASTGASP_R_ERROR_CODE] = { "error_code", K_U64 },
	[LASTGASP_R_SIGNR] = { "signr", K_U32 },
	[LASTGASP_R_PANIC_REASON] = { "panic_reason", K_U32 },
	[LASTGASP_R_RIP] = { "rip", K_U64 },
	[LASTGASP_R_RIP_SYMBOL] = { "rip_symbol", K_STR },
	[LASTGASP_R_ANCHOR_NAME] = { "anchor_name", K_STR },
	[LASTGASP_R_ANCHOR_ADDR] = { "anchor_addr", K_U64 },
	[LASTGASP_R_REGS] = { "regs", K_NEST, &regs_t },
	[LASTGASP_R_STACK] = { "stack", K_NEST, &stack_t },
	[LASTGASP_R_MODULES] = { "modules", K_NEST, &modules_t },
	[LASTGASP_R_MEMINFO] = { "meminfo", K_NEST, &meminfo_t },
	[LASTGASP_R_TASKS] = { "tasks", K_NEST, &tasks_t },
	[LASTGASP_R_VICTIM_PID] = { "victim_pid", K_U32 },
	[LASTGASP_R_VICTIM_COMM] = { "victim_comm", K_STR },
	[LASTGASP_R_LOG] = { "log", K_BIN },
	[LASTGASP_R_CAPTURE_NS] = { "capture_ns", K_U64 },
	[LASTGASP_R_CONTEXT] = { "context", K_U32 },
};
static const struct table record_t = TABLE(record_f);

static const struct field status_f[] = {
	[LASTGASP_S_VERSION] = { "version", K_STR },
	[LASTGASP_S_BACKEND] = { "backend", K_U32 },
	[LASTGASP_S_REGION_ADDR] = { "region_addr", K_U64 },
	[LASTGASP_S_REGION_SIZE] = { "region_size", K_U64 },
	[LASTGASP_S_USED_BYTES] = { "used_bytes", K_U64 },
	[LASTGASP_S_RECORDS] = { "records", K_U32 },
	[LASTGASP_S_PREVIOUS_BOOT] = { "previous_boot", K_U32 },
	[LASTGASP_S_INVALID] = { "invalid", K_U32 },
	[LASTGASP_S_DROPPED] = { "dropped", K_U32 },
	[LASTGASP_S_HOOKS] = { "hooks", K_U32 },
	[LASTGASP_S_BOOT_ID] = { "boot_id", K_BIN },
	[LASTGASP_S_REINITIALISED] = { "reinitialised", K_FLAG },
	[LASTGASP_S_LOG_BYTES] = { "log_bytes", K_U32 },
	[LASTGASP_S_EVENTS_GROUP] = { "events_group", K_U32 },
};
static const struct table status_t = TABLE(status_f);

static void print_value(FILE *f, const struct nlattr *a, const struct field *fd)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	uint16_t len = mnl_attr_get_payload_len(a);
	uint64_t v64;
	uint32_t v32;

	switch (fd->kind) {
	case K_U32:
		if (len != 4)
			break;
		memcpy(&v32, p, 4);
		fprintf(f, " %" PRIu32 "\n", v32);
		return;
	case K_U64:
		if (len != 8)
			break;
		memcpy(&v64, p, 8);
		fprintf(f, " 0x%016" PRIx64 "\n", v64);
		return;
	case K_STR:
		fprintf(f, " %.*s\n", (int)strnlen((const char *)p, len), p);
		return;
	case K_FLAG:
		fputc('\n', f);
		return;
	case K_BIN:
		if (len > 64) {
			fprintf(f, " (%u bytes)\n", len);
			return;
		}
		break;
	case K_NEST:
		break;
	}
	fputc(' ', f);
	for (uint16_t i = 0; i < len; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
}

static void print_attrs(FILE *f, const void *data, size_t len,
			const struct table *t, int depth)
{
	const struct nlattr *attr;

	mnl_attr_for_each_payload(data, len) {
		const struct nlattr *a = attr;
		int type = mnl_attr_get_type(a);
		const struct field *fd = type <= t->max ? &t->fields[type] : NULL;

		fprintf(f, "%*s", depth * 2, "");
		if (!fd || !fd->name) {
			fprintf(f, "attr%d (%u bytes)\n", type, mnl_attr_get_payload_len(a));
			continue;
		}
		fprintf(f, "%s", fd->name);
		if (fd->kind == K_NEST) {
			fputc('\n', f);
			print_attrs(f, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    fd->nested, depth + 1);
		} else {
			print_value(f, a, fd);
		}
	}
}

/* The log is printed last, verbatim, between markers. */
static void print_log(FILE *f, const struct nlattr *rec)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, rec)
		if (mnl_attr_get_type(a) == LASTGASP_R_LOG) {
			fprintf(f, "log-begin\n%.*s\nlog-end\n",
				(int)mnl_attr_get_payload_len(a),
				(const char *)mnl_attr_get_payload(a));
		}
}

int lg_print_msg(const struct nlmsghdr *nlh, void *data)
{
	FILE *f = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case LASTGASP_A_STATUS:
			fprintf(f, "status\n");
			print_attrs(f, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    &status_t, 1);
			break;
		case LASTGASP_A_RECORD:
			fprintf(f, "record\n");
			print_attrs(f, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    &record_t, 1);
			print_log(f, a);
			break;
		}
	}
	return MNL_CB_OK;
}
