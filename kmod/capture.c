// SPDX-License-Identifier: GPL-2.0
/*
 * Building a record in the crash path.  A record is assembled in one of a
 * few preallocated scratch slots (claimed by cmpxchg, so two CPUs oopsing
 * at once both get one, or the loss is counted), then handed to the store.
 * Everything here is bounded and lock-free; a part that does not fit makes
 * the record smaller and sets LASTGASP_RF_TRUNCATED.
 */
#include "lastgasp.h"

#include <linux/dmi.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/stacktrace.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include <asm/cpu_entry_area.h>
#include <asm/special_insns.h>
#include <asm/stacktrace.h>
#include <asm/unwind.h>

#define LG_SLOTS		2
#define LG_SLOT_BYTES		(sizeof(struct lg_record_hdr) + LG_BODY_MAX + LG_ALIGN)
/* Frames the unwinder may visit, including ones it yields no address for. */
#define LG_UNWIND_STEPS		(LG_STACK_FRAMES * 2)

struct lg_slot {
	atomic_t busy;
	u8 *buf;
	char sym[KSYM_SYMBOL_LEN];
	char rip_sym[KSYM_SYMBOL_LEN];
	unsigned long entries[LG_STACK_FRAMES];
};

static struct lg_slot lg_slots[LG_SLOTS];

/*
 * The capture running on each CPU.  A second capture starts on a CPU
 * while one is in progress there only when that one was cut short for
 * good: the capture code itself faulted (its die notification comes back
 * here) or a panic or an oops in interrupt or NMI context stopped it.
 * None of these returns to the capture it interrupted, so the newcomer
 * takes over: the slots of the dead capture are freed, its record is
 * counted as dropped and the newcomer records its own event (for a fault
 * in the capture code, that is the oops, with the stack of the event that
 * was being captured).  A CPU whose captures keep faulting stops
 * capturing after LG_CPU_FAULTS_MAX such faults: each costs stack and
 * the recursion must end.
 */
#define LG_CPU_FAULTS_MAX	8

struct lg_cpu_capture {
	unsigned int active;	/* a capture is in progress (or died) here */
	unsigned int faults;	/* captures cut short on this CPU */
	unsigned long held;	/* bit i: lg_slots[i] claimed by a capture here */
};

static DEFINE_PER_CPU(struct lg_cpu_capture, lg_cpu);
static char lg_hardware[LG_HARDWARE_MAX];

/*
 * Functions of the panic machinery: the culprit is whoever called them.
 * With panic_on_warn, the WARN() trap path leads to panic() too.
 */
static const char * const lg_panic_funcs[] = {
	"panic", "vpanic", "nmi_panic", "check_panic_on_warn",
	"__warn", "report_bug", "handle_bug", "exc_invalid_op",
	"asm_exc_invalid_op",
};

static void lg_read_dmi(void)
{
	const char *vendor = dmi_get_system_info(DMI_SYS_VENDOR);
	const char *product = dmi_get_system_info(DMI_PRODUCT_NAME);
	const char *bios = dmi_get_system_info(DMI_BIOS_VERSION);
	const char *date = dmi_get_system_info(DMI_BIOS_DATE);

	snprintf(lg_hardware, sizeof(lg_hardware), "%s %s, BIOS %s %s",
		 vendor ?: "", product ?: "", bios ?: "", date ?: "");
	strim(lg_hardware);
}

int lg_capture_init(void)
{
	int i;

	for (i = 0; i < LG_SLOTS; i++) {
		lg_slots[i].buf = vzalloc(LG_SLOT_BYTES);
		if (!lg_slots[i].buf) {
			lg_capture_exit();
			return -ENOMEM;
		}
	}
	lg_read_dmi();
	return 0;
}

void lg_capture_exit(void)
{
	int i;

	for (i = 0; i < LG_SLOTS; i++) {
		vfree(lg_slots[i].buf);
		lg_slots[i].buf = NULL;
	}
}

