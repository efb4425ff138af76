// SPDX-License-Identifier: GPL-2.0
/*
 * Title rules: which report lines make which title.  The formats follow
 * syzbot's published titles ("KASAN: use-after-free Read in FUNC", "WARNING
 * in FUNC", "kernel BUG in FUNC") so an operator can
 * search syzbot and the mailing lists with our title.  Within a family the
 * rule whose title regex matches earliest in the report wins; on a tie the
 * first listed rule whose report regex also matches.
 */
#include "classify_title_rules.h"

const char LG_PART_STACK[] = "<stack>";

/* The faulting PC in every architecture's spelling (i386 says "EIP is at
 * FUNC", MIPS prints the address before the symbol); a bare address (a jump
 * to 0x0) matches too, without a frame, so the call trace names the
 * culprit. */
#define RIP "(?:^epc +: [0-9a-f]{8,16} +{{FUNC}}|" \
	"(?:IP|NIP|pc |PC is at|IP is at):? (?:(?:[0-9]+:)? *(?:{{PC}} +){0,2}{{FUNC}}|" \
	"(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{{PC}} +\\[< *\\(null\\)>\\] +\\(null\\)|" \
	"[0-9]+: +\\(null\\)))"
const char LG_PART_CALLTRACE[] = "Call Trace:|^Call trace:|[^k] backtrace:|^Backtrace:";
#define CALLTRACE LG_PART_CALLTRACE
#define S LG_PART_STACK
/* ARM's backtrace lines: "[<pc>] (func+0x0/0xe0) from [<pc>] (caller+0x48/0x5c)"
 * (2.6 to 4.x, the callee with or without its offset) and "func from
 * caller+0x48/0x5c" (6.x).  Nothing else in a log reads like them. */
#define ARM_FROM "^ *{{PC}} \\(([a-zA-Z0-9_.]+)(?:\\+0x[0-9a-f]+/0x[0-9a-f]+)?(?: \\[[^\\]]+\\])?\\) from"
#define ARM_FROM_BARE "^ *([a-zA-Z0-9_.]+)(?: \\[[^\\]]+\\])? from ([a-zA-Z0-9_]+)\\+0x[0-9a-f]+/0x[0-9a-f]+"

const char *const lg_stack_starts[] = {
	"Call Trace", "Call trace:", "Allocated:", "Allocated by task [0-9]+:",
	"Freed:", "Freed by task [0-9]+:", "[^k] backtrace:", "^backtrace:",
	"^Backtrace:", NULL
};
const char *const lg_corrupted_lines[] = {
	/* Fault injection's stack (our lines have their indent removed). */
	"^ *(\\[\\<?(?:0x)?[0-9a-f]+\\>?\\] *)?should_fail(slab)?(\\.[a-z0-9.]+)?\\+0x",
	NULL
};
const char *const lg_frame_line_re =
	"^ *(?:{{PC}} ){0,2}(?::[a-zA-Z0-9_]+:)?{{FUNC}}|"
	ARM_FROM "(?: {{PC}} \\(([a-zA-Z0-9_]+)\\+0x)?|" ARM_FROM_BARE;
const char *const lg_headless_trace_re = ARM_FROM " {{PC}} \\(|" ARM_FROM_BARE;

static const char *const rip_trace[] = { RIP, CALLTRACE, S, NULL };
static const char *const trace[] = { CALLTRACE, S, NULL };
static const char *const rip_only[] = { RIP, NULL };
static const char *const warn_parts[] = {
	"(?:" RIP "|--- interrupt: [0-9]+ at {{FUNC}})", S, NULL };
#define IRQ_ENTRY "apic_timer_interrupt|\\(__irq_svc\\)|\\(gic_handle_irq\\)|el1_interrupt|el1h_64_irq|el1_irq"
static const char *const stall_parts[] = { IRQ_ENTRY, RIP, S, NULL };
static const char *const stall_parts2[] = { IRQ_ENTRY, S, NULL };
static const char *const kasan_parts[] = {
	"BUG: KASAN: (?:[a-z\\-]+) in {{FUNC}}", CALLTRACE, S, NULL };
static const char *const kasan_free_parts[] = {
	"BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}",
	CALLTRACE, S, NULL };
