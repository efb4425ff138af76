/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lastgasp: the generic netlink contract between lastgasp.ko and its reporter.
 *
 * Family LASTGASP_GENL_NAME ("lastgasp"), version LASTGASP_GENL_VERSION.
 * Every operation requires CAP_NET_ADMIN (GENL_ADMIN_PERM): records hold
 * kernel addresses and log text.  Errors come back as a netlink error with
 * an extack message naming the offending attribute.  Enums are append-only:
 * a new kernel may send attributes an old reporter does not know, and the
 * reporter must ignore them.
 *
 * LASTGASP_CMD_GET_STATUS (NLM_F_REQUEST)
 *   request:  no attributes
 *   reply:    LASTGASP_A_STATUS (nest, enum lastgasp_status_attr)
 *
 * LASTGASP_CMD_GET_RECORD
 *   NLM_F_REQUEST | NLM_F_DUMP: one message per stored record, oldest first,
 *     each holding LASTGASP_A_RECORD (nest, enum lastgasp_record_attr).  The
 *     dump resumes after the last record it sent, known by its sequence
 *     number, so a record committed while dumping is either seen once or
 *     not at all, and a CLEAR while dumping neither repeats nor skips a
 *     record that is still there.  A record too large for one dump
 *     message is sent without LASTGASP_R_LOG and with LASTGASP_RF_LOG_OMITTED
 *     set in LASTGASP_R_FLAGS; fetch it whole with the non-dump form.
 *   NLM_F_REQUEST with LASTGASP_A_SEQ: exactly that record, whole.
 *     -ENOENT if no valid record has that sequence number.
 *
 * LASTGASP_CMD_CLEAR (NLM_F_REQUEST)
 *   request:  LASTGASP_A_SEQ (clear that record) or LASTGASP_A_ALL (flag,
 *             clear every record); exactly one of the two.
 *   reply:    ack only.  -ENOENT for an unknown sequence number.
 *
 * LASTGASP_CMD_NEW_RECORD (multicast on group LASTGASP_MCGRP_EVENTS)
 *   notification only: LASTGASP_A_SEQ and LASTGASP_A_KIND of a record just
 *   stored by a non-fatal event.  Contents are fetched with GET_RECORD.
 *
 * Record attribute tree (LASTGASP_A_RECORD):
 *   SEQ, BOOT_ID, STATE, KIND, FLAGS, TIME_NS, UPTIME_NS, CPU, PID, COMM,
 *   RELEASE, UTS_VERSION, MACHINE, HARDWARE, TAINT, TAINT_LETTERS, MESSAGE,
 *   DIE_VAL, TRAPNR, ERROR_CODE, SIGNR, PANIC_REASON, RIP, RIP_SYMBOL,
 *   ANCHOR_NAME, ANCHOR_ADDR,
 *   REGS (nest: one u64 per enum lastgasp_reg present),
 *   STACK (nest: LASTGASP_STACK_FRAME nests of enum lastgasp_frame_attr),
 *   MODULES (nest: LASTGASP_MODULES_MODULE nests of enum lastgasp_module_attr),
 *   MEMINFO (nest, enum lastgasp_meminfo_attr),
 *   TASKS (nest: LASTGASP_TASKS_TASK nests of enum lastgasp_task_attr),
 *   VICTIM_PID, VICTIM_COMM, LOG, CAPTURE_NS, CONTEXT.
 * Any of them may be absent when the kernel could not capture it.
 *
 * What each kind carries beyond the common identity (SEQ ... ANCHOR_ADDR):
 *   DIE          REGS, STACK from the fault, RIP, DIE_VAL..SIGNR, LOG.
 *   PANIC        STACK of the panicking CPU, RIP (first caller outside the
 *                panic machinery: for stall panics that is the watchdog,
 *                the stalled code is in LOG), PANIC_REASON, LOG; with
 *                PANIC_REASON OOM also MEMINFO and TASKS.
 *   OOM_VICTIM   VICTIM_PID, VICTIM_COMM, MEMINFO, TASKS (taken by the OOM
 *                notifier just before the victim was chosen; a memory
 *                cgroup OOM has no such snapshot: live MEMINFO and the
 *                victim alone in TASKS), LOG.  PID/COMM: the allocating
 *                task that invoked the OOM killer.
 *   WARN, SOFT_LOCKUP, RCU_STALL  (survived; seen in the kernel log and
 *                recorded a second or two later, so LOG holds the whole
 *                report): MESSAGE is the log line that started it; PID,
 *                COMM and CPU are the task and CPU that printed it (the
 *                warning task, the stuck task, the stalled CPU's task); no
 *                STACK or RIP: the report's own trace is in LOG.
 *   HUNG_TASK    PID, COMM and STACK are the blocked task's; LOG.
 *   KMSG_DUMP    only on kernels without kmsg_dump_iter (before 5.13),
 *                whose notifiers cannot read the log: LOG alone, taken by
 *                the module's kmsg dumper when the kernel dumps an oops
 *                (FLAGS 0) or a panic (LASTGASP_RF_FATAL), right after the
 *                DIE or PANIC records it completes.  Those records have no
 *                LOG; the reporter gives them this one.
 * At most one record per kind of these survivable events per 10 seconds,
 * the same task (a hung task reported at every check) once per 5 minutes;
 * the rest are counted in LASTGASP_S_DROPPED.  Records of survivable events
 * (OOM_VICTIM and the four above) leave about 120 KiB of the region free
 * for the records of a crash that may follow.
 *
 * Appended after version 0.1.0 (a reporter must cope with their absence):
 *   LASTGASP_R_CAPTURE_NS, LASTGASP_R_CONTEXT, LASTGASP_F_CONTEXT,
 *   enum lastgasp_context, LASTGASP_RF_NO_LOG_READER.
 */
#ifndef _UAPI_LINUX_LASTGASP_H
#define _UAPI_LINUX_LASTGASP_H

#define LASTGASP_GENL_NAME	"lastgasp"
#define LASTGASP_GENL_VERSION	1
#define LASTGASP_MCGRP_EVENTS	"events"

enum lastgasp_cmd {
	LASTGASP_CMD_UNSPEC,
	LASTGASP_CMD_GET_STATUS,
	LASTGASP_CMD_GET_RECORD,
	LASTGASP_CMD_CLEAR,
	LASTGASP_CMD_NEW_RECORD,
	__LASTGASP_CMD_MAX
};
#define LASTGASP_CMD_MAX (__LASTGASP_CMD_MAX - 1)

/* Top-level attributes of every message. */
enum lastgasp_attr {
	LASTGASP_A_UNSPEC,
	LASTGASP_A_PAD,
	LASTGASP_A_STATUS,	/* nest, enum lastgasp_status_attr (reply) */
	LASTGASP_A_RECORD,	/* nest, enum lastgasp_record_attr (reply) */
	LASTGASP_A_SEQ,		/* u64: record sequence number */
	LASTGASP_A_ALL,		/* flag: CLEAR every record */
	LASTGASP_A_KIND,	/* u32, enum lastgasp_kind (notification) */
	__LASTGASP_A_MAX
};
#define LASTGASP_A_MAX (__LASTGASP_A_MAX - 1)

/* Where the store lives. */
enum lastgasp_backend {
	LASTGASP_BACKEND_VOLATILE,	/* vmalloc buffer: lost on reboot */
	LASTGASP_BACKEND_MEMMAP,	/* mem_address/mem_size parameters */
	LASTGASP_BACKEND_RESERVE_MEM,	/* reserve_mem=SIZE:ALIGN:lastgasp */
};

/*
 * LASTGASP_S_EVENTS_GROUP: who may listen to the "events" group.  Where
 * the kernel cannot restrict listeners the group is not offered.
 */
enum lastgasp_events_group {
	LASTGASP_EVENTS_GROUP_UNKNOWN,	/* a module that does not say */
	LASTGASP_EVENTS_GROUP_ADMIN,	/* CAP_NET_ADMIN and CAP_SYS_ADMIN */
	LASTGASP_EVENTS_GROUP_NONE,	/* no group: the kernel cannot restrict it */
	LASTGASP_EVENTS_GROUP_SYS_ADMIN, /* CAP_SYS_ADMIN: all older kernels allow */
};

/* Bits of LASTGASP_S_HOOKS: which capture hooks are armed. */
#define LASTGASP_HOOK_DIE		(1U << 0)
#define LASTGASP_HOOK_PANIC		(1U << 1)
#define LASTGASP_HOOK_OOM		(1U << 2)
#define LASTGASP_HOOK_KMSG_DUMP		(1U << 3)
#define LASTGASP_HOOK_OOM_VICTIM	(1U << 4)
#define LASTGASP_HOOK_HUNG_TASK		(1U << 5)
#define LASTGASP_HOOK_CONSOLE		(1U << 6)

enum lastgasp_status_attr {
	LASTGASP_S_UNSPEC,
	LASTGASP_S_PAD,
	LASTGASP_S_VERSION,		/* string: module version */
	LASTGASP_S_BACKEND,		/* u32, enum lastgasp_backend */
	LASTGASP_S_REGION_ADDR,		/* u64: physical address (0: volatile) */
	LASTGASP_S_REGION_SIZE,		/* u64: bytes */
	LASTGASP_S_USED_BYTES,		/* u64 */
	LASTGASP_S_RECORDS,		/* u32: valid records stored */
	LASTGASP_S_PREVIOUS_BOOT,	/* u32: of which from earlier boots */
	LASTGASP_S_INVALID,		/* u32: corrupt or torn records skipped */
	LASTGASP_S_DROPPED,		/* u32: events not stored (full, busy) */
	LASTGASP_S_HOOKS,		/* u32, LASTGASP_HOOK_* bits */
	LASTGASP_S_BOOT_ID,		/* binary, 16 bytes: this boot */
	LASTGASP_S_REINITIALISED,	/* flag: header was invalid, store reset */
	LASTGASP_S_LOG_BYTES,		/* u32: log tail kept per fatal record */
	LASTGASP_S_EVENTS_GROUP,	/* u32, enum lastgasp_events_group */
	__LASTGASP_S_MAX
};
#define LASTGASP_S_MAX (__LASTGASP_S_MAX - 1)

/* Which hook wrote a record. */
enum lastgasp_kind {
	LASTGASP_KIND_UNSPEC,
	LASTGASP_KIND_DIE,		/* die chain: oops, BUG, traps */
	LASTGASP_KIND_PANIC,		/* panic notifier */
	LASTGASP_KIND_OOM,		/* OOM notifier: global OOM */
	LASTGASP_KIND_OOM_VICTIM,	/* oom:mark_victim: a task was killed */
	LASTGASP_KIND_KMSG_DUMP,	/* kmsg dumper only (log tail) */
	LASTGASP_KIND_WARN,
	LASTGASP_KIND_SOFT_LOCKUP,
	LASTGASP_KIND_HUNG_TASK,
	LASTGASP_KIND_RCU_STALL,
	__LASTGASP_KIND_MAX
};
#define LASTGASP_KIND_MAX (__LASTGASP_KIND_MAX - 1)

/* Why the kernel panicked, when the record knows (LASTGASP_R_PANIC_REASON). */
enum lastgasp_panic_reason {
	LASTGASP_PANIC_UNKNOWN,
	LASTGASP_PANIC_OOPS,		/* panic_on_oops, "Fatal exception" */
	LASTGASP_PANIC_SOFT_LOCKUP,	/* softlockup_panic */
	LASTGASP_PANIC_HARD_LOCKUP,	/* NMI watchdog */
	LASTGASP_PANIC_HUNG_TASK,	/* hung_task_panic */
	LASTGASP_PANIC_RCU_STALL,	/* panic_on_rcu_stall */
	LASTGASP_PANIC_OOM,		/* panic_on_oom, no killable process */
	LASTGASP_PANIC_WARN,		/* panic_on_warn */
	LASTGASP_PANIC_SYSRQ,		/* sysrq-c */
	LASTGASP_PANIC_OTHER,
	__LASTGASP_PANIC_MAX
};

/* Bits of LASTGASP_R_FLAGS. */
#define LASTGASP_RF_FATAL		(1U << 0) /* the kernel did not survive */
#define LASTGASP_RF_TRUNCATED		(1U << 1) /* a part did not fit */
#define LASTGASP_RF_IN_INTERRUPT	(1U << 2)
#define LASTGASP_RF_IN_NMI		(1U << 3)
#define LASTGASP_RF_USER_MODE		(1U << 4) /* regs were user-mode */
#define LASTGASP_RF_LOG_OMITTED		(1U << 5) /* dump only: fetch by SEQ */
#define LASTGASP_RF_NO_LOG_READER	(1U << 6) /* no LOG: the kernel (before
						   * 5.13) cannot read its log
						   * where this was captured */