static notrace struct lg_slot *lg_claim_slot(struct lg_cpu_capture *c)
{
	int i;

	for (i = 0; i < LG_SLOTS; i++)
		if (lg_slots[i].buf && atomic_cmpxchg(&lg_slots[i].busy, 0, 1) == 0) {
			c->held |= BIT(i);
			return &lg_slots[i];
		}
	return NULL;
}

NOKPROBE_SYMBOL(lg_claim_slot);

static notrace void lg_release_slots(struct lg_cpu_capture *c)
{
	int i;

	for (i = 0; i < LG_SLOTS; i++)
		if (c->held & BIT(i))
			atomic_set_release(&lg_slots[i].busy, 0);
	c->held = 0;
}

NOKPROBE_SYMBOL(lg_release_slots);

static notrace void lg_put_taint(struct lg_tlv *w)
{
	unsigned long mask = 0;
	char letters[32];
	int bit;

	/* get_taint() is not exported; test_taint() is. */
	for (bit = 0; bit < BITS_PER_LONG; bit++)
		if (test_taint(bit))
			mask |= BIT(bit);
	lg_tlv_put_u64(w, LASTGASP_R_TAINT, mask);
	lg_taint_letters(mask, letters, sizeof(letters));
	lg_tlv_put_str(w, LASTGASP_R_TAINT_LETTERS, letters, LG_NAME_MAX);
}

NOKPROBE_SYMBOL(lg_put_taint);

static notrace void lg_put_identity(struct lg_tlv *w, const struct lg_event *ev,
				    u64 seq)
{
	struct new_utsname *uts = &init_uts_ns.name;
	const struct lg_who *who = ev->who;

	lg_tlv_put_u64(w, LASTGASP_R_SEQ, seq);
	lg_tlv_put(w, LASTGASP_R_BOOT_ID, lg_boot_id, LG_BOOT_ID_LEN);
	lg_tlv_put_u32(w, LASTGASP_R_KIND, ev->kind);
	lg_tlv_put_u64(w, LASTGASP_R_TIME_NS, ktime_get_real_fast_ns());
	lg_tlv_put_u64(w, LASTGASP_R_UPTIME_NS, ktime_get_boot_fast_ns());
	lg_tlv_put_u32(w, LASTGASP_R_CPU, who ? who->cpu : raw_smp_processor_id());
	lg_tlv_put_u32(w, LASTGASP_R_PID, who ? who->pid : current->pid);
	lg_tlv_put_str(w, LASTGASP_R_COMM, who ? who->comm : current->comm,
		       TASK_COMM_LEN - 1);
	lg_tlv_put_str(w, LASTGASP_R_RELEASE, uts->release, LG_NAME_MAX);
	lg_buildid_put_kernel(w);
	lg_tlv_put_str(w, LASTGASP_R_UTS_VERSION, uts->version, LG_NAME_MAX);
	lg_tlv_put_str(w, LASTGASP_R_MACHINE, uts->machine, LG_NAME_MAX);
	lg_tlv_put_str(w, LASTGASP_R_HARDWARE, lg_hardware, LG_HARDWARE_MAX);
	lg_put_taint(w);
	lg_tlv_put_str(w, LASTGASP_R_ANCHOR_NAME, "panic", LG_NAME_MAX);
	lg_tlv_put_u64(w, LASTGASP_R_ANCHOR_ADDR, (unsigned long)panic);
}

NOKPROBE_SYMBOL(lg_put_identity);

static notrace void lg_put_cause(struct lg_tlv *w, const struct lg_event *ev)
{
	if (ev->message)
		lg_tlv_put_str(w, LASTGASP_R_MESSAGE, ev->message, LG_MESSAGE_MAX);
	if (ev->kind == LASTGASP_KIND_DIE) {
		lg_tlv_put_u32(w, LASTGASP_R_DIE_VAL, ev->die_val);
		lg_tlv_put_u32(w, LASTGASP_R_TRAPNR, ev->trapnr);
		lg_tlv_put_u64(w, LASTGASP_R_ERROR_CODE, ev->error_code);
		lg_tlv_put_u32(w, LASTGASP_R_SIGNR, ev->signr);
	}
	if (ev->kind == LASTGASP_KIND_PANIC)
		lg_tlv_put_u32(w, LASTGASP_R_PANIC_REASON, ev->panic_reason);
}

