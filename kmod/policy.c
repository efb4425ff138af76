// SPDX-License-Identifier: GPL-2.0
/*
 * The policy a stored record body is checked against before export.  After
 * a reboot those bytes are untrusted: a half-written record, a different
 * module version or plain garbage must never reach a reply.  Limits are
 * fixed numbers, not kernel constants, so the verdict does not depend on
 * which kernel wrote the record and which reads it.
 */
#include "lastgasp.h"

#include <net/netlink.h>

#define LG_STR(max)	{ .type = NLA_NUL_STRING, .len = (max) }

static const struct nla_policy lg_reg_policy[LASTGASP_REG_MAX + 1] = {
	[LASTGASP_REG_IP ... LASTGASP_REG_MAX] = { .type = NLA_U64 },
};

static const struct nla_policy lg_frame_policy[LASTGASP_F_MAX + 1] = {
	[LASTGASP_F_ADDR]	= { .type = NLA_U64 },
	[LASTGASP_F_SYMBOL]	= LG_STR(LG_SYM_MAX),
	[LASTGASP_F_RELIABLE]	= { .type = NLA_FLAG },
	[LASTGASP_F_CONTEXT]	= NLA_POLICY_MAX(NLA_U32, __LASTGASP_CTX_MAX - 1),
};

static const struct nla_policy lg_stack_policy[__LASTGASP_STACK_MAX] = {
	[LASTGASP_STACK_FRAME]	= NLA_POLICY_NESTED(lg_frame_policy),
};

static const struct nla_policy lg_module_policy[LASTGASP_M_MAX + 1] = {
	[LASTGASP_M_NAME]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_M_TAINT]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_M_BUILD_ID]	= { .type = NLA_BINARY, .len = LG_BUILD_ID_MAX },
};

static const struct nla_policy lg_modules_policy[__LASTGASP_MODULES_MAX] = {
	[LASTGASP_MODULES_MODULE] = NLA_POLICY_NESTED(lg_module_policy),
};

static const struct nla_policy lg_meminfo_policy[LASTGASP_MEM_MAX + 1] = {
	[LASTGASP_MEM_TOTAL_KB ... LASTGASP_MEM_MAX] = { .type = NLA_U64 },
};

static const struct nla_policy lg_task_policy[LASTGASP_T_MAX + 1] = {
	[LASTGASP_T_PID]	= { .type = NLA_U32 },
	[LASTGASP_T_COMM]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_T_RSS_KB]	= { .type = NLA_U64 },
	[LASTGASP_T_OOM_SCORE_ADJ] = { .type = NLA_S32 },
};

static const struct nla_policy lg_tasks_policy[__LASTGASP_TASKS_MAX] = {
	[LASTGASP_TASKS_TASK]	= NLA_POLICY_NESTED(lg_task_policy),
};

static const struct nla_policy lg_record_policy[LASTGASP_R_MAX + 1] = {
	[LASTGASP_R_SEQ]		= { .type = NLA_U64 },
	[LASTGASP_R_BOOT_ID]		= NLA_POLICY_EXACT_LEN(LG_BOOT_ID_LEN),
	[LASTGASP_R_STATE]		= NLA_POLICY_MAX(NLA_U32, LASTGASP_STATE_PREVIOUS_BOOT),
	[LASTGASP_R_KIND]		= NLA_POLICY_RANGE(NLA_U32, 1, LASTGASP_KIND_MAX),
	[LASTGASP_R_FLAGS]		= { .type = NLA_U32 },
	[LASTGASP_R_TIME_NS]		= { .type = NLA_U64 },
	[LASTGASP_R_UPTIME_NS]		= { .type = NLA_U64 },
	[LASTGASP_R_CPU]		= { .type = NLA_U32 },
	[LASTGASP_R_PID]		= { .type = NLA_U32 },
	[LASTGASP_R_COMM]		= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_RELEASE]		= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_UTS_VERSION]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_MACHINE]		= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_HARDWARE]		= LG_STR(LG_HARDWARE_MAX),
	[LASTGASP_R_TAINT]		= { .type = NLA_U64 },
	[LASTGASP_R_TAINT_LETTERS]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_MESSAGE]		= LG_STR(LG_MESSAGE_MAX),
	[LASTGASP_R_DIE_VAL]		= { .type = NLA_U32 },
	[LASTGASP_R_TRAPNR]		= { .type = NLA_U32 },
	[LASTGASP_R_ERROR_CODE]		= { .type = NLA_U64 },
	[LASTGASP_R_SIGNR]		= { .type = NLA_U32 },
	[LASTGASP_R_PANIC_REASON]	= NLA_POLICY_MAX(NLA_U32, __LASTGASP_PANIC_MAX - 1),
	[LASTGASP_R_RIP]		= { .type = NLA_U64 },
	[LASTGASP_R_RIP_SYMBOL]		= LG_STR(LG_SYM_MAX),
	[LASTGASP_R_ANCHOR_NAME]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_ANCHOR_ADDR]	= { .type = NLA_U64 },
	[LASTGASP_R_REGS]		= NLA_POLICY_NESTED(lg_reg_policy),
	[LASTGASP_R_STACK]		= NLA_POLICY_NESTED(lg_stack_policy),
	[LASTGASP_R_MODULES]		= NLA_POLICY_NESTED(lg_modules_policy),
	[LASTGASP_R_MEMINFO]		= NLA_POLICY_NESTED(lg_meminfo_policy),
	[LASTGASP_R_TASKS]		= NLA_POLICY_NESTED(lg_tasks_policy),
	[LASTGASP_R_VICTIM_PID]		= { .type = NLA_U32 },
	[LASTGASP_R_VICTIM_COMM]	= LG_STR(LG_NAME_MAX),
	[LASTGASP_R_LOG]		= { .type = NLA_BINARY, .len = LG_LOG_BYTES_MAX },
	[LASTGASP_R_CAPTURE_NS]		= { .type = NLA_U64 },
	[LASTGASP_R_CONTEXT]		= NLA_POLICY_MAX(NLA_U32, __LASTGASP_CTX_MAX - 1),
	[LASTGASP_R_KERNEL_BUILD_ID]	= { .type = NLA_BINARY, .len = LG_BUILD_ID_MAX },
};

/*
 * Liberal about attribute types newer than this module (a newer module may
 * have written the record), strict about the shape and the enum values of
 * everything it knows and about trailing bytes.  0 when the body is safe to copy into a reply.
 */
int lg_record_validate(const void *body, u32 len)
{
	return __nla_validate(body, len, LASTGASP_R_MAX, lg_record_policy,
			      NL_VALIDATE_TRAILING, NULL);
}