/* LASTGASP_R_STATE, computed at export, not stored. */
enum lastgasp_record_state {
	LASTGASP_STATE_THIS_BOOT,
	LASTGASP_STATE_PREVIOUS_BOOT,
};

enum lastgasp_record_attr {
	LASTGASP_R_UNSPEC,
	LASTGASP_R_PAD,
	LASTGASP_R_SEQ,			/* u64: monotonic across boots */
	LASTGASP_R_BOOT_ID,		/* binary, 16 bytes */
	LASTGASP_R_STATE,		/* u32, enum lastgasp_record_state */
	LASTGASP_R_KIND,		/* u32, enum lastgasp_kind */
	LASTGASP_R_FLAGS,		/* u32, LASTGASP_RF_* */
	LASTGASP_R_TIME_NS,		/* u64: wall clock, ns since the epoch */
	LASTGASP_R_UPTIME_NS,		/* u64: ns since boot */
	LASTGASP_R_CPU,			/* u32 */
	LASTGASP_R_PID,			/* u32 */
	LASTGASP_R_COMM,		/* string */
	LASTGASP_R_RELEASE,		/* string: uname -r */
	LASTGASP_R_UTS_VERSION,		/* string: uname -v */
	LASTGASP_R_MACHINE,		/* string: uname -m */
	LASTGASP_R_HARDWARE,		/* string: DMI vendor, product, BIOS */
	LASTGASP_R_TAINT,		/* u64: raw taint mask */
	LASTGASP_R_TAINT_LETTERS,	/* string, e.g. "POE" */
	LASTGASP_R_MESSAGE,		/* string: die string or panic message */
	LASTGASP_R_DIE_VAL,		/* u32: enum die_val of the notifier */
	LASTGASP_R_TRAPNR,		/* u32 */
	LASTGASP_R_ERROR_CODE,		/* u64 */
	LASTGASP_R_SIGNR,		/* u32 */
	LASTGASP_R_PANIC_REASON,	/* u32, enum lastgasp_panic_reason */
	LASTGASP_R_RIP,			/* u64: faulting or panicking address */
	LASTGASP_R_RIP_SYMBOL,		/* string: "func+0x1a/0x40 [mod]" */
	LASTGASP_R_ANCHOR_NAME,		/* string: exported symbol for KASLR */
	LASTGASP_R_ANCHOR_ADDR,		/* u64: its runtime address */
	LASTGASP_R_REGS,		/* nest, enum lastgasp_reg */
	LASTGASP_R_STACK,		/* nest of LASTGASP_STACK_FRAME */
	LASTGASP_R_MODULES,		/* nest of LASTGASP_MODULES_MODULE */
	LASTGASP_R_MEMINFO,		/* nest, enum lastgasp_meminfo_attr */
	LASTGASP_R_TASKS,		/* nest of LASTGASP_TASKS_TASK */
	LASTGASP_R_VICTIM_PID,		/* u32: OOM victim */
	LASTGASP_R_VICTIM_COMM,		/* string */
	LASTGASP_R_LOG,			/* binary: newest kernel log text */
	LASTGASP_R_CAPTURE_NS,		/* u64: local_clock() ns spent building
					 * this record (cost of the capture) */
	LASTGASP_R_CONTEXT,		/* u32, enum lastgasp_context: where the
					 * capturing hook ran (in_nmi(),
					 * in_hardirq(), in_serving_softirq()) */
	LASTGASP_R_KERNEL_BUILD_ID,	/* binary, 1..20 bytes: the GNU build id
					 * of the running vmlinux (its
					 * /sys/kernel/notes), to find its
					 * debug info */
	__LASTGASP_R_MAX
};
#define LASTGASP_R_MAX (__LASTGASP_R_MAX - 1)