NOKPROBE_SYMBOL(lg_put_cause);

static notrace void lg_put_regs(struct lg_tlv *w, const struct lg_event *ev)
{
	const struct pt_regs *r = ev->regs;
	u32 nest = lg_tlv_nest_start(w, LASTGASP_R_REGS);
	const struct { int reg; unsigned long val; } regs[] = {
		{ LASTGASP_REG_IP, r->ip }, { LASTGASP_REG_SP, r->sp },
		{ LASTGASP_REG_FLAGS, r->flags }, { LASTGASP_REG_AX, r->ax },
		{ LASTGASP_REG_BX, r->bx }, { LASTGASP_REG_CX, r->cx },
		{ LASTGASP_REG_DX, r->dx }, { LASTGASP_REG_SI, r->si },
		{ LASTGASP_REG_DI, r->di }, { LASTGASP_REG_BP, r->bp },
		{ LASTGASP_REG_R8, r->r8 }, { LASTGASP_REG_R9, r->r9 },
		{ LASTGASP_REG_R10, r->r10 }, { LASTGASP_REG_R11, r->r11 },
		{ LASTGASP_REG_R12, r->r12 }, { LASTGASP_REG_R13, r->r13 },
		{ LASTGASP_REG_R14, r->r14 }, { LASTGASP_REG_R15, r->r15 },
		{ LASTGASP_REG_CS, r->cs }, { LASTGASP_REG_SS, r->ss },
		{ LASTGASP_REG_ORIG_AX, r->orig_ax },
	};
	int i;

	if (nest == U32_MAX)
		return;
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		lg_tlv_put_u64(w, regs[i].reg, regs[i].val);
	/*
	 * Always, as __show_regs() does: a kernel page fault reaches DIE_OOPS
	 * as "Oops" with trapnr 0 (thread.trap_nr is only set for user
	 * faults), so the trap number cannot tell when CR2 matters.
	 */
	lg_tlv_put_u64(w, LASTGASP_REG_CR2, read_cr2());
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_regs);

/*
 * A return address may point past the end of a noreturn call's function:
 * %pB symbolises address - 1 (sprint_backtrace() is not exported).
 */
static notrace void lg_sprint_return(char *buf, unsigned long addr)
{
	snprintf(buf, KSYM_SYMBOL_LEN, "%pB", (void *)addr);
}

NOKPROBE_SYMBOL(lg_sprint_return);

/* The stack a frame was found on, as show_trace_log_lvl() marks it. */
static notrace u32 lg_stack_context(enum stack_type type)
{
	switch (type) {
	case STACK_TYPE_TASK:
		return LASTGASP_CTX_TASK;
	case STACK_TYPE_IRQ:
		return LASTGASP_CTX_IRQ;
	case STACK_TYPE_SOFTIRQ:
		return LASTGASP_CTX_SOFTIRQ;
	case STACK_TYPE_ENTRY:
		return LASTGASP_CTX_ENTRY;
	case STACK_TYPE_EXCEPTION ... STACK_TYPE_EXCEPTION_LAST:
		return type - STACK_TYPE_EXCEPTION == ESTACK_NMI ?
		       LASTGASP_CTX_NMI : LASTGASP_CTX_EXCEPTION;
	default:
		return LASTGASP_CTX_UNKNOWN;
	}
}

NOKPROBE_SYMBOL(lg_stack_context);

/* Where the hook itself runs. */
static notrace u32 lg_here_context(void)
{
	if (in_nmi())
		return LASTGASP_CTX_NMI;
	if (lg_in_hardirq())
		return LASTGASP_CTX_IRQ;
	if (in_serving_softirq())
		return LASTGASP_CTX_SOFTIRQ;
	return LASTGASP_CTX_TASK;
}

NOKPROBE_SYMBOL(lg_here_context);