static const char *const stack_only[] = { S, NULL };
/* Lockdep: the lock being taken, the lock held, then the dependency chain;
 * for a lock order report the stack where the lock became irq-safe. */
#define LOCK_AT "at: (?:{{PC}} +)?{{FUNC}}"
static const char *const lockdep_parts[] = { LOCK_AT, LOCK_AT, S, NULL };
static const char *const became_parts[] = { "which became (?:.*) at:", S, NULL };
static const char *const kfence_parts[] = {
	"BUG: KFENCE: [a-z\\- ]+ in {{FUNC}}", S, NULL };

#define SKIP(name, ...) static const char *const name[] = { __VA_ARGS__, NULL }
SKIP(sk_free, "kmem_", "slab_", "kfree", "vunmap", "vfree");
SKIP(sk_page, "free_page", "put_page", "get_page", "update_page", "release_page",
     "free_unref", "^folio", "^_folio", "^__folio", "truncate_inode_pages",
     "page_frag_free", "alloc", "vmap", "page_owner");
SKIP(sk_kbug, "kernel_fault", "tag_check", "mem_abort", "el1_", "el1h_", "^skb_put$",
     "^skb_push$", "^skb_pull$", "^__skb_pull$", "^folio_unlock$", "^unlock_page$");
SKIP(sk_spin, "spin_");
SKIP(sk_preempt, "dump_stack", "preemption", "preempt");
SKIP(sk_leak, "kobject_", "kmemleak", "kmalloc", "kcalloc", "kzalloc", "vmalloc", "mmap",
     "kmem", "slab", "alloc", "create_object", "idr_get", "list_lru_init",
     "kasprintf", "kvasprintf", "pcpu_create", "strdup", "strndup", "memdup");
SKIP(sk_odebug, "debug_", "rcu", "hrtimer_", "timer_", "work_", "percpu_",
     "kmem_", "slab_", "kfree", "vunmap", "vfree", "__free_", "debug_check",
     "kobject_");
SKIP(sk_usercopy, "usercopy", "__check");
SKIP(sk_kobject, "kobject_");
SKIP(sk_refcount, "refcount", "kobject_");
SKIP(sk_locking, "lock_sock", "release_sock");
/* Work items' pseudo-locks are taken in the workqueue code itself. */
SKIP(sk_workqueue, "process_one_work", "flush_workqueue", "drain_workqueue",
     "destroy_workqueue");
SKIP(sk_kmalloc, "kmalloc", "kcalloc", "kzalloc", "krealloc", "vmalloc",
     "slab", "kmem");
SKIP(sk_usb, "usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg",
     "usb_interrupt_msg", "usb_control_msg");
SKIP(sk_rcu, "rcu", "kmem", "slab", "kmalloc", "vmalloc", "kcalloc", "kzalloc");
SKIP(sk_stall, "apic_timer_interrupt", "rcu", "__irq_svc");
SKIP(sk_static, "stack", "lock", "IRQ");
SKIP(sk_sched, "schedule");
/* Scheduling while atomic: the scheduler's own frames, and on ARM the
 * exception entry (abort handler, alignment fixup) that slept on behalf of
 * the code it interrupted.  Only here: syzbot's "Unhandled fault in
 * __dabt_svc" keeps the entry. */
SKIP(sk_sched_atomic, "schedule", "^__dabt_svc$", "^__pabt_svc$", "^do_DataAbort$",
     "^do_PrefetchAbort$", "^do_alignment$");
SKIP(sk_stackend, "schedule", "retint_kernel");
SKIP(sk_chk, "stack_chk");
SKIP(sk_ubsan, "ubsan", "overflow");
SKIP(sk_fault, "kernel_fault", "tag_check", "mem_abort", "el1_", "el1h_",
     "do_translation_fault", "do_DataAbort", "do_page_fault", "__do_kernel_fault",
     "do_bad_area");
SKIP(sk_kfence, "kfence", "kmem_", "slab_", "kfree", "__kmalloc");

#define C(x) LG_CLASS_##x
#define N LG_CLASS_NONE

