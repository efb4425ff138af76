// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink client for lastgasp.ko.  The socket asks for extended
 * ACKs (NETLINK_EXT_ACK) so that a rejection comes with the kernel's own
 * explanation, and capped ACKs (NETLINK_CAP_ACK) so errors do not echo the
 * request back.  Replies are parsed by policy with the highest attribute
 * this reporter knows: newer kernels may add attributes, which are skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/lastgasp.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include "netlink.h"
#include "text_safe.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Records carry a log tail: allow messages far above one page. */
#define RECV_BUF (1 << 20)

struct lg_nl {
	struct nl_sock *sk;
	int family;
};

/* State of one request: its reply handler and how it ended. */
struct req {
	lg_nl_record_cb record_cb;
	void *record_arg;
	struct lg_status *status;
	int err;		/* negative errno from the kernel or the cb */
	bool done;
	char extack[256];
	int32_t bad_offset;	/* NLMSGERR_ATTR_OFFS, -1 when absent */
};

static const char *const not_loaded =
	"lastgasp: the lastgasp kernel module is not loaded (modprobe lastgasp)\n";
static const char *const needs_root =
	"lastgasp: reading crash records needs root (CAP_NET_ADMIN and CAP_SYSLOG)\n";

static void report_error(const char *what, const struct req *rq, int err)
{
	if (err == -EPERM || err == -EACCES) {
		fputs(needs_root, stderr);
		return;
	}
	fprintf(stderr, "lastgasp: %s: ", what);
	if (rq && rq->extack[0])
		fprintf(stderr, "%s: ", rq->extack);
	fputs(strerror(-err), stderr);
	if (rq && rq->bad_offset >= 0)
		fprintf(stderr, " (offending attribute at byte %d of the request)",
			rq->bad_offset);
	fputc('\n', stderr);
}

static struct nl_sock *connect_sock(int *err)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, fd;

	if (!sk) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = genl_connect(sk);
	if (*err < 0) {
		*err = -EIO;
		nl_socket_free(sk);
		return NULL;
	}
	fd = nl_socket_get_fd(sk);
	/* Older kernels lack these; the client still works without them. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_enable_msg_peek(sk);
	nl_socket_set_msg_buf_size(sk, RECV_BUF);
	return sk;
}

struct lg_nl *lg_nl_open(int *err)
{
	struct lg_nl *nl = calloc(1, sizeof(*nl));

	if (!nl) {
		*err = -ENOMEM;
		fprintf(stderr, "lastgasp: %s\n", strerror(ENOMEM));
		return NULL;
	}
	nl->sk = connect_sock(err);
	if (!nl->sk) {
		fprintf(stderr, "lastgasp: cannot open a generic netlink socket: %s\n",
			strerror(-*err));
		free(nl);
		return NULL;
	}
	nl->family = genl_ctrl_resolve(nl->sk, LASTGASP_GENL_NAME);
	if (nl->family < 0) {
		*err = -ENOENT;
		fputs(not_loaded, stderr);
		lg_nl_close(nl);
		return NULL;
	}
	*err = 0;
	return nl;
}

void lg_nl_close(struct lg_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

/* Read the extended ACK TLVs that follow struct nlmsgerr. */
static void parse_extack(const struct nlmsgerr *e, struct req *rq)
{
	const struct nlmsghdr *hdr =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e), have;
	int len;

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    hdr->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return;
	have = hdr->nlmsg_len - NLMSG_HDRLEN;
	/* The echoed request's length is the sender's word: check it. */
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len - NLMSG_HDRLEN > have - off)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	if (off >= have)
		return;
	len = (int)(have - off);
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)e + off), len, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
		snprintf(rq->extack, sizeof(rq->extack), "%.*s",
			 nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	}
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		rq->bad_offset = (int32_t)nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct req *rq = arg;

	(void)who;
	rq->err = e->error;
	rq->done = true;
	parse_extack(e, rq);
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct req *rq = arg;

	(void)msg;
	rq->done = true;
	return NL_STOP;
}

