/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel versions differ.  Kbuild probes the target
 * tree and passes LG_HAVE_* defines; everything else calls the stable names
 * defined here.
 */
#ifndef _LASTGASP_COMPAT_H
#define _LASTGASP_COMPAT_H

#include <linux/kernel.h>
#include <linux/irq_work.h>
#include <linux/kmsg_dump.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <net/genetlink.h>

#ifndef CONFIG_X86_64
#error "lastgasp records x86-64 registers and unwinds with the x86 unwinder"
#endif

/*
 * The one feature without a fallback: per-operation generic netlink
 * policies (struct genl_small_ops: 5.10, RHEL 8.5).  Every other
 * difference below has one; dkms.conf's BUILD_EXCLUSIVE_KERNEL names the
 * same kernels.
 */
#ifndef LG_HAVE_GENL_SMALL_OPS
#error "lastgasp needs per-op generic netlink policies (genl_small_ops: 5.10, RHEL 8.5)"
#endif

/* panic_notifier_list moved out of <linux/kernel.h> in 5.14. */
#ifdef LG_HAVE_PANIC_NOTIFIER_H
#include <linux/panic_notifier.h>
#endif

/*
 * Reading the log from any context needs the lockless iterator (5.13+);
 * older kernels only allow it inside a kmsg dumper callback, with the
 * dumper as the cursor (logdump.c), so there only that callback passes one
 * and the notifiers store no log tail.
 */
#if defined(LG_HAVE_KMSG_DUMP_ITER) || defined(LG_HAVE_KMSG_DUMPER_ITER)
#define LG_CAN_READ_LOG 1
/* The 5.10-rt patches carry the same iterator as struct kmsg_dumper_iter. */
#ifdef LG_HAVE_KMSG_DUMP_ITER
#define LG_KMSG_ITER_INIT	struct kmsg_dump_iter iter
#else
#define LG_KMSG_ITER_INIT	struct kmsg_dumper_iter iter = { .active = true }
#endif
/* Crash path: inlined into the notrace caller. */
static __always_inline size_t lg_log_tail(struct kmsg_dumper *dumper,
					  char *buf, size_t size)
{
	LG_KMSG_ITER_INIT;
	size_t len = 0;

	kmsg_dump_rewind(&iter);
	if (!kmsg_dump_get_buffer(&iter, false, buf, size, &len))
		return 0;
	return len;
}
#else
#define LG_CAN_READ_LOG 0
/* The newest records that fit, as the dumper's cursor sees them. */
static __always_inline size_t lg_log_tail(struct kmsg_dumper *dumper,
					  char *buf, size_t size)
{
	size_t len = 0;

	if (!dumper || !kmsg_dump_get_buffer(dumper, false, buf, size, &len))
		return 0;
	return len;
}
#endif

/*
 * Strict checks of every op from the first one (6.1+): the genetlink
 * header's reserved field, nlmsg flags, attributes of ops without a policy.
 * Elsewhere the module makes the same checks itself (nlcheck.c).
 */
#ifdef LG_HAVE_GENL_RESV_START_OP
#define LG_GENL_RESV_START_OP(op)	.resv_start_op = (op),
#define LG_GENL_SELF_CHECK		0
#else
#define LG_GENL_RESV_START_OP(op)
#define LG_GENL_SELF_CHECK		1
#endif

/*
 * A dump's parsed request attributes: in a struct genl_info since 6.2.
 * RHEL 9.3+ backported the split ops but kept the attrs pointer, so the
 * probe looks for the member itself.
 */
#ifdef LG_HAVE_GENL_DUMPIT_INFO_INFO
#define lg_dump_attrs(cb)	(genl_dumpit_info(cb)->info.attrs)
#else
#define lg_dump_attrs(cb)	(genl_dumpit_info(cb)->attrs)
#endif

/*
 * Multicast listeners can be restricted to admins on 6.8+/6.1.192+
 * (GENL_MCAST_CAP_*); the stable 5.10, 5.15 and 6.6 kernels and RHEL 9.4
 * have a cap_sys_admin bit instead (listeners need CAP_SYS_ADMIN).
 * Elsewhere the events group is not registered at all (fail closed).
 */
#if defined(LG_HAVE_GENL_MCAST_CAP)
#define LG_MCGRP_ADMIN_FLAGS	.flags = GENL_MCAST_CAP_NET_ADMIN | GENL_MCAST_CAP_SYS_ADMIN,
#define LG_EVENTS_GROUP		LASTGASP_EVENTS_GROUP_ADMIN
#define LG_HAVE_EVENTS_GROUP	1
#elif defined(LG_HAVE_GENL_MCGRP_CAP_SYS_ADMIN)
#define LG_MCGRP_ADMIN_FLAGS	.cap_sys_admin = 1,
#define LG_EVENTS_GROUP		LASTGASP_EVENTS_GROUP_SYS_ADMIN
#define LG_HAVE_EVENTS_GROUP	1
#else
#define LG_MCGRP_ADMIN_FLAGS
#define LG_EVENTS_GROUP		LASTGASP_EVENTS_GROUP_NONE
#define LG_HAVE_EVENTS_GROUP	0
#endif

