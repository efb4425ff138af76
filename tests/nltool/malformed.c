// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed and unprivileged requests against the live lastgasp family.
 * Each test asserts the errno and the extack the kernel answers with (the
 * message text for the module's own checks, and the offset of the
 * offending attribute where the kernel names one), and prints a TAP line.
 */
#include "nltool.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uapi/linux/lastgasp.h"

#define ANY_MSG		((const char *)1)	/* some extack text, any */
#define NO_OFFS		(-2)			/* offset not checked */
#define ATTR_OR_NONE	(-3)	/* the marked attribute, or no offset at all */

struct expect {
	int error;		/* 0 or negative errno; ERANGE_OR_EINVAL below */
	const char *msg;	/* substring; ANY_MSG; NULL: not checked */
	int offs;		/* expected extack offset, NO_OFFS: not checked */
};

#define ERANGE_OR_EINVAL 1	/* policy errors differ between kernels */

static int test_no;
static int failures;

static void tap(bool ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tap(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d %s\n", ok ? "" : "not ", ++test_no, name);
	if (!ok) {
		failures++;
		printf("# ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	fflush(stdout);
}

static bool error_matches(int want, int got)
{
	if (want == ERANGE_OR_EINVAL)
		return got == -EINVAL || got == -ERANGE;
	return want == got;
}

/* @offs_optional: a kernel may leave the offset out. */
static void check(const char *name, int run, const struct lg_reply *r,
		  const struct expect *e, bool offs_optional)
{
	bool ok = !run && error_matches(e->error, r->error);

	if (ok && e->msg == ANY_MSG)
		ok = r->msg[0] != '\0';
	else if (ok && e->msg)
		ok = strstr(r->msg, e->msg) != NULL;
	if (ok && e->offs != NO_OFFS)
		ok = r->offs == e->offs || (offs_optional && r->offs == -1);
	tap(ok, name, "transport %d, error %d (%s), extack \"%s\" at %d; wanted error %d, \"%s\" at %d",
	    run, r->error, strerror(-r->error), r->msg, r->offs, e->error,
	    e->msg == ANY_MSG ? "(any)" : e->msg ? e->msg : "", e->offs);
}

/* Offset the next attribute put into @nlh will have. */
static int next_offs(const struct nlmsghdr *nlh)
{
	return (int)nlh->nlmsg_len;
}

/* LASTGASP_S_EVENTS_GROUP of a status reply, into *(uint32_t *)data. */
static int events_group_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a, *s;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != LASTGASP_A_STATUS)
			continue;
		mnl_attr_for_each_nested(s, a)
			if (mnl_attr_get_type(s) == LASTGASP_S_EVENTS_GROUP &&
			    mnl_attr_validate(s, MNL_TYPE_U32) >= 0)
				*(uint32_t *)data = mnl_attr_get_u32(s);
	}
	return MNL_CB_OK;
}

/* Returns who may listen to the events group, as status says. */
static uint32_t t_status_ok(struct lg_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_STATUS, 0);
	uint32_t group = LASTGASP_EVENTS_GROUP_UNKNOWN;
	struct lg_reply r;
	int run = lg_nl_run(nl, nlh, events_group_cb, &group, &r);

	tap(!run && !r.error && r.messages == 1, "status is answered",
	    "transport %d, error %d, %d messages", run, r.error, r.messages);
	return group;
}

/*
 * The events group exists exactly when status says the kernel restricts its
 * listeners (to CAP_NET_ADMIN + CAP_SYS_ADMIN, or CAP_SYS_ADMIN alone).
 * Returns whether there is one.
 */
static bool t_events_group(const struct lg_nl *nl, uint32_t said)
{
	switch (said) {
	case LASTGASP_EVENTS_GROUP_ADMIN:
	case LASTGASP_EVENTS_GROUP_SYS_ADMIN:
		tap(nl->events_group != 0, "the events multicast group is registered",
		    "status says %u (listeners restricted), but the family has no group \""
		    LASTGASP_MCGRP_EVENTS "\"", said);
		return true;
	case LASTGASP_EVENTS_GROUP_NONE:
		tap(nl->events_group == 0,
		    "no events group where status says the kernel cannot restrict it",
		    "status says none, but the family has group \"" LASTGASP_MCGRP_EVENTS
		    "\" (id %u)", nl->events_group);
		return false;
	default:
		tap(false, "status says who may listen to the events group",
		    "LASTGASP_S_EVENTS_GROUP is %u", said);
		return nl->events_group != 0;
	}
}