static const struct lg_title_rule bug_rules[] = {
	{ C(KASAN), "BUG: KASAN:", "BUG: KASAN: ([a-z\\-]+) in {{FUNC}}(?:.*\\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)",
	  "KASAN: %1 %3 in %4", kasan_parts, NULL, NULL, 0, false },
	{ C(KASAN), "BUG: KASAN:", "BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}",
	  "KASAN: invalid-free in %2", kasan_free_parts, NULL, sk_free, 0, false },
	{ C(KASAN), "BUG: KASAN: ([a-z\\-]+) on address(?:.*\\n)+?.*(Read|Write) of size ([0-9]+)", NULL,
	  "KASAN: %1 %2", NULL, NULL, NULL, 0, false },
	{ C(KASAN), "BUG: KASAN: ([a-z\\-]+) in {{FUNC}} at addr", NULL,
	  "KASAN: %1 in %2 at addr ADDR", NULL, NULL, NULL, 0, true },
	{ C(KASAN), "BUG: KASAN: (.*)", NULL, "KASAN: %1", NULL, NULL, NULL, 0, true },
	{ C(KMSAN), "BUG: KMSAN: kernel-usb-infoleak", "BUG: KMSAN: kernel-usb-infoleak in {{FUNC}}",
	  "KMSAN: kernel-usb-infoleak in %2", stack_only, trace, sk_usb, 0, false },
	{ C(KMSAN), "BUG: KMSAN:", "BUG: KMSAN: ([a-z\\-]+) in {{FUNC}}",
	  "KMSAN: %1 in %3", stack_only, trace, NULL, 0, false },
	{ C(KCSAN), "BUG: KCSAN:", "BUG: KCSAN: (.*)", "KCSAN: %1", NULL, NULL, NULL, 0, false },
	{ C(KFENCE), "BUG: KFENCE: ([a-z\\- ]+) in", "BUG: KFENCE: ([a-z\\- ]+) in",
	  "KFENCE: %1 in %2", kfence_parts, NULL, sk_kfence, 0, false },
	{ C(OOPS), "BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)", NULL,
	  "BUG: unable to handle kernel paging request in %1", rip_trace, NULL, NULL, 0, false },
	{ C(OOPS), "BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)", NULL,
	  "BUG: unable to handle kernel NULL pointer dereference in %1", rip_trace, NULL, NULL, 0, false },
	{ C(OOPS), "BUG: (?:unable to handle kernel access to user memory|kernel access to user memory)", NULL,
	  "BUG: unable to handle kernel access to user memory in %1", rip_trace, NULL, NULL, 0, false },
	{ C(OOPS), "BUG: (?:unable to handle kernel|Unable to handle kernel)", NULL,
	  "BUG: unable to handle kernel", NULL, NULL, NULL, 0, true },
	{ C(LOCKDEP), "BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)", NULL,
	  "BUG: %1 %2 in %3", trace, NULL, sk_spin, 0, false },
	{ C(SOFT_LOCKUP), "BUG: soft lockup", NULL, "BUG: soft lockup in %1", rip_trace, NULL, NULL, LG_X_STALL, false },
	{ C(LOCKDEP), "BUG: .*still has locks held!", "BUG: .*still has locks held!(?:.*\\n)+?.*(?:{{PC}} +|at: ){{FUNC}}",
	  "BUG: still has locks held in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "BUG: lock held when returning to user space",
	  "BUG: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
	  "BUG: lock held when returning to user space in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "BUG: bad unlock balance detected!",
	  "BUG: bad unlock balance detected!(?:.*\\n){0,15}?.*is trying to release lock(?:.*\\n){0,15}?.*{{PC}} +{{FUNC}}",
	  "BUG: bad unlock balance in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "BUG: held lock freed!", "BUG: held lock freed!(?:.*\\n)+?.*{{PC}} +{{FUNC}}",
	  "BUG: held lock freed in %1", NULL, NULL, NULL, 0, false },
	{ C(BAD_PAGE_STATE), "BUG: Bad rss-counter state", NULL, "BUG: Bad rss-counter state", NULL, NULL, NULL, 0, false },
	{ C(BAD_PAGE_STATE), "BUG: non-zero nr_ptes on freeing mm", NULL, "BUG: non-zero nr_ptes on freeing mm", NULL, NULL, NULL, 0, false },
	{ C(BAD_PAGE_STATE), "BUG: non-zero nr_pmds on freeing mm", NULL, "BUG: non-zero nr_pmds on freeing mm", NULL, NULL, NULL, 0, false },
	{ C(BUG), "BUG: Dentry .* still in use \\([0-9]+\\) \\[(unmount) of ([^\\]]+)\\]", NULL,
	  "BUG: Dentry still in use in %1", NULL, NULL, NULL, 0, false },
	/* The stack that allocated the page names the culprit; the stack
	 * that found it bad is the page allocator's. */
	{ C(BAD_PAGE_STATE), "BUG: Bad page (state|cache)", NULL, "BUG: Bad page %1 in %2",
	  (const char *const[]){ "page last allocated", S, NULL }, NULL, sk_page, 0, false },
	{ C(BAD_PAGE_STATE), "BUG: Bad page map", NULL, "BUG: Bad page map", NULL, NULL, NULL, 0, false },
	{ C(SOFT_LOCKUP), "BUG: workqueue lockup", NULL, "BUG: workqueue lockup", NULL, NULL, NULL, 0, false },
	{ C(ATOMIC_SLEEP), "BUG: sleeping function called from invalid context at (.*)", NULL,
	  "BUG: sleeping function called from invalid context in %2", trace, NULL, NULL, 0, false },
	{ C(ATOMIC_SLEEP), "BUG: scheduling while atomic", NULL,
	  "BUG: scheduling while atomic in %1", trace, NULL, sk_sched_atomic, 0, false },
	{ C(ATOMIC_SLEEP), "BUG: using __this_cpu_([a-z_]+)\\(\\) in preemptible", NULL,
	  "BUG: using __this_cpu_%1() in preemptible code in %2", trace, NULL, sk_preempt, 0, false },
	{ C(ATOMIC_SLEEP), "BUG: using smp_processor_id\\(\\) in preemptible", NULL,
	  "BUG: using smp_processor_id() in preemptible code in %1", trace, NULL, sk_preempt, 0, false },
	{ C(LOCKDEP), "BUG: workqueue leaked lock or atomic", "BUG: workqueue leaked lock or atomic(?:.*\\n)+?.*last function: ([a-zA-Z0-9_]+)\\n",
	  "BUG: workqueue leaked lock or atomic in %1", NULL, NULL, NULL, 0, false },
	{ C(MEMORY_LEAK), "BUG: memory leak", NULL, "memory leak in %1",
	  (const char *const[]){ "backtrace:", S, NULL }, NULL, sk_leak, 0, false },
	/* A stack overflow: the recursion shows best from the dispatch point. */
	{ C(OOPS), "BUG: .*stack guard page was hit at", NULL, "BUG: stack guard page was hit in %1",
	  rip_trace, NULL, NULL, LG_X_STALL, false },
	{ C(LOCKDEP), "BUG: Invalid wait context", NULL, "WARNING: locking bug in %1",
	  trace, NULL, sk_locking, 0, false },
	{ C(BUG), "BUG:[[:space:]]*(?:\\n|$)", NULL, "BUG: corrupted", NULL, NULL, NULL, 0, true },
};

