/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reporter's generic netlink client (libnl-genl-3) for the "lastgasp"
 * family of include/uapi/linux/lastgasp.h.  Failures are explained on
 * stderr here, once, in the words an operator needs ("the module is not
 * loaded", "needs root", the kernel's extack message); callers only map the
 * negative errno they get back to an exit code.
 */
#ifndef LG_NETLINK_H
#define LG_NETLINK_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/attr.h>

struct lg_nl;

struct lg_status {
	char version[64];		/* "" when not reported */
	int64_t backend;		/* enum lastgasp_backend, -1 unknown */
	uint64_t region_addr, region_size;
	int64_t used_bytes;		/* -1 unknown, as all int64_t below */
	int64_t records, previous_boot, invalid, dropped;
	int64_t hooks;			/* LASTGASP_HOOK_* bits */
	int64_t log_bytes;
	int64_t events_group;		/* enum lastgasp_events_group, -1 unknown */
	char boot_id[33];		/* hex, "" unknown */
	bool reinitialised;
};

/*
 * Connect and resolve the family.  NULL after printing why; *@err is then
 * -ENOENT (module not loaded) or another negative errno.
 */
struct lg_nl *lg_nl_open(int *err);
void lg_nl_close(struct lg_nl *nl);

int lg_nl_get_status(struct lg_nl *nl, struct lg_status *st);

/* Called with each LASTGASP_A_RECORD nest; valid only during the call. */
typedef int (*lg_nl_record_cb)(const struct nlattr *record, void *arg);

/* Every stored record, oldest first (GET_RECORD dump). */
int lg_nl_dump_records(struct lg_nl *nl, lg_nl_record_cb cb, void *arg);
/* One record, whole (GET_RECORD with SEQ). */
int lg_nl_get_record(struct lg_nl *nl, uint64_t seq, lg_nl_record_cb cb,
		     void *arg);
int lg_nl_clear(struct lg_nl *nl, uint64_t seq);

/*
 * Join the "events" multicast group and call @ops->record with (seq, kind)
 * for each NEW_RECORD notification until a callback returns non-zero or an
 * error occurs.  When the socket overflowed (ENOBUFS) and notifications
 * were lost, @ops->resync is called instead, to re-read the record list.
 * Returns 0, -ENODEV after the module was unloaded (said on stderr), or
 * another negative errno.
 */
struct lg_nl_watch_ops {
	int (*record)(uint64_t seq, uint32_t kind, void *arg);
	int (*resync)(void *arg);
};
int lg_nl_watch(const struct lg_nl_watch_ops *ops, void *arg);

/*
 * The receive paths without a socket, for tests and fuzzing: @buf holds
 * netlink messages as a recvmsg() would return them.  lg_nl_feed_reply()
 * runs the reply handler of a status request (@st, may be NULL) or record
 * dump (@cb) and returns the request's error; lg_nl_feed_watch() runs the
 * notification handler of `watch` for lastgasp family id @family and
 * returns -ENODEV when the buffer announced the module's unloading.
 */
int lg_nl_feed_reply(const void *buf, size_t len, lg_nl_record_cb cb,
		     void *arg, struct lg_status *st);
int lg_nl_feed_watch(const void *buf, size_t len, int family,
		     const struct lg_nl_watch_ops *ops, void *arg);

#endif /* LG_NETLINK_H */