static notrace void lg_put_frame(struct lg_tlv *w, unsigned long addr,
				 const char *sym, bool reliable, u32 context)
{
	u32 nest = lg_tlv_nest_start(w, LASTGASP_STACK_FRAME);

	if (nest == U32_MAX)
		return;
	lg_tlv_put_u64(w, LASTGASP_F_ADDR, addr);
	lg_tlv_put_str(w, LASTGASP_F_SYMBOL, sym, LG_SYM_MAX);
	if (reliable)
		lg_tlv_put_flag(w, LASTGASP_F_RELIABLE);
	lg_tlv_put_u32(w, LASTGASP_F_CONTEXT, context);
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_frame);

/* "panic+0x1/0x2", "panic.cold+0x1/0x2": the name before '+' or '.'. */
static notrace bool lg_is_panic_func(const char *sym)
{
	size_t len = strcspn(sym, "+.");
	int i;

	for (i = 0; i < ARRAY_SIZE(lg_panic_funcs); i++)
		if (strlen(lg_panic_funcs[i]) == len &&
		    !strncmp(sym, lg_panic_funcs[i], len))
			return true;
	return false;
}

NOKPROBE_SYMBOL(lg_is_panic_func);

/*
 * Walk the stack (from the fault's registers, or from here for a panic)
 * and store up to LG_STACK_FRAMES frames.  For a panic, remember the first
 * frame after the panic machinery: that caller is the record's RIP.
 */
static notrace int lg_put_unwound(struct lg_tlv *w, struct lg_slot *s,
				  const struct lg_event *ev, unsigned long *rip)
{
	struct unwind_state st;
	bool in_panic = false, ours = true;
	unsigned long addr;
	int steps = 0, n = 0;

	for (unwind_start(&st, current, ev->regs, NULL);
	     !unwind_done(&st) && steps < LG_UNWIND_STEPS && n < LG_STACK_FRAMES;
	     unwind_next_frame(&st), steps++) {
		addr = unwind_get_return_address(&st);
		if (!addr)
			continue;
		/* Our own frames and the notifier chain say nothing. */
		if (!ev->regs && ours && within_module(addr, THIS_MODULE))
			continue;
		ours = false;
		if (ev->regs && n == 0 && addr == ev->regs->ip)
			sprint_symbol(s->sym, addr);	/* not a return address */
		else
			lg_sprint_return(s->sym, addr);
		lg_put_frame(w, addr, s->sym, !unwind_error(&st),
			     lg_stack_context(st.stack_info.type));
		n++;
		if (!ev->regs && !*rip) {
			if (lg_is_panic_func(s->sym)) {
				in_panic = true;
			} else if (in_panic) {
				*rip = addr;
				strscpy(s->rip_sym, s->sym, sizeof(s->rip_sym));
			}
		}
	}
	if (n == LG_STACK_FRAMES && !unwind_done(&st))
		w->truncated = true;
	return n;
}

NOKPROBE_SYMBOL(lg_put_unwound);

/*
 * Another task's stack, walked by the caller in process context with the
 * stack pinned (stack_trace_save_tsk()): only symbolised here.
 */
static notrace void lg_put_entries(struct lg_tlv *w, struct lg_slot *s,
				   const struct lg_event *ev)
{
	unsigned int i;

	for (i = 0; i < min_t(unsigned int, ev->nr_entries, LG_STACK_FRAMES); i++) {
		lg_sprint_return(s->sym, ev->entries[i]);
		lg_put_frame(w, ev->entries[i], s->sym, true, LASTGASP_CTX_TASK);
	}
}

NOKPROBE_SYMBOL(lg_put_entries);

/* No usable unwind: the generic, less precise trace of this stack. */
static notrace void lg_put_saved(struct lg_tlv *w, struct lg_slot *s)
{
	unsigned int i, n = stack_trace_save(s->entries, LG_STACK_FRAMES, 0);

	for (i = 0; i < n; i++) {
		lg_sprint_return(s->sym, s->entries[i]);
		lg_put_frame(w, s->entries[i], s->sym, false, LASTGASP_CTX_UNKNOWN);
	}
}

