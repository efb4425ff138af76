/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of lastgasp.ko.  Functions marked "crash path" run in
 * die/panic notifiers, possibly in NMI context with other CPUs stopped:
 * they never sleep, allocate or wait for a lock, and every loop is bounded.
 */
#ifndef _LASTGASP_H
#define _LASTGASP_H

/* Every message starts "lastgasp: "; this header comes first in every file. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "compat.h"
#include "format.h"
#include "uapi/linux/lastgasp.h"

#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/types.h>

#ifndef LG_VERSION
#error "LG_VERSION comes from dkms.conf (kmod/Kbuild)"
#endif
#define LG_RESERVE_MEM_NAME	"lastgasp"	/* reserve_mem=SIZE:ALIGN:lastgasp */

/* A record body must fit one netlink attribute (u16 length). */
#define LG_BODY_MAX		(60 * 1024)
#define LG_LOG_BYTES_MAX	LASTGASP_LOG_MAX
/* The most one record takes in the store (header, body, padding). */
#define LG_RECORD_ROOM		(LG_BODY_MAX + 64)
/* Room survivable records leave for two crash records (die + panic). */
#define LG_KEEP_FOR_FATAL	(2 * LG_RECORD_ROOM)
/* A record body smaller than this says too little to be worth storing. */
#define LG_BODY_MIN		1024
#define LG_STACK_FRAMES		64
#define LG_MODULES_MAX		1024
/* String limits of the stored format (NUL excluded): the UAPI's. */
#define LG_NAME_MAX		LASTGASP_NAME_MAX
#define LG_HARDWARE_MAX		LASTGASP_HARDWARE_MAX
#define LG_MESSAGE_MAX		LASTGASP_MESSAGE_MAX
#define LG_SYM_MAX		LASTGASP_SYMBOL_MAX
/* A GNU build id: SHA-1 (20 bytes) is the longest Kbuild makes. */
#define LG_BUILD_ID_MAX		LASTGASP_BUILD_ID_MAX

struct pt_regs;
struct task_struct;
struct kmsg_dumper;

/* main.c: module parameters. */
extern unsigned int lg_log_bytes;

/* tlv.c: bounded writer of struct nlattr streams (crash path). */
struct lg_tlv {
	u8 *buf;
	u32 len;
	u32 cap;
	bool truncated;		/* something did not fit and was left out */
};

void lg_tlv_init(struct lg_tlv *w, void *buf, u32 cap);
void *lg_tlv_reserve(struct lg_tlv *w, int type, u32 len);
void lg_tlv_trim(struct lg_tlv *w, void *data, u32 used);
void lg_tlv_put(struct lg_tlv *w, int type, const void *data, u32 len);
void lg_tlv_put_u32(struct lg_tlv *w, int type, u32 v);
void lg_tlv_put_u64(struct lg_tlv *w, int type, u64 v);
void lg_tlv_put_flag(struct lg_tlv *w, int type);
void lg_tlv_put_str(struct lg_tlv *w, int type, const char *s, u32 max);
u32 lg_tlv_nest_start(struct lg_tlv *w, int type);
void lg_tlv_nest_end(struct lg_tlv *w, u32 start);

/* policy.c: what a stored record body may contain (untrusted at export). */
int lg_record_validate(const void *body, u32 len);

/* region.c: the physical range of the store, checked and claimed. */
#define LG_REGION_MIN		(64 * 1024)

void *lg_region_map(phys_addr_t addr, size_t size, u32 backend);
void lg_region_unmap(void *base, phys_addr_t addr, size_t size, u32 backend);

/* bootid.c: this boot's identity (the kernel's boot_id), set at load. */
extern u8 lg_boot_id[LG_BOOT_ID_LEN];
void lg_boot_id_init(void);

/* store.c: the region of records. */
struct lg_store_status {
	u32 backend;		/* enum lastgasp_backend */
	u64 addr;
	u64 size;
	u64 used;
	u32 records;
	u32 previous_boot;
	u32 invalid;
	u32 dropped;
	bool reinitialised;
};

extern struct mutex lg_store_lock;	/* serialises readers and CLEAR */

/* A store image: the live region, or a test image (selftest.c). */
struct lg_area {
	struct lg_region_hdr *hdr;
	u8 *data;		/* the records, after the header */
	u64 data_size;
	u64 size;		/* header included */
};

/* A record found in a store: its header copied once and validated. */
struct lg_rec {
	struct lg_record_hdr hdr;
	const void *body;	/* hdr.body_len bytes, validated */
	u64 off;		/* where it starts in the area's data */
};

void lg_area_init(struct lg_area *a);
int lg_area_load(struct lg_area *a, u32 *invalid);
bool lg_area_next(const struct lg_area *a, u64 *off, struct lg_rec *r);

int lg_store_init(phys_addr_t addr, size_t size);
void lg_store_exit(void);
u64 lg_store_next_seq(void);				/* crash path */
int lg_store_commit(struct lg_record_hdr *rec, u64 keep_free);	/* crash path */
u64 lg_store_room(u64 keep_free);				/* crash path */
void lg_store_count_drop(void);				/* crash path */
/* Under lg_store_lock: */
bool lg_store_next(u64 *off, struct lg_rec *r);
bool lg_store_find(u64 seq, struct lg_rec *r);
bool lg_store_at(u64 off, struct lg_rec *r);
int lg_store_clear(u64 seq);
void lg_store_clear_all(void);
void lg_store_get_status(struct lg_store_status *st);
u64 lg_store_last_seq(void);