static const struct lg_title_rule warning_rules[] = {
	{ C(WARNING), "WARNING: .*lib/debugobjects\\.c", NULL,
	  "WARNING: ODEBUG bug in %1", warn_parts, trace, sk_odebug, 0, false },
	{ C(WARNING), "WARNING: .*mm/usercopy\\.c.* usercopy_warn", NULL,
	  "WARNING: bad usercopy in %1", warn_parts, trace, sk_usercopy, 0, false },
	{ C(WARNING), "WARNING: .*lib/kobject\\.c.* kobject_", NULL,
	  "WARNING: kobject bug in %1", warn_parts, trace, sk_kobject, 0, false },
	{ C(WARNING), "WARNING: .*fs/proc/generic\\.c.* proc_register", NULL,
	  "WARNING: proc registration bug in %1", warn_parts, trace,
	  (const char *const[]){ "proc_", NULL }, 0, false },
	{ C(WARNING), "WARNING: .*lib/refcount\\.c.* refcount_", NULL,
	  "WARNING: refcount bug in %1", warn_parts, trace, sk_refcount, 0, false },
	{ C(LOCKDEP), "WARNING: .*kernel/locking/lockdep\\.c.*lock_", NULL,
	  "WARNING: locking bug in %1", warn_parts, trace, sk_locking, 0, false },
	{ C(LIST_CORRUPTION), "WARNING: .*lib/list_debug\\.c", NULL,
	  "BUG: corrupted list in %1", warn_parts, trace, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: lock held when returning to user space",
	  "WARNING: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
	  "WARNING: lock held when returning to user space in %1", NULL, NULL, NULL, 0, false },
	{ C(WARNING), "WARNING: .*mm/.*\\.c.* k?.?malloc", NULL,
	  "WARNING: kmalloc bug in %1", warn_parts, trace, sk_kmalloc, 0, false },
	{ C(WARNING), "WARNING: .*mm/vmalloc\\.c.*__vmalloc_node", NULL,
	  "WARNING: zero-size vmalloc in %1", warn_parts, trace, sk_kmalloc, 0, false },
	{ C(WARNING), "WARNING: .* usb_submit_urb", NULL,
	  "WARNING in %1/usb_submit_urb", warn_parts, trace, sk_usb, 0, false },
	{ C(WARNING), "WARNING: .* at {{SRC}} {{FUNC}}", NULL,
	  "WARNING in %3", warn_parts, trace, NULL, 0, false },
	/* 7.x: "WARNING: [COND] FILE:LINE at FUNC+OFF/SIZE, CPU#N: COMM/PID",
	 * the bracketed condition only for WARN_ON(COND). */
	{ C(WARNING), "WARNING: (?:\\[[^\\n]*\\] )?{{SRC}} at {{FUNC}}", NULL,
	  "WARNING in %3", warn_parts, trace, NULL, 0, false },
	/* __warn() without a source file (no bug table entry for it). */
	{ C(WARNING), "WARNING: CPU: [0-9]+ PID: [0-9]+ at {{FUNC}}", NULL,
	  "WARNING in %2", warn_parts, trace, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: possible circular locking dependency detected",
	  "WARNING: possible circular locking dependency detected(?:.*\\n)+?.*is trying to acquire lock",
	  "possible deadlock in %1", lockdep_parts, NULL, sk_workqueue, 0, false },
	{ C(LOCKDEP), "WARNING: possible irq lock inversion dependency detected",
	  "WARNING: possible irq lock inversion dependency detected(?:.*\\n)+?.*just changed the state of lock(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: .*-safe -> .*-unsafe lock order detected", NULL,
	  "possible deadlock in %1", became_parts, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: possible recursive locking detected",
	  "WARNING: possible recursive locking detected(?:.*\\n)+?.*is trying to acquire lock(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: inconsistent lock state",
	  "WARNING: inconsistent lock state(?:.*\\n)+?.*takes(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
	  "inconsistent lock state in %2", trace, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: suspicious RCU usage", "WARNING: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}",
	  "WARNING: suspicious RCU usage in %2", trace, NULL, sk_rcu, 0, false },
	{ C(WARNING), "WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value", NULL,
	  "WARNING: kernel stack regs has bad '%1' value", NULL, NULL, NULL, 0, false },
	{ C(WARNING), "WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value", NULL,
	  "WARNING: kernel stack frame pointer has bad value", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: bad unlock balance detected!",
	  "WARNING: bad unlock balance detected!(?:.*\\n){0,15}?.*is trying to release lock(?:.*\\n){0,15}?.*{{PC}} +{{FUNC}}",
	  "WARNING: bad unlock balance in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: held lock freed!", "WARNING: held lock freed!(?:.*\\n)+?.*at:(?: {{PC}})? +{{FUNC}}",
	  "WARNING: held lock freed in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "WARNING: .*still has locks held!", "WARNING: .*still has locks held!(?:.*\\n)+?.*(?:{{PC}} +|at: ){{FUNC}}",
	  "WARNING: still has locks held in %1", NULL, NULL, NULL, 0, false },
	{ C(WARNING), "WARNING: kernel stack regs .* has bad 'bp' value", NULL,
	  "WARNING: kernel stack regs has bad value", NULL, NULL, NULL, 0, false },
	{ C(WARNING), "WARNING: kernel stack frame pointer .* has bad value", NULL,
	  "WARNING: kernel stack regs has bad value", NULL, NULL, NULL, 0, false },
	{ C(WARNING), "WARNING:[[:space:]]*(?:\\n|$)", NULL, "WARNING: corrupted", NULL, NULL, NULL, 0, true },
};

