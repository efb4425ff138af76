/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one event model of the reporter.  The log parser (analyze, and the log
 * tail of module records) and the record converter (report, watch) both fill
 * struct lg_event; the cause database reads it; the text and JSON printers
 * print it.  Fields are appended, never renamed: the JSON contract follows
 * them.
 */
#ifndef LG_EVENT_H
#define LG_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* DESIGN.md's class vocabulary; lg_class_name() gives the JSON string. */
enum lg_class {
	LG_CLASS_NONE,		/* not (yet) classified */
	LG_CLASS_OOPS,
	LG_CLASS_BUG,
	LG_CLASS_WARNING,
	LG_CLASS_PANIC,
	LG_CLASS_SOFT_LOCKUP,
	LG_CLASS_HARD_LOCKUP,
	LG_CLASS_RCU_STALL,
	LG_CLASS_HUNG_TASK,
	LG_CLASS_OOM,
	LG_CLASS_MEMCG_OOM,
	LG_CLASS_PAGE_ALLOC_FAILURE,
	LG_CLASS_LIST_CORRUPTION,
	LG_CLASS_BAD_PAGE_STATE,
	LG_CLASS_IO_ERROR,
	LG_CLASS_FS_ERROR,
	LG_CLASS_MCE,
	LG_CLASS_FATAL_SIGNAL,
	LG_CLASS_KASAN,
	LG_CLASS_KFENCE,
	LG_CLASS_KMSAN,
	LG_CLASS_KCSAN,
	LG_CLASS_UBSAN,
	LG_CLASS_LOCKDEP,
	LG_CLASS_ATOMIC_SLEEP,
	LG_CLASS_MEMORY_LEAK,
	LG_CLASS_MOUNT_ROOT_FAILURE,
	LG_CLASS_COUNT
};

const char *lg_class_name(enum lg_class cls);
/* Returns LG_CLASS_NONE for an unknown name. */
enum lg_class lg_class_from_name(const char *name);

/* One caller of an inlined function: where the callee was inlined. */
struct lg_inline_site {
	char *function;		/* the caller the callee was inlined into */
	char *file;
	unsigned int line;
};

/* A frame's source line from debug info (debuginfo.h); NULL when unknown. */
struct lg_source {
	char *file;		/* innermost location: inside the inlined callee */
	unsigned int line;
	struct lg_inline_site *inlined;	/* innermost first, [] when none */
	size_t ninlined;
};

void lg_source_free(struct lg_source *s);

/* A code location: the RIP or one call-trace frame. */
struct lg_frame {
	bool has_address;
	uint64_t address;
	char *function;		/* NULL when only an address is known */
	uint64_t offset, size;	/* func+offset/size; 0 when unknown */
	char *module;		/* "[mod]" without brackets; NULL for vmlinux */
	bool reliable;		/* false for "? func" frames */
	char *context;		/* NULL (task), "IRQ", "NMI", "SOFTIRQ", ... */
	struct lg_source *source;	/* only with --debuginfo; NULL unknown */
};

struct lg_module {
	char *name;
	char *taint;		/* letters inside "(...)", "" when none */
};

/* The build id of one module on the stack (from a record). */
struct lg_build_id {
	char *module;
	char *hex;
};

/* One process of an OOM task table. */
struct lg_task {
	int pid;
	char *comm;
	uint64_t rss_kb;
	int oom_score_adj;	/* INT32_MIN when unknown */
};