/*
 * Sizes of record attributes: the module stores and exports nothing
 * larger, and the reporter accepts nothing larger (strings: longest
 * length, terminating NUL excluded).
 */
#define LASTGASP_BOOT_ID_LEN	16		/* R_BOOT_ID: exactly */
#define LASTGASP_NAME_MAX	64		/* comm, release, module, taint... */
#define LASTGASP_HARDWARE_MAX	256		/* R_HARDWARE */
#define LASTGASP_MESSAGE_MAX	1024		/* R_MESSAGE */
#define LASTGASP_SYMBOL_MAX	1024		/* R_RIP_SYMBOL, F_SYMBOL */
#define LASTGASP_LOG_MAX	(32 * 1024)	/* R_LOG, bytes */
#define LASTGASP_BUILD_ID_MAX	20		/* R_KERNEL_BUILD_ID, M_BUILD_ID: SHA-1 */

/* x86-64 registers, each a u64 inside LASTGASP_R_REGS. */
enum lastgasp_reg {
	LASTGASP_REG_UNSPEC,
	LASTGASP_REG_IP, LASTGASP_REG_SP, LASTGASP_REG_FLAGS,
	LASTGASP_REG_AX, LASTGASP_REG_BX, LASTGASP_REG_CX, LASTGASP_REG_DX,
	LASTGASP_REG_SI, LASTGASP_REG_DI, LASTGASP_REG_BP,
	LASTGASP_REG_R8, LASTGASP_REG_R9, LASTGASP_REG_R10, LASTGASP_REG_R11,
	LASTGASP_REG_R12, LASTGASP_REG_R13, LASTGASP_REG_R14, LASTGASP_REG_R15,
	LASTGASP_REG_CS, LASTGASP_REG_SS, LASTGASP_REG_ORIG_AX,
	LASTGASP_REG_CR2,
	__LASTGASP_REG_MAX
};
#define LASTGASP_REG_MAX (__LASTGASP_REG_MAX - 1)