static const struct lg_title_rule info_rules[] = {
	{ C(LOCKDEP), "INFO: possible circular locking dependency detected",
	  "INFO: possible circular locking dependency detected \\](?:.*\\n)+?.*is trying to acquire lock(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "INFO: possible irq lock inversion dependency detected",
	  "INFO: possible irq lock inversion dependency detected \\](?:.*\\n)+?.*just changed the state of lock(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "INFO: [A-Z]+-safe -> [A-Z]+-unsafe lock order detected",
	  "INFO: [A-Z]+-safe -> [A-Z]+-unsafe lock order detected \\](?:.*\\n)+?.*is trying to acquire(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "INFO: possible recursive locking detected",
	  "INFO: possible recursive locking detected \\](?:.*\\n)+?.*is trying to acquire lock(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}",
	  "possible deadlock in %1", NULL, NULL, NULL, 0, false },
	{ C(LOCKDEP), "INFO: inconsistent lock state",
	  "INFO: inconsistent lock state \\](?:.*\\n)+?.*takes(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}",
	  "inconsistent lock state in %1", NULL, NULL, NULL, 0, false },
	{ C(RCU_STALL), "INFO: rcu_[a-z_]+ (?:self-)?detected(?: expedited)? stall", NULL,
	  "INFO: rcu detected stall in %1", stall_parts, stall_parts2, sk_stall, LG_X_STALL, false },
	{ C(RCU_STALL), "INFO: rcu_[a-z_]+ detected stalls", NULL,
	  "INFO: rcu detected stall in %1", stall_parts, stall_parts2, sk_stall, LG_X_STALL, false },
	{ C(LOCKDEP), "INFO: trying to register non-static key", NULL,
	  "INFO: trying to register non-static key in %1", trace, NULL, sk_static, 0, false },
	{ C(LOCKDEP), "INFO: suspicious RCU usage", "INFO: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}",
	  "INFO: suspicious RCU usage in %2", trace, NULL, sk_rcu, 0, false },
	/* The task's comm may hold a newline: the line breaks inside it. */
	{ C(HUNG_TASK), "INFO: task (?:.*\\n)??.* blocked (?:in I/O wait )?for more than [0-9]+ seconds", NULL,
	  "INFO: task hung in %1", trace, NULL, NULL, LG_X_HANG, false },
	{ C(HUNG_TASK), "INFO: task .* can't die for more than .* seconds", NULL,
	  "INFO: task can't die in %1", trace, NULL, sk_sched, 0, false },
	{ C(KASAN), "INFO: (Freed|Allocated) in (.*)", NULL, "INFO: %1 in %2", NULL, NULL, NULL, 0, true },
	{ C(BUG), "INFO:[[:space:]]*(?:\\n|$)", NULL, "INFO: corrupted", NULL, NULL, NULL, 0, true },
};

