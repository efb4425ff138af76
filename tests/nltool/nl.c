// SPDX-License-Identifier: GPL-2.0
/* libmnl transport for nltool: resolve the family, send, collect errors. */
#include "nl.h"

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "uapi/linux/lastgasp.h"

#define LG_RECV_SIZE	(256 * 1024)

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	uint16_t *id = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
		*id = mnl_attr_get_u16(attr);
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
	nl->buf_size = LG_RECV_SIZE;
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
	err = lg_nl_run(nl, nlh, family_cb, &nl->family, &r);
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