enum lastgasp_stack_attr {
	LASTGASP_STACK_UNSPEC,
	LASTGASP_STACK_FRAME,		/* nest, enum lastgasp_frame_attr */
	__LASTGASP_STACK_MAX
};

enum lastgasp_frame_attr {
	LASTGASP_F_UNSPEC,
	LASTGASP_F_PAD,
	LASTGASP_F_ADDR,		/* u64: return address */
	LASTGASP_F_SYMBOL,		/* string: "func+0x1a/0x40 [mod]" */
	LASTGASP_F_RELIABLE,		/* flag: the unwinder vouches for it */
	LASTGASP_F_CONTEXT,		/* u32, enum lastgasp_context: the stack
					 * the frame was found on, as the kernel
					 * marks it (<IRQ>, <NMI>, ...) */
	__LASTGASP_F_MAX
};
#define LASTGASP_F_MAX (__LASTGASP_F_MAX - 1)

/*
 * Execution context of a record (LASTGASP_R_CONTEXT) or of a frame
 * (LASTGASP_F_CONTEXT).  For a frame it is the stack it lives on: x86-64
 * runs soft interrupts on the hard interrupt stack, so such frames say IRQ
 * (the kernel's own trace prints them between <IRQ> and </IRQ>);
 * EXCEPTION is an exception stack other than the NMI one (#DF, #MC, #DB,
 * #VC), ENTRY the entry trampoline stack.
 */
