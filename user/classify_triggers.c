// SPDX-License-Identifier: GPL-2.0
/*
 * The lines that open a kernel report.  lg_trigger_find() runs on every line
 * of the input, so the common case (no trigger) costs one pass of a 4-byte
 * rolling filter over the line: each literal registers the hash of its first
 * four bytes in a 64 Kibit bitmap that stays in L1; only bitmap hits compare
 * literals, and only literal hits run a (JIT) regex.  Table order is
 * priority: the first entry that matches a line is its trigger.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

static const char *const sup_bug[] = {
	"ODEBUG:", "Boot_DEBUG:", "[^_]DEBUG:", "^DEBUG:",
	"BUG: no syscalls can create resource", NULL
};
static const char *const sup_warning[] = {
	"WARNING: /etc/ssh/moduli does not exist",
	/* Informational messages that merely say WARNING. */
	"WARNING: the mand mount option is being deprecated",
	"WARNING: Unsupported flag value", "hw-vuln/", "WARNING: kernel not compiled with",
	"(?i)uses deprecated v2 capabilities", "(?i)uses wireless extensions",
	"XFS \\(.*\\): WARNING",
	"WARNING: workqueue cpumask: online intersect > possible intersect",
	NULL
};
static const char *const sup_info[] = {
	"INFO: lockdep is turned off", "INFO: Stall ended before state dump start",
	"INFO: NMI handler", "INFO: recovery required on readonly filesystem",
	"(handler|interrupt).*took too long", "_INFO::",
	"INFO: sys_.* is not present in /proc/kallsyms",
	"INFO: no syscalls can create resource", NULL
};
static const char *const sup_panic[] = { "---\\[ end Kernel panic", NULL };
static const char *const sup_user_gpf[] = { " ip:[0-9a-f]+ sp:", NULL };

#define T(lit, c, g, f) { lit, LG_CLASS_##c, LG_G_##g, f, NULL, NULL }
#define TC(lit, c, g, f, re) { lit, LG_CLASS_##c, LG_G_##g, f, re, NULL }
#define TS(lit, c, g, f, s) { lit, LG_CLASS_##c, LG_G_##g, f, NULL, s }
#define COND LG_TF_CONDITION
#define CONT LG_TF_CONTINUES