static struct nla_policy status_policy[LASTGASP_S_MAX + 1] = {
	[LASTGASP_S_VERSION] = { .type = NLA_STRING },
	[LASTGASP_S_BACKEND] = { .type = NLA_U32 },
	[LASTGASP_S_REGION_ADDR] = { .type = NLA_U64 },
	[LASTGASP_S_REGION_SIZE] = { .type = NLA_U64 },
	[LASTGASP_S_USED_BYTES] = { .type = NLA_U64 },
	[LASTGASP_S_RECORDS] = { .type = NLA_U32 },
	[LASTGASP_S_PREVIOUS_BOOT] = { .type = NLA_U32 },
	[LASTGASP_S_INVALID] = { .type = NLA_U32 },
	[LASTGASP_S_DROPPED] = { .type = NLA_U32 },
	[LASTGASP_S_HOOKS] = { .type = NLA_U32 },
	[LASTGASP_S_BOOT_ID] = { .type = NLA_UNSPEC, .minlen = 16 },
	[LASTGASP_S_REINITIALISED] = { .type = NLA_FLAG },
	[LASTGASP_S_LOG_BYTES] = { .type = NLA_U32 },
	[LASTGASP_S_EVENTS_GROUP] = { .type = NLA_U32 },
};

static int64_t u32_or(struct nlattr *a)
{
	return a ? (int64_t)nla_get_u32(a) : -1;
}

static int fill_status(struct nlattr *nest, struct lg_status *st)
{
	struct nlattr *tb[LASTGASP_S_MAX + 1];
	const unsigned char *id;
	int err = nla_parse_nested(tb, LASTGASP_S_MAX, nest, status_policy);

	if (err < 0)
		return -EPROTO;
	if (tb[LASTGASP_S_VERSION]) {
		const char *v = nla_get_string(tb[LASTGASP_S_VERSION]);
		/* Printed in JSON: valid UTF-8, and short enough to fit whole. */
		char *safe = lg_text_safe(v, strlen(v), 16);

		snprintf(st->version, sizeof(st->version), "%s", safe ? safe : "");
		free(safe);
	}
	st->backend = u32_or(tb[LASTGASP_S_BACKEND]);
	if (tb[LASTGASP_S_REGION_ADDR])
		st->region_addr = nla_get_u64(tb[LASTGASP_S_REGION_ADDR]);
	if (tb[LASTGASP_S_REGION_SIZE])
		st->region_size = nla_get_u64(tb[LASTGASP_S_REGION_SIZE]);
	st->used_bytes = tb[LASTGASP_S_USED_BYTES] ?
		(int64_t)nla_get_u64(tb[LASTGASP_S_USED_BYTES]) : -1;
	st->records = u32_or(tb[LASTGASP_S_RECORDS]);
	st->previous_boot = u32_or(tb[LASTGASP_S_PREVIOUS_BOOT]);
	st->invalid = u32_or(tb[LASTGASP_S_INVALID]);
	st->dropped = u32_or(tb[LASTGASP_S_DROPPED]);
	st->hooks = u32_or(tb[LASTGASP_S_HOOKS]);
	st->log_bytes = u32_or(tb[LASTGASP_S_LOG_BYTES]);
	st->events_group = u32_or(tb[LASTGASP_S_EVENTS_GROUP]);
	st->reinitialised = tb[LASTGASP_S_REINITIALISED] != NULL;
	if (tb[LASTGASP_S_BOOT_ID]) {
		id = nla_data(tb[LASTGASP_S_BOOT_ID]);
		for (int i = 0; i < 16; i++)
			snprintf(st->boot_id + 2 * i, 3, "%02x", id[i]);
	}
	return 0;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *rq = arg;
	struct nlattr *tb[LASTGASP_A_MAX + 1];
	int err;

	/* No policy here: only the nests are used, and checked below. */
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, LASTGASP_A_MAX, NULL) < 0)
		return NL_SKIP;
	if (rq->status && tb[LASTGASP_A_STATUS]) {
		err = fill_status(tb[LASTGASP_A_STATUS], rq->status);
		if (err)
			rq->err = err;
	}
	if (rq->record_cb && tb[LASTGASP_A_RECORD] && !rq->err) {
		err = rq->record_cb(tb[LASTGASP_A_RECORD], rq->record_arg);
		if (err) {
			rq->err = err;
			return NL_STOP;
		}
	}
	return NL_OK;
}

/* Send @msg (consumed) and process replies until ACK, DONE or error. */
static int transact(struct lg_nl *nl, struct nl_msg *msg, struct req *rq)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	rq->bad_offset = -1;
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, rq);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, rq);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_finish, rq);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, rq);
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (err < 0) {
		nl_cb_put(cb);
		return -EIO;
	}
	while (!rq->done && !rq->err) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err < 0 && !rq->err)
			rq->err = -EIO;
	}
	nl_cb_put(cb);
	return rq->err;
}