enum lastgasp_context {
	LASTGASP_CTX_TASK,
	LASTGASP_CTX_SOFTIRQ,
	LASTGASP_CTX_IRQ,
	LASTGASP_CTX_NMI,
	LASTGASP_CTX_EXCEPTION,
	LASTGASP_CTX_ENTRY,
	LASTGASP_CTX_UNKNOWN,
	__LASTGASP_CTX_MAX
};

enum lastgasp_modules_attr {
	LASTGASP_MODULES_UNSPEC,
	LASTGASP_MODULES_MODULE,	/* nest, enum lastgasp_module_attr */
	__LASTGASP_MODULES_MAX
};

enum lastgasp_module_attr {
	LASTGASP_M_UNSPEC,
	LASTGASP_M_NAME,		/* string */
	LASTGASP_M_TAINT,		/* string: letters, e.g. "OE"; may be "" */
	LASTGASP_M_BUILD_ID,		/* binary, 1..20 bytes: the module's GNU
					 * build id (its sysfs notes), when known */
	__LASTGASP_M_MAX
};
#define LASTGASP_M_MAX (__LASTGASP_M_MAX - 1)

/* Memory totals in KiB at the time of the record. */
enum lastgasp_meminfo_attr {
	LASTGASP_MEM_UNSPEC,
	LASTGASP_MEM_PAD,
	LASTGASP_MEM_TOTAL_KB,		/* u64 */
	LASTGASP_MEM_FREE_KB,		/* u64 */
	LASTGASP_MEM_AVAILABLE_KB,	/* u64 */
	LASTGASP_MEM_SWAP_TOTAL_KB,	/* u64 */
	LASTGASP_MEM_SWAP_FREE_KB,	/* u64 */
	LASTGASP_MEM_SLAB_UNRECLAIMABLE_KB, /* u64 */
	__LASTGASP_MEM_MAX
};
#define LASTGASP_MEM_MAX (__LASTGASP_MEM_MAX - 1)

enum lastgasp_tasks_attr {
	LASTGASP_TASKS_UNSPEC,
	LASTGASP_TASKS_TASK,		/* nest, enum lastgasp_task_attr */
	__LASTGASP_TASKS_MAX
};

/* The biggest memory users, largest first. */
enum lastgasp_task_attr {
	LASTGASP_T_UNSPEC,
	LASTGASP_T_PAD,
	LASTGASP_T_PID,			/* u32 */
	LASTGASP_T_COMM,		/* string */
	LASTGASP_T_RSS_KB,		/* u64 */
	LASTGASP_T_OOM_SCORE_ADJ,	/* s32 */
	__LASTGASP_T_MAX
};
#define LASTGASP_T_MAX (__LASTGASP_T_MAX - 1)

#endif /* _UAPI_LINUX_LASTGASP_H */
