/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny generic netlink client on libmnl for the lastgasp family, which
 * reports the kernel's errno AND its extack message and offset, so the
 * tests can assert exactly how a request was rejected.
 */
#ifndef LG_NLTOOL_NL_H
#define LG_NLTOOL_NL_H

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stdint.h>

struct lg_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t events_group;		/* multicast group id of "events", 0 if none */
	uint32_t seq;
	char *buf;			/* receive buffer, big enough for any record */
	size_t buf_size;
};

/* The outcome of one request. */
struct lg_reply {
	int error;			/* 0 or a negative errno from the kernel */
	char msg[256];			/* extack message, "" if none */
	int32_t offs;			/* extack offset into the request, -1 if none */
	int messages;			/* data messages handed to the callback */
};

/* Called for each data message; return MNL_CB_OK to go on. */
typedef int (*lg_msg_cb)(const struct nlmsghdr *nlh, void *data);

/* Receive buffer of sockets opened from now on (default 256 KiB). */
extern size_t lg_nl_recv_size;

int lg_nl_open(struct lg_nl *nl);
void lg_nl_close(struct lg_nl *nl);

/* Start a request; add attributes to the returned message, then run it. */
struct nlmsghdr *lg_nl_msg(struct lg_nl *nl, char *buf, uint8_t cmd, uint16_t flags);
int lg_nl_run(struct lg_nl *nl, struct nlmsghdr *nlh, lg_msg_cb cb, void *data,
	      struct lg_reply *reply);

/* Wait up to @timeout_s for one NEW_RECORD notification and print it. */
int lg_nl_monitor(struct lg_nl *nl, int timeout_s);

#endif
