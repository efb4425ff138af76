// SPDX-License-Identifier: GPL-2.0
/* libmnl transport for nltool: resolve the family, send, collect errors. */
#include "nl.h"

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "uapi/linux/lastgasp.h"

size_t lg_nl_recv_size = 256 * 1024;

struct mcast_grp {
	const char *name;
	uint32_t id;
};

static int grp_attr_cb(const struct nlattr *attr, void *data)
{
	struct mcast_grp *g = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		g->name = mnl_attr_get_str(attr);
	if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		g->id = mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

static void parse_groups(const struct nlattr *groups, struct lg_nl *nl)
{
	const struct nlattr *g;

	mnl_attr_for_each_nested(g, groups) {
		struct mcast_grp one = { NULL, 0 };

		mnl_attr_parse_nested(g, grp_attr_cb, &one);
		if (one.name && !strcmp(one.name, LASTGASP_MCGRP_EVENTS))
			nl->events_group = one.id;
	}
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct lg_nl *nl = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		nl->family = mnl_attr_get_u16(attr);
	if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GROUPS &&
	    mnl_attr_validate(attr, MNL_TYPE_NESTED) >= 0)
		parse_groups(attr, nl);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
}

struct err_ctx {
	struct lg_reply *reply;
};

static int extack_attr_cb(const struct nlattr *attr, void *data)
{
	struct lg_reply *r = data;

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
			snprintf(r->msg, sizeof(r->msg), "%s", mnl_attr_get_str(attr));
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			r->offs = (int32_t)mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

/* NLMSG_ERROR and NLMSG_DONE: the errno, then the extack attributes. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct lg_reply *r = data;
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t off = sizeof(*err);

	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
			r->error = *(const int *)err;
		off = sizeof(int);
	} else {
		if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err))
			return MNL_CB_ERROR;
		r->error = err->error;
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	}
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    mnl_nlmsg_get_payload_len(nlh) >= off)
		mnl_attr_parse(nlh, off, extack_attr_cb, r);
	return MNL_CB_STOP;
}

struct run_ctx {
	lg_msg_cb cb;
	void *data;
	struct lg_reply *reply;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct run_ctx *c = data;

	c->reply->messages++;
	return c->cb ? c->cb(nlh, c->data) : MNL_CB_OK;
}

static int ctl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct run_ctx *c = data;

	if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE)
		return error_cb(nlh, c->reply);
	return MNL_CB_OK;
}

struct nlmsghdr *lg_nl_msg(struct lg_nl *nl, char *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = LASTGASP_GENL_VERSION;
	return nlh;
}

int lg_nl_run(struct lg_nl *nl, struct nlmsghdr *nlh, lg_msg_cb cb, void *data,
	      struct lg_reply *reply)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { 0 };
	struct run_ctx c = { cb, data, reply };
	unsigned int portid = mnl_socket_get_portid(nl->sock);
	int ret;

	memset(reply, 0, sizeof(*reply));
	reply->offs = -1;
	ctl[NLMSG_ERROR] = ctl_cb;
	ctl[NLMSG_DONE] = ctl_cb;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (ret < 0)
			return -errno;
		ret = mnl_cb_run2(nl->buf, ret, nlh->nlmsg_seq, portid, data_cb, &c,
				  ctl, NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	return ret == MNL_CB_ERROR ? -EPROTO : 0;
}

int lg_nl_open(struct lg_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct lg_reply r;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->seq = (uint32_t)time(NULL);
	nl->buf_size = lg_nl_recv_size;
	nl->buf = malloc(nl->buf_size);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->buf || !nl->sock)
		goto fail;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));

	nl->family = GENL_ID_CTRL;
	nlh = lg_nl_msg(nl, buf, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, LASTGASP_GENL_NAME);
	nl->family = 0;
	err = lg_nl_run(nl, nlh, family_cb, nl, &r);
	if (err || r.error || !nl->family) {
		errno = r.error ? -r.error : ENOENT;
		goto fail;
	}
	return 0;
fail:
	err = -errno;
	lg_nl_close(nl);
	return err ? err : -EIO;
}

void lg_nl_close(struct lg_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

int lg_nl_monitor(struct lg_nl *nl, int timeout_s)
{
	struct timeval tv = { .tv_sec = timeout_s };
	int fd = mnl_socket_get_fd(nl->sock), grp = (int)nl->events_group, ret;
	const struct nlmsghdr *nlh;

	if (!grp || mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp,
					  sizeof(grp)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -errno ? -errno : -ENOENT;
	for (;;) {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (ret < 0)
			return -errno;
		for (nlh = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(nlh, ret);
		     nlh = mnl_nlmsg_next(nlh, &ret)) {
			const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
			const struct nlattr *a;
			uint64_t seq = 0;
			uint32_t kind = 0;

			if (nlh->nlmsg_type != nl->family ||
			    g->cmd != LASTGASP_CMD_NEW_RECORD)
				continue;
			mnl_attr_for_each(a, nlh, sizeof(*g)) {
				if (mnl_attr_get_type(a) == LASTGASP_A_SEQ &&
				    mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
					seq = mnl_attr_get_u64(a);
				if (mnl_attr_get_type(a) == LASTGASP_A_KIND &&
				    mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
					kind = mnl_attr_get_u32(a);
			}
			printf("new_record seq %llu kind %u\n", (unsigned long long)seq, kind);
			return 0;
		}
	}
}