NOKPROBE_SYMBOL(lg_put_saved);

static notrace void lg_put_stack_and_rip(struct lg_tlv *w, struct lg_slot *s,
					 const struct lg_event *ev)
{
	unsigned long rip = 0;
	u32 nest;

	s->rip_sym[0] = '\0';
	if (ev->regs && user_mode(ev->regs)) {
		rip = ev->regs->ip;	/* user address: no kernel stack to walk */
	} else {
		nest = lg_tlv_nest_start(w, LASTGASP_R_STACK);
		if (nest != U32_MAX) {
			if (ev->entries)
				lg_put_entries(w, s, ev);
			else if (!lg_put_unwound(w, s, ev, &rip) && !ev->regs)
				lg_put_saved(w, s);
			lg_tlv_nest_end(w, nest);
		}
		if (ev->regs) {
			rip = ev->regs->ip;
			sprint_symbol(s->rip_sym, rip);
		}
	}
	if (!rip)
		return;
	lg_tlv_put_u64(w, LASTGASP_R_RIP, rip);
	if (s->rip_sym[0])
		lg_tlv_put_str(w, LASTGASP_R_RIP_SYMBOL, s->rip_sym, LG_SYM_MAX);
}

NOKPROBE_SYMBOL(lg_put_stack_and_rip);

/* Last, because it takes whatever room is left, up to log_bytes. */
static notrace void lg_put_log(struct lg_tlv *w, const struct lg_event *ev)
{
	u32 room = w->cap - w->len, want = READ_ONCE(lg_log_bytes);
	char *p;

	if ((!LG_CAN_READ_LOG && !ev->dumper) || !want ||
	    room <= NLA_HDRLEN + NLA_ALIGNTO)
		return;
	want = min3(want, room - NLA_HDRLEN - NLA_ALIGNTO, (u32)LG_LOG_BYTES_MAX);
	p = lg_tlv_reserve(w, LASTGASP_R_LOG, want);
	if (p)
		lg_tlv_trim(w, p, lg_log_tail(ev->dumper, p, want));
}

NOKPROBE_SYMBOL(lg_put_log);

static notrace u32 lg_context_flags(const struct lg_event *ev)
{
	u32 flags = ev->flags;

	if (in_nmi())
		flags |= LASTGASP_RF_IN_NMI;
	if (in_interrupt())
		flags |= LASTGASP_RF_IN_INTERRUPT;
	if (ev->regs && user_mode(ev->regs))
		flags |= LASTGASP_RF_USER_MODE;
	if (!LG_CAN_READ_LOG && !ev->dumper)
		flags |= LASTGASP_RF_NO_LOG_READER;
	return flags;
}

NOKPROBE_SYMBOL(lg_context_flags);

/*
 * Room a record leaves free for the crashes that may follow it, so that
 * the last fatal crash of a boot always finds some: an event the kernel
 * survives leaves room for a die and a panic record; an oops (which the
 * kernel survives unless panic_on_oops, not exported, or the context
 * makes it fatal) for the panic record; a panic, the end, for nothing.
 * A KMSG_DUMP record (kernels without a lockless log reader) completes a
 * die or panic record with its log: it may use the room kept for them.
 */
static notrace u64 lg_keep_free(u32 kind)
{
	switch (kind) {
	case LASTGASP_KIND_PANIC:
	case LASTGASP_KIND_KMSG_DUMP:
		return 0;
	case LASTGASP_KIND_DIE:
		return LG_RECORD_ROOM;
	default:
		return LG_KEEP_FOR_FATAL;
	}
}

NOKPROBE_SYMBOL(lg_keep_free);