static const struct lg_title_rule arm_paging_rules[] = {
	{ C(OOPS), "Unable to handle kernel paging request", NULL,
	  "BUG: unable to handle kernel paging request in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Unable to handle kernel NULL pointer dereference", NULL,
	  "BUG: unable to handle kernel NULL pointer dereference in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Unable to handle kernel access to user memory", NULL,
	  "BUG: unable to handle kernel access to user memory in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Unable to handle kernel", NULL, "BUG: unable to handle kernel", NULL, NULL, NULL, 0, true },
};
static const struct lg_title_rule gpf_rules[] = {
	{ C(OOPS), "general protection fault.*:", NULL, "general protection fault in %1", rip_trace, NULL, NULL, 0, false },
};
static const struct lg_title_rule stackseg_rules[] = {
	{ C(OOPS), "stack segment: ", NULL, "stack segment fault in %1", rip_trace, NULL, NULL, 0, false },
};
static const struct lg_title_rule panic_rules[] = {
	{ C(PANIC), "Kernel panic - not syncing: stack-protector:", "Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}",
	  "kernel panic: stack is corrupted in %1", NULL, NULL, NULL, 0, false },
	{ C(PANIC), "Kernel panic - not syncing: stack-protector:", "Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+",
	  "kernel panic: stack is corrupted in %1", trace, NULL, sk_chk, 0, false },
	{ C(PANIC), "Kernel panic - not syncing: corrupted stack end", "Kernel panic - not syncing: corrupted stack end detected inside scheduler",
	  "kernel panic: corrupted stack end in %1", trace, NULL, sk_stackend, LG_X_STALL, false },
	{ C(PANIC), "Kernel panic - not syncing: Attempted to kill init!", NULL,
	  "kernel panic: Attempted to kill init!", NULL, NULL, NULL, 0, false },
	{ C(PANIC), "Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+", NULL,
	  "kernel panic: Couldn't open N_TTY ldisc", NULL, NULL, NULL, 0, false },
	{ C(PANIC), "Kernel panic - not syncing: Fatal exception", NULL,
	  "kernel panic: Fatal exception", NULL, NULL, NULL, 0, true },
	{ C(PANIC), "Kernel panic - not syncing: panic_on_warn set", NULL,
	  "kernel panic: panic_on_warn set", NULL, NULL, NULL, 0, true },
	{ C(HUNG_TASK), "Kernel panic - not syncing: hung_task: blocked tasks", NULL,
	  "kernel panic: hung_task: blocked tasks", NULL, NULL, NULL, 0, true },
	{ C(PANIC), "Kernel panic - not syncing: (.*)", NULL, "kernel panic: %1", NULL, NULL, NULL, 0, false },
};
static const struct lg_title_rule double_fault_rules[] = {
	{ C(OOPS), "PANIC: double fault", NULL, "PANIC: double fault in %1", rip_only, NULL, NULL, 0, false },
};
static const struct lg_title_rule kernel_bug_rules[] = {
	{ C(BUG), "kernel BUG at mm/usercopy.c", NULL, "BUG: bad usercopy in %1", trace, NULL, sk_usercopy, 0, false },
	{ C(LIST_CORRUPTION), "kernel BUG at lib/list_debug.c", NULL, "BUG: corrupted list in %1", trace, NULL, NULL, 0, false },
	{ C(BUG), "kernel BUG at (.*)", NULL, "kernel BUG in %2", rip_trace, NULL, sk_kbug, 0, false },
};
static const struct lg_title_rule kernel_bug2_rules[] = {
	{ C(BUG), "Kernel BUG (.*)", NULL, "kernel BUG %1", NULL, NULL, NULL, 0, false },
};
static const struct lg_title_rule kmalloc_rules[] = {
	{ C(BAD_PAGE_STATE), "BUG kmalloc-.*: Object already free", NULL, "BUG: Object already free", NULL, NULL, NULL, 0, false },
};
static const struct lg_title_rule divide_rules[] = {
	{ C(OOPS), "divide error: ", NULL, "divide error in %1", rip_only, NULL, NULL, 0, false },
};
static const struct lg_title_rule invalid_op_rules[] = {
	{ C(OOPS), "invalid opcode: ", NULL, "invalid opcode in %1", rip_only, NULL, NULL, 0, false },
};
static const struct lg_title_rule ubsan_rules[] = {
	{ C(UBSAN), "UBSAN: Undefined behaviour in", NULL, "UBSAN: undefined-behaviour in %1", trace, NULL, sk_ubsan, 0, false },
	{ C(UBSAN), "UBSAN: ([a-z\\-]+) in", NULL, "UBSAN: %1 in %2", trace, NULL, sk_ubsan, 0, false },
};
static const struct lg_title_rule unregister_rules[] = {
	{ C(HUNG_TASK), "unregister_netdevice: waiting for (?:.*) to become free", NULL,
	  "unregister_netdevice: waiting for DEV to become free", NULL, NULL, NULL, 0, false },
};
static const struct lg_title_rule arm_fault_rules[] = {
	{ C(OOPS), "Unhandled fault", NULL, "Unhandled fault in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Alignment trap", NULL, "Alignment trap in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Internal error", NULL, "Internal error in %1", rip_trace, NULL, sk_fault, 0, false },
};
static const struct lg_title_rule vfs_rules[] = {
	{ C(BUG), "VFS: Close: file count is 0", NULL, "VFS: Close: file count is zero (use-after-free)", NULL, NULL, NULL, 0, false },
	{ C(BUG), "VFS: Busy inodes after unmount", NULL, "VFS: Busy inodes after unmount (use-after-free)", NULL, NULL, NULL, 0, false },
};
static const struct lg_title_rule trusty_rules[] = {
	{ C(PANIC), "trusty: panic.* ASSERT FAILED", "trusty: panic \\(.*?\\):(?: DEBUG)? ASSERT FAILED at \\(.*?\\): (.+)",
	  "trusty: ASSERT FAILED: %1", NULL, NULL, NULL, 0, false },
	{ C(PANIC), "trusty: panic.* ASSERT FAILED.*: *(.*)", NULL, "trusty: ASSERT FAILED: %1", NULL, NULL, NULL, 0, true },
	{ C(PANIC), "trusty: panic", "trusty: panic \\(.*?\\): (.+)", "trusty: panic: %1", NULL, NULL, NULL, 0, false },
};