/*
 * reserve_mem=SIZE:ALIGN:NAME (6.11+): RAM the kernel sets aside at boot,
 * usually at the same place on the next boot of the same machine.
 */
#ifdef LG_HAVE_RESERVE_MEM
#include <linux/mm.h>
static inline int lg_reserve_mem_find(const char *name, phys_addr_t *start,
				      phys_addr_t *size)
{
	return reserve_mem_find_by_name(name, start, size) ? 0 : -ENOENT;
}
#else
static inline int lg_reserve_mem_find(const char *name, phys_addr_t *start,
				      phys_addr_t *size)
{
	return -ENOENT;
}
#endif

/*
 * Signatures that differ: the kmsg dumper callback took the reason up to
 * 6.11, a detail struct since; oom:mark_victim passes (task, uid) on 6.11+
 * and the stable backports (5.10.262, 6.1.192), (pid) before (then the
 * victim's name and memory are not known to the probe).
 */
#ifdef LG_HAVE_KMSG_DUMP_DETAIL
#define LG_KMSG_DUMPER_ARGS	struct kmsg_dumper *dumper, struct kmsg_dump_detail *detail
#define lg_kmsg_dump_reason()	(detail->reason)
#else
#define LG_KMSG_DUMPER_ARGS	struct kmsg_dumper *dumper, enum kmsg_dump_reason reason
#define lg_kmsg_dump_reason()	(reason)
#endif

#ifdef LG_HAVE_MARK_VICTIM_TASK
#define LG_MARK_VICTIM_ARGS	void *data, struct task_struct *task, uid_t uid
#define lg_mark_victim_pid()	(task->pid)
#define lg_mark_victim_task()	(task)
#else
#define LG_MARK_VICTIM_ARGS	void *data, int pid
#define lg_mark_victim_pid()	(pid)
#define lg_mark_victim_task()	((struct task_struct *)NULL)
#endif

/* in_hardirq() replaced in_irq() (same test) in 5.11; RHEL 8 has only in_irq(). */
#ifdef LG_HAVE_IN_HARDIRQ
#define lg_in_hardirq()		in_hardirq()
#else
#define lg_in_hardirq()		in_irq()
#endif

/*
 * An irq_work that runs in hard interrupt context even on PREEMPT_RT.
 * Before IRQ_WORK_INIT_HARD (5.11) the flags were the atomic_t 'flags';
 * only PREEMPT_RT reads IRQ_WORK_HARD_IRQ, elsewhere every irq_work is hard.
 */
#ifdef LG_HAVE_IRQ_WORK_INIT_HARD
static inline void lg_irq_work_init_hard(struct irq_work *w,
					 void (*fn)(struct irq_work *))
{
	*w = IRQ_WORK_INIT_HARD(fn);
}
#else
static inline void lg_irq_work_init_hard(struct irq_work *w,
					 void (*fn)(struct irq_work *))
{
	init_irq_work(w, fn);
	atomic_set(&w->flags, IRQ_WORK_HARD_IRQ);
}
#endif

/*
 * task_struct.state became __state, read through task_is_running(), in
 * 5.14 (RHEL 8.6 backported both together).
 */
#ifdef LG_HAVE_TASK_IS_RUNNING
#define lg_task_state(t)	READ_ONCE((t)->__state)
#else
#define lg_task_state(t)	READ_ONCE((t)->state)
#endif
#define lg_task_is_running(t)	(lg_task_state(t) == TASK_RUNNING)

/*
 * A read of kernel memory that may not be mapped.  get_kernel_nofault()
 * came in 5.8; RHEL 8.6+ has copy_from_kernel_nofault() only, RHEL 8.5
 * the older name probe_kernel_read().
 */
#if defined(LG_HAVE_GET_KERNEL_NOFAULT)
#define lg_get_kernel_nofault(val, ptr)	get_kernel_nofault(val, ptr)
#elif defined(LG_HAVE_COPY_FROM_KERNEL_NOFAULT)
#define lg_get_kernel_nofault(val, ptr)	\
	copy_from_kernel_nofault(&(val), (ptr), sizeof(val))
#else
#define lg_get_kernel_nofault(val, ptr)	\
	probe_kernel_read(&(val), (ptr), sizeof(val))
#endif

#endif /* _LASTGASP_COMPAT_H */