static void t_dump_ok(struct lg_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = lg_nl_msg(nl, buf, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	struct lg_reply r;
	int run = lg_nl_run(nl, nlh, NULL, NULL, &r);

	tap(!run && !r.error, "record dump completes",
	    "transport %d, error %d", run, r.error);
}

static void t_one(struct lg_nl *nl, const char *name, uint8_t cmd, uint16_t flags,
		  void (*fill)(struct nlmsghdr *, int *), struct expect e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = lg_nl_msg(nl, buf, cmd, flags);
	struct lg_reply r;
	int offs = NO_OFFS;
	bool optional = e.offs == ATTR_OR_NONE;

	if (fill)
		fill(nlh, &offs);
	if (e.offs == 0 || optional)	/* the attribute fill() marked */
		e.offs = offs;
	check(name, lg_nl_run(nl, nlh, NULL, NULL, &r), &r, &e, optional);
}

static void f_unknown_type(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u32(nlh, 200, 1);
}

static void f_beyond_max(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u32(nlh, LASTGASP_A_MAX + 1, 1);
}

static void f_seq(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, 1);
}

static void f_seq_short(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u32(nlh, LASTGASP_A_SEQ, 1);
}

static void f_seq_unknown(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, UINT64_MAX);
}

static void f_seq_and_all(struct nlmsghdr *nlh, int *offs)
{
	mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, UINT64_MAX);
	*offs = next_offs(nlh);
	mnl_attr_put(nlh, LASTGASP_A_ALL, 0, NULL);
}

static void f_all_with_payload(struct nlmsghdr *nlh, int *offs)
{
	*offs = next_offs(nlh);
	mnl_attr_put_u32(nlh, LASTGASP_A_ALL, 1);
}

static void f_reserved(struct nlmsghdr *nlh, int *offs)
{
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	g->reserved = 1;
	*offs = NO_OFFS;
}

/* Two bytes after the header that are no attribute (nor room for one). */
static void f_trailing(struct nlmsghdr *nlh, int *offs)
{
	uint8_t *end = (uint8_t *)nlh + nlh->nlmsg_len;

	end[0] = 0xff;
	end[1] = 0xff;
	nlh->nlmsg_len += 2;
	*offs = NO_OFFS;
}

static void t_policy(struct lg_nl *nl)
{
	t_one(nl, "status rejects an unknown attribute", LASTGASP_CMD_GET_STATUS, 0,
	      f_unknown_type, (struct expect){ -EINVAL, ANY_MSG, 0 });
	t_one(nl, "status rejects a known attribute it does not take",
	      LASTGASP_CMD_GET_STATUS, 0, f_seq, (struct expect){ -EINVAL, ANY_MSG, 0 });
	t_one(nl, "status rejects trailing bytes that are no attribute",
	      LASTGASP_CMD_GET_STATUS, 0, f_trailing,
	      (struct expect){ -EINVAL, ANY_MSG, NO_OFFS });
	t_one(nl, "get rejects an attribute type beyond the maximum",
	      LASTGASP_CMD_GET_RECORD, 0, f_beyond_max,
	      (struct expect){ -EINVAL, ANY_MSG, 0 });
	t_one(nl, "get rejects a SEQ of the wrong length", LASTGASP_CMD_GET_RECORD, 0,
	      f_seq_short, (struct expect){ ERANGE_OR_EINVAL, ANY_MSG, 0 });
	t_one(nl, "get without SEQ is rejected", LASTGASP_CMD_GET_RECORD, 0, NULL,
	      (struct expect){ -EINVAL, "LASTGASP_A_SEQ", NO_OFFS });
	t_one(nl, "get of an unknown SEQ is ENOENT", LASTGASP_CMD_GET_RECORD, 0,
	      f_seq_unknown, (struct expect){ -ENOENT, "no record", 0 });
	t_one(nl, "dump rejects a SEQ of the wrong length", LASTGASP_CMD_GET_RECORD,
	      NLM_F_DUMP, f_seq_short, (struct expect){ ERANGE_OR_EINVAL, ANY_MSG, 0 });
	/* 6.1 reports no offset for errors from inside a dump */
	t_one(nl, "dump rejects a SEQ (only get takes one)", LASTGASP_CMD_GET_RECORD,
	      NLM_F_DUMP, f_seq, (struct expect){ -EINVAL, "without NLM_F_DUMP", ATTR_OR_NONE });
	t_one(nl, "clear with SEQ and ALL is rejected", LASTGASP_CMD_CLEAR, 0,
	      f_seq_and_all, (struct expect){ -EINVAL, "exclusive", 0 });
	t_one(nl, "clear with neither SEQ nor ALL is rejected", LASTGASP_CMD_CLEAR, 0,
	      NULL, (struct expect){ -EINVAL, "required", NO_OFFS });
	t_one(nl, "clear of an unknown SEQ is ENOENT", LASTGASP_CMD_CLEAR, 0,
	      f_seq_unknown, (struct expect){ -ENOENT, "no record", 0 });
	t_one(nl, "clear rejects ALL with a payload", LASTGASP_CMD_CLEAR, 0,
	      f_all_with_payload, (struct expect){ ERANGE_OR_EINVAL, ANY_MSG, 0 });
	t_one(nl, "clear rejects an unknown attribute", LASTGASP_CMD_CLEAR, 0,
	      f_unknown_type, (struct expect){ -EINVAL, ANY_MSG, 0 });
	t_one(nl, "a non-zero reserved header field is rejected",
	      LASTGASP_CMD_GET_STATUS, 0, f_reserved,
	      (struct expect){ -EINVAL, ANY_MSG, NO_OFFS });
	t_one(nl, "reserved nlmsg flags are rejected", LASTGASP_CMD_GET_STATUS,
	      NLM_F_REPLACE, NULL, (struct expect){ -EINVAL, ANY_MSG, NO_OFFS });
	t_one(nl, "an unknown command is EOPNOTSUPP", 200, 0, NULL,
	      (struct expect){ -EOPNOTSUPP, NULL, NO_OFFS });
}