/*
 * An x86 page-fault oops whose "BUG: ... NULL pointer dereference" header
 * was printed apart from it (another CPU's report in between): the "Oops:"
 * banner belongs to a page fault, and the register dump's CR2 holds the
 * faulting address.
 */
static const struct lg_title_rule oops_rules[] = {
	{ C(OOPS), "Oops: [0-9a-f]{4} \\[#[0-9]+\\]",
	  "Oops: [0-9a-f]{4} \\[#[0-9]+\\](?:.*\\n)+?CR2: 0{13}[0-9a-f]{3}\\b",
	  "BUG: unable to handle kernel NULL pointer dereference in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Oops: [0-9a-f]{4} \\[#[0-9]+\\]",
	  "Oops: [0-9a-f]{4} \\[#[0-9]+\\](?:.*\\n)+?CR2: [0-9a-f]{16}\\b",
	  "BUG: unable to handle kernel paging request in %1", rip_trace, NULL, sk_fault, 0, false },
	{ C(OOPS), "Oops: [0-9a-f]+ \\[#[0-9]+\\]", NULL, "Oops in %1", rip_trace, NULL, sk_fault, 0, false },
};

#define R(a) { a, sizeof(a) / sizeof(a[0]) }
static const struct {
	const struct lg_title_rule *rules;
	size_t n;
} groups[LG_G_COUNT] = {
	[LG_G_BUG] = R(bug_rules), [LG_G_WARNING] = R(warning_rules),
	[LG_G_INFO] = R(info_rules), [LG_G_ARM_PAGING] = R(arm_paging_rules),
	[LG_G_GPF] = R(gpf_rules), [LG_G_STACKSEG] = R(stackseg_rules),
	[LG_G_PANIC] = R(panic_rules), [LG_G_DOUBLE_FAULT] = R(double_fault_rules),
	[LG_G_KERNEL_BUG] = R(kernel_bug_rules), [LG_G_KERNEL_BUG2] = R(kernel_bug2_rules),
	[LG_G_KMALLOC] = R(kmalloc_rules), [LG_G_DIVIDE] = R(divide_rules),
	[LG_G_INVALID_OP] = R(invalid_op_rules), [LG_G_UBSAN] = R(ubsan_rules),
	[LG_G_UNREGISTER] = R(unregister_rules), [LG_G_ARM_FAULT] = R(arm_fault_rules),
	[LG_G_VFS] = R(vfs_rules), [LG_G_TRUSTY] = R(trusty_rules),
	[LG_G_OOPS] = R(oops_rules),
};

const struct lg_title_rule *lg_title_rules(enum lg_group g, size_t *n)
{
	if ((unsigned int)g >= LG_G_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = groups[g].n;
	return groups[g].rules;
}