struct lg_oom {
	bool present;
	char *invoker;		/* the allocating process ("invoked oom-killer") */
	int invoker_pid;
	char *gfp_mask;		/* as printed, e.g. "0x201da(GFP_HIGHUSER_MOVABLE)" */
	int order;		/* -1 when unknown */
	char *constraint;	/* CONSTRAINT_NONE, CONSTRAINT_MEMCG, ... */
	char *memcg;		/* the memory cgroup for a memcg OOM */
	uint64_t mem_total_kb, mem_free_kb, mem_available_kb;
	uint64_t swap_total_kb, swap_free_kb, slab_unreclaimable_kb;
	struct lg_task *tasks;	/* the task table, as printed */
	size_t ntasks;
	int victim_pid;		/* 0 when no victim was named */
	char *victim_comm;
	uint64_t victim_rss_kb;	/* anon + file + shmem */
	double victim_ram_share; /* victim RSS / RAM, 0..1; <0 when unknown */
	bool panic_on_oom;	/* "system-wide panic_on_oom is enabled" */
	bool no_killable;	/* "Out of memory and no killable processes" */
};

/* Soft/hard lockup, RCU stall, hung task. */
struct lg_stall {
	bool present;
	int cpu;		/* -1 when unknown */
	double seconds;		/* how long stuck; <0 when unknown */
	char *task;		/* comm of the stuck task */
	int pid;
};

/* A text line that a rule or the parser used as evidence. */
struct lg_evidence {
	char *line;		/* with transport prefixes stripped */
	size_t lineno;		/* 1-based line of the input, 0 for records */
};

/* One matched cause-database rule. */
struct lg_cause {
	char *id;
	char *title;
	char *explanation;
	char *remedy;
	double confidence;	/* 0..1 */
	char **references;
	size_t nreferences;
	struct lg_evidence *evidence;	/* the lines its patterns matched */
	size_t nevidence;
};

struct lg_event {
	enum lg_class cls;
	bool fatal;
	char *title;		/* syzbot-style, normalised */
	char *signature;	/* short stable hash for fleet counting */
	char *time;		/* as found: ISO 8601 or the log's own stamp */
	double uptime;		/* seconds since boot; <0 when unknown */
	char *kernel_release;
	char *hardware;
	int cpu, pid;		/* -1 when unknown */
	char *comm;
	char *taint;		/* letters, e.g. "POE"; NULL when not tainted/unknown */
	char *panic_message;	/* text after "Kernel panic - not syncing: " */
	bool has_rip;
	struct lg_frame rip;
	bool rip_user;		/* the fault was in user mode (RIP: 0033:) */
	bool has_cr2;
	uint64_t cr2;
	struct lg_frame *trace;
	size_t ntrace;
	struct lg_module *modules;	/* "Modules linked in:" or the record */
	size_t nmodules;
	char **tainting_modules;
	size_t ntainting;
	char *guilty_frame;
	char *culprit_module;	/* out-of-tree/unsigned/proprietary, or NULL */
	char *workqueue;
	struct lg_oom oom;
	struct lg_stall stall;
	/* Lines of the event text, for rules and evidence; bounded. */
	struct lg_evidence *lines;
	size_t nlines;
	struct lg_cause *causes;	/* best first */
	size_t ncauses;
	/* From module records only. */
	uint64_t seq;		/* 0 for log events */
	char *boot_id;		/* 32 hex digits, NULL for log events */
	bool previous_boot;
	char *source;		/* "record", or the file name analysed */
	bool truncated;		/* the parser capped lines/trace/modules/tasks */
	int64_t capture_ns;	/* ns the module spent on the record; -1 unknown */
	bool log_unavailable;	/* the kernel could not save its log with it */
	char *kernel_build_id;	/* hex, from a record; NULL when unknown */
	struct lg_build_id *build_ids;	/* of modules, from a record */
	size_t nbuild_ids;
};

void lg_event_init(struct lg_event *ev);
void lg_event_free(struct lg_event *ev);
/*
 * Make every string of @ev printable (text_safe.h): valid UTF-8, and
 * name-like fields cut at LG_FIELD_MAX bytes with a marker (a 100 MB log
 * line must not become a 100 MB title), log lines at LG_TEXT_MAX.
 */
void lg_event_bound_fields(struct lg_event *ev);
/* Free what @c holds (not @c itself). */
void lg_cause_free(struct lg_cause *c);

#endif /* LG_EVENT_H */