static struct nl_msg *new_request(struct lg_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 flags, cmd, LASTGASP_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int lg_nl_get_status(struct lg_nl *nl, struct lg_status *st)
{
	struct nl_msg *msg = new_request(nl, LASTGASP_CMD_GET_STATUS, 0);
	struct req rq = { .status = st };
	int err;

	memset(st, 0, sizeof(*st));
	st->backend = st->used_bytes = st->records = st->previous_boot = -1;
	st->invalid = st->dropped = st->hooks = st->log_bytes = -1;
	st->events_group = -1;
	if (!msg)
		return -ENOMEM;
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	err = transact(nl, msg, &rq);
	if (err)
		report_error("reading the module status", &rq, err);
	return err;
}

int lg_nl_dump_records(struct lg_nl *nl, lg_nl_record_cb cb, void *arg)
{
	struct nl_msg *msg = new_request(nl, LASTGASP_CMD_GET_RECORD, NLM_F_DUMP);
	struct req rq = { .record_cb = cb, .record_arg = arg };
	int err;

	if (!msg)
		return -ENOMEM;
	err = transact(nl, msg, &rq);
	if (err)
		report_error("reading crash records", &rq, err);
	return err;
}

/* One acknowledged request naming a record by LASTGASP_A_SEQ. */
static int seq_request(struct lg_nl *nl, uint8_t cmd, uint64_t seq,
		       struct req *rq, const char *verb)
{
	struct nl_msg *msg = new_request(nl, cmd, 0);
	char what[64];
	int err;

	if (!msg)
		return -ENOMEM;
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	if (nla_put_u64(msg, LASTGASP_A_SEQ, seq) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = transact(nl, msg, rq);
	if (err) {
		snprintf(what, sizeof(what), "%s record %llu", verb,
			 (unsigned long long)seq);
		report_error(what, rq, err);
	}
	return err;
}

int lg_nl_get_record(struct lg_nl *nl, uint64_t seq, lg_nl_record_cb cb,
		     void *arg)
{
	struct req rq = { .record_cb = cb, .record_arg = arg };

	return seq_request(nl, LASTGASP_CMD_GET_RECORD, seq, &rq, "reading");
}

int lg_nl_clear(struct lg_nl *nl, uint64_t seq)
{
	struct req rq = { 0 };

	return seq_request(nl, LASTGASP_CMD_CLEAR, seq, &rq, "clearing");
}

struct watch {
	const struct lg_nl_watch_ops *ops;
	void *arg;
	int family;		/* lastgasp's id, to tell its messages apart */
	int stop;
	bool unloaded;
};

/* nlctrl's attributes as we use them: lengths checked, the name terminated. */
static struct nla_policy ctrl_policy[CTRL_ATTR_MAX + 1] = {
	[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
	[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_STRING, .maxlen = GENL_NAMSIZ },
};

/* nlctrl announces a family going away: the module was unloaded. */
static void on_ctrl(struct nl_msg *msg, struct watch *w)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0) ||
	    genlmsg_hdr(nlmsg_hdr(msg))->cmd != CTRL_CMD_DELFAMILY ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, ctrl_policy) < 0)
		return;
	if ((tb[CTRL_ATTR_FAMILY_NAME] &&
	     !nla_strcmp(tb[CTRL_ATTR_FAMILY_NAME], LASTGASP_GENL_NAME)) ||
	    (tb[CTRL_ATTR_FAMILY_ID] &&
	     nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]) == w->family)) {
		w->unloaded = true;
		w->stop = 1;
	}
}

static int on_notify(struct nl_msg *msg, void *arg)
{
	struct nla_policy pol[LASTGASP_A_MAX + 1] = {
		[LASTGASP_A_SEQ] = { .type = NLA_U64 },
		[LASTGASP_A_KIND] = { .type = NLA_U32 },
	};
	struct nlattr *tb[LASTGASP_A_MAX + 1];
	struct watch *w = arg;

	if (nlmsg_hdr(msg)->nlmsg_type == GENL_ID_CTRL) {
		on_ctrl(msg, w);
		return w->stop ? NL_STOP : NL_OK;
	}
	if (nlmsg_hdr(msg)->nlmsg_type != w->family ||
	    !genlmsg_valid_hdr(nlmsg_hdr(msg), 0) ||
	    genlmsg_hdr(nlmsg_hdr(msg))->cmd != LASTGASP_CMD_NEW_RECORD ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, LASTGASP_A_MAX, pol) < 0 ||
	    !tb[LASTGASP_A_SEQ])
		return NL_SKIP;
	w->stop = w->ops->record(nla_get_u64(tb[LASTGASP_A_SEQ]),
				 tb[LASTGASP_A_KIND] ?
				 nla_get_u32(tb[LASTGASP_A_KIND]) : 0, w->arg);
	return w->stop ? NL_STOP : NL_OK;
}