/*
 * Records are served to admins holding CAP_SYSLOG too (they hold kernel
 * addresses and the kernel log), and where the kernel can restrict
 * multicast listeners (status says so) even "record N exists" is.  A child
 * gives up its privileges, then every op must be refused with EPERM.
 */
enum lg_as {
	AS_ROOT,		/* keeps every capability */
	AS_NOBODY,		/* uid/gid 65534 */
	AS_NET_ADMIN_ONLY,	/* uid 0 with CAP_NET_ADMIN alone */
};

static int drop_to(enum lg_as as)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3] = { 0 };

	switch (as) {
	case AS_NOBODY:
		return setgid(65534) || setuid(65534) ? -1 : 0;
	case AS_NET_ADMIN_ONLY:
		d[CAP_TO_INDEX(CAP_NET_ADMIN)].effective = CAP_TO_MASK(CAP_NET_ADMIN);
		d[CAP_TO_INDEX(CAP_NET_ADMIN)].permitted = CAP_TO_MASK(CAP_NET_ADMIN);
		return syscall(SYS_capset, &h, d) ? -1 : 0;
	default:
		return 0;
	}
}

/* Child: 0 when joining the events group gives the expected result. */
static int join_as(enum lg_as as)
{
	struct lg_nl nl;
	int grp, ret;

	if (drop_to(as))
		return 2;
	if (lg_nl_open(&nl))
		return 3;
	grp = (int)nl.events_group;
	ret = mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp));
	lg_nl_close(&nl);
	if (as == AS_ROOT)
		return grp && ret == 0 ? 0 : 1;
	return ret < 0 && errno == EPERM ? 0 : 1;
}

/* Child: 0 when the op is refused with EPERM. */
static int request_as(enum lg_as as, uint8_t cmd, uint16_t flags, bool all, bool seq)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct lg_nl nl;
	struct lg_reply r;
	struct nlmsghdr *nlh;
	int run;

	if (drop_to(as))
		return 2;
	if (lg_nl_open(&nl))
		return 3;
	nlh = lg_nl_msg(&nl, buf, cmd, flags);
	if (all)
		mnl_attr_put(nlh, LASTGASP_A_ALL, 0, NULL);
	if (seq)
		mnl_attr_put_u64(nlh, LASTGASP_A_SEQ, 1);
	run = lg_nl_run(&nl, nlh, NULL, NULL, &r);
	lg_nl_close(&nl);
	return !run && r.error == -EPERM ? 0 : 1;
}

static void t_child(const char *name, enum lg_as as, uint8_t cmd, uint16_t flags,
		    bool all, bool seq)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(cmd ? request_as(as, cmd, flags, all, seq) : join_as(as));
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		tap(false, name, "fork/wait failed: %s", strerror(errno));
		return;
	}
	tap(WIFEXITED(status) && WEXITSTATUS(status) == 0, name,
	    "child status 0x%x (1: not the expected answer, 2: dropping privileges failed, 3: no family)",
	    status);
}

static void t_unprivileged(const char *who, enum lg_as as, bool group)
{
	char name[128];

#define T(what, ...) do { \
		snprintf(name, sizeof(name), "%s as %s is EPERM", what, who); \
		t_child(name, as, __VA_ARGS__); \
	} while (0)
	T("status", LASTGASP_CMD_GET_STATUS, 0, false, false);
	T("dump", LASTGASP_CMD_GET_RECORD, NLM_F_DUMP, false, false);
	T("get", LASTGASP_CMD_GET_RECORD, 0, false, true);
	T("clear", LASTGASP_CMD_CLEAR, 0, true, false);
	if (group)
		T("joining the events group", 0, 0, false, false);
#undef T
}

int lg_malformed(void)
{
	struct lg_nl nl;
	int err = lg_nl_open(&nl);
	bool group;

	if (err) {
		printf("not ok 1 the lastgasp family is registered\n# %s\n", strerror(-err));
		return 1;
	}
	group = t_events_group(&nl, t_status_ok(&nl));
	t_dump_ok(&nl);
	t_policy(&nl);
	if (group)
		t_child("joining the events group as root works", AS_ROOT, 0, 0, false, false);
	t_unprivileged("nobody", AS_NOBODY, group);
	/* CAP_NET_ADMIN alone is refused by both kinds of restriction */
	t_unprivileged("root with CAP_NET_ADMIN but not CAP_SYSLOG", AS_NET_ADMIN_ONLY, group);
	lg_nl_close(&nl);
	printf("1..%d\n", test_no);
	return failures ? 1 : 0;
}