/* Build the record of @ev in @s, at most @cap bytes of body, and store it. */
static notrace void lg_build_and_store(struct lg_slot *s, const struct lg_event *ev,
				       u32 cap, u64 keep_free)
{
	struct lg_record_hdr *rec = (struct lg_record_hdr *)s->buf;
	u8 *body = (u8 *)(rec + 1);
	u64 start = local_clock(), seq = lg_store_next_seq(), ns;
	struct lg_tlv w;
	void *cost;
	u32 *flags;

	memset(rec, 0, sizeof(*rec));
	lg_tlv_init(&w, body, cap);
	lg_put_identity(&w, ev, seq);
	flags = lg_tlv_reserve(&w, LASTGASP_R_FLAGS, sizeof(u32));
	cost = lg_tlv_reserve(&w, LASTGASP_R_CAPTURE_NS, sizeof(u64));
	lg_tlv_put_u32(&w, LASTGASP_R_CONTEXT, lg_here_context());
	lg_put_cause(&w, ev);
	if (ev->regs)
		lg_put_regs(&w, ev);
	if (!ev->no_stack)
		lg_put_stack_and_rip(&w, s, ev);
	if (ev->kind == LASTGASP_KIND_OOM_VICTIM ||
	    (ev->kind == LASTGASP_KIND_PANIC &&
	     ev->panic_reason == LASTGASP_PANIC_OOM))
		lg_oom_put(&w, ev);
	if (ev->kind != LASTGASP_KIND_KMSG_DUMP)	/* log only */
		lg_modlist_put(&w);
	lg_put_log(&w, ev);
	if (flags)
		*flags = lg_context_flags(ev) |
			 (w.truncated ? LASTGASP_RF_TRUNCATED : 0);
	if (cost) {
		ns = local_clock() - start;
		memcpy(cost, &ns, sizeof(ns));	/* 4-byte aligned payload */
	}

	rec->seq = seq;
	rec->kind = ev->kind;
	rec->body_len = w.len;
	memset(body + w.len, 0, LG_ALIGN);	/* padding up to rec->len */
	if (!lg_store_commit(rec, keep_free) &&
	    !(ev->flags & LASTGASP_RF_FATAL))
		lg_notify_later();
}

NOKPROBE_SYMBOL(lg_build_and_store);

/*
 * A capture is in progress on this CPU and we run on top of it: it was
 * cut short and never resumes (see struct lg_cpu_capture).  Free what it
 * held; false when this CPU has faulted too often to try again.
 */
static notrace bool lg_take_over(struct lg_cpu_capture *c)
{
	lg_release_slots(c);
	lg_store_count_drop();		/* the record it was building */
	c->active = 0;
	return ++c->faults <= LG_CPU_FAULTS_MAX;
}

NOKPROBE_SYMBOL(lg_take_over);

/*
 * Interrupts stay on in process context (OOM kills, warnings and stalls
 * survived): only preemption is off, to stay on this CPU.  An interrupt
 * that crashes meanwhile takes over (see struct lg_cpu_capture).  Die and
 * panic notifiers run with interrupts off already.
 */
notrace void lg_capture(const struct lg_event *ev)
{
	u64 keep_free = lg_keep_free(ev->kind), room;
	bool task = in_task() && !irqs_disabled();
	struct lg_cpu_capture *c;
	unsigned long irqflags = 0;
	struct lg_slot *s;

	if (task)
		preempt_disable();
	else
		local_irq_save(irqflags);
	c = this_cpu_ptr(&lg_cpu);
	if (READ_ONCE(c->active) && !lg_take_over(c)) {
		lg_store_count_drop();
		goto out;
	}
	/* No room: say so at once, without building a record for nothing. */
	room = lg_store_room(keep_free);
	if (room < sizeof(struct lg_record_hdr) + LG_BODY_MIN + LG_ALIGN) {
		lg_store_count_drop();
		goto out;
	}
	WRITE_ONCE(c->active, 1);
	barrier();	/* marked active before anything can fault */
	s = lg_claim_slot(c);
	if (!s) {
		lg_store_count_drop();
	} else {
		lg_build_and_store(s, ev, min_t(u64, LG_BODY_MAX,
						room - sizeof(struct lg_record_hdr) - LG_ALIGN),
				   keep_free);
		lg_release_slots(c);
	}
	barrier();
	WRITE_ONCE(c->active, 0);
out:
	if (task)
		preempt_enable();
	else
		local_irq_restore(irqflags);
}

NOKPROBE_SYMBOL(lg_capture);