/* Join lastgasp's events group and nlctrl's notify group. */
static int join_groups(struct nl_sock *sk, struct watch *w)
{
	int grp, ctrl, err;

	w->family = genl_ctrl_resolve(sk, LASTGASP_GENL_NAME);
	grp = genl_ctrl_resolve_grp(sk, LASTGASP_GENL_NAME, LASTGASP_MCGRP_EVENTS);
	if (grp < 0) {
		fputs(w->family >= 0 ?
		      "lastgasp: this lastgasp module has no event group\n" :
		      not_loaded, stderr);
		return -ENOENT;
	}
	/* Without it an unload goes unnoticed; events still arrive. */
	ctrl = genl_ctrl_resolve_grp(sk, "nlctrl", "notify");
	err = nl_socket_add_membership(sk, grp);
	if (!err && ctrl >= 0)
		err = nl_socket_add_membership(sk, ctrl);
	if (err < 0) {
		err = err == -NLE_PERM ? -EPERM : -EIO;
		report_error("joining the event group", NULL, err);
	}
	return err;
}

int lg_nl_watch(const struct lg_nl_watch_ops *ops, void *arg)
{
	struct watch w = { .ops = ops, .arg = arg };
	struct nl_sock *sk;
	int err;

	sk = connect_sock(&err);
	if (!sk) {
		fprintf(stderr, "lastgasp: cannot open a generic netlink socket\n");
		return err;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_notify, &w);
	err = join_groups(sk, &w);
	while (!err && !w.stop) {
		err = nl_recvmsgs_default(sk);
		if (err == -NLE_NOMEM && ops->resync) {
			/* ENOBUFS: the socket overflowed, notifications
			 * were lost; the record list says which. */
			err = 0;
			w.stop = ops->resync(arg);
		} else if (err < 0) {
			report_error("waiting for events", NULL, -EIO);
			err = -EIO;
		} else {
			err = 0;
		}
	}
	nl_socket_free(sk);
	if (!err && w.unloaded) {
		fputs("lastgasp: the lastgasp kernel module was unloaded; no more records will come\n",
		      stderr);
		return -ENODEV;
	}
	return err < 0 ? err : 0;
}

/*
 * A receive buffer, message by message, as the socket path hands it to the
 * callbacks above (tests and fuzzing feed bytes through here).
 */
static void feed(const void *buf, size_t len,
		 int (*valid)(struct nl_msg *, void *), void *arg,
		 struct req *rq)
{
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int rem = len > INT32_MAX ? INT32_MAX : (int)len;

	for (; nlmsg_ok(h, rem); h = nlmsg_next(h, &rem)) {
		struct nl_msg *msg;
		int rc = NL_OK;

		if (h->nlmsg_type == NLMSG_DONE && rq) {
			rq->done = true;
			break;
		}
		if (h->nlmsg_type == NLMSG_NOOP || h->nlmsg_type == NLMSG_OVERRUN)
			continue;
		msg = nlmsg_convert(h);
		if (!msg)
			break;
		if (h->nlmsg_type == NLMSG_ERROR && rq) {
			/* libnl hands on only an error that holds struct nlmsgerr. */
			if (h->nlmsg_len >= (uint32_t)nlmsg_size(sizeof(struct nlmsgerr)))
				rc = on_error(NULL, nlmsg_data(nlmsg_hdr(msg)), rq);
		} else {
			rc = valid(msg, arg);
		}
		nlmsg_free(msg);
		if (rc == NL_STOP)
			break;
	}
}

int lg_nl_feed_reply(const void *buf, size_t len, lg_nl_record_cb cb,
		     void *arg, struct lg_status *st)
{
	struct req rq = { .record_cb = cb, .record_arg = arg, .status = st,
			  .bad_offset = -1 };

	feed(buf, len, on_valid, &rq, &rq);
	return rq.err;
}

int lg_nl_feed_watch(const void *buf, size_t len, int family,
		     const struct lg_nl_watch_ops *ops, void *arg)
{
	struct watch w = { .ops = ops, .arg = arg, .family = family };

	feed(buf, len, on_notify, &w, NULL);
	return w.unloaded ? -ENODEV : 0;
}