/* capture.c: building a record (crash path). */

/* Who a record is about when that is not the capturing context. */
struct lg_who {
	u32 pid;
	u32 cpu;
	char comm[TASK_COMM_LEN];
};

struct lg_event {
	u32 kind;		/* enum lastgasp_kind */
	u32 flags;		/* LASTGASP_RF_* known by the hook */
	const char *message;
	struct pt_regs *regs;	/* NULL: unwind the current stack */
	u32 die_val;
	int trapnr;
	long error_code;
	int signr;
	u32 panic_reason;	/* enum lastgasp_panic_reason, panic only */
	const struct lg_who *who;	/* PID/COMM/CPU; NULL: current */
	const unsigned long *entries;	/* another task's stack, saved, or NULL */
	unsigned int nr_entries;
	bool no_stack;		/* the stack here says nothing (deferred) */
	/* OOM_VICTIM */
	u32 victim_pid;
	const char *victim_comm;
	struct task_struct *victim;	/* its mm is stable (task_lock), or NULL */
	struct kmsg_dumper *dumper;	/* log cursor (logdump.c), or NULL */
};

int lg_capture_init(void);
void lg_capture_exit(void);
void lg_capture(const struct lg_event *ev);

/*
 * buildid.c: build ids of the kernel and of the loaded modules, read from
 * sysfs notes in process context (load time, module notifier) and kept in
 * a table the crash path reads without locks.
 */
int lg_buildid_init(void);
void lg_buildid_exit(void);
void lg_buildid_put_kernel(struct lg_tlv *w);			/* crash path */
struct module;
void lg_buildid_put_module(struct lg_tlv *w, const struct module *mod); /* crash path */

/* modlist.c: loaded modules with their taint letters. */
int lg_modlist_init(void);
/* Process context: @fn on each formed module, under RCU (no sleeping). */
void lg_modlist_each(void (*fn)(const struct module *mod, void *arg), void *arg);
void lg_modlist_put(struct lg_tlv *w);			/* crash path */
void lg_taint_letters(unsigned long mask, char *buf, size_t size);

/* hooks.c: die chain and panic notifier; arms the optional hooks below. */
int lg_hooks_init(void);
void lg_hooks_exit(void);
u32 lg_hooks_armed(void);

/* tracepoint.c: tracepoints attached by name (not all are exported). */
struct lg_tp {
	const char *name;
	void *probe;
	struct tracepoint *tp;	/* set while attached */
};

int lg_tp_attach(struct lg_tp *t);
void lg_tp_detach(struct lg_tp *t);	/* then tracepoint_synchronize_unregister() */

/* oom.c: OOM notifier snapshot and oom:mark_victim records. */
u32 lg_oom_init(void);			/* LASTGASP_HOOK_* armed */
void lg_oom_exit(void);
void lg_oom_put(struct lg_tlv *w, const struct lg_event *ev);	/* crash path */

/* stalls.c: warnings, soft lockups, RCU stalls and hung tasks survived. */
u32 lg_stalls_init(void);		/* LASTGASP_HOOK_* armed */
void lg_stalls_detach(void);		/* then wait for probes, then exit */
void lg_stalls_exit(void);

/* logdump.c: log-tail records where notifiers cannot read the log. */
u32 lg_logdump_init(void);		/* LASTGASP_HOOK_* armed */
void lg_logdump_exit(void);

/* netlink.c: the generic netlink family. */
int lg_netlink_init(void);
void lg_netlink_exit(void);
void lg_netlink_notify(u64 seq, u32 kind);

/* nlcheck.c: what strict generic netlink checks where the kernel does not. */
int lg_nl_check_request(const struct nlmsghdr *nlh,
			const struct nla_policy *policy, int maxattr,
			struct netlink_ext_ack *extack);

/* notify.c: NEW_RECORD multicast for survivable events, deferred. */
void lg_notify_init(void);
void lg_notify_exit(void);
void lg_notify_later(void);				/* crash path */

/*
 * selftest.c, in LG_SELFTEST builds only (tests/e2e): points of the store
 * where a test holds one side of a race open while it runs the other.
 */
enum lg_test_point {
	LG_TEST_RESERVED,		/* a writer holds space, not committed */
	LG_TEST_COMMITTED,		/* that writer has left the store */
	LG_TEST_RECLAIM_SCANNED,	/* CLEAR found nothing live */
};

#ifdef LG_SELFTEST
void lg_test_point(enum lg_test_point p);
u64 lg_selftest_fuzz(u32 images, u32 seed);
u64 lg_selftest_crafted(void);
int lg_selftest_init(void);
void lg_selftest_exit(void);
#else
static inline void lg_test_point(enum lg_test_point p) {}
static inline int lg_selftest_init(void) { return 0; }
static inline void lg_selftest_exit(void) {}
#endif

#endif /* _LASTGASP_H */