static const struct lg_trigger triggers[] = {
	/* User-space faults reported by the kernel: not kernel bugs. */
	T("potentially unexpected fatal signal", FATAL_SIGNAL, NONE, COND),
	TC("segfault at ", FATAL_SIGNAL, NONE, COND, "\\[[0-9]+\\]: segfault at "),
	TC("traps: ", FATAL_SIGNAL, NONE, COND, "traps: .*\\[[0-9]+\\].* ip:"),
	/* Sanitizers and the BUG: family. */
	TS("BUG: KASAN:", KASAN, BUG, 0, sup_bug),
	TS("BUG: KMSAN:", KMSAN, BUG, 0, sup_bug),
	TS("BUG: KCSAN:", KCSAN, BUG, 0, sup_bug),
	TS("BUG: KFENCE:", KFENCE, BUG, 0, sup_bug),
	TS("BUG: soft lockup", SOFT_LOCKUP, BUG, 0, sup_bug),
	TS("BUG: sleeping function called from invalid context", ATOMIC_SLEEP, BUG, 0, sup_bug),
	TS("BUG: scheduling while atomic", ATOMIC_SLEEP, BUG, 0, sup_bug),
	TS("BUG: using __this_cpu_", ATOMIC_SLEEP, BUG, 0, sup_bug),
	TS("BUG: using smp_processor_id()", ATOMIC_SLEEP, BUG, 0, sup_bug),
	TS("BUG: Bad page state", BAD_PAGE_STATE, BUG, 0, sup_bug),
	TS("BUG: Bad page map", BAD_PAGE_STATE, BUG, 0, sup_bug),
	TS("BUG: Bad rss-counter", BAD_PAGE_STATE, BUG, 0, sup_bug),
	TS("BUG: non-zero nr_", BAD_PAGE_STATE, BUG, 0, sup_bug),
	TS("BUG: memory leak", MEMORY_LEAK, BUG, 0, sup_bug),
	TS("BUG: spinlock", LOCKDEP, BUG, 0, sup_bug),
	TS("BUG: rwlock", LOCKDEP, BUG, 0, sup_bug),
	TS("BUG: bad unlock balance", LOCKDEP, BUG, 0, sup_bug),
	TS("BUG: held lock freed", LOCKDEP, BUG, 0, sup_bug),
	TS("BUG: lock held when returning", LOCKDEP, BUG, 0, sup_bug),
	TS("BUG: workqueue lockup", SOFT_LOCKUP, BUG, 0, sup_bug),
	TS("BUG:", OOPS, BUG, 0, sup_bug),	/* class refined by the title rule */
	/* The WARNING: family, lockdep first. */
	TS("WARNING: possible circular locking", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: possible recursive locking", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: possible irq lock inversion", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: inconsistent lock state", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: suspicious RCU usage", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: bad unlock balance", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: held lock freed", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING: lock held when returning", LOCKDEP, WARNING, 0, sup_warning),
	TS("WARNING:", WARNING, WARNING, 0, sup_warning),
	/* The INFO: family. */
	TS("INFO: rcu_", RCU_STALL, INFO, 0, sup_info),
	TS("INFO: task ", HUNG_TASK, INFO, 0, sup_info),
	TS("INFO: possible ", LOCKDEP, INFO, 0, sup_info),
	TS("INFO: inconsistent lock state", LOCKDEP, INFO, 0, sup_info),
	TC("INFO: ", LOCKDEP, INFO, 0, "INFO: [A-Z]+-safe -> [A-Z]+-unsafe"),
	TS("INFO: suspicious RCU usage", LOCKDEP, INFO, 0, sup_info),
	TS("INFO: trying to register non-static key", LOCKDEP, INFO, 0, sup_info),
	TS("INFO:", BUG, INFO, 0, sup_info),
	/* Faults and traps. */
	T("Unable to handle kernel", OOPS, ARM_PAGING, 0),
	TS("general protection fault", OOPS, GPF, 0, sup_user_gpf),
	T("stack segment: ", OOPS, STACKSEG, 0),
	T("PANIC: double fault", OOPS, DOUBLE_FAULT, CONT),
	T("kernel BUG", BUG, KERNEL_BUG, 0),
	T("Kernel BUG", BUG, KERNEL_BUG2, 0),
	T("BUG kmalloc-", BAD_PAGE_STATE, KMALLOC, 0),
	T("divide error:", OOPS, DIVIDE, 0),
	T("invalid opcode:", OOPS, INVALID_OP, CONT),
	T("UBSAN:", UBSAN, UBSAN, 0),
	T("Unhandled fault", OOPS, ARM_FAULT, 0),
	T("Internal error:", OOPS, ARM_FAULT, CONT),
	T("Alignment trap", OOPS, ARM_FAULT, 0),
	T("VFS: Close: file count is 0", BUG, VFS, 0),
	T("VFS: Busy inodes after unmount", BUG, VFS, 0),
	T("trusty: panic", PANIC, TRUSTY, 0),
	T("unregister_netdevice: waiting for", HUNG_TASK, UNREGISTER, CONT),
	/* Panics; the class is refined from the message. */
	TS("VFS: Unable to mount root fs", MOUNT_ROOT_FAILURE, PANIC, CONT, sup_panic),
	TS("Kernel panic - not syncing", PANIC, PANIC, CONT, sup_panic),
	T("Watchdog detected hard LOCKUP", HARD_LOCKUP, NONE, 0),
	/* The die() banner: opens a report only when its header line is
	 * missing (a log excerpt, a lost line). */
	TC("Oops: ", OOPS, OOPS, CONT, "Oops: [0-9a-f]+ \\[#[0-9]+\\]"),
	/* Conditions an operator wants to see, which syzkaller does not title. */
	T("invoked oom-killer", OOM, NONE, COND),
	T("Memory cgroup out of memory", MEMCG_OOM, NONE, COND | CONT),
	T("Out of memory", OOM, NONE, COND | CONT),
	T("page allocation failure", PAGE_ALLOC_FAILURE, NONE, COND),
	T("vmalloc: allocation failure", PAGE_ALLOC_FAILURE, NONE, COND),
	T("new suspected memory leaks", MEMORY_LEAK, NONE, COND),
	T("I/O error", IO_ERROR, NONE, COND),
	T("EXT4-fs error", FS_ERROR, NONE, COND),
	T("Shutting down filesystem", FS_ERROR, NONE, COND),
	T("BTRFS critical", FS_ERROR, NONE, COND),
	T("BTRFS error", FS_ERROR, NONE, COND),
	T("Remounting filesystem read-only", FS_ERROR, NONE, COND),
	T("Machine check events logged", MCE, NONE, COND),
	T("[Hardware Error]", MCE, NONE, COND),
	T("Machine Check Exception", MCE, NONE, COND),
	T("NMI: IOCK error", MCE, NONE, COND),
	T("PCI system error (SERR)", MCE, NONE, COND),
	/* Older kernels' reports that abrt and telemetrics-client collect. */
	TC("nobody cared", WARNING, NONE, 0, "^irq [0-9]+: nobody cared"),
	T("RTNL: assertion failed", WARNING, NONE, 0),
	T("sysctl table check failed", WARNING, NONE, 0),
	T("Badness at ", WARNING, NONE, 0),
	TC("double fault: ", OOPS, NONE, CONT, "^double fault: [0-9a-f]+ \\[#"),
};

#define NTRIGGERS (sizeof(triggers) / sizeof(triggers[0]))

static uint64_t bitmap[65536 / 64];
static pcre2_code *confirm_re[NTRIGGERS];
static pcre2_code **suppress_re[NTRIGGERS];
static uint16_t hash16[NTRIGGERS];
static size_t lit_len[NTRIGGERS];
static bool ready;

static inline uint16_t hash4(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return (uint16_t)((v * 2654435761u) >> 16);
}

static void init(void)
{
	for (size_t i = 0; i < NTRIGGERS; i++) {
		const struct lg_trigger *t = &triggers[i];

		lit_len[i] = strlen(t->literal);
		hash16[i] = hash4(t->literal);
		bitmap[hash16[i] >> 6] |= 1ull << (hash16[i] & 63);
		if (t->confirm)
			confirm_re[i] = lg_re_compile(t->confirm);
		if (t->suppress) {
			size_t n = 0;

			while (t->suppress[n])
				n++;
			suppress_re[i] = calloc(n + 1, sizeof(pcre2_code *));
			if (!suppress_re[i])
				abort();
			for (size_t j = 0; j < n; j++)
				suppress_re[i][j] = lg_re_compile(t->suppress[j]);
		}
	}
	ready = true;
}

static bool accepts(size_t i, const char *line, size_t len)
{
	if (confirm_re[i] && !lg_re_search(confirm_re[i], line, len))
		return false;
	for (pcre2_code **s = suppress_re[i]; s && *s; s++)
		if (lg_re_search(*s, line, len))
			return false;
	return true;
}

const struct lg_trigger *lg_trigger_find(const char *line, size_t len)
{
	size_t best = NTRIGGERS;

	if (len < 4)
		return NULL;
	if (!ready)
		init();
	for (size_t pos = 0; pos + 4 <= len; pos++) {
		uint16_t h = hash4(line + pos);

		if (!(bitmap[h >> 6] & (1ull << (h & 63))))
			continue;
		for (size_t i = 0; i < best; i++) {
			if (hash16[i] != h || pos + lit_len[i] > len ||
			    memcmp(line + pos, triggers[i].literal, lit_len[i]))
				continue;
			if (accepts(i, line, len)) {
				best = i;
				break;
			}
		}
	}
	return best < NTRIGGERS ? &triggers[best] : NULL;
}

enum lg_class lg_trigger_class(const struct lg_trigger *t)
{
	return t ? t->cls : LG_CLASS_NONE;
}

const char *const *lg_trigger_literals(size_t *n)
{
	static const char *lits[NTRIGGERS + 1];

	for (size_t i = 0; i < NTRIGGERS; i++)
		lits[i] = triggers[i].literal;
	*n = NTRIGGERS;
	return lits;
}

bool lg_trigger_continues(const struct lg_trigger *t)
{
	return t && (t->flags & LG_TF_CONTINUES);
}

bool lg_trigger_is_condition(const struct lg_trigger *t)
{
	return t && (t->flags & LG_TF_CONDITION);
}
